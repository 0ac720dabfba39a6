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
  void noSpread_orASkewedFeature_isLeftToTheLogNormalFit() {
    assertThat(ShiftThreshold.fit(new double[] {0, 0, 0, 0, 0}, (i, s) -> 0, 0.001, 0))
        .isNull();
    // skewness 6 (a log-normal feature) times the shifts' sd 0.033: 0.2 > 0.05
    assertThat(ShiftThreshold.fit(SHIFTS, (i, s) -> Math.abs(s), 0.001, 6.0)).isNull();
    assertThat(ShiftThreshold.fit(SHIFTS, (i, s) -> Math.abs(s), 0.001, 1.0)).isNotNull();
  }
}
