package dev.mlops.core.transform;

/**
 * How {@link Transforms#impute} fills missing values, with the statistic fitted on the training
 * split (scikit-learn's {@code SimpleImputer} strategies).
 *
 * <p>Immutable and thread-safe.
 */
public enum Imputation {
  /** The mean of the non-missing values (numeric columns). */
  MEAN,
  /** The median of the non-missing values, midpoint of the two middle ones for an even count. */
  MEDIAN,
  /** The most frequent value; ties go to the smallest value (as scikit-learn). */
  MOST_FREQUENT
}
