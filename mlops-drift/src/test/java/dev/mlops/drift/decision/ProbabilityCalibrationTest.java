package dev.mlops.drift.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * Literal values from scikit-learn 1.2.1: {@code IsotonicRegression(out_of_bounds='clip',
 * y_min=0, y_max=1).fit(s, y).predict([0.0, 0.15, 0.25, 0.45, 0.55, 0.65, 0.85, 1.0])}.
 */
final class ProbabilityCalibrationTest {

  private static final double[] SCORES = {0.1, 0.3, 0.2, 0.8, 0.6, 0.9, 0.4, 0.7, 0.5, 0.95};
  private static final int[] LABELS = {0, 0, 1, 1, 0, 1, 0, 1, 1, 1};

  @Test
  void isotonic_predictsAsScikitLearn() {
    ProbabilityCalibration c = ProbabilityCalibration.isotonic(SCORES, LABELS);
    double[] at = {0.0, 0.15, 0.25, 0.45, 0.55, 0.65, 0.85, 1.0};
    double[] expected = {0.0, 0.16666667, 0.33333333, 0.41666667, 0.5, 0.75, 1.0, 1.0};

    for (int i = 0; i < at.length; i++) {
      assertThat(c.apply(at[i])).as("score %s", at[i]).isCloseTo(expected[i], offset(1e-8));
    }
    assertThat(c.fittedOn()).isEqualTo(10);
    assertThat(c.apply(Double.NaN)).isNaN();
  }

