package dev.mlops.metrics;

import java.util.Objects;

/**
 * A confidence interval: {@code [lower, upper]} at a confidence {@code level}, computed by a named
 * {@code method} ({@link #WILSON}, {@link #DELONG}, {@link #BOOTSTRAP_PERCENTILE}, ...).
 * Immutable and thread-safe.
 *
 * @param lower the lower end
 * @param upper the upper end, not smaller than {@code lower}
 * @param level the confidence level, in (0, 1), e.g. 0.95
 * @param method how it was computed
 */
public record Interval(double lower, double upper, double level, String method) {

  /** Wilson score interval for a binomial proportion. */
  public static final String WILSON = "wilson";
  /** DeLong's asymptotic normal interval for ROC AUC (clipped to [0, 1]). */
  public static final String DELONG = "delong";
  /** Percentile interval of a seeded (stratified, for classification) bootstrap. */
  public static final String BOOTSTRAP_PERCENTILE = "bootstrap_percentile";
  /** Asymptotic normal (Wald) interval for a difference of paired proportions. */
  public static final String WALD_PAIRED = "wald_paired";

  /**
   * Validates the interval.
   *
   * @throws IllegalArgumentException if an end is NaN, {@code lower > upper} or the level is outside (0, 1)
   * @throws NullPointerException if {@code method} is null
   */
  public Interval {
    Objects.requireNonNull(method, "method");
    if (Double.isNaN(lower) || Double.isNaN(upper)) {
      throw new IllegalArgumentException("interval ends must not be NaN: [" + lower + ", " + upper + "]");
    }
    if (lower > upper) {
      throw new IllegalArgumentException("interval lower must be <= upper: [" + lower + ", " + upper + "]");
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1): " + level);
    }
  }

  /**
   * Tells whether a value lies inside the closed interval.
   *
   * @param value the value to test
   * @return {@code lower <= value <= upper}
   */
  public boolean contains(double value) {
    return value >= lower && value <= upper;
  }

  /**
   * Returns the width of the interval.
   *
   * @return {@code upper - lower}
   */
  public double width() {
    return upper - lower;
  }
}
