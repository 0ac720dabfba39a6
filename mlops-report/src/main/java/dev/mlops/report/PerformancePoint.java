package dev.mlops.report;

import java.util.Objects;

/**
 * One metric of one window on the performance-over-time chart: realised (from labels) or estimated
 * (without labels), with its interval when known.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric the metric's key, e.g. {@code "roc_auc"} (user-defined metrics alike)
 * @param estimated {@code true} for an estimate made without labels, {@code false} for a realised value
 * @param value the value ({@code NaN} when undefined: a gap in the chart)
 * @param lower the interval's lower bound ({@code NaN} if none)
 * @param upper the interval's upper bound ({@code NaN} if none)
 * @param n the rows behind the value ({@code -1} if unknown)
 */
public record PerformancePoint(String metric, boolean estimated, double value, double lower, double upper, long n) {

  /**
   * Validates the point.
   *
   * @throws NullPointerException if the metric is null
   * @throws IllegalArgumentException if the bounds are reversed
   */
  public PerformancePoint {
    Objects.requireNonNull(metric, "metric");
    if (lower > upper) {
      throw new IllegalArgumentException("interval of " + metric + " must have lower <= upper: [" + lower + ", "
          + upper + "]");
    }
  }

  /**
   * Whether the point has an interval.
   *
   * @return {@code true} when both bounds are finite
   */
  public boolean hasInterval() {
    return Double.isFinite(lower) && Double.isFinite(upper);
  }
}
