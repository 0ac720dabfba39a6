package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.metrics.CustomMetric;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Declared realised metrics that need a multiclass model's probabilities (top-2 accuracy, log loss)
 * get them in the monitor's windows; a monitor without such a metric keeps only the class.
 * Probabilities of predictions still waiting for their label travel in the monitor's snapshot.
 * Expected values from scikit-learn 1.7: {@code y = [0,1,2,2,1,0,2]}, {@code P} below,
 * {@code log_loss(y, P, labels=[0,1,2])}, {@code top_k_accuracy_score(y, P, k=2, labels=[0,1,2])}.
 */
final class MulticlassRealisedMetricsTest {

  private static final Map<String, Object> ROW = Map.of("x", 0.1, "y", 0.2, "city", "paris");
  private static final int[] LABELS = {0, 1, 2, 2, 1, 0, 2};
  private static final double[][] P = {{.7, .2, .1}, {.3, .4, .3}, {.5, .1, .4}, {.2, .3, .5},
      {.6, .3, .1}, {.1, .6, .3}, {.25, .35, .4}};

  /** A user-defined metric that needs the probabilities: is the label among the two likeliest? */
  private static final CustomMetric TOP_2 = CustomMetric.builder("top2_accuracy",
      MetricKind.CLASSIFICATION).greaterIsBetter().range(0, 1).computedBy(data -> {
        double hits = 0;
        for (int i = 0; i < data.size(); i++) {
          double own = data.probability(i, data.label(i));
          int above = 0;
          for (int c = 0; c < data.classCount(); c++) {
            above += data.probability(i, c) > own ? 1 : 0;
          }
          hits += above < 2 ? 1 : 0;
        }
        return hits / data.size();
      }).build();

