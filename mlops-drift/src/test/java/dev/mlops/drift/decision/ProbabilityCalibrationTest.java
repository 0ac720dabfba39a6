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
}
