package dev.mlops.metrics.assertj;

import dev.mlops.metrics.fairness.AttributeFairness;
import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.fairness.DisparityValue;
import dev.mlops.metrics.fairness.FairnessEvaluation;
import java.util.Locale;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link FairnessEvaluation}; obtain one with
 * {@link MlopsAssertions#assertThat(FairnessEvaluation)}. Every failure message carries the
 * attribute's per-group table (size, selection rate, TPR, FPR, precision, accuracy) and the
 * disparity's interval and defining groups.
 *
 * <pre>{@code
 * assertThat(fairness)
 *     .hasDisparityAtLeast("region", Disparity.DISPARATE_IMPACT_RATIO, 0.8)
 *     .hasDisparityUpperBoundAtMost("region", Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, 0.05);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public class FairnessEvaluationAssert extends AbstractAssert<FairnessEvaluationAssert, FairnessEvaluation> {

  /**
   * Creates the assertion (public so that soft assertions and subclasses can create it).
   *
   * @param actual the evaluation under test
   */
  public FairnessEvaluationAssert(FairnessEvaluation actual) {
    super(actual, FairnessEvaluationAssert.class);
  }

  /**
   * Verifies that a disparity is defined and at least a bound (for the disparate impact ratio: the
   * four-fifths rule is {@code 0.8}).
   *
   * @param attribute the attribute
   * @param disparity the disparity
   * @param bound the smallest acceptable value
   * @return this assertion
   * @throws AssertionError if the disparity is undefined or below the bound
   */
  public FairnessEvaluationAssert hasDisparityAtLeast(String attribute, Disparity disparity, double bound) {
    return check(attribute, disparity, bound, false, false);
  }

  /**
   * Verifies that a disparity is defined and at most a bound.
   *
   * @param attribute the attribute
   * @param disparity the disparity
   * @param bound the largest acceptable value
   * @return this assertion
   * @throws AssertionError if the disparity is undefined or above the bound
   */
  public FairnessEvaluationAssert hasDisparityAtMost(String attribute, Disparity disparity, double bound) {
    return check(attribute, disparity, bound, true, false);
  }

  /**
   * Verifies that the upper end of a disparity's interval is at most a bound (the evidence says
   * the gap is small, not merely that the estimate is).
   *
   * @param attribute the attribute
   * @param disparity the disparity
   * @param bound the largest acceptable upper bound
   * @return this assertion
   * @throws AssertionError if the disparity or its interval is missing, or the upper end exceeds the bound
   */
  public FairnessEvaluationAssert hasDisparityUpperBoundAtMost(String attribute, Disparity disparity,
      double bound) {
    return check(attribute, disparity, bound, true, true);
  }

  /**
   * Verifies that the lower end of a disparity's interval is at least a bound.
   *
   * @param attribute the attribute
   * @param disparity the disparity
   * @param bound the smallest acceptable lower bound
   * @return this assertion
   * @throws AssertionError if the disparity or its interval is missing, or the lower end is below the bound
   */
  public FairnessEvaluationAssert hasDisparityLowerBoundAtLeast(String attribute, Disparity disparity,
      double bound) {
    return check(attribute, disparity, bound, false, true);
  }

  private FairnessEvaluationAssert check(String attribute, Disparity disparity, double bound, boolean atMost,
      boolean onInterval) {
    isNotNull();
    AttributeFairness a = actual.attribute(attribute);
    DisparityValue d = a.disparity(disparity);
    String what = (onInterval ? (atMost ? "upper bound of " : "lower bound of ") : "") + disparity.key();
    if (!d.defined()) {
      throw failure("%nExpecting fairness of %s:%n%sto have %s %s %s but it is undefined: %s", attribute,
          a.groupTable(), what, atMost ? "<=" : ">=", bound, d.reason());
    }
    if (onInterval && d.ci() == null) {
      throw failure("%nExpecting fairness of %s:%n%sto have %s %s %s but %s has no interval (bootstrap off "
          + "or too few defined resamples)", attribute, a.groupTable(), what, atMost ? "<=" : ">=", bound,
          disparity.key());
    }
    double value = onInterval ? (atMost ? d.ci().upper() : d.ci().lower()) : d.value();
    if (atMost ? value > bound : value < bound) {
      throw failureWithActualExpected(value, bound,
          "%nExpecting fairness of %s:%n%sto have %s %s %s but was %s (value %s, interval %s, between %s and %s)",
          attribute, a.groupTable(), what, atMost ? "<=" : ">=", bound, format(value), format(d.value()),
          d.ci() == null ? "none" : "[" + format(d.ci().lower()) + ", " + format(d.ci().upper()) + "]",
          d.highGroup(), d.lowGroup());
    }
    return myself;
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
