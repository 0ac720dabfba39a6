package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.fairness.DisparityValue;
import dev.mlops.metrics.internal.Checks;
import dev.mlops.metrics.modeltest.ClassificationCase;
import dev.mlops.metrics.modeltest.ExpectationResult;
import dev.mlops.metrics.modeltest.RegressionCase;
import dev.mlops.metrics.modeltest.Status;
import org.junit.jupiter.api.Test;

final class RecordNullChecksTest {

  private static final double[] TWO = {0, 1};

  @Test
  void nonNull_namesTheFirstNullComponent_andAcceptsNoNulls() {
    assertThatNullPointerException()
        .isThrownBy(() -> Checks.nonNull("a", "x", "b", null, "c", null))
        .withMessage("b must not be null");
    assertThatNoException().isThrownBy(() -> Checks.nonNull("a", "x", "b", 1));
  }

  @Test
  void curvesAndComparisons_rejectNullComponents_namingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> new RocCurve(TWO, null, TWO))
        .withMessage("tpr must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new PrecisionRecallCurve(TWO, TWO, null))
        .withMessage("thresholds must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new ReliabilityCurve(TWO, null, new long[] {1, 1}))
        .withMessage("fractionPositive must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new ComparisonResult(Metric.ROC_AUC, 0.8, 0.7, 0.1, null, 0.5, "delong", 100, 0))
        .withMessage("differenceCi must not be null");
  }

  @Test
  void modelTestRecords_rejectNullComponents_namingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ClassificationCase<>("approve", "row", null))
        .withMessage("expectedClass must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new RegressionCase<>("price", null, 0, 1))
        .withMessage("row must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new ExpectationResult.SliceOutcome("k", 10, 0.5, null, null, false, "r"))
        .withMessage("status must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new ExpectationResult.RowFinding(3, "row", 0.1, 0.9, null))
        .withMessage("detail must not be null");
    assertThatNoException()
        .isThrownBy(() -> new ExpectationResult.SliceOutcome("k", 10, 0.5, null, Status.PASSED, false, "r"));
  }

  @Test
  void definedDisparity_withoutGroups_isRejectedNamingTheGroup() {
    assertThatNullPointerException()
        .isThrownBy(() -> new DisparityValue(
            Disparity.STATISTICAL_PARITY_DIFFERENCE, 0.1, null, "a", null, true, null))
        .withMessage("lowGroup must not be null");
  }
}
