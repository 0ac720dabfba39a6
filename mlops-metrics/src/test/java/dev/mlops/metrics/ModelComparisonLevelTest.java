package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/**
 * The level overloads of the multiclass and regression paired bootstraps: same seed, so the same
 * resamples; only the percentile interval changes with the level (nested, narrower at 0.90).
 */
final class ModelComparisonLevelTest {

  private static final int[] LABELS = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1};
  private static final double[] ACTUAL = {3, 5, 2, 8, 6, 1, 9, 4, 7, 5, 2, 6, 3, 8, 4, 7, 1, 9, 5, 6};

  private static double[][] probabilities(double sharpness, int shift) {
    double[][] p = new double[LABELS.length][3];
    for (int i = 0; i < LABELS.length; i++) {
      int predicted = (i % 4 == shift) ? (LABELS[i] + 1) % 3 : LABELS[i];
      for (int c = 0; c < 3; c++) {
        p[i][c] = c == predicted ? sharpness : (1 - sharpness) / 2;
      }
    }
    return p;
  }

  private static double[] predictions(double noise) {
    double[] p = new double[ACTUAL.length];
    for (int i = 0; i < ACTUAL.length; i++) {
      p[i] = ACTUAL[i] + noise * ((i * 7) % 5 - 2);
    }
    return p;
  }

  @Test
  void multiclass_levelOverload_atTheDefaultLevel_equalsTheOldSignature() {
    double[][] a = probabilities(0.8, 0);
    double[][] b = probabilities(0.6, 1);
    assertThat(ModelComparison.pairedBootstrap(Metric.MACRO_F1, LABELS, a, b, 300, 9L, 0.95))
        .isEqualTo(ModelComparison.pairedBootstrap(Metric.MACRO_F1, LABELS, a, b, 300, 9L));
  }

  @Test
  void multiclass_levelOverload_givesANestedNarrowerIntervalAtALowerLevel() {
    double[][] a = probabilities(0.8, 0);
    double[][] b = probabilities(0.6, 5);
    ComparisonResult wide = ModelComparison.pairedBootstrap(Metric.MACRO_F1, LABELS, a, b, 300, 9L, 0.95);
    ComparisonResult narrow = ModelComparison.pairedBootstrap(Metric.MACRO_F1, LABELS, a, b, 300, 9L, 0.90);

    assertThat(narrow.differenceCi().level()).isEqualTo(0.90);
    assertThat(wide.differenceCi().level()).isEqualTo(0.95);
    assertThat(narrow.difference()).isEqualTo(wide.difference());
    assertThat(narrow.pValue()).isEqualTo(wide.pValue());
    assertThat(narrow.differenceCi().lower()).isGreaterThanOrEqualTo(wide.differenceCi().lower());
    assertThat(narrow.differenceCi().upper()).isLessThanOrEqualTo(wide.differenceCi().upper());
    assertThat(narrow.differenceCi().upper() - narrow.differenceCi().lower())
        .isLessThan(wide.differenceCi().upper() - wide.differenceCi().lower());
  }

  @Test
  void regression_levelOverload_followsTheLevel() {
    double[] a = predictions(0.5);
    double[] b = predictions(1.5);
    ComparisonResult old = ModelComparison.pairedBootstrap(Metric.RMSE, ACTUAL, a, b, 300, 9L);
    ComparisonResult wide = ModelComparison.pairedBootstrap(Metric.RMSE, ACTUAL, a, b, 300, 9L, 0.95);
    ComparisonResult narrow = ModelComparison.pairedBootstrap(Metric.RMSE, ACTUAL, a, b, 300, 9L, 0.80);

    assertThat(wide).isEqualTo(old);
    assertThat(narrow.differenceCi().level()).isEqualTo(0.80);
    assertThat(narrow.differenceCi().lower()).isGreaterThanOrEqualTo(wide.differenceCi().lower());
    assertThat(narrow.differenceCi().upper()).isLessThanOrEqualTo(wide.differenceCi().upper());
    assertThat(narrow.differenceCi().upper() - narrow.differenceCi().lower())
        .isLessThan(wide.differenceCi().upper() - wide.differenceCi().lower());
  }

  @Test
  void levelOverloads_rejectALevelOutsideTheOpenUnitInterval() {
    assertThatIllegalArgumentException().isThrownBy(() -> ModelComparison.pairedBootstrap(Metric.RMSE, ACTUAL,
        predictions(0.5), predictions(1.5), 100, 1L, 1.0))
        .withMessage("confidence level must be in (0, 1): 1.0");
    assertThatIllegalArgumentException().isThrownBy(() -> ModelComparison.pairedBootstrap(Metric.MACRO_F1, LABELS,
        probabilities(0.8, 0), probabilities(0.6, 1), 100, 1L, 0.0))
        .withMessage("confidence level must be in (0, 1): 0.0");
  }
}
