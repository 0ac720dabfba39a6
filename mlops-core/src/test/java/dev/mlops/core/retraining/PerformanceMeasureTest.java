package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.Role;
import dev.mlops.metrics.CostMetric;
import dev.mlops.metrics.Metric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PerformanceMeasureTest {

  private static List<PredictionResult> values(double... v) {
    List<PredictionResult> out = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      out.add(new PredictionResult("r" + i, "m", 1, Role.CHAMPION, v[i], null));
    }
    return out;
  }

  private static List<PredictionResult> probabilities(double[]... p) {
    List<PredictionResult> out = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int k = 1; k < p[i].length; k++) {
        best = p[i][k] > p[i][best] ? k : best;
      }
      out.add(new PredictionResult("r" + i, "m", 1, Role.CHAMPION, best, p[i]));
    }
    return out;
  }

  @Test
  void regressionMetrics_matchScikitLearn() {
    double[] y = {3, -0.5, 2, 7};
    List<PredictionResult> p = values(2.5, 0.0, 2, 8);
    // numpy: np.sqrt(np.mean((np.array([3,-.5,2,7]) - np.array([2.5,0,2,8]))**2)) = 0.6123724356957945
    assertThat(PerformanceMeasure.of(Metric.RMSE).measure(y, p)).isCloseTo(0.6123724356957945, within(1e-12));
    // np.mean(np.abs(...)) = 0.5
    assertThat(PerformanceMeasure.of(Metric.MAE).measure(y, p)).isCloseTo(0.5, within(1e-12));
    assertThat(PerformanceMeasure.of(Metric.RMSE).greaterIsBetter()).isFalse();
    assertThat(PerformanceMeasure.of(Metric.RMSE).name()).isEqualTo("rmse");
  }

  @Test
  void binaryMetrics_useTheProbabilityOfClassOne() {
    double[] y = {0, 1, 1, 0};
    List<PredictionResult> p = probabilities(
        new double[] {0.8, 0.2}, new double[] {0.2, 0.8}, new double[] {0.6, 0.4}, new double[] {0.4, 0.6});
    // predictions at 0.5: [0, 1, 0, 1] -> accuracy 2/4; AUC: 3 of 4 (pos, neg) pairs ordered -> 0.75
    assertThat(PerformanceMeasure.of(Metric.ACCURACY).measure(y, p)).isCloseTo(0.5, within(1e-12));
    assertThat(PerformanceMeasure.of(Metric.ROC_AUC).measure(y, p)).isCloseTo(0.75, within(1e-12));
    assertThat(PerformanceMeasure.of(Metric.ROC_AUC).greaterIsBetter()).isTrue();
  }

  @Test
  void userDefinedMetric_isMeasuredLikeABuiltIn() {
    double[] y = {0, 1, 1, 0};
    List<PredictionResult> p = probabilities(
        new double[] {0.8, 0.2}, new double[] {0.2, 0.8}, new double[] {0.6, 0.4}, new double[] {0.4, 0.6});
    PerformanceMeasure cost = PerformanceMeasure.of(CostMetric.COST);
    // predictions at 0.5: [0, 1, 0, 1]: one missed positive (5) and one false alarm (1) over 4 rows
    assertThat(cost.measure(y, p)).isCloseTo(1.5, within(1e-12));
    assertThat(cost.name()).isEqualTo("cost_weighted_error");
    assertThat(cost.greaterIsBetter()).isFalse();
    assertThat(cost.worseBy(1.5, 1.0, 0.1)).isTrue();
  }

  @Test
  void multiclassAccuracy_countsArgmaxHits() {
    double[] y = {0, 1, 2};
    List<PredictionResult> p = probabilities(
        new double[] {0.7, 0.2, 0.1}, new double[] {0.1, 0.3, 0.6}, new double[] {0.2, 0.2, 0.6});
    assertThat(PerformanceMeasure.of(Metric.ACCURACY).measure(y, p)).isCloseTo(2.0 / 3.0, within(1e-12));
  }

  @Test
  void classificationMetric_refusesRegressorPredictionsAndNonIntegerLabels() {
    assertThatThrownBy(() -> PerformanceMeasure.of(Metric.ACCURACY).measure(new double[] {1}, values(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("predictions[0] must carry probabilities for accuracy: m:1 is a regressor");
    assertThatThrownBy(() -> PerformanceMeasure.of(Metric.ACCURACY)
        .measure(new double[] {0.5}, probabilities(new double[] {0.5, 0.5})))
        .hasMessage("labels[0] must be a class index for accuracy: 0.5");
  }

  @Test
  void worseBy_followsTheMetricsDirection() {
    PerformanceMeasure rmse = PerformanceMeasure.of(Metric.RMSE);
    PerformanceMeasure auc = PerformanceMeasure.of(Metric.ROC_AUC);
    assertThat(rmse.worseBy(12.0, 10.0, 1.0)).isTrue();
    assertThat(rmse.worseBy(10.5, 10.0, 1.0)).isFalse();
    assertThat(auc.worseBy(0.80, 0.85, 0.02)).isTrue();
    assertThat(auc.worseBy(0.84, 0.85, 0.02)).isFalse();
    assertThat(auc.worseBy(Double.NaN, 0.85, 0.0)).isFalse();
  }
}
