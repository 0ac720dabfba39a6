package dev.mlops.metrics.assertj;

import dev.mlops.metrics.ConfusionMatrix;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link ConfusionMatrix} (rows: actual class, columns: predicted class); obtain one
 * with {@link MlopsAssertions#assertThat(ConfusionMatrix)} or
 * {@link ClassificationEvaluationAssert#confusionMatrix()}. Every failure message shows the matrix.
 * Not thread-safe.
 */
public class ConfusionMatrixAssert extends AbstractAssert<ConfusionMatrixAssert, ConfusionMatrix> {

  /**
   * Creates the assertion (public so that soft assertions and subclasses can create it).
   *
   * @param actual the confusion matrix under test
   */
  public ConfusionMatrixAssert(ConfusionMatrix actual) {
    super(actual, ConfusionMatrixAssert.class);
  }

  /**
   * Verifies one cell: how many rows of an actual class were predicted as a class.
   *
   * @param actualClass the true class name
   * @param predictedClass the predicted class name
   * @param expected the expected count
   * @return this assertion
   * @throws AssertionError if the count differs or a class is unknown
   */
  public ConfusionMatrixAssert hasCount(String actualClass, String predictedClass, long expected) {
    isNotNull();
    long count = actual.count(index(actualClass), index(predictedClass));
    if (count != expected) {
      throw failureWithActualExpected(count, expected,
          "%nExpecting confusion matrix:%n%s%nto have %s rows of class '%s' predicted as '%s' but had %s",
          actual.toText(), expected, actualClass, predictedClass, count);
    }
    return myself;
  }

  /**
   * Verifies the total number of rows.
   *
   * @param expected the expected total
   * @return this assertion
   * @throws AssertionError if the total differs
   */
  public ConfusionMatrixAssert hasTotal(long expected) {
    isNotNull();
    if (actual.total() != expected) {
      throw failureWithActualExpected(actual.total(), expected,
          "%nExpecting confusion matrix:%n%s%nto have %s rows in total but had %s", actual.toText(), expected,
          actual.total());
    }
    return myself;
  }

  /**
   * Verifies that at most {@code max} rows of a class were missed (predicted as another class).
   *
   * @param className the class
   * @param max the largest accepted number of false negatives
   * @return this assertion
   * @throws AssertionError if there are more
   */
  public ConfusionMatrixAssert hasAtMostFalseNegatives(String className, long max) {
    isNotNull();
    return hasAtMost(actual.falseNegatives(index(className)), "false negatives", className, max);
  }

  /**
   * Verifies that at most {@code max} rows of other classes were predicted as a class.
   *
   * @param className the class
   * @param max the largest accepted number of false positives
   * @return this assertion
   * @throws AssertionError if there are more
   */
  public ConfusionMatrixAssert hasAtMostFalsePositives(String className, long max) {
    isNotNull();
    return hasAtMost(actual.falsePositives(index(className)), "false positives", className, max);
  }

  private ConfusionMatrixAssert hasAtMost(long count, String what, String className, long max) {
    if (count > max) {
      throw failureWithActualExpected(count, max,
          "%nExpecting confusion matrix:%n%s%nto have at most %s %s of class '%s' but had %s",
          actual.toText(), max, what, className, count);
    }
    return myself;
  }

  /**
   * Verifies that every row was classified correctly (all counts on the diagonal).
   *
   * @return this assertion
   * @throws AssertionError if any row was misclassified
   */
  public ConfusionMatrixAssert isDiagonal() {
    isNotNull();
    long off = 0;
    for (int i = 0; i < actual.size(); i++) {
      off += actual.falseNegatives(i);
    }
    if (off > 0) {
      throw failure("%nExpecting confusion matrix:%n%s%nto be diagonal but %s rows were misclassified",
          actual.toText(), off);
    }
    return myself;
  }

  private int index(String className) {
    int index = actual.classNames().indexOf(className);
    if (index < 0) {
      throw failure("%nExpecting confusion matrix:%n%s%nto have a class '%s' but its classes are %s", actual.toText(),
          className, actual.classNames());
    }
    return index;
  }
}
