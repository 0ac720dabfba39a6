package dev.mlops.drift.stat;

import java.util.Objects;

/**
 * The outcome of one drift statistic: its value, its p-value when it has one, the sample sizes
 * actually used and whether the result is defined.
 *
 * <p>{@code n1} and {@code n2} count only the values that entered the statistic (finite values for
 * sample statistics; the total of the counts for binned statistics). When the inputs do not allow
 * a result (an empty sample, a constant reference for a scaled distance...), {@code statistic} and
 * {@code pValue} are {@code NaN}, {@link #status()} is not {@link #OK} and {@link #reason()} says
 * why; statistics never throw for such data.
 *
 * <p>Immutable and thread-safe.
 *
 * @param test the statistic's key, e.g. {@code "ks"} (see {@link DriftStatistic#key()})
 * @param statistic the value of the statistic or distance, {@code NaN} when undefined
 * @param pValue the p-value, {@code NaN} for distances (which have none) or when undefined
 * @param n1 the size of the reference sample (or total reference count) used
 * @param n2 the size of the current sample (or total current count) used
 * @param status {@link #OK}, {@link #INSUFFICIENT_DATA} or {@link #UNDEFINED}
 * @param reason why the result is not {@link #OK}; empty when it is
 */
public record TestResult(
    String test, double statistic, double pValue, long n1, long n2, String status, String reason) {

  /** Status of a defined result. */
  public static final String OK = "ok";

  /** Status when a sample (or a count vector) is empty or too small for the statistic. */
  public static final String INSUFFICIENT_DATA = "insufficient data";

  /**
   * Status when there is data but the statistic is undefined for it (e.g. zero variance in both
   * samples of a t-test); SciPy returns {@code NaN} in these cases too.
   */
  public static final String UNDEFINED = "undefined";

  /**
   * Validates the components.
   *
   * @param test the statistic's key
   * @param statistic the value, NaN when undefined
   * @param pValue the p-value, NaN when there is none
   * @param n1 reference size used
   * @param n2 current size used
   * @param status the status
   * @param reason why not ok, empty when ok
   * @throws NullPointerException if {@code test}, {@code status} or {@code reason} is null
   * @throws IllegalArgumentException if a sample size is negative
   */
  public TestResult {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    if (n1 < 0) {
      throw new IllegalArgumentException("n1 must not be negative: " + n1);
    }
    if (n2 < 0) {
      throw new IllegalArgumentException("n2 must not be negative: " + n2);
    }
  }

  /**
   * Creates a defined result.
   *
   * @param test the statistic's key
   * @param statistic the value
   * @param pValue the p-value or {@code NaN}
   * @param n1 reference size
   * @param n2 current size
   * @return the result with status {@link #OK}
   */
  public static TestResult ok(String test, double statistic, double pValue, long n1, long n2) {
    return new TestResult(test, statistic, pValue, n1, n2, OK, "");
  }

  /**
   * Creates an undefined result (statistic and p-value {@code NaN}).
   *
   * @param test the statistic's key
   * @param n1 reference size
   * @param n2 current size
   * @param status {@link #INSUFFICIENT_DATA} or {@link #UNDEFINED}
   * @param reason why
   * @return the result
   */
  public static TestResult undefined(String test, long n1, long n2, String status, String reason) {
    return new TestResult(test, Double.NaN, Double.NaN, n1, n2, status, reason);
  }

  /**
   * Whether the result is defined.
   *
   * @return {@code true} when {@link #status()} is {@link #OK}
   */
  public boolean isOk() {
    return OK.equals(status);
  }

  /**
   * Whether a p-value is available.
   *
   * @return {@code true} when {@link #pValue()} is not {@code NaN}
   */
  public boolean hasPValue() {
    return !Double.isNaN(pValue);
  }
}
