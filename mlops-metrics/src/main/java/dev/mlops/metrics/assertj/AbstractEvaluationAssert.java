package dev.mlops.metrics.assertj;

import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractDoubleAssert;
import org.assertj.core.api.Assertions;

/**
 * Assertions shared by evaluations of any kind: a metric at least / at most a value, and
 * navigation to any metric's value as AssertJ's own {@link AbstractDoubleAssert}.
 *
 * <p>Failure messages carry the evidence: the value, its confidence interval, the sample size, the
 * threshold and, for classifiers, the confusion matrix.
 *
 * <p>Not thread-safe (like every AssertJ assertion object).
 *
 * @param <SELF> the concrete assertion type
 * @param <ACTUAL> the evaluation type
 */
public abstract class AbstractEvaluationAssert<SELF extends AbstractEvaluationAssert<SELF, ACTUAL>,
    ACTUAL extends Evaluation> extends AbstractAssert<SELF, ACTUAL> {

  /**
   * Creates the assertion.
   *
   * @param actual the evaluation under test (may be null: {@code isNotNull()} is checked first)
   * @param selfType the concrete assertion class
   */
  protected AbstractEvaluationAssert(ACTUAL actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /**
   * Verifies that a metric is at least a value (an undefined metric fails).
   *
   * @param metric the metric
   * @param expected the smallest accepted value
   * @return this assertion
   * @throws AssertionError if the metric is below {@code expected} or undefined
   */
  public SELF hasMetricAtLeast(Metric metric, double expected) {
    return bounded(read(metric), metric.key(), true, expected);
  }

  /**
   * Verifies that a metric is at most a value (an undefined metric fails).
   *
   * @param metric the metric
   * @param expected the largest accepted value
   * @return this assertion
   * @throws AssertionError if the metric is above {@code expected} or undefined
   */
  public SELF hasMetricAtMost(Metric metric, double expected) {
    return bounded(read(metric), metric.key(), false, expected);
  }

  /**
   * Fails unless {@code value} is defined and at least (or at most) {@code expected}.
   *
   * @param what the metric's name in the message
   */
  SELF bounded(MetricValue value, String what, boolean atLeast, double expected) {
    double v = value.value();
    if (!value.defined() || !(atLeast ? v >= expected : v <= expected)) {
      throw failureWithActualExpected(v, expected,
          "%nExpecting evaluation of model:%n  %s%nto have %s %s %s but was %s%s",
          summary(), what, atLeast ? ">=" : "<=", Evidence.number(expected),
          Evidence.value(value), Evidence.confusionMatrix(actual));
    }
    return myself;
  }

  /**
   * Verifies that a metric is defined on the data (e.g. ROC AUC needs both classes).
   *
   * @param metric the metric
   * @return this assertion
   * @throws AssertionError if the metric is undefined
   */
  public SELF hasDefinedMetric(Metric metric) {
    MetricValue value = read(metric);
    if (!value.defined()) {
      throw failure("%nExpecting evaluation of model:%n  %s%nto have a defined %s but it was %s",
          summary(), metric.key(), Evidence.value(value));
    }
    return myself;
  }

  /**
   * Navigates to a metric's value, to use any of AssertJ's double assertions on it; the
   * description carries the confidence interval and n.
   *
   * @param metric the metric
   * @return an assertion on the value (NaN when undefined)
   */
  public AbstractDoubleAssert<?> metric(Metric metric) {
    return navigate(read(metric), metric.key());
  }

  /** An assertion on {@code value}, described as {@code what} of this evaluation. */
  AbstractDoubleAssert<?> navigate(MetricValue value, String what) {
    return Assertions.assertThat(value.value()).as("%s of evaluation %s: %s", what, summary(),
        Evidence.value(value));
  }

  /**
   * Verifies that the evaluation has at least {@code n} rows.
   *
   * @param n the smallest accepted number of rows
   * @return this assertion
   * @throws AssertionError if there are fewer rows
   */
  public SELF hasAtLeastRows(long n) {
    isNotNull();
    if (actual.n() < n) {
      throw failureWithActualExpected(actual.n(), n,
          "%nExpecting evaluation of model:%n  %s%nto have at least %s rows but had %s", summary(), n, actual.n());
    }
    return myself;
  }

  /** The metric, or an assertion error when the evaluation is null or does not compute it. */
  MetricValue read(Metric metric) {
    isNotNull();
    try {
      return actual.metric(metric);
    } catch (IllegalArgumentException e) {
      throw failure("%nExpecting evaluation of model:%n  %s%nto compute %s but: %s", summary(), metric.key(),
          e.getMessage());
    }
  }

  /** A one-line description of the evaluation for messages. */
  String summary() {
    return actual.getClass().getSimpleName() + " (n=" + actual.n() + ")";
  }
}
