package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Literal values from SciPy 1.17.1: {@code s = np.sqrt(np.mean(d ** 2)); s *
 * scipy.stats.t.ppf(1 - rate / 2, len(d))}.
 */
final class ShiftThresholdTest {

  private static final double[] SHIFTS = {0.03, -0.02, 0.05, -0.01, 0.04};

  @Test
  void aPureLocationShift_getsTheStudentTPercentileOfTheShifts() {
    // a window whose distance is its shift's size: the bound is s t_n(1 - rate / 2)
    ShiftThreshold.Fit f = ShiftThreshold.fit(SHIFTS, (i, shift) -> Math.abs(shift), 0.001, 0);

    assertThat(f.shiftSd()).isCloseTo(0.033166247903554, within(1e-12));
    assertThat(f.locationOnly()).isCloseTo(0.22781320714430556, within(1e-9));
    assertThat(f.threshold()).isCloseTo(0.22781320714430556, within(1e-9));
    assertThat(f.describe(0.06)).contains("99.9th percentile 0.2278")
        .contains("location-shape fit to 5 windows").contains("shape adds 0.0%");
  }

  @Test
  void whatTheShapesAddAtTheTail_raisesTheBoundByThatMuch() {
    // every window's distance is its shift's size plus 0.01: the bound moves up by 0.01
    ShiftThreshold.Fit f = ShiftThreshold.fit(SHIFTS, (i, shift) -> Math.abs(shift) + 0.01,
        0.001, 0);

    assertThat(f.threshold()).isCloseTo(0.23781320714430556, within(1e-9));
  }

  @Test
  void shapesThatAddOnlyNearZero_doNotRaiseTheBound() {
    // the shape's share vanishes beyond a shift of 0.05: the tail is location only
    ShiftThreshold.Fit f = ShiftThreshold.fit(SHIFTS,
        (i, shift) -> Math.abs(shift) + Math.max(0, 0.05 - Math.abs(shift)), 0.001, 0);

    assertThat(f.threshold()).isCloseTo(0.22781320714430556, within(1e-9));
  }

  @Test
  void noSpread_orAVerySkewedFeature_isLeftToTheLogNormalFit() {
    assertThat(ShiftThreshold.fit(new double[] {0, 0, 0, 0, 0}, (i, s) -> 0, 0.001, 0))
        .isNull();
    // skewness 100 times the shifts' sd 0.033: 3.3 > 2, beyond Wilson-Hilferty's range
    assertThat(ShiftThreshold.fit(SHIFTS, (i, s) -> Math.abs(s), 0.001, 100.0)).isNull();
    assertThat(ShiftThreshold.fit(SHIFTS, (i, s) -> Math.abs(s), 0.001, 6.0)).isNotNull();
  }

  /**
   * A skewed feature's shift, {@code s U K_{gamma U}(Z)}: the bound where both tails together
   * hold the rate. SciPy 1.17.1 ({@code /tmp/electricity/skew_truth.py}): {@code Kinv(y, g) = 6 /
   * g * (cbrt(1 + g y / 2) - 1) + g / 6}; {@code exceed(x) = quad(lambda v: (norm.sf(Kinv(x / (s
   * u), gamma u)) + norm.cdf(Kinv(-x / (s u), gamma u))) chi2.pdf(v, nu), 0, inf)} with {@code u =
   * sqrt(nu / v)}, {@code gamma = skewness s}; {@code brentq(exceed(x) - rate)}. The code before
   * this model left a feature with {@code skewness s} above 0.05 to the log-normal fit (null here).
   */
  @Test
  void aSkewedFeature_getsThePearsonTypeThreeBoundOfItsShift() {
    // skewness 6: gamma 0.199; 5 windows, Student-t 5 df
    ShiftThreshold.Fit f = ShiftThreshold.fit(SHIFTS, (i, shift) -> Math.abs(shift), 0.001, 6.0);

    assertThat(f.skewness()).isCloseTo(0.198997487421324, within(1e-12));
    assertThat(f.df()).isEqualTo(5);
    assertThat(f.threshold()).isCloseTo(0.23015360266815704, within(2e-5));
    assertThat(f.describe(0.06)).contains("skewness 0.199 (Wilson-Hilferty)")
        .contains("Student-t 5 df");
  }

  @Test
  void aSkewedFeature_withTheSpreadOfSubWindowChunks_takesTheirDegreesOfFreedom() {
    // the sub-chunks' spread (the same s, 38 df); skewness 20: gamma 0.663; the symmetric
    // Student-t bound would be 0.1365042
    double s = 0.033166247903554;
    SubWindowSpread.Spread spread = new SubWindowSpread.Spread(s, 38, 39, 256, 1.0, 0.5, true);

    ShiftThreshold.Fit f = ShiftThreshold.fit(SHIFTS, spread, (i, shift) -> Math.abs(shift),
        0.0002, 20.0);

    assertThat(f.df()).isEqualTo(38);
    assertThat(f.threshold()).isCloseTo(0.18142873530922202, within(2e-5));
    assertThat(f.describe(0.06)).contains("from 39 sub-chunks of 256 rows");
  }

  @Test
  void unusedSubChunkSpread_keepsTheWindowsStudentTBound() {
    SubWindowSpread.Spread spread = new SubWindowSpread.Spread(0.01, 38, 39, 256, 4.0, 0.001,
        false);

    ShiftThreshold.Fit f = ShiftThreshold.fit(SHIFTS, spread, (i, shift) -> Math.abs(shift),
        0.001, 0);

    assertThat(f.threshold()).isCloseTo(0.22781320714430556, within(1e-9));
    assertThat(f.describe(0.06)).contains("from the windows (they vary more than");
  }
}
