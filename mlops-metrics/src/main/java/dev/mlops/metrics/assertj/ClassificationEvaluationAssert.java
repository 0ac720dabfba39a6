package dev.mlops.metrics.assertj;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import org.assertj.core.api.AbstractDoubleAssert;

/**
 * Assertions on a {@link ClassificationEvaluation}; obtain one with
 * {@link MlopsAssertions#assertThat(ClassificationEvaluation)}.
 *
 * <pre>{@code
 * assertThat(evaluation).hasRocAucAtLeast(0.9)
 *     .hasAccuracyAtLeast(0.85)
 *     .hasMetricAtLeast(Metric.RECALL, "fraud", 0.7);
 * assertThat(evaluation).rocAuc().isCloseTo(0.93, within(0.02));
 * assertThat(evaluation).confusionMatrix().hasAtMostFalseNegatives("fraud", 3);
 * }</pre>
 *
 * <p>Failure messages carry the value, its confidence interval, n, the threshold and the confusion
 * matrix. Not thread-safe.
 */
public class ClassificationEvaluationAssert
    extends AbstractEvaluationAssert<ClassificationEvaluationAssert, ClassificationEvaluation> {

  /**
   * Creates the assertion (public so that soft assertions and subclasses can create it).
   *
   * @param actual the evaluation under test
   */
  public ClassificationEvaluationAssert(ClassificationEvaluation actual) {
    super(actual, ClassificationEvaluationAssert.class);
  }

  /**
   * Verifies that ROC AUC is at least a value.
   *
   * @param expected the smallest accepted ROC AUC
   * @return this assertion
   * @throws AssertionError if ROC AUC is lower or undefined
   */
  public ClassificationEvaluationAssert hasRocAucAtLeast(double expected) {
    return hasMetricAtLeast(Metric.ROC_AUC, expected);
  }

  /**
   * Verifies that accuracy is at least a value.
   *
   * @param expected the smallest accepted accuracy
   * @return this assertion
   * @throws AssertionError if accuracy is lower
   */
  public ClassificationEvaluationAssert hasAccuracyAtLeast(double expected) {
    return hasMetricAtLeast(Metric.ACCURACY, expected);
  }

  /**
   * Verifies that precision (of the positive class) is at least a value.
   *
   * @param expected the smallest accepted precision
   * @return this assertion
   * @throws AssertionError if precision is lower
   */
  public ClassificationEvaluationAssert hasPrecisionAtLeast(double expected) {
    return hasMetricAtLeast(Metric.PRECISION, expected);
  }

  /**
   * Verifies that recall (of the positive class) is at least a value.
   *
   * @param expected the smallest accepted recall
   * @return this assertion
   * @throws AssertionError if recall is lower
   */
  public ClassificationEvaluationAssert hasRecallAtLeast(double expected) {
    return hasMetricAtLeast(Metric.RECALL, expected);
  }

  /**
   * Verifies that F1 (of the positive class) is at least a value.
   *
   * @param expected the smallest accepted F1
   * @return this assertion
   * @throws AssertionError if F1 is lower
   */
  public ClassificationEvaluationAssert hasF1AtLeast(double expected) {
    return hasMetricAtLeast(Metric.F1, expected);
  }

  /**
   * Verifies that log loss is at most a value.
   *
   * @param expected the largest accepted log loss
   * @return this assertion
   * @throws AssertionError if log loss is higher
   */
  public ClassificationEvaluationAssert hasLogLossAtMost(double expected) {
    return hasMetricAtMost(Metric.LOG_LOSS, expected);
  }

  /**
   * Verifies that a per-class metric (precision, recall, F1 of one class) is at least a value.
   *
   * @param metric the per-class metric
   * @param className the class
   * @param expected the smallest accepted value
   * @return this assertion
   * @throws AssertionError if the value is lower or undefined, or the class is unknown
   */
  public ClassificationEvaluationAssert hasMetricAtLeast(Metric metric, String className, double expected) {
    return bounded(read(metric, className), ofClass(metric, className), true, expected);
  }

  /**
   * Navigates to a per-class metric's value.
   *
   * @param metric the per-class metric
   * @param className the class
   * @return an assertion on the value
   */
  public AbstractDoubleAssert<?> metric(Metric metric, String className) {
    return navigate(read(metric, className), ofClass(metric, className));
  }

  private static String ofClass(Metric metric, String className) {
    return metric.key() + " of class '" + className + "'";
  }

  /**
   * Navigates to accuracy.
   *
   * @return an assertion on accuracy
   */
  public AbstractDoubleAssert<?> accuracy() {
    return metric(Metric.ACCURACY);
  }

  /**
   * Navigates to ROC AUC.
   *
   * @return an assertion on ROC AUC (binary)
   */
  public AbstractDoubleAssert<?> rocAuc() {
    return metric(Metric.ROC_AUC);
  }

  /**
   * Navigates to precision.
   *
   * @return an assertion on precision
   */
  public AbstractDoubleAssert<?> precision() {
    return metric(Metric.PRECISION);
  }

  /**
   * Navigates to recall.
   *
   * @return an assertion on recall
   */
  public AbstractDoubleAssert<?> recall() {
    return metric(Metric.RECALL);
  }

  /**
   * Navigates to F1.
   *
   * @return an assertion on F1
   */
  public AbstractDoubleAssert<?> f1() {
    return metric(Metric.F1);
  }

  /**
   * Navigates to the confusion matrix.
   *
   * @return an assertion on the confusion matrix
   */
  public ConfusionMatrixAssert confusionMatrix() {
    isNotNull();
    return new ConfusionMatrixAssert(actual.confusionMatrix());
  }

  private MetricValue read(Metric metric, String className) {
    isNotNull();
    int index = actual.classNames().indexOf(className);
    if (index < 0) {
      throw failure("%nExpecting evaluation of model:%n  %s%nto have a class '%s' but its classes are %s", summary(),
          className, actual.classNames());
    }
    try {
      return actual.metric(metric, index);
    } catch (IllegalArgumentException e) {
      throw failure("%nExpecting evaluation of model:%n  %s%nto compute %s per class but: %s", summary(),
          metric.key(), e.getMessage());
    }
  }
}
