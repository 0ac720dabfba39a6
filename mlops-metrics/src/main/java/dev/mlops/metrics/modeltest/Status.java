package dev.mlops.metrics.modeltest;

/**
 * The outcome of one expectation of a {@link ModelTestReport}.
 *
 * <p>Only {@link #FAILED} makes a report fail ({@link ModelTestReport#passed()}); a failed
 * expectation that was declared as a warning is {@link #WARNED}, and an expectation whose metric
 * is undefined on the data (for example ROC AUC on a slice holding one class) is
 * {@link #UNDEFINED} unless it was configured to fail in that case.
 */
public enum Status {
  /** The expectation holds. */
  PASSED,
  /** The expectation does not hold: the report fails. */
  FAILED,
  /** The expectation does not hold, but it was declared as a warning: the report still passes. */
  WARNED,
  /** The metric could not be computed on the data (the reason says why); the report still passes. */
  UNDEFINED
}
