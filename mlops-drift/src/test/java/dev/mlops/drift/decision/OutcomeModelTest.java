package dev.mlops.drift.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link OutcomeModel} beyond the estimate sample's range (fifteenth session, "corner"): a row
 * beyond it in any feature that varies takes the linear model's logit in the quadratic's place,
 * since the quadratic's products of features each taken at its own edge form a corner the sample
 * never held jointly.
 */
final class OutcomeModelTest {

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /** The truth's logit: {@code x0 - 0.8 x1 + 0.6 x2 + 0.3 x3 + 0.7 x0 x3}. */
  private static double logit(double[] x) {
    return x[0] - 0.8 * x[1] + 0.6 * x[2] + 0.3 * x[3] + 0.7 * x[0] * x[3];
  }

  private record Stream(double[][] x, double[] scores, int[] labels) {}

  /**
   * Seeded rows: {@code x ~ N(0, I)} with {@code x1 += s1, x2 += s2}; a forest-like score (the
   * truth's logit of the features clamped to [-3, 3], flat beyond as a tree's edge leaves, plus
   * N(0, 0.8^2) noise, on a half-unit grid); the label drawn from the truth.
   */
  private static Stream stream(SplittableRandom r, int n, double s1, double s2) {
    double[][] x = new double[n][4];
    double[] s = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = r.nextGaussian();
      }
      x[i][1] += s1;
      x[i][2] += s2;
      double[] c = new double[4];
      for (int j = 0; j < 4; j++) {
        c[j] = Math.max(-3, Math.min(3, x[i][j]));
      }
      s[i] = sigmoid(Math.rint(2 * (logit(c) + 0.8 * r.nextGaussian())) / 2);
      y[i] = r.nextDouble() < sigmoid(logit(x[i])) ? 1 : 0;
    }
    return new Stream(x, s, y);
  }

  @Test
  void rowsBeyondInTwoFeatures_takeTheLinearModel_notTheQuadraticsProductsAtACornerNeverHeld() {
    // x1 moved 3 sd and x2 4 sd: most rows lie beyond the 2,000-row sample in x2, many in both,
    // and each was evaluated at its features' own edges, where the quadratic's squares and
    // x1 x2 product reach values no reference row held jointly. Before (main 4853346) this
    // window was estimated 0.7183, 0.056 above the truth; with the linear model in the
    // quadratic's place 0.6655. Not every seed moves this way: of 24 seeds of this stream (scratch
    // /tmp/corner/scratch CornerScan) the change brought 16 windows closer to the truth (the over-
    // estimates above all: +0.056 -> +0.003, +0.048 -> +0.016, +0.037 -> +0.007) and 8 further
    // (the under-estimates, by up to 0.017); mean |error| 0.0334 -> 0.0258 against a Java Monte Carlo of 2e6 rows.
    SplittableRandom r = new SplittableRandom(9);
    Stream ref = stream(r, 2_000, 0, 0);
    PerformanceEstimator estimator = PerformanceEstimator.of(
            ProbabilityCalibration.isotonic(ref.scores(), ref.labels()), 0.5, 0.95)
        .withLocalCorrection(List.of("x0", "x1", "x2", "x3"), ref.x(), ref.scores(),
            ref.labels())
        // the stack beyond the reference, as when the held-out tails keep no model there
        .withoutExtrapolationModel();
    assertThat(estimator.describe()).contains("0.80 quadratic");
    // the population's accuracy E[P(y = predicted | x)] of this window's stream, by NumPy Monte
    // Carlo of 4e7 rows (standard error 3.4e-5; /tmp/corner/py/truth.py)
    double truth = 0.6622375189325556;
    Stream window = stream(r, 2_000, 3, 4);
    assertThat(estimator.estimate(window.scores(), window.x(), 1).estimate())
        .isCloseTo(truth, within(0.012));
  }

  @Test
  void aRowBeyondTheSample_isNotTakenAtItsEdge_butARowAtTheEdgeIsInside() {
    SplittableRandom r = new SplittableRandom(3);
    Stream ref = stream(r, 600, 0, 0);
    int n = ref.scores().length;
    double[][] x = new double[n][];
    double[] chance = new double[n];
    int[] predicted = new int[n];
    double high = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      // a fifth feature constant in the sample
      x[i] = new double[] {ref.x()[i][0], ref.x()[i][1], ref.x()[i][2], ref.x()[i][3], 7};
      chance[i] = Math.max(ref.scores()[i], 1 - ref.scores()[i]);
      predicted[i] = ref.scores()[i] >= 0.5 ? 1 : 0;
      high = Math.max(high, x[i][2]);
    }
    OutcomeModel model = OutcomeModel.fit(x, chance, predicted, ref.labels(), false).model();
    double[] edge = {0.5, -0.3, high, 0.2, 7};
    double[] beyond = {0.5, -0.3, high + 2, 0.2, 7};
    double[] further = {0.5, -0.3, high + 9, 0.2, 7};
    double atEdge = model.chance(0.8, 1, edge);
    // the row at the sample's maximum is inside: the quadratic as before (the same chance as
    // any row of the same values); one past it takes the linear model in the quadratic's place
    assertThat(model.chance(0.8, 1, beyond)).isNotEqualTo(atEdge);
    // ... flat beyond (each feature still taken at its edge)
    assertThat(model.chance(0.8, 1, further)).isEqualTo(model.chance(0.8, 1, beyond));
    // a feature constant in the sample has no edge to cross: the quadratic is kept
    double[] otherConstant = edge.clone();
    otherConstant[4] = 9;
    assertThat(model.chance(0.8, 1, otherConstant)).isEqualTo(atEdge);
    // unknown values are taken at the mean, inside
    double[] unknown = edge.clone();
    unknown[0] = Double.NaN;
    double[] atMean = edge.clone();
    atMean[0] = meanOf(x, 0);
    assertThat(model.chance(0.8, 1, unknown)).isCloseTo(model.chance(0.8, 1, atMean),
        within(1e-12));
  }

  private static double meanOf(double[][] x, int j) {
    double s = 0;
    for (double[] row : x) {
      s += row[j];
    }
    return s / x.length;
  }
}
