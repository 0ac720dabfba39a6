package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code record(double[] values, double[] probabilities, idPrefix, idNumber)}, the endpoint's
 * classifier path without a prediction object or an id string: the same windows, labels and
 * estimate as {@code record(values, Prediction.ofProbabilities(p), idPrefix + idNumber)}.
 */
final class ProbabilityRecordTest {

  private static ReferenceProfile profile;

  private static synchronized ReferenceProfile profile() {
    if (profile == null) {
      profile = ProfileEstimateTest.reference(2, 5_000, 77);
    }
    return profile;
  }

  private static DriftMonitor monitor() {
    return DriftMonitor.builder(profile()).window(Window.tumblingCount(500))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))).build();
  }

  private static double[] model(double[] x) {
    double a = Math.floor(2 * x[0]) / 2 + 0.25;
    double b = Math.floor(2 * x[1]) / 2 + 0.25;
    double q = 1 / (1 + Math.exp(-2 * (2 * a - b)));
    return new double[] {1 - q, q};
  }

  @Test
  void probabilities_recordWhatTheirPredictionRecords() {
    DriftMonitor arrays = monitor();
    DriftMonitor objects = monitor();
    SplittableRandom r = new SplittableRandom(17);
    int rows = 1_700;
    for (int i = 0; i < rows; i++) {
      double[] x = new double[4];
      for (int j = 0; j < 4; j++) {
        x[j] = Fixtures.gaussian(r) + (j == 0 ? 0.5 * i / rows : 0);
      }
      double[] p = model(x);
      objects.record(x, Prediction.ofProbabilities(p), "req-" + i);
      arrays.record(x, p, "req-", i);
      // the array is read during the call only
      p[0] = 0.5;
      p[1] = 0.5;
    }
    for (int i = 0; i < rows; i += 3) {
      assertThat(arrays.recordLabel("req-" + i, i % 2)).isTrue();
      assertThat(objects.recordLabel("req-" + i, i % 2)).isTrue();
    }
    arrays.closeWindow();
    objects.closeWindow();
    List<DriftReport> a = arrays.history();
    List<DriftReport> b = objects.history();
    assertThat(a).hasSize(4);
    assertThat(a).isEqualTo(b);
    assertThat(a.get(0).performance().accuracyEstimate()).isNotNull();
    assertThat(arrays.labelledWindows()).isEqualTo(objects.labelledWindows());
  }

  @Test
  void refusedProbabilities_throwAsTheirPredictionWould_recordingNothing() {
    DriftMonitor m = monitor();
    double[] x = {0, 0, 0, 0};
    assertThatThrownBy(() -> m.record(x, new double[] {0.5, 1.5}, null, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probabilities[1] must be in [0, 1]: 1.5");
    assertThatThrownBy(() -> m.record(x, new double[] {1.0}, null, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probabilities must have at least two classes: 1");
    assertThatThrownBy(() -> m.record(x, (double[]) null, null, -1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("probabilities must not be null");
    assertThat(m.records()).isZero();
    assertThat(m.recordErrors()).isZero();
  }

  @Test
  void reusedProbabilities_acceptWhatOfProbabilitiesAccepts_withItsArgMax() {
    assertThat(new Prediction.ReusedProbabilities().set(new double[] {0.2, 0.8}).classIndex())
        .isEqualTo(1);
    assertThat(new Prediction.ReusedProbabilities().set(new double[] {0.5, 0.5}).classIndex())
        .isEqualTo(Prediction.ofProbabilities(new double[] {0.5, 0.5}).classIndex());
    assertThat(new Prediction.ReusedProbabilities().set(new double[] {Double.NaN, 0.5})).isNull();
  }
}
