package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * (All literals: mlops-metrics/src/test/python/sklearn_reference.py.)
 * Expected values come from NumPy re-implementations of scikit-learn's definitions
 * (no scikit-learn here), e.g.
 * <pre>
 * y = np.array([0,0,1,1,0,1,0,1,1,0,1,0]); s = np.array([0.1,0.4,0.4,0.8,0.3,0.7,0.2,0.35,0.9,0.6,0.6,0.05])
 * # _binary_clf_curve: o = np.argsort(s, kind="mergesort")[::-1]; distinct thresholds; cumsum of y, 1 - y
 * roc_auc = np.trapezoid(tpr, fpr)                    # 0.888888888888889
 * ap = -np.sum(np.diff(recall) * precision[:-1])     # 0.8773809523809524
 * sklearn.metrics.log_loss(y, s)  # 0.44380884599900466 (scikit-learn 1.2.1 itself, eps='auto')
 * brier = np.mean((s - y)**2)                        # 0.14541666666666667
 * # at threshold 0.5 (s >= 0.5): tn fp fn tp = 5 1 2 4
 * mcc: sklearn's cov formula -> 0.50709255283711; kappa: 1 - sum(W*C)/sum(W*outer(C.sum(0), C.sum(1))/n) -> 0.5
 * </pre>
 */
final class BinaryMetricsTest {

  static final int[] Y = {0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0};
  static final double[] S = {0.1, 0.4, 0.4, 0.8, 0.3, 0.7, 0.2, 0.35, 0.9, 0.6, 0.6, 0.05};
  static final double[] W = {1, 2, 1, 0.5, 1, 3, 1, 1, 2, 1, 1, 0.25};

  @Test
  void rocAuc_matchesSklearnTrapezoid_withTiesAcrossClasses() {
    assertThat(BinaryMetrics.rocAuc(Y, S).value()).isCloseTo(0.888888888888889, within(1e-15));
  }

  @Test
  void averagePrecision_isStepwiseNotTrapezoid() {
    assertThat(BinaryMetrics.averagePrecision(Y, S).value()).isCloseTo(0.8773809523809524, within(1e-15));
  }

  @Test
  void weightedRankingMetrics_matchSampleWeightDefinitions() {
    // auc(y, s, w) / ap(y, s, w) with cumsum(y*w), cumsum((1-y)*w): 0.896470588235294, 0.9200097430276459
    assertThat(BinaryMetrics.rocAuc(Y, S, W).value()).isCloseTo(0.896470588235294, within(1e-14));
    assertThat(BinaryMetrics.averagePrecision(Y, S, W).value()).isCloseTo(0.9200097430276459, within(1e-14));
    assertThat(BinaryMetrics.logLoss(Y, S, W).value()).isCloseTo(0.4410305378197676, within(1e-14));
  }

  @Test
  void rocCurve_matchesRocCurveWithoutDroppingIntermediatePoints() {
    RocCurve roc = BinaryRanking.of(Y, S).rocCurve();
    assertThat(roc.thresholds()).containsExactly(Double.POSITIVE_INFINITY, 0.9, 0.8, 0.7, 0.6, 0.4, 0.35, 0.3,
        0.2, 0.1, 0.05);
    assertThat(roc.fpr()).containsExactly(new double[] {0, 0, 0, 0, 1 / 6.0, 2 / 6.0, 2 / 6.0, 3 / 6.0, 4 / 6.0,
        5 / 6.0, 1}, within(1e-15));
    assertThat(roc.tpr()).containsExactly(new double[] {0, 1 / 6.0, 2 / 6.0, 3 / 6.0, 4 / 6.0, 5 / 6.0, 1, 1, 1, 1,
        1}, within(1e-15));
    assertThat(roc.area()).isCloseTo(0.888888888888889, within(1e-15));
  }

  @Test
  void precisionRecallCurve_matchesSklearnLayout() {
    PrecisionRecallCurve pr = BinaryRanking.of(Y, S).precisionRecallCurve();
    assertThat(pr.thresholds()).containsExactly(0.05, 0.1, 0.2, 0.3, 0.35, 0.4, 0.6, 0.7, 0.8, 0.9);
    assertThat(pr.precision()).containsExactly(new double[] {0.5, 0.5454545454545454, 0.6, 0.6666666666666666,
        0.75, 0.7142857142857143, 0.8, 1, 1, 1, 1}, within(1e-15));
    assertThat(pr.recall()).containsExactly(new double[] {1, 1, 1, 1, 1, 0.8333333333333334, 0.6666666666666666,
        0.5, 0.3333333333333333, 0.16666666666666666, 0}, within(1e-15));
  }

