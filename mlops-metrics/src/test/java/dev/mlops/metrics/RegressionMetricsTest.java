package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * (All literals: mlops-metrics/src/test/python/sklearn_reference.py.)
 * Expected values from NumPy (scikit-learn's definitions):
 * <pre>
 * ya = np.array([3.0,-0.5,2.0,7.0,4.2,0.0,1.5,10.0]); yp = np.array([2.5,0.0,2.1,7.8,3.9,0.3,1.0,8.0]); e = ya - yp
 * mae 0.625, mse 0.6974999999999999, rmse 0.8351646544245033, r2 0.9377648895828686,
 * mape = np.mean(abs(e) / np.maximum(abs(ya), np.finfo(np.float64).eps)) = 168884986026393.8 (ya has a 0),
 * medae = np.median(abs(e)) = 0.5, max_error 2.0, ev = 1 - np.var(e)/np.var(ya) = 0.9413339281730984, me 0.2
 * w = [1,2,0.5,1,3,1,1,0.5]: np.average(abs(e), weights=w) = 0.5050000000000001, weighted r2 0.9505488399659213,
 *   weighted ev 0.9512433787304448
 * integer weights [1,1,1,5,1,1,1,1]: np.median(np.repeat(abs(e), w)) = 0.6499999999999999
 * </pre>
 */
final class RegressionMetricsTest {

  static final double[] A = {3.0, -0.5, 2.0, 7.0, 4.2, 0.0, 1.5, 10.0};
  static final double[] P = {2.5, 0.0, 2.1, 7.8, 3.9, 0.3, 1.0, 8.0};

  @Test
  void metrics_matchSklearn() {
    assertThat(RegressionMetrics.mae(A, P).value()).isCloseTo(0.625, within(1e-15));
    assertThat(RegressionMetrics.mse(A, P).value()).isCloseTo(0.6974999999999999, within(1e-15));
    assertThat(RegressionMetrics.rmse(A, P).value()).isCloseTo(0.8351646544245033, within(1e-15));
    assertThat(RegressionMetrics.r2(A, P).value()).isCloseTo(0.9377648895828686, within(1e-15));
    assertThat(RegressionMetrics.mape(A, P).value()).isCloseTo(168884986026393.8, within(1.0));
    assertThat(RegressionMetrics.medianAbsoluteError(A, P).value()).isCloseTo(0.5, within(1e-15));
    assertThat(RegressionMetrics.maxError(A, P).value()).isEqualTo(2.0);
    assertThat(RegressionMetrics.explainedVariance(A, P).value()).isCloseTo(0.9413339281730984, within(1e-15));
    assertThat(RegressionMetrics.meanError(A, P).value()).isCloseTo(0.2, within(1e-15));
  }

  @Test
  void weightedMetrics_matchSampleWeightDefinitions() {
    double[] w = {1, 2, 0.5, 1, 3, 1, 1, 0.5};
    assertThat(RegressionMetrics.metric(Metric.MAE, A, P, w).value()).isCloseTo(0.5050000000000001, within(1e-15));
    assertThat(RegressionMetrics.metric(Metric.R2, A, P, w).value()).isCloseTo(0.9505488399659213, within(1e-14));
    assertThat(RegressionMetrics.metric(Metric.EXPLAINED_VARIANCE, A, P, w).value())
        .isCloseTo(0.9512433787304448, within(1e-14));
  }

  @Test
  void weightedMedian_equalsMedianOfDataRepeatedByIntegerWeights() {
    double[] w = {1, 1, 1, 5, 1, 1, 1, 1};
    assertThat(RegressionMetrics.metric(Metric.MEDIAN_ABSOLUTE_ERROR, A, P, w).value())
        .isCloseTo(0.6499999999999999, within(1e-15));
  }

  @Test
  void r2_followsForceFinite_forAConstantTarget() {
    double[] constant = {2, 2, 2};
    MetricValue perfect = RegressionMetrics.r2(constant, constant);
    assertThat(perfect.value()).isEqualTo(1.0);
    assertThat(perfect.zeroDivision()).isTrue();
    MetricValue imperfect = RegressionMetrics.r2(constant, new double[] {2, 3, 2});
    assertThat(imperfect.value()).isZero();
    assertThat(imperfect.zeroDivision()).isTrue();
  }

  @Test
  void badInput_namesArgumentIndexAndValue() {
    assertThatThrownBy(() -> RegressionMetrics.mae(new double[] {1, Double.NaN}, new double[] {1, 2}))
        .hasMessage("actual must be finite: actual[1] = NaN");
    assertThatThrownBy(() -> RegressionMetrics.mae(new double[] {1, 2}, new double[] {1}))
        .hasMessage("predicted must have the same length as actual (2): 1");
    assertThatThrownBy(() -> RegressionMetrics.metric(Metric.ROC_AUC, A, P))
        .hasMessage("metric must be a regression metric: roc_auc");
  }
}
