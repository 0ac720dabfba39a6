package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class MetricTest {

  @Test
  void keys_areSnakeCaseAndRoundTrip() {
    assertThat(Metric.ROC_AUC.key()).isEqualTo("roc_auc");
    assertThat(Metric.EXPECTED_CALIBRATION_ERROR.key()).isEqualTo("expected_calibration_error");
    for (Metric m : Metric.builtIns()) {
      assertThat(m.key()).matches("[a-z0-9_]+");
      assertThat(Metric.fromKey(m.key())).isEqualTo(m);
      assertThat(m.lowerBound()).isLessThan(m.upperBound());
    }
    assertThatThrownBy(() -> Metric.fromKey("auc")).hasMessage("metric key must be one of the Metric keys: auc");
  }

  @Test
  void directionsAndKinds_matchTheMetricsMeaning() {
    assertThat(Metric.LOG_LOSS.greaterIsBetter()).isFalse();
    assertThat(Metric.FPR.greaterIsBetter()).isFalse();
    assertThat(Metric.R2.greaterIsBetter()).isTrue();
    assertThat(Metric.R2.lowerBound()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Metric.MAE.kind()).isEqualTo(MetricKind.REGRESSION);
    assertThat(Metric.MCC.lowerBound()).isEqualTo(-1.0);
    assertThat(Metric.PRECISION.isProportion()).isTrue();
    assertThat(Metric.F1.isProportion()).isFalse();
  }

  @Test
  void metricValue_rejectsInconsistentStates() {
    assertThatThrownBy(() -> new MetricValue(Metric.F1, Double.NaN, null, 3, true, null, false))
        .hasMessage("a defined f1 must not be NaN");
    assertThatThrownBy(() -> MetricValue.of(Metric.F1, 0.5, -1)).hasMessage("n must not be negative: -1");
    assertThatThrownBy(() -> MetricValue.undefined(Metric.ROC_AUC, 3, "one class").require())
        .hasMessage("roc_auc is undefined: one class");
    assertThatThrownBy(() -> new Interval(0.6, 0.4, 0.95, "x")).hasMessage("interval lower must be <= upper: [0.6, 0.4]");
  }
}
