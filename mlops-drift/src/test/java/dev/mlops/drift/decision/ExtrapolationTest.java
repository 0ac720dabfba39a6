package dev.mlops.drift.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ExtrapolationTest {

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** {@code P(y = 1 | x)} of the logistic stream: the logit is 0 along (1, 2). */
  private static double logistic(double[] x) {
    return sigmoid(2 * x[0] - x[1]);
  }

  /**
   * A tree-like score: over-confident, on a half-unit grid of the logit, and flat beyond the
   * reference's range (the features clamped to [-3.5, 3.5], as a tree's edge leaves).
   */
  private static double treeLike(double[] x) {
    double a = Math.max(-3.5, Math.min(3.5, x[0]));
    double b = Math.max(-3.5, Math.min(3.5, x[1]));
    return sigmoid(2 * Math.rint(2 * (2 * a - b)) / 2);
  }

  private record Stream(double[][] x, double[] scores, int[] labels, double realised) {}

  private static Stream stream(SplittableRandom r, int n, double shift,
      java.util.function.ToDoubleFunction<double[]> truth,
      java.util.function.ToDoubleFunction<double[]> score) {
    double[][] x = new double[n][2];
    double[] s = new double[n];
    int[] y = new int[n];
    int right = 0;
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextGaussian() + shift;
      x[i][1] = r.nextGaussian() + 2 * shift;
      s[i] = score.applyAsDouble(x[i]);
      y[i] = r.nextDouble() < truth.applyAsDouble(x[i]) ? 1 : 0;
      right += (s[i] >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
    }
    return new Stream(x, s, y, (double) right / n);
  }

  private static PerformanceEstimator corrected(Stream ref) {
    return PerformanceEstimator.of(ProbabilityCalibration.isotonic(ref.scores(), ref.labels()),
            0.5, 0.95)
        .withLocalCorrection(List.of("x0", "x1"), ref.x(), ref.scores(), ref.labels());
  }

  @Test
  void rowsBeyondTheReference_takeTheLogisticContinuation_whenItPredictedTheReferencesTailsBest() {
    SplittableRandom r = new SplittableRandom(21);
    Stream ref = stream(r, 4_000, 0, ExtrapolationTest::logistic, ExtrapolationTest::treeLike);
    PerformanceEstimator estimator = corrected(ref);
    assertThat(estimator.extrapolationModel()).isEqualTo("linear");
    assertThat(estimator.describe()).contains("beyond the reference's range, P(y | x) by logistic"
        + " regression on linear standardised features");

    // along (1, 2) the true logit stays, the tree-like score stays at its edge and errs more
    Stream window = stream(r, 2_000, 4, ExtrapolationTest::logistic, ExtrapolationTest::treeLike);
    AccuracyEstimate with = estimator.estimate(window.scores(), window.x(), 1)
        .withRealised(window.realised());
    AccuracyEstimate without = estimator.withoutExtrapolationModel()
        .estimate(window.scores(), window.x(), 1).withRealised(window.realised());

    assertThat(Math.abs(without.error())).isGreaterThan(0.1);
    assertThat(Math.abs(with.error())).isLessThan(0.03);
    assertThat(with.covers()).isTrue();
    // inside the reference nothing changes
    assertThat(estimator.chanceCorrect(ref.scores()[0], ref.x()[0])).isEqualTo(
        estimator.withoutExtrapolationModel().chanceCorrect(ref.scores()[0], ref.x()[0]));
  }

  @Test
  void scoreThatKeepsHoldingBeyondTheReference_isKept_whenNoLogisticModelPredictsTheTailsBetter() {
    // a rule-shaped truth no logistic model of the features holds, and a score that is the truth
    java.util.function.ToDoubleFunction<double[]> rules =
        x -> (x[0] > 0.5 && x[1] < 1) || x[0] < -1.5 ? 0.9 : 0.1;
    SplittableRandom r = new SplittableRandom(22);
    Stream ref = stream(r, 4_000, 0, rules, rules);
    PerformanceEstimator estimator = corrected(ref);

    assertThat(estimator.extrapolationModel()).isEqualTo("none");
    assertThat(estimator.withoutExtrapolationModel()).isSameAs(estimator);
  }

  @Test
  void topLabelEstimators_haveNoModelOfTheLabel() {
    SplittableRandom r = new SplittableRandom(23);
    Stream ref = stream(r, 1_000, 0, ExtrapolationTest::logistic, ExtrapolationTest::treeLike);
    double[] top = new double[ref.scores().length];
    int[] right = new int[top.length];
    for (int i = 0; i < top.length; i++) {
      top[i] = Math.max(ref.scores()[i], 1 - ref.scores()[i]);
      right[i] = (ref.scores()[i] >= 0.5 ? 1 : 0) == ref.labels()[i] ? 1 : 0;
    }
    PerformanceEstimator estimator = PerformanceEstimator.topLabel(
            ProbabilityCalibration.isotonic(top, right), 0.95)
        .withLocalCorrection(List.of("x0", "x1"), ref.x(), top, right);
    assertThat(estimator.extrapolationModel()).isEqualTo("none");
  }
}
