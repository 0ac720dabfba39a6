package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ClassificationEvaluationTest {

  private static final int[] Y = BinaryMetricsTest.Y;
  private static final double[] S = BinaryMetricsTest.S;

  @Test
  void binaryEvaluation_reportsThePureFunctionValues_withAnalyticIntervals() {
    ClassificationEvaluation e = ClassificationEvaluation.binary(Y, S).evaluate();
    assertThat(e.isBinary()).isTrue();
    assertThat(e.n()).isEqualTo(12);
    assertThat(e.value(Metric.ROC_AUC)).isEqualTo(BinaryMetrics.rocAuc(Y, S).value());
    assertThat(e.value(Metric.AVERAGE_PRECISION)).isEqualTo(BinaryMetrics.averagePrecision(Y, S).value());
    assertThat(e.value(Metric.LOG_LOSS)).isCloseTo(0.44380884599900466, within(1e-15));
    assertThat(e.value(Metric.BRIER)).isCloseTo(0.14541666666666667, within(1e-15));
    assertThat(e.value(Metric.F1)).isCloseTo(0.7272727272727273, within(1e-15));
    assertThat(e.value(Metric.MCC)).isCloseTo(0.50709255283711, within(1e-14));
    assertThat(e.value(Metric.EXPECTED_CALIBRATION_ERROR))
        .isEqualTo(CalibrationMetrics.expectedCalibrationError(Y, S, 10, BinStrategy.UNIFORM).value());
    assertThat(e.metric(Metric.ACCURACY).ci().lower()).isCloseTo(0.46769466506643426, within(1e-13));
    assertThat(e.metric(Metric.ROC_AUC).ci().method()).isEqualTo(Interval.DELONG);
    assertThat(e.metric(Metric.F1).ci()).isNull();
    assertThat(e.confusionMatrix().counts()).isDeepEqualTo(new long[][] {{5, 1}, {2, 4}});
    assertThat(e.rocCurve()).isPresent();
    assertThat(e.thresholdTable()).isPresent();
    assertThat(e.metric(Metric.PRECISION, 0).value()).isCloseTo(5 / 7.0, within(1e-15));
    assertThat(e.metric(Metric.RECALL, "1").value()).isCloseTo(4 / 6.0, within(1e-15));
  }

  @Test
  void bootstrap_addsSeededIntervalsToEveryOtherMetric() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 400;
    int[] y = new int[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextDouble() < 0.4 ? 1 : 0;
      s[i] = Math.min(1, Math.max(0, 0.3 * y[i] + 0.7 * random.nextDouble()));
    }
    ClassificationEvaluation e = ClassificationEvaluation.binary(y, s).bootstrap(200, 7L).evaluate();
    for (Metric m : e.metrics().keySet()) {
      MetricValue v = e.metric(m);
      assertThat(v.ci()).as(m.key()).isNotNull();
      assertThat(v.ci().lower()).as(m.key()).isLessThanOrEqualTo(v.ci().upper());
    }
    assertThat(e.metric(Metric.F1).ci().method()).isEqualTo(Interval.BOOTSTRAP_PERCENTILE);
    assertThat(e.metric(Metric.F1).ci().contains(e.value(Metric.F1))).isTrue();
    assertThat(e.metric(Metric.ACCURACY).ci().method()).isEqualTo(Interval.WILSON);
    MetricValue negativeClassF1 = e.metric(Metric.F1, 0);
    assertThat(negativeClassF1.ci().method()).isEqualTo(Interval.BOOTSTRAP_PERCENTILE);
    assertThat(negativeClassF1.ci().contains(negativeClassF1.value())).isTrue();
    assertThat(e.metric(Metric.F1, 1)).isEqualTo(e.metric(Metric.F1));
    ClassificationEvaluation again = ClassificationEvaluation.binary(y, s).bootstrap(200, 7L).evaluate();
    assertThat(again.metrics()).isEqualTo(e.metrics());
  }

  @Test
  void oneClass_reportsRankingMetricsUndefined_andEveryOtherMetric() {
    ClassificationEvaluation e = ClassificationEvaluation.binary(new int[] {1, 1, 1}, new double[] {0.9, 0.4, 0.7})
        .evaluate();
    MetricValue auc = e.metric(Metric.ROC_AUC);
    assertThat(auc.defined()).isFalse();
    assertThat(auc.reason()).contains("only one class");
    assertThat(Double.isNaN(e.value(Metric.ROC_AUC))).isTrue();
    assertThat(e.value(Metric.RECALL)).isCloseTo(2 / 3.0, within(1e-15));
    assertThat(e.metric(Metric.SPECIFICITY).zeroDivision()).isTrue();
    assertThat(e.rocCurve()).isEmpty();
    assertThat(e.precisionRecallCurve()).isPresent();
  }

  @Test
  void weights_changeTheMetricsAsSampleWeight() {
    ClassificationEvaluation e = ClassificationEvaluation.binary(Y, S).weights(BinaryMetricsTest.W).evaluate();
    // weighted confusion at 0.5 (NumPy): precision 0.8666666666666667, recall 0.7647058823529411, accuracy 0.7966101694915254
    assertThat(e.value(Metric.PRECISION)).isCloseTo(0.8666666666666667, within(1e-15));
    assertThat(e.value(Metric.RECALL)).isCloseTo(0.7647058823529411, within(1e-15));
    assertThat(e.value(Metric.ACCURACY)).isCloseTo(0.7966101694915254, within(1e-15));
    assertThat(e.value(Metric.ROC_AUC)).isCloseTo(0.896470588235294, within(1e-14));
    assertThat(e.metric(Metric.ACCURACY).ci()).isNull();
    assertThat(e.thresholdTable()).isEmpty();
    assertThat(e.settings().weighted()).isTrue();
  }

  @Test
  void multiclassEvaluation_matchesTheMulticlassFunctions() {
    ClassificationEvaluation e = ClassificationEvaluation.multiclass(MulticlassMetricsTest.Y, MulticlassMetricsTest.P)
        .classNames(List.of("a", "b", "c")).topK(1).evaluate();
    assertThat(e.isBinary()).isFalse();
    assertThat(e.value(Metric.MACRO_F1)).isCloseTo(0.8055555555555555, within(1e-15));
    assertThat(e.value(Metric.LOG_LOSS)).isCloseTo(0.7005147624990786, within(1e-15));
    assertThat(e.value(Metric.TOP_K_ACCURACY)).isCloseTo(0.7, within(1e-15));
    assertThat(e.value(Metric.ROC_AUC_OVR_MACRO)).isCloseTo(0.939484126984127, within(1e-14));
    assertThat(e.value(Metric.ROC_AUC_OVR_WEIGHTED)).isCloseTo(0.9392857142857143, within(1e-14));
    assertThat(e.metric(Metric.ROC_AUC, "b").value()).isCloseTo(0.8809523809523809, within(1e-14));
    assertThat(e.metric(Metric.ACCURACY).ci().method()).isEqualTo(Interval.WILSON);
    assertThatThrownBy(() -> e.metric(Metric.ROC_AUC)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void multiclassBootstrapAndWeights_giveIntervalsAndWeightedValues() {
    double[] w = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    ClassificationEvaluation unit = ClassificationEvaluation.multiclass(MulticlassMetricsTest.Y, MulticlassMetricsTest.P)
        .weights(w).evaluate();
    assertThat(unit.value(Metric.MACRO_F1)).isCloseTo(0.8055555555555555, within(1e-15));
    w[0] = 0; // row 0 (class 0, predicted 0) no longer counts: accuracy 7 / 9
    ClassificationEvaluation weighted = ClassificationEvaluation.multiclass(MulticlassMetricsTest.Y,
        MulticlassMetricsTest.P).weights(w).evaluate();
    assertThat(weighted.value(Metric.ACCURACY)).isCloseTo(7 / 9.0, within(1e-15));
    ClassificationEvaluation boot = ClassificationEvaluation.multiclass(MulticlassMetricsTest.Y, MulticlassMetricsTest.P)
        .bootstrap(100, 4L).evaluate();
    assertThat(boot.metric(Metric.MACRO_F1).ci().method()).isEqualTo(Interval.BOOTSTRAP_PERCENTILE);
    assertThat(boot.metric(Metric.ACCURACY).ci().method()).isEqualTo(Interval.WILSON);
    for (int c = 0; c < 3; c++) {
      assertThat(boot.metric(Metric.F1, c).ci().method()).isEqualTo(Interval.BOOTSTRAP_PERCENTILE);
      assertThat(boot.metric(Metric.PRECISION, c).ci().method()).isEqualTo(Interval.WILSON);
    }
  }

  @Test
  void modelFunction_isEvaluatedRowByRow() {
    List<Double> rows = List.of(0.1, 0.4, 0.4, 0.8, 0.3, 0.7, 0.2, 0.35, 0.9, 0.6, 0.6, 0.05);
    ProbabilisticClassifier<Double> model = x -> new double[] {1 - x, x};
    ClassificationEvaluation e = ClassificationEvaluation.of(model, rows, Y).evaluate();
    assertThat(e.value(Metric.ROC_AUC)).isCloseTo(0.888888888888889, within(1e-15));
  }

  @Test
  void toText_showsAlignedMetricsAndTheConfusionMatrix() {
    String text = ClassificationEvaluation.binary(Y, S).evaluate().toText();
    assertThat(text).contains("Binary classification evaluation (n = 12, threshold = 0.5000")
        .contains("roc_auc").contains("0.8889").contains("delong 95%")
        .contains("Confusion matrix (rows: actual, columns: predicted)")
        .endsWith("actual \\ predicted  0  1\n"
            + "0" + " ".repeat(19) + "5  1\n"
            + "1" + " ".repeat(19) + "2  4\n");
  }

  @Test
  void toJson_followsTheSnakeCaseSchema() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ClassificationEvaluation.binary(Y, S).evaluate().toJson());
    assertThat(json.get("schema_version").asInt()).isEqualTo(1);
    assertThat(json.get("task").asText()).isEqualTo("binary");
    assertThat(json.at("/metrics/roc_auc/value").asDouble()).isCloseTo(0.888888888888889, within(1e-15));
    assertThat(json.at("/metrics/roc_auc/ci/method").asText()).isEqualTo("delong");
    assertThat(json.at("/metrics/f1/ci").isNull()).isTrue();
    assertThat(json.at("/confusion_matrix/counts/1/1").asLong()).isEqualTo(4);
    assertThat(json.at("/curves/roc/thresholds/0").isNull()).isTrue();
    assertThat(json.at("/curves/roc/fpr").size()).isEqualTo(11);
    assertThat(json.at("/settings/threshold").asDouble()).isEqualTo(0.5);
    assertThat(json.at("/per_class/1/metrics/precision/value").asDouble()).isCloseTo(0.8, within(1e-15));
  }

  @Test
  void builder_validatesEachOptionAtOnce() {
    assertThatThrownBy(() -> ClassificationEvaluation.binary(Y, S).threshold(1.5))
        .hasMessage("threshold must be in [0, 1]: 1.5");
    assertThatThrownBy(() -> ClassificationEvaluation.binary(Y, S).bootstrap(0, 1L))
        .hasMessage("bootstrap resamples must be at least 1: 0");
    assertThatThrownBy(() -> ClassificationEvaluation.binary(Y, S).classNames(List.of("x")))
        .hasMessageContaining("class names must have one name per class (2)");
    assertThatThrownBy(() -> ClassificationEvaluation.multiclass(MulticlassMetricsTest.Y, MulticlassMetricsTest.P)
        .threshold(0.3)).hasMessage("threshold applies only to a binary evaluation: 0.3");
    assertThatThrownBy(() -> ClassificationEvaluation.binary(new int[] {0, 1}, new double[] {0.2, -0.1}))
        .hasMessage("scores must be probabilities in [0, 1]: scores[1] = -0.1");
  }
}
