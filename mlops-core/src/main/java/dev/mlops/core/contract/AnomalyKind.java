package dev.mlops.core.contract;

/**
 * The kinds of data-quality anomaly a {@link DataContract} detects; each has its own {@link
 * Policy}.
 *
 * <p>Immutable and thread-safe.
 */
public enum AnomalyKind {
  /** A column of the contract is absent. Default policy: {@link Policy#FAIL}. */
  MISSING_COLUMN(Policy.FAIL),
  /** A value of the wrong type, e.g. text in a numeric column. Default: {@link Policy#FAIL}. */
  TYPE_MISMATCH(Policy.FAIL),
  /** An infinite numeric value. Default: {@link Policy#FAIL}. */
  NON_FINITE(Policy.FAIL),
  /** More missing values than the contract allows. Default: {@link Policy#FAIL}. */
  MISSING_VALUES(Policy.FAIL),
  /** A numeric value outside the allowed range. Default: {@link Policy#WARN}. */
  OUT_OF_RANGE(Policy.WARN),
  /** A category outside the allowed set. Default: {@link Policy#WARN}. */
  UNSEEN_CATEGORY(Policy.WARN);

  private final Policy defaultPolicy;

  AnomalyKind(Policy defaultPolicy) {
    this.defaultPolicy = defaultPolicy;
  }

  /**
   * The policy used unless the contract says otherwise.
   *
   * @return the default policy
   */
  public Policy defaultPolicy() {
    return defaultPolicy;
  }
}
