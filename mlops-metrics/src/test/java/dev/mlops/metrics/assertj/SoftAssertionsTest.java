package dev.mlops.metrics.assertj;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.mlops.metrics.ClassificationEvaluation;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The assert classes are public, non-final and have public constructors, so soft assertions can proxy them. */
final class SoftAssertionsTest {

  // accuracy 3/4, ROC AUC 1 (every positive above every negative)
  private static final ClassificationEvaluation EVALUATION = ClassificationEvaluation.binary(
      new int[] {1, 0, 1, 0}, new double[] {0.9, 0.4, 0.45, 0.2}).classNames(List.of("no", "yes")).evaluate();

  @Test
  void should_collect_every_failure_with_soft_assertions() {
    SoftAssertions softly = new SoftAssertions();
    softly.proxy(ClassificationEvaluationAssert.class, ClassificationEvaluation.class, EVALUATION)
        .hasAccuracyAtLeast(0.9);
    softly.proxy(ClassificationEvaluationAssert.class, ClassificationEvaluation.class, EVALUATION)
        .hasRocAucAtLeast(0.5);
    softly.proxy(ConfusionMatrixAssert.class, dev.mlops.metrics.ConfusionMatrix.class, EVALUATION.confusionMatrix())
        .isDiagonal();

    assertThatExceptionOfType(AssertionError.class).isThrownBy(softly::assertAll)
        .withMessageContainingAll("Multiple Failures (2 failures)", "to have accuracy >= 0.9 but was 0.75",
            "to be diagonal but 1 rows were misclassified");
  }
}