  @Test
  void thresholdMetrics_matchSklearnAtThresholdHalf() {
    BinaryCounts c = BinaryMetrics.counts(Y, S, 0.5);
    assertThat(c).isEqualTo(new BinaryCounts(4, 1, 5, 2));
    assertThat(c.accuracy().value()).isEqualTo(0.75);
    assertThat(c.precision().value()).isCloseTo(0.8, within(1e-15));
    assertThat(c.recall().value()).isCloseTo(0.6666666666666666, within(1e-15));
    assertThat(c.f1().value()).isCloseTo(0.7272727272727273, within(1e-15));
    assertThat(c.fBeta(2).value()).isCloseTo(0.6896551724137931, within(1e-15));
    assertThat(c.balancedAccuracy().value()).isCloseTo(0.75, within(1e-15));
    assertThat(c.mcc().value()).isCloseTo(0.50709255283711, within(1e-14));
    assertThat(c.cohenKappa().value()).isCloseTo(0.5, within(1e-15));
    assertThat(c.specificity().value()).isCloseTo(5 / 6.0, within(1e-15));
    assertThat(c.fpr().value()).isCloseTo(1 / 6.0, within(1e-15));
    assertThat(c.fnr().value()).isCloseTo(2 / 6.0, within(1e-15));
    assertThat(c.prevalence().value()).isEqualTo(0.5);
    assertThat(c.precision().n()).isEqualTo(5);
    assertThat(c.recall().n()).isEqualTo(6);
  }

  @Test
  void logLossAndBrier_matchSklearn() {
    assertThat(BinaryMetrics.logLoss(Y, S).value()).isCloseTo(0.44380884599900466, within(1e-15));
    assertThat(BinaryMetrics.brier(Y, S).value()).isCloseTo(0.14541666666666667, within(1e-15));
  }

  @Test
  void logLoss_clipsAtFloat64MachineEpsilon_asSklearnEpsAuto() {
    // scikit-learn 1.2.1: log_loss([1], [0.0], labels=[0, 1]) = -log(2.220446049250313e-16)
    assertThat(BinaryMetrics.logLoss(new int[] {1}, new double[] {0.0}).value())
        .isCloseTo(36.04365338911715, within(1e-12));
    // log_loss([1, 0, 1, 0], [1e-17, 1 - 1e-17, 1e-16, 0.0]): the clip decides every row
    assertThat(BinaryMetrics.logLoss(new int[] {1, 0, 1, 0}, new double[] {1e-17, 1 - 1e-17, 1e-16, 0.0}).value())
        .isCloseTo(27.032740041837865, within(1e-12));
    assertThat(BinaryMetrics.LOG_LOSS_EPSILON).isEqualTo(2.220446049250313e-16);
  }

  @Test
  void rocAuc_isHalf_andApIsPrevalence_whenAllScoresTie() {
    int[] y = {0, 1, 0, 0, 1};
    double[] s = {0.3, 0.3, 0.3, 0.3, 0.3};
    assertThat(BinaryMetrics.rocAuc(y, s).value()).isEqualTo(0.5);
    assertThat(BinaryMetrics.averagePrecision(y, s).value()).isCloseTo(0.4, within(1e-15));
  }

  @Test
  void rocAuc_isOneForPerfectAndZeroForInvertedRanking() {
    int[] y = {0, 0, 1, 1, 1};
    double[] s = {0.1, 0.2, 0.7, 0.8, 0.9};
    double[] inverted = {0.9, 0.8, 0.3, 0.2, 0.1};
    assertThat(BinaryMetrics.rocAuc(y, s).value()).isEqualTo(1.0);
    assertThat(BinaryMetrics.averagePrecision(y, s).value()).isEqualTo(1.0);
    assertThat(BinaryMetrics.rocAuc(y, inverted).value()).isEqualTo(0.0);
  }

  @Test
  void rankingMetrics_stayExactWithRarePositives() {
    // 1 positive among 10 000 negatives, ranked above exactly 9 000 of them: AUC = 0.9, AP = 1 / 1001
    int n = 10_001;
    int[] y = new int[n];
    double[] s = new double[n];
    for (int i = 0; i < 10_000; i++) {
      s[i] = i;
    }
    y[10_000] = 1;
    s[10_000] = 8_999.5;
    assertThat(BinaryMetrics.rocAuc(y, s).value()).isEqualTo(0.9);
    assertThat(BinaryMetrics.averagePrecision(y, s).value()).isCloseTo(1 / 1001.0, within(1e-15));
  }