  @Test
  void apply_givesTheBitsOfASearchOfAllSteps_atStepsBetweenThemAndOnClusteredScores()
      throws Exception {
    // 5,000 scores, half of them crowded into [0.40, 0.401] (many steps share a bucket), a few
    // repeated; every step itself, its neighbours and random scores are looked up
    java.util.SplittableRandom r = new java.util.SplittableRandom(11);
    double[] s = new double[5_000];
    int[] y = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = i % 2 == 0 ? 0.4 + 0.001 * r.nextDouble() : r.nextDouble();
      s[i] = i % 97 == 0 ? 0.25 : s[i];
      y[i] = r.nextDouble() < s[i] ? 1 : 0;
    }
    ProbabilityCalibration c = ProbabilityCalibration.isotonic(s, y);
    double[] sorted = s.clone();
    java.util.Arrays.sort(sorted);
    double[] at = new double[3 * s.length + 2_000];
    for (int i = 0; i < s.length; i++) {
      at[3 * i] = sorted[i];
      at[3 * i + 1] = Math.nextUp(sorted[i]);
      at[3 * i + 2] = Math.nextDown(sorted[i]);
    }
    for (int i = 3 * s.length; i < at.length; i++) {
      at[i] = r.nextDouble() * 1.2 - 0.1;
    }
    for (double v : at) {
      assertThat(Double.doubleToLongBits(c.apply(v))).as("score %s", v)
          .isEqualTo(Double.doubleToLongBits(allSteps(c, v)));
    }
  }

  /** The calibration as it was computed before its buckets: a binary search of all steps. */
  private static double allSteps(ProbabilityCalibration c, double score) throws Exception {
    java.lang.reflect.Field fx = ProbabilityCalibration.class.getDeclaredField("x");
    java.lang.reflect.Field fy = ProbabilityCalibration.class.getDeclaredField("y");
    fx.setAccessible(true);
    fy.setAccessible(true);
    double[] x = (double[]) fx.get(c);
    double[] y = (double[]) fy.get(c);
    if (score <= x[0]) {
      return y[0];
    }
    int last = x.length - 1;
    if (score >= x[last]) {
      return y[last];
    }
    int i = java.util.Arrays.binarySearch(x, score);
    if (i >= 0) {
      return y[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (score - x[lo]) / (x[hi] - x[lo]);
    return y[lo] + t * (y[hi] - y[lo]);
  }

  @Test
  void isotonic_rejectsALabelThatIsNotBinary() {
    assertThatThrownBy(() -> ProbabilityCalibration.isotonic(new double[] {0.1, 0.2},
        new int[] {0, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label must be 0 or 1: 2 at index 1");
  }

  /** 60 top-label scores in [0.34, 0.99] and whether the top class was right (NumPy seed 7). */
  private static final double[] TOP = {0.746, 0.923, 0.844, 0.486, 0.535, 0.908, 0.343, 0.874,
      0.858, 0.644, 0.537, 0.521, 0.506, 0.629, 0.668, 0.7, 0.987, 0.855, 0.744, 0.983, 0.48,
      0.444, 0.738, 0.369, 0.363, 0.675, 0.643, 0.936, 0.749, 0.674, 0.663, 0.501, 0.348, 0.465,
      0.79, 0.47, 0.58, 0.342, 0.88, 0.44, 0.514, 0.912, 0.671, 0.891, 0.756, 0.822, 0.399, 0.692,
      0.67, 0.906, 0.575, 0.729, 0.379, 0.592, 0.55, 0.438, 0.871, 0.587, 0.976, 0.723};
  private static final int[] RIGHT = {1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 1,
      1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0,
      0, 1, 0, 1, 0, 1, 1, 1, 0};

  /**
   * Truth computed independently (/usr/bin/python3, scikit-learn 1.2.1; scratch
   * {@code /tmp/calib3/gen1.py}): the pool-adjacent-violators steps of (TOP, RIGHT), Platt's fit
   * {@code sklearn.calibration._sigmoid_calibration(logit(TOP), RIGHT)} = (A -1.0225861604163478,
   * B 0.1438651545083613), each distinct score's value {@code (w m + 30 platt) / (w + 30)} with
   * {@code w} its step's rows, then {@code IsotonicRegression(y_min=0, y_max=1,
   * out_of_bounds='clip')} of those values weighted by the distinct scores' rows, predicted at
   * the scores below. Plain isotonic for comparison: 0, 0, 0.4, 0.5556, 0.7273, 1, 1, 1, 1 (its
   * last steps, single rows that were right, say 1 from 0.88 on).
   */
  @Test
  void isotonicShrunk_leansStepsOfFewRowsTowardPlattsFit_asComputedWithScikitLearn() {
    ProbabilityCalibration c = ProbabilityCalibration.isotonicShrunk(TOP, RIGHT, 30);
    double[] at = {0.2, 0.35, 0.5, 0.62, 0.8, 0.9, 0.97, 0.99, 1.0};
    double[] expected = {0.297332084178483, 0.30483457352849136, 0.45494089904808727,
        0.5807318886279902, 0.7585001829028064, 0.8947030474657005, 0.9690235321943168,
        0.9868342317766389, 0.9868342317766389};

    for (int i = 0; i < at.length; i++) {
      assertThat(c.apply(at[i])).as("score %s", at[i]).isCloseTo(expected[i], offset(1e-6));
    }
    assertThat(c.fittedOn()).isEqualTo(60);
    assertThat(c.priorRows()).isEqualTo(30);
    assertThat(c).hasToString("ProbabilityCalibration[isotonic, steps shrunk toward a logistic"
        + " fit by 30 rows, 60 distinct scores, fitted on 60 rows]");
  }

  @Test
  void isotonicShrunk_withNoPriorRows_isIsotonicBitForBit() {
    ProbabilityCalibration plain = ProbabilityCalibration.isotonic(TOP, RIGHT);
    ProbabilityCalibration none = ProbabilityCalibration.isotonicShrunk(TOP, RIGHT, 0);
    for (double s = 0.3; s <= 1.0; s += 0.001) {
      assertThat(none.apply(s)).isEqualTo(plain.apply(s));
    }
    assertThat(none.priorRows()).isZero();
  }

  @Test
  void isotonicShrunk_rejectsNegativeOrNonFinitePriorRows() {
    assertThatThrownBy(() -> ProbabilityCalibration.isotonicShrunk(TOP, RIGHT, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prior rows must be finite and not negative: -1.0");
    assertThatThrownBy(() -> ProbabilityCalibration.isotonicShrunk(TOP, RIGHT, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prior rows must be finite and not negative: NaN");
  }

  /**
   * The isotonic fit's lean at confident scores, and the shrunk fit's. Reference: 2,000 rows,
   * {@code z ~ N(0.3, 1)}, top-label score {@code s = 1/3 + (2/3) sigmoid(z)}, right with chance
   * {@code 0.93 s}; a window of confident rows, {@code z ~ N(2, 1)}. The window's accuracy,
   * {@code E[0.93 s]} by SciPy {@code quad} (abs. error 1e-14; scratch
   * {@code /tmp/calib3/truth3.py}): 0.8336132385113235. Over 20 seeded references: NumPy's
   * replicate of this setting (60 seeds) gives isotonic +0.021 and the shrunk fit +0.013 above
   * the truth (per-reference sd 0.014 and 0.012).
   */
  @Test
  void isotonicShrunk_leansLessHighThanIsotonic_onConfidentRows_ofASeededReference() {
    double truth = 0.8336132385113235;
    double iso = 0;
    double shrunk = 0;
    int seeds = 20;
    for (int seed = 1; seed <= seeds; seed++) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
      double[] s = new double[2_000];
      int[] y = new int[s.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = top(0.3 + r.nextGaussian());
        y[i] = r.nextDouble() < 0.93 * s[i] ? 1 : 0;
      }
      ProbabilityCalibration a = ProbabilityCalibration.isotonic(s, y);
      ProbabilityCalibration b = ProbabilityCalibration.isotonicShrunk(s, y, 30);
      double sa = 0;
      double sb = 0;
      int rows = 20_000;
      for (int i = 0; i < rows; i++) {
        double w = top(2 + r.nextGaussian());
        sa += a.apply(w);
        sb += b.apply(w);
      }
      iso += sa / rows / seeds;
      shrunk += sb / rows / seeds;
    }
    assertThat(iso - truth).as("isotonic's lean").isGreaterThan(0.015);
    assertThat(shrunk - truth).as("the shrunk fit's lean").isLessThan(iso - truth - 0.005)
        .isLessThan(0.016);
  }

  private static double top(double z) {
    return 1.0 / 3 + 2.0 / 3 / (1 + Math.exp(-z));
  }
}
