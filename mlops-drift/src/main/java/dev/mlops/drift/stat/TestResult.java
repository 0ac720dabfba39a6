package dev.mlops.drift.stat;

import dev.mlops.drift.internal.Checks;
import java.util.Locale;

/**
 * The outcome of one drift statistic: its value, its p-value when it has one, the degrees of
 * freedom of a chi-square or t reference distribution, the sample sizes actually used and whether
 * the result is defined.
 *
 * <p>{@code n1} and {@code n2} count only the values that entered the statistic (finite values for
 * sample statistics; the total of the counts for binned statistics). When the inputs do not allow
 * a result (an empty sample, a constant reference for a scaled distance...), {@code statistic} and
 * {@code pValue} are {@code NaN}, {@link #status()} is not {@link Status#OK} and {@link #reason()}
 * says why; statistics never throw for such data.
 *
 * <p>Immutable and thread-safe.
 *
 * @param test the statistic's key, e.g. {@code "ks"} (see {@link DriftStatistic#key()})
 * @param statistic the value of the statistic or distance, {@code NaN} when undefined
 * @param pValue the p-value, {@code NaN} for distances (which have none) or when undefined
 * @param degreesOfFreedom the degrees of freedom of the reference distribution of a chi-square
 *     test ({@code dof} of SciPy's {@code chi2_contingency}, {@code k - 1} of {@code chisquare})
 *     or of Welch's t-test ({@code df} of SciPy's {@code ttest_ind}); {@code NaN} for the other
 *     statistics and when undefined
 * @param n1 the size of the reference sample (or total reference count) used
 * @param n2 the size of the current sample (or total current count) used
 * @param status {@link Status#OK}, {@link Status#INSUFFICIENT_DATA} or {@link Status#UNDEFINED}
 * @param reason why the result is not {@link Status#OK}; empty when it is
 */
public record TestResult(
    String test,
    double statistic,
    double pValue,
    double degreesOfFreedom,
    long n1,
    long n2,
    Status status,
    String reason) {

  /** Whether a result is defined, and if not, why not in one word. */
  public enum Status {
    /** A defined result. */
    OK,
    /** A sample (or a count vector) is empty or too small for the statistic. */
    INSUFFICIENT_DATA,
    /**
     * There is data but the statistic is undefined for it (e.g. zero variance in both samples of
     * a t-test); SciPy returns {@code NaN} in these cases too.
     */
    UNDEFINED;

    /**
     * The status as written in text: lower case with spaces ({@code "insufficient data"}).
     *
     * @return the label
     */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * Validates the components.
   *
   * @param test the statistic's key
   * @param statistic the value, NaN when undefined
   * @param pValue the p-value, NaN when there is none
   * @param degreesOfFreedom the degrees of freedom, NaN when there are none
   * @param n1 reference size used
   * @param n2 current size used
   * @param status the status
   * @param reason why not ok, empty when ok
   * @throws NullPointerException if {@code test}, {@code status} or {@code reason} is null
   * @throws IllegalArgumentException if a sample size is negative
   */
  public TestResult {
    Checks.nonNull("test", test, "status", status, "reason", reason);
    if (n1 < 0) {
      throw new IllegalArgumentException("n1 must not be negative: " + n1);
    }
    if (n2 < 0) {
      throw new IllegalArgumentException("n2 must not be negative: " + n2);
    }
  }

  /**
   * Creates a defined result without degrees of freedom.
   *
   * @param test the statistic's key
   * @param statistic the value
   * @param pValue the p-value or {@code NaN}
   * @param n1 reference size
   * @param n2 current size
   * @return the result with status {@link Status#OK}
   */
  public static TestResult ok(String test, double statistic, double pValue, long n1, long n2) {
    return new TestResult(test, statistic, pValue, Double.NaN, n1, n2, Status.OK, "");
  }

  /**
   * Creates an undefined result (statistic, p-value and degrees of freedom {@code NaN}).
   *
   * @param test the statistic's key
   * @param n1 reference size
   * @param n2 current size
   * @param status {@link Status#INSUFFICIENT_DATA} or {@link Status#UNDEFINED}
   * @param reason why
   * @return the result
   * @throws IllegalArgumentException if {@code status} is {@link Status#OK}
   */
  public static TestResult undefined(String test, long n1, long n2, Status status, String reason) {
    if (status == Status.OK) {
      throw new IllegalArgumentException("status of an undefined result must not be OK: " + test);
    }
    return new TestResult(test, Double.NaN, Double.NaN, Double.NaN, n1, n2, status, reason);
  }

  /**
   * This result with the degrees of freedom of its reference distribution.
   *
   * @param df the degrees of freedom
   * @return a copy carrying {@code df}
   */
  public TestResult withDegreesOfFreedom(double df) {
    return new TestResult(test, statistic, pValue, df, n1, n2, status, reason);
  }

  /**
   * Whether the result is defined.
   *
   * @return {@code true} when {@link #status()} is {@link Status#OK}
   */
  public boolean isOk() {
    return status == Status.OK;
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