  @Test
  void rocAuc_throwsWhenOnlyOneClassIsPresent() {
    assertThatThrownBy(() -> BinaryMetrics.rocAuc(new int[] {1, 1}, new double[] {0.2, 0.4}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only one class");
    assertThatThrownBy(() -> BinaryMetrics.averagePrecision(new int[] {0, 0}, new double[] {0.2, 0.4}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no positive");
  }

  @Test
  void precision_isZeroAndFlagged_whenNothingIsPredictedPositive() {
    BinaryCounts c = BinaryMetrics.counts(new int[] {0, 1, 1}, new int[] {0, 0, 0});
    MetricValue precision = c.precision();
    assertThat(precision.value()).isZero();
    assertThat(precision.zeroDivision()).isTrue();
    assertThat(precision.reason()).contains("no positive predictions");
    assertThat(c.recall().zeroDivision()).isFalse();
    assertThat(c.mcc().zeroDivision()).isTrue();
    assertThat(c.f1().value()).isZero();
    assertThat(c.f1().zeroDivision()).isFalse();
  }

  @Test
  void cohenKappa_throwsWhenLabelsAndPredictionsAreOneClass() {
    BinaryCounts c = BinaryMetrics.counts(new int[] {1, 1}, new int[] {1, 1});
    assertThatThrownBy(c::cohenKappa).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cohen_kappa");
  }

  @Test
  void counts_areLongs_exactBeyondFloat32Precision() {
    int n = (1 << 24) + 3;
    int[] y = new int[n];
    int[] p = new int[n];
    java.util.Arrays.fill(y, 1);
    java.util.Arrays.fill(p, 1);
    p[0] = 0;
    BinaryCounts c = BinaryCounts.of(y, p);
    assertThat(c.truePositives()).isEqualTo((1L << 24) + 2);
    assertThat(c.recall().value()).isEqualTo(((1 << 24) + 2) / (double) ((1 << 24) + 3));
  }

  @Test
  void counts_validateInsideTheCountingPass_andStillNameTheIndex() {
    assertThatThrownBy(() -> BinaryCounts.of(new int[] {0, 1, 1}, new int[] {0, 2, 1}))
        .hasMessage("predicted must be 0 or 1: predicted[1] = 2");
    assertThatThrownBy(() -> BinaryCounts.of(new int[] {0, -1}, new int[] {0, 1}))
        .hasMessage("labels must be 0 or 1: labels[1] = -1");
    assertThatThrownBy(() -> BinaryCounts.of(new int[] {0, 1}, new double[] {0.2, Double.NEGATIVE_INFINITY}, 0.5))
        .hasMessage("scores must be finite: scores[1] = -Infinity");
  }

  @Test
  void badInput_namesArgumentIndexAndValue() {
    assertThatThrownBy(() -> BinaryMetrics.rocAuc(new int[] {0, 1}, new double[] {0.1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("scores must be finite: scores[1] = NaN");
    assertThatThrownBy(() -> BinaryMetrics.rocAuc(new int[] {0, 2}, new double[] {0.1, 0.2}))
        .hasMessage("labels must be 0 or 1: labels[1] = 2");
    assertThatThrownBy(() -> BinaryMetrics.rocAuc(new int[] {0, 1}, new double[] {0.1}))
        .hasMessage("scores must have the same length as labels (2): 1");
    assertThatThrownBy(() -> BinaryMetrics.logLoss(new int[] {0, 1}, new double[] {0.1, 1.5}))
        .hasMessage("probabilities must be probabilities in [0, 1]: probabilities[1] = 1.5");
    assertThatThrownBy(() -> BinaryMetrics.rocAuc(new int[0], new double[0]))
        .hasMessage("labels must not be empty");
    assertThatThrownBy(() -> BinaryMetrics.rocAuc(new int[] {0, 1}, new double[] {0.1, 0.2}, new double[] {1, -1}))
        .hasMessage("weights must be finite and non-negative: weights[1] = -1.0");
    assertThatThrownBy(() -> BinaryMetrics.rocAuc(new int[] {0, 1}, new double[] {0.1, Double.POSITIVE_INFINITY}))
        .hasMessageContaining("scores[1] = Infinity");
  }
}
