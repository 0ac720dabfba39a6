package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.modeltest.ExpectationResult.Threshold;
import java.util.Objects;
import java.util.function.Function;

/**
 * An expectation on a classification metric being declared; obtained from
 * {@link ClassifierTest#expect(dev.mlops.metrics.Metric)} and finished by {@link #atLeast(double)},
 * {@link #atMost(double)} or {@link #between(double, double)}, which return the test.
 *
 * <pre>{@code
 * test.expect(Metric.ROC_AUC).lowerBound(0.95).atLeast(0.88)
 *     .expect(Metric.RECALL).forClass("fraud").atLeast(0.70)
 *     .expect(Metric.F1).onEverySlice(Row::region).minSliceSize(50).atLeast(0.80);
 * }</pre>
 *
 * <p>Not thread-safe (part of a {@link ClassifierTest} being built).
 *
 * @param <T> the row type
 */
public final class ClassifierExpectation<T> {

  private final ClassifierTest<T> test;
  private final Spec.MetricSpec spec;

  ClassifierExpectation(ClassifierTest<T> test, Spec.MetricSpec spec) {
    this.test = test;
    this.spec = spec;
  }

  /**
   * Checks the metric for one class (one-vs-rest precision, recall, F1...) instead of the
   * model-level value. The name is resolved against the test's class names when the test runs.
   *
   * @param className the class name
   * @return this expectation
   * @throws NullPointerException if className is null
   */
  public ClassifierExpectation<T> forClass(String className) {
    spec.className = Objects.requireNonNull(className, "className");
    return this;
  }

  /**
   * Checks the metric on every slice of the test rows, grouped by a key (e.g. a region); the
   * expectation fails when any slice fails. The key must not be null for any row.
   *
   * @param key the slice key of a row (compared by {@code String.valueOf})
   * @return this expectation
   * @throws NullPointerException if key is null
   */
  public ClassifierExpectation<T> onEverySlice(Function<? super T, ?> key) {
    MetricExpectations.slicer(spec, key);
    return this;
  }

  /**
   * Sets the minimum slice size of a per-slice expectation (default 1); smaller slices are skipped.
   *
   * @param size at least 1
   * @return this expectation
   * @throws IllegalArgumentException if size is below 1
   */
  public ClassifierExpectation<T> minSliceSize(int size) {
    spec.minSliceSize = Settings.requireSliceSize(size, spec.name());
    return this;
  }

  /**
   * Checks the lower bound of the metric's confidence interval at this level instead of the value
   * (the conservative reading of {@code atLeast}).
   *
   * @param level the confidence level, in (0, 1), e.g. 0.95
   * @return this expectation
   * @throws IllegalArgumentException if the level is outside (0, 1)
   */
  public ClassifierExpectation<T> lowerBound(double level) {
    MetricExpectations.bound(spec, Spec.Bound.CI_LOWER, level);
    return this;
  }

  /**
   * Checks the upper bound of the metric's confidence interval at this level instead of the value
   * (the conservative reading of {@code atMost}).
   *
   * @param level the confidence level, in (0, 1), e.g. 0.95
   * @return this expectation
   * @throws IllegalArgumentException if the level is outside (0, 1)
   */
  public ClassifierExpectation<T> upperBound(double level) {
    MetricExpectations.bound(spec, Spec.Bound.CI_UPPER, level);
    return this;
  }

  /**
   * Declares this expectation as a warning (WARNED instead of FAILED).
   *
   * @return this expectation
   */
  public ClassifierExpectation<T> asWarning() {
    spec.warning = true;
    return this;
  }

  /**
   * Makes this expectation FAILED instead of UNDEFINED when the metric is undefined.
   *
   * @return this expectation
   */
  public ClassifierExpectation<T> failIfUndefined() {
    spec.failIfUndefined = true;
    return this;
  }

  /**
   * Finishes the expectation: the metric must be at least {@code value}.
   *
   * @param value the threshold, within the metric's range
   * @return the test, to declare more expectations
   * @throws IllegalArgumentException naming the expectation, if the value is outside the metric's range
   */
  public ClassifierTest<T> atLeast(double value) {
    return finish(Threshold.atLeast(value));
  }

  /**
   * Finishes the expectation: the metric must be at most {@code value}.
   *
   * @param value the threshold, within the metric's range
   * @return the test, to declare more expectations
   * @throws IllegalArgumentException naming the expectation, if the value is outside the metric's range
   */
  public ClassifierTest<T> atMost(double value) {
    return finish(Threshold.atMost(value));
  }

  /**
   * Finishes the expectation: the metric must lie in {@code [lower, upper]}.
   *
   * @param lower the smallest accepted value, within the metric's range
   * @param upper the largest accepted value, within the metric's range
   * @return the test, to declare more expectations
   * @throws IllegalArgumentException naming the expectation, if a bound is outside the metric's
   *     range or lower exceeds upper
   */
  public ClassifierTest<T> between(double lower, double upper) {
    return finish(MetricExpectations.between(spec, lower, upper));
  }

  private ClassifierTest<T> finish(Threshold threshold) {
    MetricExpectations.finish(spec, threshold);
    test.add(spec);
    return test;
  }
}
