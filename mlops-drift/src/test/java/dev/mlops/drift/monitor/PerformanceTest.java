package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.metrics.CustomMetric;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Delayed labels give realised performance; probabilities give estimated performance. */
final class PerformanceTest {

  private static final Map<String, Object> ROW = Map.of("x", 0.1, "y", 0.2, "city", "paris");

  private static DriftMonitor.Builder builder(MutableClock clock) {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1))).clock(clock)
        .window(Window.tumblingCount(1_000));
  }

  @Test
  void binaryProbabilities_giveRealisedAndEstimatedPerformance() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DriftMonitor m = builder(clock).build();
    double[] p1 = {0.9, 0.8, 0.3, 0.6, 0.1};
    int[] labels = {1, 0, 1, 0, 0};
    for (int i = 0; i < p1.length; i++) {
      m.record(ROW, Prediction.ofProbabilities(new double[] {1 - p1[i], p1[i]}), "req-" + i);
    }
    clock.advance(Duration.ofMinutes(5));
    for (int i = 0; i < p1.length; i++) {
      assertThat(m.recordLabel("req-" + i, labels[i])).isTrue();
    }
    assertThat(m.recordLabel("req-0", 1)).isFalse(); // already joined
    Performance perf = m.closeWindow().orElseThrow().performance();
    assertThat(perf.labelled()).isEqualTo(5);
    assertThat(perf.unmatchedLabels()).isEqualTo(1);
    // sklearn semantics at threshold 0.5: predicted [1,1,0,1,0] vs [1,0,1,0,0]
    // TP 1, FP 2, FN 1, TN 1: accuracy 0.4, precision 1/3, recall 0.5, F1 0.4;
    // roc_auc_score([1,0,1,0,0], [.9,.8,.3,.6,.1]) = 4/6
    assertThat(perf.realised()).containsEntry("accuracy", 0.4);
    assertThat(perf.realised().get("precision")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(perf.realised().get("recall")).isCloseTo(0.5, within(1e-12));
    assertThat(perf.realised().get("f1")).isCloseTo(0.4, within(1e-12));
    assertThat(perf.realised().get("roc_auc")).isCloseTo(4.0 / 6, within(1e-12));
    // expected confusion matrix: positives 0.9, 0.8, 0.6 -> TP 2.3, FP 0.7;
    // negatives 0.3, 0.1 -> FN 0.4, TN 1.6
    assertThat(perf.estimated().get("accuracy")).isCloseTo(3.9 / 5, within(1e-12));
    assertThat(perf.estimated().get("precision")).isCloseTo(2.3 / 3.0, within(1e-12));
    assertThat(perf.estimated().get("recall")).isCloseTo(2.3 / 2.7, within(1e-12));
    assertThat(perf.estimated().get("f1")).isCloseTo(4.6 / 5.7, within(1e-12));
    assertThat(perf.estimationMethod()).startsWith("confidence-based");
  }

  /** A missed positive costs 5, a false alarm 1 (the user-defined metric of the example). */
  private static final CustomMetric COST = CustomMetric.builder("cost_weighted_error",
      MetricKind.CLASSIFICATION).lowerIsBetter().range(0, 5).computedBy(data -> {
        double cost = 0;
        for (int i = 0; i < data.size(); i++) {
          int y = data.label(i);
          int p = data.prediction(i);
          cost += y == 1 && p == 0 ? 5 : y == 0 && p == 1 ? 1 : 0;
        }
        return cost / data.size();
      }).build();

  @Test
  void realisedMetrics_addUserDefinedAndBuiltInMetrics_andListWhatCannotBeComputed() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    CustomMetric regressionOnly = CustomMetric.builder("squared_bias", MetricKind.REGRESSION)
        .lowerIsBetter().computedBy(data -> 0.0).build();
    CustomMetric broken = CustomMetric.builder("broken", MetricKind.CLASSIFICATION)
        .greaterIsBetter().range(0, 1).computedBy(data -> 2.0).build();
    DriftMonitor m = builder(clock).realisedMetrics(COST, Metric.MCC)
        .realisedMetrics(regressionOnly, broken).build();
    double[] p1 = {0.9, 0.8, 0.3, 0.6, 0.1};
    int[] labels = {1, 0, 1, 0, 0};
    for (int i = 0; i < p1.length; i++) {
      m.record(ROW, Prediction.ofProbabilities(new double[] {1 - p1[i], p1[i]}), "req-" + i);
      m.recordLabel("req-" + i, labels[i]);
    }
    Performance perf = m.closeWindow().orElseThrow().performance();
    // predicted at 0.5 [1,1,0,1,0] vs [1,0,1,0,0]: one missed positive (5), two false alarms (1 each)
    assertThat(perf.realised().get("cost_weighted_error")).isCloseTo(7.0 / 5, within(1e-12));
    // sklearn.metrics.matthews_corrcoef([1,0,1,0,0], [1,1,0,1,0]) = -0.16666666666666666
    assertThat(perf.realised().get("mcc")).isCloseTo(-0.16666666666666666, within(1e-12));
    assertThat(perf.realised()).containsEntry("accuracy", 0.4).doesNotContainKeys("squared_bias", "broken");
    assertThat(perf.undefined()).anySatisfy(u -> assertThat(u).startsWith("squared_bias: data must be regression"))
        .anySatisfy(u -> assertThat(u).startsWith("broken: ").contains("broken must be in [0.0, 1.0]: 2.0"));
  }

  @Test
  void realisedMetrics_refuseTheSameKeyTwice() {
    DriftMonitor.Builder b = builder(new MutableClock(Instant.EPOCH)).realisedMetrics(COST);
    assertThatThrownBy(() -> b.realisedMetrics(Metric.MCC, COST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("realised metric must be added once: cost_weighted_error");
    assertThatThrownBy(() -> b.realisedMetrics((Metric) null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void regressionLabels_giveErrorMetrics() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DriftMonitor m = builder(clock).build();
    double[] predicted = {1, 2, 3, 4};
    double[] actual = {1.5, 2, 2, 5};
    for (int i = 0; i < predicted.length; i++) {
      m.record(ROW, Prediction.ofValue(predicted[i]), "r" + i);
      m.recordLabel("r" + i, actual[i]);
    }
    Performance perf = m.closeWindow().orElseThrow().performance();
    // errors 0.5, 0, -1, 1: MAE 0.625, RMSE sqrt(2.25 / 4) = 0.75
    assertThat(perf.realised().get("mae")).isCloseTo(0.625, within(1e-12));
    assertThat(perf.realised().get("rmse")).isCloseTo(0.75, within(1e-12));
    assertThat(perf.estimated()).isEmpty();
  }

  @Test
  void pendingPredictions_expireByCountAndByAge_andAreReported() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DriftMonitor m = builder(clock).pendingLabels(2, Duration.ofMinutes(1)).build();
    m.record(ROW, Prediction.ofClass(1), "a");
    m.record(ROW, Prediction.ofClass(1), "b");
    m.record(ROW, Prediction.ofClass(0), "c"); // evicts "a": at most 2 pending
    assertThat(m.pendingLabels()).isEqualTo(2);
    assertThat(m.recordLabel("a", 1)).isFalse();
    assertThat(m.recordLabel("b", 1)).isTrue();
    clock.advance(Duration.ofMinutes(2));
    assertThat(m.recordLabel("c", 0)).isFalse(); // too late
    Performance perf = m.closeWindow().orElseThrow().performance();
    assertThat(perf.expired()).isEqualTo(2);
    assertThat(perf.unmatchedLabels()).isEqualTo(2);
    assertThat(perf.labelled()).isEqualTo(1);
    assertThat(perf.pending()).isZero();
  }
}
