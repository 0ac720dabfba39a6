package dev.mlops.core.data;

/**
 * The logical type of a column of a {@link Table}.
 *
 * <p>Immutable and thread-safe.
 */
public enum ColumnType {
  /** A real number; missing values are {@code NaN}. */
  NUMERIC,
  /** A category given by its label; missing values are {@code null}. */
  CATEGORICAL,
  /**
   * An instant, stored as epoch milliseconds (UTC) in a numeric column; used to order rows for
   * time-ordered splits and not used as a model feature unless declared as one.
   */
  TIMESTAMP
}
