package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * Literal values from SciPy 1.17.1: {@code s = np.sqrt(v); (s.mean() + t.ppf(q, n - 1) *
 * s.std(ddof=1) * np.sqrt(1 + 1 / n)) ** 2}, and on the raw values when one is negative.
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
