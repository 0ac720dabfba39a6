package dev.mlops.metrics.assertj;

import static dev.mlops.metrics.assertj.MlopsAssertions.assertThat;
import static dev.mlops.metrics.assertj.MlopsAssertions.then;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Metric;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * AssertJ-style tests of {@link ClassificationEvaluationAssert}. The evaluation: scores
 * [0.9,0.8,0.7,0.6,0.55,0.4,0.05,0.35,0.3,0.2,0.1,0.65,0.45,0.75,0.15], labels
 * [1,1,1,0,1,0,0,0,1,0,0,0,1,1,0]; at 0.5: TP 5, FP 2, FN 2, TN 6; accuracy 11/15; ROC AUC 48/56.
 */
final class ClassificationEvaluationAssertTest {

  private static final double[] SCORES =
      {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.05, 0.35, 0.3, 0.2, 0.1, 0.65, 0.45, 0.75, 0.15};
  private static final int[] LABELS = {1, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0};
  private static final ClassificationEvaluation EVALUATION = ClassificationEvaluation.binary(LABELS, SCORES)
      .classNames(List.of("legit", "fraud")).evaluate();

  @Test
  void should_pass_if_roc_auc_and_accuracy_reach_the_thresholds() {
    assertThat(EVALUATION).hasRocAucAtLeast(0.85).hasAccuracyAtLeast(0.7).hasPrecisionAtLeast(0.7)
        .hasRecallAtLeast(0.7).hasF1AtLeast(0.7).hasLogLossAtMost(1).hasAtLeastRows(15)
        .hasMetricAtLeast(Metric.RECALL, "legit", 0.75).hasDefinedMetric(Metric.ROC_AUC);
  }

  @Test
  void should_fail_if_roc_auc_is_below_the_threshold() {
    AssertionError error = catchThrowableOfType(AssertionError.class,
        () -> assertThat(EVALUATION).hasRocAucAtLeast(0.9));

    Assertions.assertThat(error).isInstanceOf(AssertionFailedError.class);
    AssertionFailedError failed = (AssertionFailedError) error;
    Assertions.assertThat(failed.getActual().getValue()).isEqualTo(48.0 / 56);
    Assertions.assertThat(failed.getExpected().getValue()).isEqualTo(0.9);
    Assertions.assertThat(error).hasMessageContainingAll(
        "Expecting evaluation of model:",
        "ClassificationEvaluation (n=15)",
        "to have roc_auc >= 0.9 but was 0.857143 (95% CI [0.662125, ",   // DeLong lower bound, see ModelTest tests
        "delong, n=15)",
        "confusion matrix");
  }

  @Test
  void should_fail_if_accuracy_is_below_the_threshold_showing_the_confusion_matrix() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(EVALUATION).hasAccuracyAtLeast(0.8))
        .withMessageContainingAll("to have accuracy >= 0.8 but was 0.733333 (95% CI [0.480496, 0.891025] wilson, n=15)",
            "confusion matrix (rows: actual, columns: predicted):", EVALUATION.confusionMatrix().toText());
  }

  @Test
  void should_fail_if_a_class_metric_is_below_the_threshold() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(EVALUATION).hasMetricAtLeast(Metric.RECALL, "fraud", 0.8))
        .withMessageContaining("to have recall of class 'fraud' >= 0.8 but was 0.714286");
  }

  @Test
  void should_fail_if_the_class_is_unknown() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(EVALUATION).hasMetricAtLeast(Metric.RECALL, "spam", 0.8))
        .withMessageContaining("to have a class 'spam' but its classes are [legit, fraud]");
  }

  @Test
  void should_fail_if_the_metric_is_undefined() {
    ClassificationEvaluation oneClass = ClassificationEvaluation.binary(new int[] {1, 1, 1},
        new double[] {0.2, 0.6, 0.9}).evaluate();

    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(oneClass).hasRocAucAtLeast(0.5))
        .withMessageContaining("to have roc_auc >= 0.5 but was undefined (");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(oneClass).hasDefinedMetric(Metric.ROC_AUC))
        .withMessageContaining("to have a defined roc_auc but it was undefined (");
  }

  @Test
  void should_fail_if_the_evaluation_is_null() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat((ClassificationEvaluation) null).hasRocAucAtLeast(0.5))
        .withMessageContaining("Expecting actual not to be null");
  }

  @Test
  void should_navigate_to_any_metric_as_a_double_assert() {
    assertThat(EVALUATION).rocAuc().isCloseTo(48.0 / 56, within(1e-12));
    assertThat(EVALUATION).accuracy().isCloseTo(11.0 / 15, within(1e-12));
    assertThat(EVALUATION).precision().isCloseTo(5.0 / 7, within(1e-12));
    assertThat(EVALUATION).recall().isCloseTo(5.0 / 7, within(1e-12));
    assertThat(EVALUATION).f1().isCloseTo(5.0 / 7, within(1e-12));
    assertThat(EVALUATION).metric(Metric.SPECIFICITY).isEqualTo(0.75);
    assertThat(EVALUATION).metric(Metric.PRECISION, "legit").isCloseTo(6.0 / 8, within(1e-12));
    then(EVALUATION).rocAuc().isGreaterThan(0.8);
  }

  @Test
  void should_fail_with_the_evidence_when_a_navigated_value_fails() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(EVALUATION).accuracy().isGreaterThan(0.9))
        .withMessageContaining("[accuracy of evaluation ClassificationEvaluation (n=15): 0.733333 (95% CI [0.480496, "
            + "0.891025] wilson, n=15)]");
  }

  @Test
  void should_check_the_confusion_matrix() {
    assertThat(EVALUATION).confusionMatrix().hasTotal(15).hasCount("fraud", "fraud", 5).hasCount("legit", "fraud", 2)
        .hasAtMostFalseNegatives("fraud", 2).hasAtMostFalsePositives("fraud", 2);
  }

  @Test
  void should_fail_if_the_confusion_matrix_has_too_many_false_negatives() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(EVALUATION).confusionMatrix().hasAtMostFalseNegatives("fraud", 1))
        .withMessageContainingAll("Expecting confusion matrix:", EVALUATION.confusionMatrix().toText(),
            "to have at most 1 false negatives of class 'fraud' but had 2");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(EVALUATION.confusionMatrix()).isDiagonal())
        .withMessageContaining("to be diagonal but 4 rows were misclassified");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(EVALUATION.confusionMatrix()).hasCount("fraud", "legit", 1))
        .withMessageContaining("to have 1 rows of class 'fraud' predicted as 'legit' but had 2");
  }
}