  private static DriftMonitor.Builder builder() {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(1_000)).classes(3);
  }

  private static void recordAndLabel(DriftMonitor m) {
    for (int i = 0; i < LABELS.length; i++) {
      m.record(ROW, Prediction.ofProbabilities(P[i]), "req-" + i);
    }
    for (int i = 0; i < LABELS.length; i++) {
      assertThat(m.recordLabel("req-" + i, LABELS[i])).isTrue();
    }
  }

  @Test
  void aCustomMulticlassMetricNeedingProbabilities_isComputedInTheWindow_andInItsJson() {
    DriftMonitor m = builder().realisedMetrics(TOP_2, Metric.LOG_LOSS).build();
    recordAndLabel(m);

    DriftReport report = m.closeWindow().orElseThrow();
    Performance perf = report.performance();

    assertThat(perf.realised().get("top2_accuracy")).isCloseTo(0.8571428571428571, within(1e-12));
    assertThat(perf.realised().get("log_loss")).isCloseTo(1.0436074596344462, within(1e-12));
    // sklearn accuracy_score(y, P.argmax(1)) = 4/7, as before
    assertThat(perf.realised().get("accuracy")).isCloseTo(4.0 / 7, within(1e-12));
    assertThat(perf.undefined()).isEmpty();
    assertThat(report.toText()).contains("top2_accuracy");
    assertThat(report.toJson()).containsPattern("\"top2_accuracy\" ?: ?0\\.857142857142857");
    assertThat(DriftReport.fromJson(report.toJson()).performance().realised())
        .isEqualTo(perf.realised());
  }

  @Test
  void withoutADeclaredMetric_theWindowKeepsOnlyTheClasses() {
    DriftMonitor without = builder().build();
    DriftMonitor with = builder().realisedMetrics(TOP_2).build();
    recordAndLabel(without);
    recordAndLabel(with);

    // the open window's state differs by exactly the 7 pairs' 3 probabilities
    assertThat(with.snapshot().length - without.snapshot().length).isEqualTo(7 * 3 * Double.BYTES);
    assertThat(without.closeWindow().orElseThrow().performance().realised())
        .containsOnlyKeys("accuracy", "macro_f1");
  }

  @Test
  void probabilitiesOfPredictionsPendingAtASnapshot_surviveTheRestore_andTheMetricsUseThem() {
    DriftMonitor before = builder().realisedMetrics(TOP_2, Metric.LOG_LOSS).build();
    for (int i = 0; i < LABELS.length; i++) {
      before.record(ROW, Prediction.ofProbabilities(P[i]), "req-" + i);
    }
    DriftMonitor after = builder().realisedMetrics(TOP_2, Metric.LOG_LOSS).build();
    after.record(ROW, Prediction.ofProbabilities(P[1]), "replaced-by-the-restore");
    after.restore(before.snapshot());
    after.record(ROW, Prediction.ofProbabilities(P[0]), "late");
    for (int i = 0; i < LABELS.length; i++) {
      assertThat(after.recordLabel("req-" + i, LABELS[i])).isTrue();
    }
    assertThat(after.recordLabel("late", 0)).isTrue();
    assertThat(after.recordLabel("replaced-by-the-restore", 1)).isFalse();

    Performance perf = after.closeWindow().orElseThrow().performance();

    // scikit-learn on y = LABELS + [0], P + [P[0]]: top_k_accuracy_score(k=2) 0.875,
    // log_loss 0.957740895172482
    assertThat(perf.undefined()).isEmpty();
    assertThat(perf.realised().get("top2_accuracy")).isCloseTo(0.875, within(1e-12));
    assertThat(perf.realised().get("log_loss")).isCloseTo(0.957740895172482, within(1e-12));
  }

  @Test
  void mergedSnapshots_bringTheirPendingProbabilities_andALongIdIsKeptByItsHash() {
    String longId = "x".repeat(PendingPredictions.MAX_ID_CHARS + 1);
    DriftMonitor a = builder().realisedMetrics(TOP_2).build();
    DriftMonitor b = builder().realisedMetrics(TOP_2).build();
    for (int i = 0; i < LABELS.length; i++) {
      (i % 2 == 0 ? a : b).record(ROW, Prediction.ofProbabilities(P[i]),
          i == 3 ? longId : "req-" + i);
    }
    a.merge(b.snapshot());
    for (int i = 0; i < LABELS.length; i++) {
      assertThat(a.recordLabel(i == 3 ? longId : "req-" + i, LABELS[i])).isTrue();
    }

    Performance perf = a.closeWindow().orElseThrow().performance();

    assertThat(perf.undefined()).isEmpty();
    assertThat(perf.realised().get("top2_accuracy")).isCloseTo(0.8571428571428571, within(1e-12));
  }

  @Test
  void keptProbabilities_inAState_areValidatedOnRestore() {
    DriftMonitor m = builder().realisedMetrics(TOP_2).build();
    m.record(ROW, Prediction.ofProbabilities(P[0]), "r");
    byte[] state = HostileMonitorStateTest.asVersion5(m.snapshot(), 1);
    // the last probability is the 8 bytes before the CRC
    ByteBuffer.wrap(state).putDouble(state.length - 16, 1.5);
    HostileMonitorStateTest.withCrc(state);
    DriftMonitor target = builder().realisedMetrics(TOP_2).build();
    assertThatThrownBy(() -> target.restore(state))
        .isInstanceOf(MonitorStateException.class)
        .hasMessage("monitor state kept probability 2 of row 0 must be in [0, 1]: 1.5");
    // a state whose monitor kept other columns is refused before anything changes
    byte[] fourColumns = HostileMonitorStateTest.asVersion5(m.snapshot(), 1);
    int columnsAt = fourColumns.length - 8 - 3 * 8 - 3 - 4 - 4; // CRC, 3 doubles, UTF "r", n
    assertThat(ByteBuffer.wrap(fourColumns).getInt(columnsAt)).isEqualTo(3);
    ByteBuffer.wrap(fourColumns).putInt(columnsAt, 4);
    HostileMonitorStateTest.withCrc(fourColumns);
    assertThatThrownBy(() -> target.merge(fourColumns))
        .isInstanceOf(MonitorStateException.class)
        .hasMessage("monitor state kept probabilities must have 3 columns (the declared classes of"
            + " a monitor with realised metrics): 4");
    assertThat(target.records()).isZero();
  }

  @Test
  void keptProbabilities_areBoundedByEntriesAndBytes_oldestFirst() {
    KeptProbabilities kept = new KeptProbabilities(3, 2, 1 << 20);
    kept.keep("a", Prediction.ofProbabilities(P[0]));
    kept.keep("b", Prediction.ofProbabilities(P[1]));
    kept.keep("c", Prediction.ofProbabilities(P[2]));
    kept.keep("two-classes", Prediction.ofProbabilities(new double[] {0.5, 0.5}));

    assertThat(kept.size()).isEqualTo(2);
    assertThat(kept.take("a")).isNull();
    assertThat(kept.take("c")).containsExactly(P[2]);
    assertThat(kept.evicted()).isEqualTo(1);

    // each entry costs 96 + 2 x id length + 8 x 3 bytes: 124 for a one-letter id
    KeptProbabilities small = new KeptProbabilities(3, 1_000, 250);
    small.keep("a", Prediction.ofProbabilities(P[0]));
    small.keep("b", Prediction.ofProbabilities(P[1]));
    small.keep("c", Prediction.ofProbabilities(P[2]));
    assertThat(small.size()).isEqualTo(2);
    assertThat(small.take("a")).isNull();
  }
}
