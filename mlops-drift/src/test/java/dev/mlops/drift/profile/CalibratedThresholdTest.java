package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * Literal values from SciPy 1.17.1: {@code s = np.sqrt(v); (s.mean() + t.ppf(q, n - 1) *
 * s.std(ddof=1) * np.sqrt(1 + 1 / n)) ** 2}, and on the raw values when one is negative (to
 * 1e-9 at the 99.9th percentile, where commons-math3's Student-t inverse and SciPy's differ by
 * about 1e-10).
 */
final class CalibratedThresholdTest {

  @Test
  void fit_isTheSquareRootNormalPredictionBound_withScipyNumbers() {
    CalibratedThreshold t = CalibratedThreshold.fit(new double[] {0.05, 0.07, 0.04, 0.06, 0.09},
        0.99);

    assertThat(t.threshold()).isCloseTo(0.16318878880983018, offset(1e-12));
    assertThat(t.scale()).isEqualTo(CalibratedThreshold.Scale.SQUARE_ROOT);
    assertThat(t.windows()).isEqualTo(5);
    assertThat(t.maxObserved()).isEqualTo(0.09);
    assertThat(t.describe()).contains("99th percentile 0.1632").contains("5 windows");
  }

  @Test
  void fit_isANormalBoundOnRawValues_whenAValueIsNegative() {
    CalibratedThreshold t = CalibratedThreshold.fit(new double[] {0.0, 0.01, -0.02, 0.03}, 0.95);

    assertThat(t.threshold()).isCloseTo(0.05977155318966874, offset(1e-12));
    assertThat(t.scale()).isEqualTo(CalibratedThreshold.Scale.RAW);
  }

  @Test
  void fit_onTheLogScale_isTheLogNormalPredictionBound_withScipyNumbers() {
    // v = [0.05, 0.07, 0.04, 0.06, 0.09]; z = np.log(v)
    // np.exp(z.mean() + t.ppf(0.99, 4) * z.std(ddof=1) * np.sqrt(1 + 1 / 5))
    CalibratedThreshold t = CalibratedThreshold.fit(new double[] {0.05, 0.07, 0.04, 0.06, 0.09},
        0.99, CalibratedThreshold.Scale.LOG);

    assertThat(t.threshold()).isCloseTo(0.21340543984900948, offset(1e-12));
    assertThat(t.scale()).isEqualTo(CalibratedThreshold.Scale.LOG);
    assertThat(t.describe()).contains("log-normal fit to 5 windows");
  }

  @Test
  void fit_fallsBackFromLogToSquareRoot_whenAValueIsZero() {
    // z = np.sqrt([0.0, 0.01, 0.02, 0.03]); (z.mean() + t.ppf(0.95, 3) * z.std(ddof=1)
    //     * np.sqrt(1 + 1 / 4)) ** 2
    CalibratedThreshold t = CalibratedThreshold.fit(new double[] {0.0, 0.01, 0.02, 0.03}, 0.95,
        CalibratedThreshold.Scale.LOG);

    assertThat(t.threshold()).isCloseTo(0.09111057816219116, offset(1e-12));
    assertThat(t.scale()).isEqualTo(CalibratedThreshold.Scale.SQUARE_ROOT);
  }

  @Test
  void logFit_isRefusedForFewDistinctValues_andTheSquareRootBoundIsUsed() {
    // a few-valued feature: 4 distinct values in 10 windows. v = np.array(a)
    // log-normal: np.exp(z.mean() + t.ppf(0.999, 9) * z.std(ddof=1) * np.sqrt(1.1)) = 1.5753
    // square root: (r.mean() + t.ppf(0.999, 9) * r.std(ddof=1) * np.sqrt(1.1)) ** 2
    double[] a = {0.02, 0.02, 0.05, 0.05, 0.05, 0.11, 0.11, 0.02, 0.05, 0.17};

    CalibratedThreshold t = CalibratedThreshold.fit(a, 0.999, CalibratedThreshold.Scale.LOG);

    assertThat(t.scale()).isEqualTo(CalibratedThreshold.Scale.SQUARE_ROOT);
    assertThat(t.threshold()).isCloseTo(0.4296944205037025, offset(1e-9));
    assertThat(t.describe()).contains("square-root normal fit to 10 windows; max 0.1700");
  }

  @Test
  void logFit_isRefusedWhenTheSquareRootFitsClearlyBetter_nearZeroWindowsOfANearConstantFeature() {
    // 20 distinct values, a few close to 0 (windows of a near-constant feature): Box-Cox profile
    // log-likelihood, lambda 0.5 minus lambda 0, is 4.8977 (> 2). The log-normal bound would be
    // 21.311 over a largest window of 0.1707; the square-root one is
    // (r.mean() + t.ppf(0.999, 19) * r.std(ddof=1) * np.sqrt(1 + 1 / 20)) ** 2
    double[] b = {0.0004, 0.0031, 0.012, 0.025, 0.037, 0.049, 0.061, 0.074, 0.086, 0.098, 0.11,
        0.123, 0.135, 0.147, 0.16, 0.1707, 0.0009, 0.0062, 0.044, 0.081};

    CalibratedThreshold t = CalibratedThreshold.fit(b, 0.999, CalibratedThreshold.Scale.LOG);

    assertThat(CalibratedThreshold.squareRootFitsBetter(b)).isTrue();
    assertThat(t.scale()).isEqualTo(CalibratedThreshold.Scale.SQUARE_ROOT);
    assertThat(t.threshold()).isCloseTo(0.4905200390649953, offset(1e-9));
  }

  @Test
  void logFit_isKept_forLogNormalLookingWindows() {
    // Box-Cox difference for [0.05, 0.07, 0.04, 0.06, 0.09]: below 2
    assertThat(CalibratedThreshold.squareRootFitsBetter(new double[] {0.05, 0.07, 0.04, 0.06,
        0.09})).isFalse();
    assertThat(CalibratedThreshold.fewDistinct(new double[] {0.05, 0.07, 0.04, 0.06, 0.09}))
        .isFalse();
  }

  @Test
  void fit_ignoresNonFiniteValues_andNeedsThree() {
    assertThat(CalibratedThreshold.fit(new double[] {0.05, Double.NaN, 0.07, 0.04, 0.06, 0.09},
        0.99).threshold()).isCloseTo(0.16318878880983018, offset(1e-12));
    assertThatThrownBy(() -> CalibratedThreshold.fit(new double[] {0.1, Double.NaN, 0.2}, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("calibration windows with a finite statistic must number at least 3: 2");
  }

  @Test
  void fit_neverReturnsZero_forIdenticalWindows() {
    assertThat(CalibratedThreshold.fit(new double[] {0, 0, 0, 0}, 0.99).threshold())
        .isEqualTo(CalibratedThreshold.FLOOR);
  }

  @Test
  void fit_rejectsAQuantileOutsideTheOpenUnitInterval() {
    assertThatThrownBy(() -> CalibratedThreshold.fit(new double[] {1, 2, 3}, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantile must be in (0, 1): 1.0");
  }
}
