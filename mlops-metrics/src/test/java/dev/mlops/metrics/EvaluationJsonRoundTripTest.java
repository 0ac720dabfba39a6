package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every evaluation's JSON reads back to the same metric values; non-finite numbers are null with a reason. */
final class EvaluationJsonRoundTripTest {

  private static final CustomMetric COST = MetricEvaluateTest.COST;
  private static final CustomMetric UNBOUNDED = CustomMetric.builder("always_infinite", MetricKind.REGRESSION)
      .lowerIsBetter().computedBy(d -> Double.POSITIVE_INFINITY).build();

  private static void assertRoundTrip(Evaluation e, List<Metric> custom) {
    Map<Metric, MetricValue> read = Evaluation.metricsFromJson(e.toJson(), custom);
    assertThat(read).containsExactlyEntriesOf(e.metrics());
    assertThat(e.toJson()).doesNotContainPattern(":\\s*\"?[-+]?(NaN|Infinity)");
  }

  @Test
  void binaryEvaluation_withCustomMetricAndBootstrap_readsBack() {
    ClassificationEvaluation e = ClassificationEvaluation.binary(BinaryMetricsTest.Y, BinaryMetricsTest.S)
        .weights(BinaryMetricsTest.W).bootstrap(100, 3L).customMetrics(COST).evaluate();
    assertThat(e.metric(COST).hasCi()).isTrue();
    assertRoundTrip(e, List.of(COST));
  }

  @Test
  void undefinedMetrics_areNullWithTheirReason_andReadBackUndefined() throws Exception {
    // one class present: ROC AUC and average precision are undefined
    ClassificationEvaluation e = ClassificationEvaluation.binary(new int[] {0, 0, 0}, new double[] {0.1, 0.6, 0.3})
        .evaluate();
    JsonNode auc = new ObjectMapper().readTree(e.toJson()).at("/metrics/roc_auc");
    assertThat(auc.get("value").isNull()).isTrue();
    assertThat(auc.get("defined").asBoolean()).isFalse();
    assertThat(auc.get("reason").asText()).isEqualTo(e.metric(Metric.ROC_AUC).reason());
    assertRoundTrip(e, List.of());
  }

  @Test
  void multiclassAndRegressionEvaluations_readBack() {
    ClassificationEvaluation multi = ClassificationEvaluation.multiclass(MulticlassMetricsTest.Y, MulticlassMetricsTest.P)
        .bootstrap(50, 1L).evaluate();
    assertRoundTrip(multi, List.of());
    RegressionEvaluation reg = RegressionEvaluation.builder(new double[] {1, 2, 3, 4}, new double[] {1.5, 2, 2, 5})
        .bootstrap(50, 2L).customMetrics(UNBOUNDED).evaluate();
    assertThat(reg.value(UNBOUNDED)).isInfinite();
    assertRoundTrip(reg, List.of(UNBOUNDED));
  }

  @Test
  void infiniteDefinedValue_isNullWithItsReasonBeside() throws Exception {
    RegressionEvaluation reg = RegressionEvaluation.builder(new double[] {1, 2}, new double[] {1, 3})
        .customMetrics(UNBOUNDED).evaluate();
    JsonNode v = new ObjectMapper().readTree(reg.toJson()).at("/metrics/always_infinite");
    assertThat(v.get("value").isNull()).isTrue();
    assertThat(v.get("defined").asBoolean()).isTrue();
    assertThat(v.get("reason").asText()).isEqualTo("value is +Infinity");
  }

  @Test
  void sliceEvaluation_everySliceReadsBack() throws Exception {
    String[] keys = {"a", "a", "b", "b", "a", "b", "a", "b", "a", "b", "a", "b"};
    SliceEvaluation<ClassificationEvaluation> slices = Slices.byKey(keys, BinaryMetricsTest.Y, BinaryMetricsTest.S,
        b -> b.customMetrics(COST));
    ObjectMapper mapper = new ObjectMapper();
    JsonNode root = mapper.readTree(slices.toJson());
    assertThat(Evaluation.metricsFromJson(mapper.writeValueAsString(root.get("overall")), List.of(COST)))
        .containsExactlyEntriesOf(slices.overall().metrics());
    for (int i = 0; i < slices.slices().size(); i++) {
      JsonNode slice = root.get("slices").get(i);
      assertThat(slice.get("key").asText()).isEqualTo(slices.slices().get(i).key());
      assertThat(Evaluation.metricsFromJson(mapper.writeValueAsString(slice.get("evaluation")), List.of(COST)))
          .containsExactlyEntriesOf(slices.slices().get(i).evaluation().metrics());
    }
  }

  @Test
  void reader_needsTheCustomMetricsItMeets() {
    String json = ClassificationEvaluation.binary(BinaryMetricsTest.Y, BinaryMetricsTest.S).customMetrics(COST)
        .evaluate().toJson();
    assertThatThrownBy(() -> Evaluation.metricsFromJson(json, List.of()))
        .hasMessage("metric key must be a built-in key or one of the custom metrics []: cost_weighted_error");
    assertThatThrownBy(() -> Evaluation.metricsFromJson("{\"metrics\": {\"accuracy\": {}, \"accuracy\": {}}}",
        List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate field 'accuracy'");
  }
}
