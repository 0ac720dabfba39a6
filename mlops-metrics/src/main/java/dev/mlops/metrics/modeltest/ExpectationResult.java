package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.internal.Checks;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one expectation of a {@link ModelTest}: what was checked, against which
 * threshold, what was observed (with its confidence interval and sample size) and a one-line
 * reason a person can read in a test log.
 *
 * <p>For behavioural checks ({@link ExpectationKind#INVARIANCE}, {@link ExpectationKind#DIRECTION},
 * {@link ExpectationKind#CASES}, {@link ExpectationKind#MODEL_ERRORS}) the observed value is the
 * pass rate, the threshold the minimum pass rate, and {@link #failingRows()} / {@link #worstRows()}
 * show the rows behind it. For {@link ExpectationKind#COMPARISON} the observed value is the
 * difference candidate minus baseline and {@link #comparison()} holds the paired test. For
 * {@link ExpectationKind#METRIC_PER_SLICE} the observed value is the worst slice's and
 * {@link #slices()} lists every slice.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name what was expected, e.g. {@code "accuracy >= 0.9"} or {@code "invariance: ignores customer id"}
 * @param kind what kind of check this is
 * @param status the outcome
 * @param metric the metric checked, or null for behavioural checks
 * @param observed the observed value (NaN when undefined)
 * @param ci the confidence interval of the observed value, or null when there is none
 * @param threshold the condition the observed value had to meet
 * @param n the number of rows behind the observed value
 * @param reason one line saying why the status is what it is
 * @param warning true when the expectation was declared as a warning
 * @param slices per-slice outcomes (empty unless {@code kind} is {@code METRIC_PER_SLICE})
 * @param comparison the paired comparison with the baseline (null unless {@code kind} is {@code COMPARISON})
 * @param failedRows how many rows failed a behavioural check (0 for metric expectations)
 * @param failingRows the first failing rows of a behavioural check, in row order
 * @param worstRows the rows that moved most against the expectation, worst first
 */
public record ExpectationResult(
    String name,
    ExpectationKind kind,
    Status status,
    Metric metric,
    double observed,
    Interval ci,
    Threshold threshold,
    long n,
    String reason,
    boolean warning,
    List<SliceOutcome> slices,
    ComparisonResult comparison,
    long failedRows,
    List<RowFinding> failingRows,
    List<RowFinding> worstRows) {

  /**
   * Validates and copies the lists.
   *
   * @param name see {@link #name()}
   * @param kind see {@link #kind()}
   * @param status see {@link #status()}
   * @param metric see {@link #metric()}
   * @param observed see {@link #observed()}
   * @param ci see {@link #ci()}
   * @param threshold see {@link #threshold()}
   * @param n see {@link #n()}
   * @param reason see {@link #reason()}
   * @param warning see {@link #warning()}
   * @param slices see {@link #slices()}
   * @param comparison see {@link #comparison()}
   * @param failedRows see {@link #failedRows()}
   * @param failingRows see {@link #failingRows()}
   * @param worstRows see {@link #worstRows()}
   * @throws NullPointerException if a required field is null
   * @throws IllegalArgumentException if {@code n} or {@code failedRows} is negative
   */
  public ExpectationResult {
    Checks.nonNull("name", name, "kind", kind, "status", status, "threshold", threshold,
        "reason", reason);
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    if (failedRows < 0) {
      throw new IllegalArgumentException("failed rows must not be negative: " + failedRows);
    }
    slices = List.copyOf(slices);
    failingRows = List.copyOf(failingRows);
    worstRows = List.copyOf(worstRows);
  }

  /**
   * Tells whether this expectation makes the report fail.
   *
   * @return true when the status is {@link Status#FAILED}
   */
  public boolean failed() {
    return status == Status.FAILED;
  }

  /**
   * The condition an observed value must meet: at least, at most, or between two values.
   *
   * @param comparison which side(s) bound the value
   * @param lower the lower bound (NaN for {@code AT_MOST})
   * @param upper the upper bound (NaN for {@code AT_LEAST})
   */
  public record Threshold(Comparison comparison, double lower, double upper) {

    /**
     * Validates the bounds against the comparison.
     *
     * @param comparison see {@link #comparison()}
     * @param lower see {@link #lower()}
     * @param upper see {@link #upper()}
     * @throws IllegalArgumentException if a needed bound is NaN or the bounds are reversed
     */
    public Threshold {
      Objects.requireNonNull(comparison, "comparison");
      if (comparison != Comparison.AT_MOST && Double.isNaN(lower)) {
        throw new IllegalArgumentException("lower bound must not be NaN for " + comparison);
      }
      if (comparison != Comparison.AT_LEAST && Double.isNaN(upper)) {
        throw new IllegalArgumentException("upper bound must not be NaN for " + comparison);
      }
      if (comparison == Comparison.BETWEEN && lower > upper) {
        throw new IllegalArgumentException(
            "lower bound must not exceed upper bound: [" + lower + ", " + upper + "]");
      }
    }

    /**
     * A threshold {@code value >= lower}.
     *
     * @param lower the smallest accepted value
     * @return the threshold
     */
    public static Threshold atLeast(double lower) {
      return new Threshold(Comparison.AT_LEAST, lower, Double.NaN);
    }

    /**
     * A threshold {@code value <= upper}.
     *
     * @param upper the largest accepted value
     * @return the threshold
     */
    public static Threshold atMost(double upper) {
      return new Threshold(Comparison.AT_MOST, Double.NaN, upper);
    }

    /**
     * A threshold {@code lower <= value <= upper}.
     *
     * @param lower the smallest accepted value
     * @param upper the largest accepted value
     * @return the threshold
     */
    public static Threshold between(double lower, double upper) {
      return new Threshold(Comparison.BETWEEN, lower, upper);
    }

    /**
     * Tells whether a value meets this threshold; NaN never does.
     *
     * @param value the observed value
     * @return true when the value is within the threshold
     */
    public boolean accepts(double value) {
      return switch (comparison) {
        case AT_LEAST -> value >= lower;
        case AT_MOST -> value <= upper;
        case BETWEEN -> value >= lower && value <= upper;
      };
    }

    /**
     * The threshold as people write it: {@code ">= 0.9"}, {@code "<= 60"}, {@code "in [0.8, 0.9]"}.
     *
     * @return the text form
     */
    @Override
    public String toString() {
      return switch (comparison) {
        case AT_LEAST -> ">= " + Format.number(lower);
        case AT_MOST -> "<= " + Format.number(upper);
        case BETWEEN -> "in [" + Format.number(lower) + ", " + Format.number(upper) + "]";
      };
    }
  }

  /** Which side(s) of a {@link Threshold} bound the value. */
  public enum Comparison {
    /** The value must be at least the lower bound. */
    AT_LEAST,
    /** The value must be at most the upper bound. */
    AT_MOST,
    /** The value must lie between the bounds (inclusive). */
    BETWEEN;

    /**
     * The snake_case name used in JSON.
     *
     * @return e.g. {@code "at_least"}
     */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The outcome of a per-slice expectation on one slice.
   *
   * @param key the slice key ({@code String.valueOf} of what the key function returned)
   * @param n the number of rows in the slice
   * @param observed the metric on the slice (NaN when undefined or skipped)
   * @param ci its confidence interval, or null
   * @param status the outcome on this slice ({@link Status#UNDEFINED} when skipped)
   * @param skipped true when the slice is smaller than the minimum slice size and was not evaluated
   * @param reason one line saying why
   */
  public record SliceOutcome(
      String key, long n, double observed, Interval ci, Status status, boolean skipped, String reason) {

    /**
     * Validates the fields.
     *
     * @param key see {@link #key()}
     * @param n see {@link #n()}
     * @param observed see {@link #observed()}
     * @param ci see {@link #ci()}
     * @param status see {@link #status()}
     * @param skipped see {@link #skipped()}
     * @param reason see {@link #reason()}
     * @throws NullPointerException if key, status or reason is null
     */
    public SliceOutcome {
      Checks.nonNull("key", key, "status", status, "reason", reason);
    }
  }

  /**
   * One row behind a behavioural check (or a row the model could not predict).
   *
   * @param index the row's index in the test rows (or in the cases list)
   * @param row the row's {@code toString()}, shortened to 200 characters
   * @param before the model output on the original row (NaN when not applicable)
   * @param after the model output on the perturbed row, or the expected value (NaN when not applicable)
   * @param detail one line saying what happened, e.g. {@code "p(approved) 0.71 -> 0.64"}
   */
  public record RowFinding(long index, String row, double before, double after, String detail) {

    /**
     * Validates the fields.
     *
     * @param index see {@link #index()}
     * @param row see {@link #row()}
     * @param before see {@link #before()}
     * @param after see {@link #after()}
     * @param detail see {@link #detail()}
     * @throws NullPointerException if row or detail is null
     */
    public RowFinding {
      Checks.nonNull("row", row, "detail", detail);
    }
  }
}
