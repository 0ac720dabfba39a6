package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * (All literals: mlops-metrics/src/test/python/sklearn_reference.py.)
 * Expected values from NumPy re-implementations of scikit-learn's definitions:
 * <pre>
 * y = np.array([0,1,2,2,1,0,2,1,0,2]); P = (rows below); pred = P.argmax(1); C = confusion(y, pred)
 * # C = [[3,0,0],[0,2,1],[0,1,3]]; per-class p = r = f1 = [1, 2/3, 3/4]
 * macro = 0.8055555555555555; weighted = 0.8; mcc = kappa = 0.696969696969697
 * sklearn.metrics.log_loss(y, P)   # 0.7005147624990786 (scikit-learn 1.2.1 itself)
 * brier = np.mean(np.sum((P - np.eye(3)[y])**2, 1))                          # 0.387
 * top_k: sp = np.argsort(P, 1, kind="mergesort")[:, ::-1]; (y[:,None] == sp[:, :k]).any(1).mean()  # k=1: 0.7, k=2: 1.0
 * ovr aucs = [1.0, 0.8809523809523809, 0.9375]; macro 0.939484126984127; weighted 0.9392857142857143
 * </pre>
 */
final class MulticlassMetricsTest {

  static final int[] Y = {0, 1, 2, 2, 1, 0, 2, 1, 0, 2};
  static final double[][] P = {{0.7, 0.2, 0.1}, {0.2, 0.5, 0.3}, {0.1, 0.3, 0.6}, {0.3, 0.4, 0.3},
      {0.3, 0.3, 0.4}, {0.5, 0.25, 0.25}, {0.2, 0.2, 0.6}, {0.1, 0.8, 0.1}, {0.4, 0.4, 0.2}, {0.25, 0.25, 0.5}};

  private final ConfusionMatrix cm = MulticlassMetrics.confusion(Y, MulticlassMetrics.argmax(P), 3);

  @Test
  void confusion_countsActualRowsAgainstArgmaxColumns() {
    assertThat(cm.counts()).isDeepEqualTo(new long[][] {{3, 0, 0}, {0, 2, 1}, {0, 1, 3}});
  }

  @Test
  void averages_matchSklearn() {
    assertThat(MulticlassMetrics.metric(Metric.ACCURACY, cm).value()).isCloseTo(0.8, within(1e-15));
    assertThat(MulticlassMetrics.metric(Metric.MACRO_PRECISION, cm).value()).isCloseTo(0.8055555555555555, within(1e-15));
    assertThat(MulticlassMetrics.metric(Metric.MACRO_RECALL, cm).value()).isCloseTo(0.8055555555555555, within(1e-15));
    assertThat(MulticlassMetrics.metric(Metric.MACRO_F1, cm).value()).isCloseTo(0.8055555555555555, within(1e-15));
    assertThat(MulticlassMetrics.metric(Metric.WEIGHTED_F1, cm).value()).isCloseTo(0.8, within(1e-15));
    assertThat(MulticlassMetrics.metric(Metric.MICRO_F1, cm).value()).isCloseTo(0.8, within(1e-15));
    assertThat(MulticlassMetrics.metric(Metric.BALANCED_ACCURACY, cm).value()).isCloseTo(0.8055555555555555, within(1e-15));
    assertThat(MulticlassMetrics.metric(Metric.MCC, cm).value()).isCloseTo(0.696969696969697, within(1e-15));
    assertThat(MulticlassMetrics.metric(Metric.COHEN_KAPPA, cm).value()).isCloseTo(0.696969696969697, within(1e-15));
    assertThat(MulticlassMetrics.perClass(Metric.F1, cm, 1).value()).isCloseTo(2 / 3.0, within(1e-15));
  }

  @Test
  void probabilityMetrics_matchSklearn() {
    assertThat(MulticlassMetrics.logLoss(Y, P).value()).isCloseTo(0.7005147624990786, within(1e-15));
    // scikit-learn 1.2.1: log_loss([0, 1, 2], [[1, 0, 0], [1, 0, 0], [0, 0, 1]]): clipped at eps, rows renormalised
    assertThat(MulticlassMetrics.logLoss(new int[] {0, 1, 2},
        new double[][] {{1, 0, 0}, {1, 0, 0}, {0, 0, 1}}).value()).isCloseTo(12.014551129705717, within(1e-12));
    assertThat(MulticlassMetrics.brier(Y, P).value()).isCloseTo(0.387, within(1e-15));
    assertThat(MulticlassMetrics.rocAucOvr(Y, P, false).value()).isCloseTo(0.939484126984127, within(1e-15));
    assertThat(MulticlassMetrics.rocAucOvr(Y, P, true).value()).isCloseTo(0.9392857142857143, within(1e-15));
  }

  @Test
  void topK_ranksTiedHigherClassFirst_asSklearn() {
    // row 8 is [0.4, 0.4, 0.2] with label 0: argmax says 0 (accuracy counts it), top-1 does not
    assertThat(MulticlassMetrics.topKAccuracy(Y, P, 1).value()).isCloseTo(0.7, within(1e-15));
    assertThat(MulticlassMetrics.topKAccuracy(Y, P, 2).value()).isEqualTo(1.0);
  }

  @Test
  void macroAverage_skipsClassesAbsentFromLabelsAndPredictions_andFlagsZeroDivision() {
    ConfusionMatrix absent = MulticlassMetrics.confusion(new int[] {0, 1, 1}, new int[] {0, 1, 0}, 3);
    // class 2 never appears: macro over classes 0 and 1: precision (0.5 + 1) / 2
    assertThat(MulticlassMetrics.metric(Metric.MACRO_PRECISION, absent).value()).isCloseTo(0.75, within(1e-15));
    MetricValue neverPredicted = MulticlassMetrics.perClass(Metric.PRECISION,
        MulticlassMetrics.confusion(new int[] {0, 1, 2}, new int[] {0, 1, 1}, 3), 2);
    assertThat(neverPredicted.zeroDivision()).isTrue();
    assertThat(neverPredicted.value()).isZero();
  }

  @Test
  void ovrAuc_throwsWhenAClassHasNoLabel() {
    int[] y = {0, 1, 0, 1};
    double[][] p = {{0.5, 0.3, 0.2}, {0.2, 0.5, 0.3}, {0.6, 0.2, 0.2}, {0.1, 0.8, 0.1}};
    assertThatThrownBy(() -> MulticlassMetrics.rocAucOvr(y, p, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 2 has no labels");
  }

  @Test
  void badProbabilityRows_areRejectedWithIndexAndValue() {
    assertThatThrownBy(() -> MulticlassMetrics.logLoss(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {0.5, 0.6}}))
        .hasMessage("probabilities rows must sum to 1 (tolerance 1e-6): probabilities[1] sums to 1.1");
    assertThatThrownBy(() -> MulticlassMetrics.logLoss(new int[] {0, 3}, new double[][] {{0.5, 0.5}, {0.5, 0.5}}))
        .hasMessage("labels must be class indices in [0, 2): labels[1] = 3");
    assertThatThrownBy(() -> MulticlassMetrics.logLoss(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {0.5, 0.4, 0.1}}))
        .hasMessage("probabilities rows must all have 2 classes: probabilities[1] has 3");
  }
}
