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
  void isotonic_rejectsALabelThatIsNotBinary() {
    assertThatThrownBy(() -> ProbabilityCalibration.isotonic(new double[] {0.1, 0.2},
        new int[] {0, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label must be 0 or 1: 2 at index 1");
  }
}
