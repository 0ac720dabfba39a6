package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/** {@link StudentT}: the closed form against SciPy and commons-math, tails included. */
final class StudentTTest {

  /** {@code {df, t, scipy.stats.t.cdf(t, df)}} (SciPy 1.x, /usr/bin/python3). */
  private static final double[][] SCIPY = {
      {1, -3.5, 0.08858553278290474},
      {2, -0.7, 0.2781965123164327},
      {3, -12.0, 0.000622507900394668},
      {4, 2.2, 0.9536736649101827},
      {9, -4.8, 0.00048685998872971607},
      {9, -31.0, 9.268791062271012e-11},
      {10, -6.25, 4.752619682167725e-05},
      {19, -5.5, 1.3175014293454454e-05},
      {20, 1.3, 0.8958077522433066},
      {37, -9.0, 3.737103503745491e-11},
      // the tail as the difference 1 - A would give 3.9e-16 here (it cancels); commons-math's lower
      // tail gives 5.157334567445154e-20
      {120, -10.9266, 5.157334567445156e-20},
      {150, -2.1, 0.018701275176715347},
      {7, -200.0, 1.0310952995968256e-14},
  };

  @Test
  void cdf_agreesWithScipy_toWithin1e13Relative_deepTailsIncluded() {
    for (double[] c : SCIPY) {
      double p = StudentT.cdf(c[1], (int) c[0]);
      double tail = Math.min(c[2], 1 - c[2]);
      assertThat(Math.abs(p - c[2]) / tail).as("df %s, t %s", c[0], c[1]).isLessThan(1e-13);
    }
  }

  @Test
  void cdf_agreesWithCommonsMath_overAGrid() {
    for (int df = 1; df <= 60; df++) {
      TDistribution t = new TDistribution(null, df);
      for (double x = -8; x <= 8; x += 0.173) {
        double expected = t.cumulativeProbability(x);
        double tail = Math.min(expected, 1 - expected);
        assertThat(StudentT.cdf(x, df)).as("df %d, t %s", df, x)
            .isCloseTo(expected, within(1e-11 * tail + 1e-16));
      }
    }
  }

  @Test
  void cdf_isSymmetric_andHandlesTheEdges() {
    assertThat(StudentT.cdf(0, 5)).isEqualTo(0.5);
    assertThat(StudentT.cdf(2.5, 9) + StudentT.cdf(-2.5, 9)).isCloseTo(1, within(1e-15));
    assertThat(StudentT.cdf(Double.NEGATIVE_INFINITY, 9)).isZero();
    assertThat(StudentT.cdf(Double.POSITIVE_INFINITY, 9)).isEqualTo(1);
    assertThat(StudentT.cdf(Double.NaN, 9)).isNaN();
    assertThatThrownBy(() -> StudentT.cdf(1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("degrees of freedom must be at least 1: 0");
  }
}
