package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values computed with scikit-learn 1.2.1 (sklearn.metrics). */
final class MetricEvaluateTest {

  private static final int[] Y = {0, 1, 1, 0, 1, 0, 1, 1};
  private static final double[] S = {0.1, 0.8, 0.45, 0.3, 0.6, 0.7, 0.35, 0.9};
  private static final double[] W = {1, 2, 1, 1, 0.5, 3, 1, 2};
  private static final int[] YM = {0, 1, 2, 2, 1, 0, 2, 1};
  private static final int[] PM = {0, 2, 2, 2, 1, 1, 0, 1};

  static final CustomMetric COST = CostMetric.COST;

  @Test
  void evaluate_builtInBinary_matchesSklearnWithThresholdAndWeights() {
    MetricData data = MetricData.binary(Y, S).withThreshold(0.4).withWeights(W);
    // precision_score(y, s >= 0.4, sample_weight=w)
    assertThat(Metric.PRECISION.evaluate(data).value()).isCloseTo(0.6470588235294118, within(1e-12));
    // roc_auc_score(y, s, sample_weight=w)
    assertThat(Metric.ROC_AUC.evaluate(data).value()).isCloseTo(0.7692307692307693, within(1e-12));
    assertThat(Metric.ROC_AUC.evaluate(data).metric()).isSameAs(Metric.ROC_AUC);
  }

  @Test
  void evaluate_microAveragedPrecisionAndRecall_matchSklearn() {
    MetricData hard = MetricData.classes(YM, PM, 3);
    // precision_score(average='micro'), recall_score(average='micro'), f1_score(average='macro')
    assertThat(Metric.MICRO_PRECISION.evaluate(hard).value()).isCloseTo(0.625, within(1e-12));
    assertThat(Metric.MICRO_RECALL.evaluate(hard).value()).isCloseTo(0.625, within(1e-12));
    assertThat(Metric.MACRO_F1.evaluate(hard).value()).isCloseTo(0.611111111111111, within(1e-12));
    MetricData weighted = hard.withWeights(W);
    assertThat(Metric.MICRO_PRECISION.evaluate(weighted).value()).isCloseTo(0.4782608695652174, within(1e-12));
    assertThat(Metric.MICRO_RECALL.evaluate(weighted).value()).isCloseTo(0.4782608695652174, within(1e-12));
  }

  @Test
  void evaluate_scoreMetricOnPredictedClasses_isUndefinedWithTheReason() {
    MetricValue v = Metric.ROC_AUC.evaluate(MetricData.classes(Y, new int[] {0, 1, 0, 0, 1, 1, 0, 1}, 2));
    assertThat(v.defined()).isFalse();
    assertThat(v.reason()).isEqualTo("roc_auc needs scores: the data carries predicted classes only");
  }

  @Test
  void evaluate_regressionWithWeights_matchesSklearn() {
    MetricData data = MetricData.regression(new double[] {1, 2, 3, 4}, new double[] {1.5, 2, 2, 5})
        .withWeights(new double[] {1, 2, 1, 1});
    assertThat(Metric.MAE.evaluate(data).value()).isCloseTo(0.5, within(1e-12));  // mean_absolute_error
    assertThatThrownBy(() -> Metric.ACCURACY.evaluate(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("data must be classification data for accuracy");
  }

  @Test
  void customMetric_evaluatesOnPredictionsWeightsAndThreshold() {
    // threshold 0.5: predictions 0,1,0,0,1,1,0,1 -> misses at rows 2 and 6 (5 each), false alarm at row 5 (1)
    assertThat(COST.evaluate(MetricData.binary(Y, S)).value()).isCloseTo(11.0 / 8, within(1e-12));
    // weighted: (5*1 + 5*1 + 1*3) / 11.5
    assertThat(COST.evaluate(MetricData.binary(Y, S).withWeights(W)).value()).isCloseTo(13 / 11.5, within(1e-12));
    assertThat(COST.evaluate(MetricData.binary(Y, S)).metric()).isSameAs(COST);
  }

  @Test
  void customMetric_undefinedOnMissingData_andRejectsOutOfRangeValues() {
    CustomMetric needsScores = CustomMetric.builder("mean_score", MetricKind.CLASSIFICATION).greaterIsBetter()
        .range(0, 1).computedBy(d -> d.score(0)).build();
    MetricValue v = needsScores.evaluate(MetricData.classes(Y, Y, 2));
    assertThat(v.defined()).isFalse();
    assertThat(v.reason()).isEqualTo("scores must be available: the data carries predicted classes only");
    CustomMetric broken = CustomMetric.builder("broken", MetricKind.REGRESSION).greaterIsBetter().range(0, 1)
        .computedBy(d -> 2.0).build();
    assertThatThrownBy(() -> broken.evaluate(MetricData.regression(new double[] {1}, new double[] {1})))
        .isInstanceOf(IllegalStateException.class).hasMessage("broken must be in [0.0, 1.0]: 2.0");
  }

  @Test
  void customMetricBuilder_validatesAtOnce() {
    assertThatThrownBy(() -> CustomMetric.builder("roc_auc", MetricKind.CLASSIFICATION))
        .hasMessage("metric key must not be a built-in metric's key: roc_auc");
    assertThatThrownBy(() -> CustomMetric.builder("Cost", MetricKind.CLASSIFICATION))
        .hasMessage("metric key must be snake_case ([a-z][a-z0-9_]*): Cost");
    assertThatThrownBy(() -> CustomMetric.builder("c", MetricKind.CLASSIFICATION).range(1, 1))
        .hasMessage("metric range must have lower < upper: [1.0, 1.0]");
    assertThatThrownBy(() -> CustomMetric.builder("c", MetricKind.CLASSIFICATION).computedBy(d -> 0).build())
        .hasMessage("direction of c must be set: call greaterIsBetter() or lowerIsBetter()");
  }

  @Test
  void fromKey_resolvesCustomMetricsWithoutGlobalState() {
    assertThat(Metric.fromKey("cost_weighted_error", List.of(COST))).isSameAs(COST);
    assertThat(Metric.fromKey("roc_auc", List.of(COST))).isSameAs(Metric.ROC_AUC);
    assertThatThrownBy(() -> Metric.fromKey("cost_weighted_error"))
        .hasMessage("metric key must be one of the Metric keys: cost_weighted_error");
  }

  @Test
  void select_picksRowsWithRepeats() {
    MetricData data = MetricData.binary(Y, S).withWeights(W).select(new int[] {1, 1, 5});
    assertThat(data.labels()).containsExactly(1, 1, 0);
    assertThat(data.scores()).containsExactly(0.8, 0.8, 0.7);
    assertThat(data.weights()).containsExactly(2, 2, 3);
    assertThatThrownBy(() -> data.select(new int[] {3})).hasMessage("rows[0] must be in [0, 3): 3");
  }
}
