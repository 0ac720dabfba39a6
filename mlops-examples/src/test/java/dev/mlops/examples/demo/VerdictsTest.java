package dev.mlops.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.monitor.DriftStatus;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.ScaleDrift;
import java.util.List;
import org.junit.jupiter.api.Test;

final class VerdictsTest {

  private static FeatureDrift temp(boolean testFired, boolean scaleFired) {
    ScaleDrift scale = new ScaleDrift(scaleFired ? -0.1376 : -0.05, -0.1209, 0.1186, scaleFired ? 0.0004 : 0.4, 0.00125,
        scaleFired ? DriftStatus.DRIFT : DriftStatus.OK, "calibrated on 19 windows");
    List<String> fired = new java.util.ArrayList<>();
    if (testFired) {
      fired.add("normed_wasserstein");
    }
    if (scaleFired) {
      fired.add(ScaleDrift.KEY);
    }
    return new FeatureDrift("temp", "numeric", "normed_wasserstein", testFired ? 0.25 : 0.12, Double.NaN, 0.162,
        0.12, 0, 10_000, 1_000, fired.isEmpty() ? DriftStatus.OK : DriftStatus.DRIFT, "reason", scale, fired);
  }

  @Test
  void driftedFeature_namesTheScaleCheck_whenItAloneFired_notTheTestsStatisticBelowItsThreshold() {
    assertThat(Verdicts.fired(temp(false, true))).isEqualTo("scale: log sd ratio -0.1376");
    assertThat(Verdicts.fired(temp(true, false))).isEqualTo("normed_wasserstein 0.2500");
    assertThat(Verdicts.fired(temp(true, true)))
        .isEqualTo("normed_wasserstein 0.2500, scale: log sd ratio -0.1376");
  }
}
