package dev.mlops.metrics.assertj;

import dev.mlops.metrics.fairness.FairnessEvaluation;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.ConfusionMatrix;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.modeltest.ExpectationResult;
import dev.mlops.metrics.modeltest.ModelTestReport;

/**
 * The entry point of mlops-java's AssertJ assertions: model test reports, evaluations and
 * confusion matrices. Use it beside {@code org.assertj.core.api.Assertions}.
 *
 * <pre>{@code
 * import static dev.mlops.metrics.assertj.MlopsAssertions.assertThat;
 *
 * assertThat(report).passes();
 * assertThat(evaluation).hasRocAucAtLeast(0.9).hasAccuracyAtLeast(0.85);
 * assertThat(evaluation).rocAuc().isGreaterThan(0.9);
 * }</pre>
 *
 * <p>This package is the only one of mlops-metrics that needs assertj-core on the classpath (an
 * optional dependency: add {@code org.assertj:assertj-core} to your test scope). Stateless and
 * thread-safe; the assertion objects it returns are not.
 */
public final class MlopsAssertions {

  private MlopsAssertions() {}

  /**
   * Creates an assertion on a model test report.
   *
   * @param actual the report
   * @return the assertion
   */
  public static ModelTestReportAssert assertThat(ModelTestReport actual) {
    return new ModelTestReportAssert(actual);
  }

  /**
   * Creates an assertion on one expectation of a model test report.
   *
   * @param actual the expectation outcome
   * @return the assertion
   */
  public static ExpectationResultAssert assertThat(ExpectationResult actual) {
    return new ExpectationResultAssert(actual);
  }

  /**
   * Creates an assertion on a group fairness evaluation.
   *
   * @param actual the evaluation
   * @return the assertion
   */
  public static FairnessEvaluationAssert assertThat(FairnessEvaluation actual) {
    return new FairnessEvaluationAssert(actual);
  }

  /**
   * Creates an assertion on a classification evaluation.
   *
   * @param actual the evaluation
   * @return the assertion
   */
  public static ClassificationEvaluationAssert assertThat(ClassificationEvaluation actual) {
    return new ClassificationEvaluationAssert(actual);
  }

  /**
   * Creates an assertion on a regression evaluation.
   *
   * @param actual the evaluation
   * @return the assertion
   */
  public static RegressionEvaluationAssert assertThat(RegressionEvaluation actual) {
    return new RegressionEvaluationAssert(actual);
  }

  /**
   * Creates an assertion on a confusion matrix.
   *
   * @param actual the matrix
   * @return the assertion
   */
  public static ConfusionMatrixAssert assertThat(ConfusionMatrix actual) {
    return new ConfusionMatrixAssert(actual);
  }

  /**
   * BDD alias of {@link #assertThat(ModelTestReport)}.
   *
   * @param actual the report
   * @return the assertion
   */
  public static ModelTestReportAssert then(ModelTestReport actual) {
    return assertThat(actual);
  }

  /**
   * BDD alias of {@link #assertThat(ExpectationResult)}.
   *
   * @param actual the expectation outcome
   * @return the assertion
   */
  public static ExpectationResultAssert then(ExpectationResult actual) {
    return assertThat(actual);
  }

  /**
   * BDD alias of {@link #assertThat(ClassificationEvaluation)}.
   *
   * @param actual the evaluation
   * @return the assertion
   */
  public static ClassificationEvaluationAssert then(ClassificationEvaluation actual) {
    return assertThat(actual);
  }

  /**
   * BDD alias of {@link #assertThat(RegressionEvaluation)}.
   *
   * @param actual the evaluation
   * @return the assertion
   */
  public static RegressionEvaluationAssert then(RegressionEvaluation actual) {
    return assertThat(actual);
  }

  /**
   * BDD alias of {@link #assertThat(ConfusionMatrix)}.
   *
   * @param actual the matrix
   * @return the assertion
   */
  public static ConfusionMatrixAssert then(ConfusionMatrix actual) {
    return assertThat(actual);
  }
}
