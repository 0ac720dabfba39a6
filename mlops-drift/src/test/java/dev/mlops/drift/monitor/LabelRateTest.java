package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Label drift has its own false-alarm rate ({@link DriftThresholds#labelFalseAlarmRate()},
 * default {@link DriftThresholds#DEFAULT_LABEL_FALSE_ALARM_RATE}, 1%); the prediction keeps the
 * dataset-drift rate as one check (0.2% by default), the features share it.
 */
final class LabelRateTest {

  /**
   * Rows of two AR(1) features (rho 0.9), the model's prediction {@code 0.6 x0 + 0.4 x1} and a
   * label {@code prediction + 0.6 u}, {@code u} an AR(1) noise; from row {@code shiftFrom} on the
   * label moves by {@code shift} (the features and the prediction do not).
   */
  private static List<Map<String, Object>> rows(int n, long seed, int shiftFrom, double shift) {
    SplittableRandom r = new SplittableRandom(seed);
    double a = 0;
    double b = 0;
    double u = 0;
    double e = Math.sqrt(1 - 0.81);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      a = 0.9 * a + e * gaussian(r);
      b = 0.9 * b + e * gaussian(r);
      u = 0.9 * u + e * gaussian(r);
      double p = 0.6 * a + 0.4 * b;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("x0", a);
      row.put("x1", b);
      row.put(ReferenceProfile.PREDICTION, p);
      row.put(ReferenceProfile.LABEL, p + 0.6 * u + (i >= shiftFrom ? shift : 0));
      out.add(row);
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static ReferenceProfile profile(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x0", "x1");
    rows.forEach(b::add);
    return b.build();
  }

  /** One window of the rows through a monitor with the given setting (null: the defaults). */
  private static DriftReport window(ReferenceProfile p, DriftThresholds t,
      List<Map<String, Object>> rows) {
    DriftMonitor.Builder b = DriftMonitor.builder(p).window(Window.tumblingCount(rows.size()));
    if (t != null) {
      b.thresholds(t);
    }
    DriftMonitor m = b.build();
    int i = 0;
    for (Map<String, Object> row : rows) {
      Map<String, Object> features = new LinkedHashMap<>(row);
      double y = (Double) features.remove(ReferenceProfile.LABEL);
      double pred = (Double) features.remove(ReferenceProfile.PREDICTION);
      m.record(features, Prediction.ofValue(pred), "r" + i);
      m.recordLabel("r" + i++, y);
    }
    return m.latestReport().orElseThrow();
  }

  @Test
  void defaults_stateOnePercentForTheLabel_andTwoPerMilleForDatasetAndPredictionDrift() {
    DriftThresholds d = DriftThresholds.calibrated();
    assertThat(d.falseAlarmRate()).isEqualTo(0.002);
    assertThat(d.labelFalseAlarmRate()).isEqualTo(0.01);
    assertThat(DriftThresholds.calibrated(0.005).labelFalseAlarmRate()).isEqualTo(0.01);
    assertThat(DriftThresholds.calibrated(0.002, 0.01)).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(DriftThresholds.calibrated(0.002, 0.002)).isNotEqualTo(d);
    assertThat(d).hasToString("calibrated(false-alarm rate 0.002, label 0.01)");
    assertThat(DriftThresholds.evidentlyDefaults().labelFalseAlarmRate()).isNaN();
    assertThatThrownBy(() -> DriftThresholds.calibrated(0.002, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label false-alarm rate must be in (0, 0.5]: 0.0");
    assertThatThrownBy(() -> DriftThresholds.calibrated(0.002, 0.75))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label false-alarm rate must be in (0, 0.5]: 0.75");
  }

  @Test
  void labelThreshold_followsTheLabelRate_predictionAndFeatureThresholdsDoNot() {
    List<Map<String, Object>> all = rows(11_000, 5, Integer.MAX_VALUE, 0);
    ReferenceProfile p = profile(all.subList(0, 10_000));
    List<Map<String, Object>> live = all.subList(10_000, 11_000);

    DriftReport byDefault = window(p, null, live);
    DriftReport stated = window(p, DriftThresholds.calibrated(0.002, 0.01), live);
    DriftReport strict = window(p, DriftThresholds.calibrated(0.002, 0.002), live);
    DriftReport loose = window(p, DriftThresholds.calibrated(0.002, 0.05), live);

    assertThat(byDefault.label().threshold()).isEqualTo(stated.label().threshold());
    // a lower rate, a higher bound: 0.2% > 1% > 5%
    assertThat(strict.label().threshold()).isGreaterThan(byDefault.label().threshold());
    assertThat(loose.label().threshold()).isLessThan(byDefault.label().threshold());
    // the prediction's and the features' thresholds are the dataset-drift rate's, whatever the
    // label rate; the prediction's is the label's at the same rate when both are one check
    assertThat(strict.prediction().threshold()).isEqualTo(byDefault.prediction().threshold())
        .isEqualTo(loose.prediction().threshold());
    for (String f : List.of("x0", "x1")) {
      assertThat(strict.feature(f).orElseThrow().threshold())
          .isEqualTo(byDefault.feature(f).orElseThrow().threshold())
          .isEqualTo(loose.feature(f).orElseThrow().threshold());
    }
    DriftReport allStrict = window(p, DriftThresholds.calibrated(0.01, 0.01), live);
    assertThat(allStrict.prediction().threshold()).isLessThan(byDefault.prediction().threshold());
    assertThat(byDefault.label().reason()).contains("expected false alarms 1.00% of windows)");
    assertThat(byDefault.prediction().reason()).contains("expected false alarms 0.200% of windows)");
    assertThat(strict.label().reason()).contains("expected false alarms 0.200% of windows)");
    assertThat(byDefault.feature("x0").orElseThrow().reason())
        .contains("expected false alarms 0.200% of windows over 2 features");
    assertThat(byDefault.toJson()).contains("expected false alarms 1.00% of windows)");
  }
}
