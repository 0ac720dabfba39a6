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
  void aboveTwentyFeatures_noContinuationIsFitted_andTheMethodSaysSo() {
    SplittableRandom r = new SplittableRandom(23);
    for (int width : new int[] {20, 21}) {
      Stream two = stream(r, 3_000, 0, ExtrapolationTest::logistic, ExtrapolationTest::treeLike);
      double[][] x = new double[two.x().length][width];
      for (int i = 0; i < x.length; i++) {
        x[i][0] = two.x()[i][0];
        x[i][1] = two.x()[i][1];
        for (int k = 2; k < width; k++) {
          x[i][k] = r.nextGaussian(); // noise the label ignores
        }
      }
      List<String> names = java.util.stream.IntStream.range(0, width).mapToObj(k -> "x" + k)
          .toList();
      PerformanceEstimator estimator = PerformanceEstimator.of(
              ProbabilityCalibration.isotonic(two.scores(), two.labels()), 0.5, 0.95)
          .withLocalCorrection(names, x, two.scores(), two.labels());
      if (width == 20) {
        // fitted or not (here the score's own continuation predicts the tails as well), no claim
        assertThat(estimator.describe()).doesNotContain("no model beyond");
      } else {
        assertThat(estimator.extrapolationModel()).isEqualTo("none");
        assertThat(estimator.describe()).contains("; no model beyond the reference's range: 21"
            + " features, more than the 20 it models (rows beyond the range take the in-range"
            + " chance; the interval is widened by their share)");
      }
    }
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

  /** Three classes: the true logits {@code (0, 1.5 x0 - x1, -x0 + 1.5 x1)}. */
  private static double[] softmax(double[] logits) {
    double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
    double[] e = new double[3];
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      e[k] = Math.exp(logits[k] - max);
      sum += e[k];
    }
    for (int k = 0; k < 3; k++) {
      e[k] /= sum;
    }
    return e;
  }

  private static double[] truth3(double[] x) {
    return softmax(new double[] {0, 1.5 * x[0] - x[1], -x[0] + 1.5 * x[1]});
  }

  /** A tree-like 3-class model: over-confident, on a half-unit grid, flat beyond [-3.5, 3.5]. */
  private static double[] treeLike3(double[] x) {
    double a = Math.max(-3.5, Math.min(3.5, x[0]));
    double b = Math.max(-3.5, Math.min(3.5, x[1]));
    return softmax(new double[] {0, 2 * Math.rint(2 * (1.5 * a - b)) / 2,
        2 * Math.rint(2 * (-a + 1.5 * b)) / 2});
  }

  private record Stream3(double[][] x, double[] top, int[] predicted, int[] labels, int[] right,
      double realised) {}

  private static Stream3 stream3(SplittableRandom r, int n, double shift) {
    double[][] x = new double[n][2];
    double[] top = new double[n];
    int[] predicted = new int[n];
    int[] y = new int[n];
    int[] right = new int[n];
    int correct = 0;
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextGaussian() + shift;
      x[i][1] = r.nextGaussian() + 2 * shift;
      double[] p = treeLike3(x[i]);
      for (int k = 1; k < 3; k++) {
        if (p[k] > p[predicted[i]]) {
          predicted[i] = k;
        }
      }
      top[i] = p[predicted[i]];
      double[] t = truth3(x[i]);
      double u = r.nextDouble();
      y[i] = u < t[0] ? 0 : u < t[0] + t[1] ? 1 : 2;
      right[i] = predicted[i] == y[i] ? 1 : 0;
      correct += right[i];
    }
    return new Stream3(x, top, predicted, y, right, (double) correct / n);
  }

  @Test
  void threeClasses_rowsBeyondTheReference_takeTheMultinomialContinuation() {
    SplittableRandom r = new SplittableRandom(24);
    Stream3 ref = stream3(r, 4_000, 0);
    PerformanceEstimator plain = PerformanceEstimator.topLabel(
        ProbabilityCalibration.isotonic(ref.top(), ref.right()), 0.95);
    PerformanceEstimator estimator = plain.withLocalCorrection(List.of("x0", "x1"), ref.x(),
        ref.top(), ref.right(), ref.predicted(), ref.labels());
    assertThat(estimator.extrapolationModel()).isEqualTo("linear");
    assertThat(estimator.describe()).contains("P(y | x) by multinomial logistic regression on"
        + " linear standardised features");
    // without the classes a top-label estimator has no model of the label, as before
    PerformanceEstimator withoutClasses = plain.withLocalCorrection(List.of("x0", "x1"), ref.x(),
        ref.top(), ref.right());
    assertThat(withoutClasses.extrapolationModel()).isEqualTo("none");

    Stream3 window = stream3(r, 2_000, 4);
    AccuracyEstimate with = estimator.estimate(window.top(), window.predicted(), window.x(), 1)
        .withRealised(window.realised());
    AccuracyEstimate without = estimator.withoutExtrapolationModel()
        .estimate(window.top(), window.predicted(), window.x(), 1)
        .withRealised(window.realised());
    assertThat(Math.abs(without.error())).isGreaterThan(0.1);
    assertThat(Math.abs(with.error())).isLessThan(0.03);
    assertThat(with.covers()).isTrue();
    // the score-only path (no class given) has no model of the label, beyond the reference or
    // inside it (eleventh session: the stack needs the class): the calibrated chance corrected
    assertThat(estimator.estimate(window.top(), window.x(), 1).estimate())
        .isEqualTo(estimator.withoutExtrapolationModel().estimate(window.top(), window.x(), 1)
            .estimate());
    // inside the reference the continuation changes nothing
    for (int i = 0; i < 50; i++) {
      assertThat(estimator.chanceCorrect(ref.top()[i], ref.predicted()[i], ref.x()[i]))
          .isEqualTo(estimator.withoutExtrapolationModel().chanceCorrect(ref.top()[i],
              ref.predicted()[i], ref.x()[i]));
    }
    // a class never seen as a label keeps the estimator's own chance
    double[] far = {4, 8};
    assertThat(estimator.chanceCorrect(0.7, 5, far))
        .isEqualTo(estimator.withoutExtrapolationModel().chanceCorrect(0.7, far));
  }

  @Test
  void classesThatContradictTheRowsCorrectness_areRefused() {
    PerformanceEstimator plain = PerformanceEstimator.topLabel(
        ProbabilityCalibration.isotonic(new double[] {0.6, 0.9}, new int[] {0, 1}), 0.95);
    double[][] x = {{0}, {1}};
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.withLocalCorrection(
            List.of("x0"), x, new double[] {0.6, 0.9}, new int[] {0, 1}, new int[] {2, 1},
            new int[] {2, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0 is marked wrong but predicts 2 for label 2");
    PerformanceEstimator binary = PerformanceEstimator.of(
        ProbabilityCalibration.isotonic(new double[] {0.6, 0.9}, new int[] {0, 1}), 0.5, 0.95);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> binary.withLocalCorrection(
            List.of("x0"), x, new double[] {0.6, 0.9}, new int[] {0, 1}, new int[] {1, 1},
            new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("top-label");
  }

  @Test
  void binaryEstimates_areBitForBitThoseBeforeTheMultinomialModel() {
    // literal values printed by main 3eddb5d (before the multinomial model) on this stream; the
    // last window's (beyond the reference) and the form reprinted by the tenth session's "tails"
    // branch, whose margin turns this logistic stream's noisy quadratic choice into the linear one
    // (main 3eddb5d: quadratic, {0.8679872292886566, 0.0, 1.0, 0.9887712628127029} for the
    // window moved 4 along (1, 2), whose expected accuracy is 0.519)
    SplittableRandom r = new SplittableRandom(31);
    int n = 3_000;
    double[][] x = new double[n][2];
    double[] s = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextGaussian();
      x[i][1] = r.nextGaussian();
      s[i] = treeLike(x[i]);
      y[i] = r.nextDouble() < logistic(x[i]) ? 1 : 0;
    }
    PerformanceEstimator e = PerformanceEstimator.of(ProbabilityCalibration.isotonic(s, y), 0.5,
        0.95).withLocalCorrection(List.of("x0", "x1"), x, s, y);
    assertThat(e.extrapolationModel()).isEqualTo("linear");
    // the eleventh session ("estimate") re-pinned the allowance and the two windows inside the
    // reference (the calibrated chance stacked with logistic models of the label; before:
    // 0.004040547123586259, {0.797531065978847, 0.7612242631272883, 0.8338378688304058,
    // 0.7358508863399373}, {0.7917314813840853, 0.5054525023997067, 1.0, 0.6862402718742451});
    // the window beyond it is unchanged. Oracle accuracies of the windows: 0.7917, 0.7956, 0.5191
    // the thirteenth session ("beyond") re-pinned the allowance and the two windows inside the
    // reference (the correction's smoothed residuals centred on the reference's mean residual;
    // before: 0.004225228365558586, {0.7974702289466375, 0.7610755579767472, 0.8338648999165279,
    // 0.7406826255316021}, {0.7919859544894422, 0.505667689761664, 1.0, 0.6925505395310947})
    assertThat(e.allowance()).isEqualTo(0.0);
    double[][] expected = {
        {0.7970680805787159, 0.7615990081162755, 0.8325371530411564, 0.7402547263097354},
        {0.7916564478346355, 0.5062723325076748, 1.0, 0.692122640309228},
        {0.546949033393796, 0.0, 1.0, 0.7608238170033018}};
    double[] shifts = {0, 1, 4};
    for (int k = 0; k < shifts.length; k++) {
      int m = 500;
      double[][] w = new double[m][2];
      double[] ws = new double[m];
      int[] classes = new int[m];
      for (int i = 0; i < m; i++) {
        w[i][0] = r.nextGaussian() + shifts[k];
        w[i][1] = r.nextGaussian() + 2 * shifts[k];
        ws[i] = treeLike(w[i]);
        classes[i] = ws[i] >= 0.5 ? 1 : 0;
      }
      AccuracyEstimate est = e.estimate(ws, w, shifts[k] / 4);
      assertThat(new double[] {est.estimate(), est.lower(), est.upper(),
          e.chanceCorrect(ws[0], w[0])}).as("shift %s", shifts[k]).containsExactly(expected[k]);
      // a binary estimator given the predicted classes ignores them
      assertThat(e.estimate(ws, classes, w, shifts[k] / 4)).isEqualTo(est);
    }
  }

  @Test
  void quadraticForm_isTakenOnlyWhenItBeatsTheLinearOneBeyondTheNoiseOfTheTails() {
    // paired (linear - quadratic) squared errors: a mean of 2e-4 against a standard error of
    // 2e-4 (the seed-117 probe's figures) is noise; 0.39 against 0.0034 (the circle) is not
    int n = 7_996;
    double mean = 0.000166;
    double sd = 0.000206 * Math.sqrt(n);
    double sumSquares = (n - 1) * sd * sd + n * mean * mean;
    assertThat(Extrapolation.clearlyBetter(n * mean, sumSquares, n)).isFalse();
    double circleSd = 0.003427 * Math.sqrt(n);
    assertThat(Extrapolation.clearlyBetter(n * 0.388558,
        (n - 1) * circleSd * circleSd + n * 0.388558 * 0.388558, n)).isTrue();
    assertThat(Extrapolation.clearlyBetter(0.5, 0.25, 1)).isFalse();

    // a logistic stream on which the quadratic form won the held-out tails by noise (main before
    // this margin): its squares sent the estimate of a window moved 4 along (1, 2) to 0.868
    // against an expected accuracy of 0.519; the linear form is within 0.03
    SplittableRandom r = new SplittableRandom(31);
    int m = 3_000;
    double[][] x = new double[m][2];
    double[] s = new double[m];
    int[] y = new int[m];
    for (int i = 0; i < m; i++) {
      x[i][0] = r.nextGaussian();
      x[i][1] = r.nextGaussian();
      s[i] = treeLike(x[i]);
      y[i] = r.nextDouble() < logistic(x[i]) ? 1 : 0;
    }
    PerformanceEstimator e = PerformanceEstimator.of(ProbabilityCalibration.isotonic(s, y), 0.5,
        0.95).withLocalCorrection(List.of("x0", "x1"), x, s, y);
    assertThat(e.extrapolationModel()).isEqualTo("linear");
    SplittableRandom w = new SplittableRandom(32);
    double[][] window = new double[2_000][2];
    double[] ws = new double[window.length];
    double expected = 0;
    for (int i = 0; i < window.length; i++) {
      window[i][0] = w.nextGaussian() + 4;
      window[i][1] = w.nextGaussian() + 8;
      ws[i] = treeLike(window[i]);
      double p = logistic(window[i]);
      expected += ws[i] >= 0.5 ? p : 1 - p;
    }
    expected /= window.length;
    assertThat(e.estimate(ws, window, 1).estimate()).isCloseTo(expected,
        org.assertj.core.api.Assertions.within(0.03));
  }

  /**
   * Four features, three classes: the true logits {@code (0, 0.9 x0 - 0.7 x1, -0.6 x0 + 0.8 x2 +
   * 0.6 x3 + 0.5 x0 x3)} (CheckerStreams' {@code THREE} truth in miniature, its interaction
   * included).
   */
  private static double[] logits4(double[] x) {
    return new double[] {0, 0.9 * x[0] - 0.7 * x[1],
        -0.6 * x[0] + 0.8 * x[2] + 0.6 * x[3] + 0.5 * x[0] * x[3]};
  }

  /**
   * A forest-like model of {@link #logits4}: the true logits on a half-unit grid, flat beyond
   * [-3, 3] in every feature (as a tree's edge leaves), so it knows the reference's tails but not
   * what lies beyond.
   */
  private static double[] forestLike4(double[] x) {
    double[] c = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      c[j] = Math.max(-3, Math.min(3, x[j]));
    }
    double[] l = logits4(c);
    for (int k = 1; k < 3; k++) {
      l[k] = Math.rint(l[k] / 0.5) * 0.5;
    }
    return softmax(l);
  }

  /** Rows of {@link #logits4} with {@code x1} moved by {@code s1} and {@code x2} by {@code s2}. */
  private static Stream3 stream4(SplittableRandom r, int n, double s1, double s2) {
    double[][] x = new double[n][4];
    double[] top = new double[n];
    int[] predicted = new int[n];
    int[] y = new int[n];
    int[] right = new int[n];
    int correct = 0;
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextGaussian();
      x[i][1] = r.nextGaussian() + s1;
      x[i][2] = r.nextGaussian() + s2;
      x[i][3] = r.nextGaussian();
      double[] p = forestLike4(x[i]);
      for (int k = 1; k < 3; k++) {
        if (p[k] > p[predicted[i]]) {
          predicted[i] = k;
        }
      }
      top[i] = p[predicted[i]];
      double[] t = softmax(logits4(x[i]));
      double u = r.nextDouble();
      y[i] = u < t[0] ? 0 : u < t[0] + t[1] ? 1 : 2;
      right[i] = predicted[i] == y[i] ? 1 : 0;
      correct += right[i];
    }
    return new Stream3(x, top, predicted, y, right, (double) correct / n);
  }

  @Test
  void threeClasses_heldOutTails_scoreTheOwnChanceAtTheTailsEdge_notWithTheTailRowsOwnScores() {
    // fourteenth session ("edge"): in a held-out tail the estimator's own chance took the tail
    // row's own calibrated score and correction, which came from a model that saw the tails; so
    // the own chance won the tails and no model was kept beyond the reference (main fa70e28:
    // "none", this window estimated 0.8699, 0.037 below the truth). Scored at the tail's edge
    // (TailEdge: the nearest other row with the held-out feature at the edge), as beyond the
    // reference, the multinomial continuation wins. Not every seed turns: of 15 seeds and model
    // variants of this stream the choice turned in 5 (each time towards the truth), 8 kept "none"
    // (0.024-0.086 low beyond) and 2 were quadratic before and after.
    SplittableRandom r = new SplittableRandom(24);
    Stream3 ref = stream4(r, 2_000, 0, 0);
    PerformanceEstimator estimator = PerformanceEstimator.topLabel(
            ProbabilityCalibration.isotonic(ref.top(), ref.right()), 0.95)
        .withLocalCorrection(List.of("x0", "x1", "x2", "x3"), ref.x(), ref.top(), ref.right(),
            ref.predicted(), ref.labels());
    assertThat(estimator.extrapolationModel()).isEqualTo("linear");
    // the window: x1 moved 3 sd, x2 4 sd; truth = the population's accuracy, E[P(y = predicted |
    // x)], by NumPy Monte Carlo of 4e7 rows (standard error 2.3e-5)
    double truth = 0.9068752733840028;
    Stream3 window = stream4(r, 2_000, 3, 4);
    double with = estimator.estimate(window.top(), window.predicted(), window.x(), 1).estimate();
    double without = estimator.withoutExtrapolationModel()
        .estimate(window.top(), window.predicted(), window.x(), 1).estimate();
    assertThat(with).isCloseTo(truth, org.assertj.core.api.Assertions.within(0.015));
    // the flat continuation at the edge: too low
    assertThat(without).isLessThan(truth - 0.025);
    // unshifted, the truth 0.5829250691358853 (NumPy, as above): the model beyond changes nothing
    Stream3 inside = stream4(r, 2_000, 0, 0);
    assertThat(estimator.estimate(inside.top(), inside.predicted(), inside.x(), 0).estimate())
        .isCloseTo(0.5829250691358853, org.assertj.core.api.Assertions.within(0.03));
  }
}
