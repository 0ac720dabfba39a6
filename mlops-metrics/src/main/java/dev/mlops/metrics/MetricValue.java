package dev.mlops.metrics;

import java.util.Objects;

/**
 * The value of one {@link Metric} with its confidence interval and sample size, or the reason it
 * is undefined. Immutable and thread-safe.
 *
 * <p>Zero division (e.g. precision with no positive prediction) gives {@code 0}, as scikit-learn's
 * {@code zero_division=0}; {@link #zeroDivision()} is then {@code true} and {@link #reason()} says
 * which denominator was 0. An undefined metric (e.g. ROC AUC with one class present) has
 * {@code defined == false}, value {@link Double#NaN} and a reason.
 *
 * @param metric the metric
 * @param value its value; NaN when undefined
 * @param ci its confidence interval, or {@code null} when none was computed
 * @param n the number of observations the value is computed from: the denominator for
 *     proportions (predicted positives for precision, actual positives for recall, ...), the row
 *     count otherwise
 * @param defined {@code false} when the metric cannot be computed on this data
 * @param reason why it is undefined, or which denominator was zero, or {@code null}
 * @param zeroDivision {@code true} if a zero denominator was replaced by the value 0
 */
public record MetricValue(Metric metric, double value, Interval ci, long n, boolean defined,
    String reason, boolean zeroDivision) {

  /**
   * Validates the value.
   *
   * @throws NullPointerException if {@code metric} is null, or {@code reason} is null for an undefined value
   * @throws IllegalArgumentException if {@code n} is negative, or a defined value is NaN
   */
  public MetricValue {
    Objects.requireNonNull(metric, "metric");
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    if (defined && Double.isNaN(value)) {
      throw new IllegalArgumentException("a defined " + metric.key() + " must not be NaN");
    }
    if (!defined) {
      Objects.requireNonNull(reason, "reason of an undefined metric");
      if (!Double.isNaN(value)) {
        throw new IllegalArgumentException("an undefined " + metric.key() + " must be NaN: " + value);
      }
    }
  }

  /**
   * A defined value without interval.
   *
   * @param metric the metric
   * @param value its value
   * @param n its sample size
   * @return the value
   */
  public static MetricValue of(Metric metric, double value, long n) {
    return new MetricValue(metric, value, null, n, true, null, false);
  }

  /**
   * A value of 0 standing for a zero division.
   *
   * @param metric the metric
   * @param n its sample size
   * @param reason which denominator was zero, e.g. "no positive predictions"
   * @return the value 0, flagged
   */
  public static MetricValue zeroDivision(Metric metric, long n, String reason) {
    return new MetricValue(metric, 0.0, null, n, true, reason, true);
  }

  /**
   * An undefined value (NaN) with the reason.
   *
   * @param metric the metric
   * @param n its sample size
   * @param reason why it cannot be computed
   * @return the undefined value
   */
  public static MetricValue undefined(Metric metric, long n, String reason) {
    return new MetricValue(metric, Double.NaN, null, n, false, reason, false);
  }

  /**
   * Returns a copy carrying a confidence interval.
   *
   * @param interval the interval, or {@code null} to drop it
   * @return the copy
   */
  public MetricValue withCi(Interval interval) {
    return new MetricValue(metric, value, interval, n, defined, reason, zeroDivision);
  }

  /**
   * Returns the value, failing if it is undefined (what a pure function needs).
   *
   * @return the value
   * @throws IllegalArgumentException if the metric is undefined, with the reason
   */
  public double require() {
    if (!defined) {
      throw new IllegalArgumentException(metric.key() + " is undefined: " + reason);
    }
    return value;
  }

  /**
   * Tells whether a confidence interval is present.
   *
   * @return {@code ci != null}
   */
  public boolean hasCi() {
    return ci != null;
  }
}
