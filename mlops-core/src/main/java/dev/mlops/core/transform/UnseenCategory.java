package dev.mlops.core.transform;

/**
 * What an encoder does with a category (or a missing value) it did not see in the training split.
 *
 * <p>Immutable and thread-safe.
 */
public enum UnseenCategory {
  /** Throw an {@link IllegalArgumentException} naming the column and the value. */
  FAIL,
  /**
   * Encode as "none of the known categories": all-zero indicators for one-hot, {@code -1} for
   * ordinal encoding (scikit-learn's {@code handle_unknown="ignore"} / {@code
   * unknown_value=-1}).
   */
  IGNORE
}
