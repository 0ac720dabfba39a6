package dev.mlops.core.data;

import dev.mlops.core.internal.Checks;


/**
 * The name and type of one column of a {@link Table}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the column name, not blank
 * @param type the column type
 */
public record Column(String name, ColumnType type) {

  /**
   * Validates the column.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name is blank
   */
  public Column {
    Checks.nonNull("name", name, "type", type);
    if (name.isBlank()) {
      throw new IllegalArgumentException("column name must not be blank: '" + name + "'");
    }
  }

  /**
   * A numeric column.
   *
   * @param name the column name
   * @return the column
   */
  public static Column numeric(String name) {
    return new Column(name, ColumnType.NUMERIC);
  }

  /**
   * A categorical column.
   *
   * @param name the column name
   * @return the column
   */
  public static Column categorical(String name) {
    return new Column(name, ColumnType.CATEGORICAL);
  }

  /**
   * A timestamp column.
   *
   * @param name the column name
   * @return the column
   */
  public static Column timestamp(String name) {
    return new Column(name, ColumnType.TIMESTAMP);
  }

  /**
   * The category a number stands for in a categorical column: integral values without a fraction
   * ({@code 2.0} is {@code "2"}), others as {@link Double#toString(double)}. Every place that reads
   * a number as a category (sources, contracts, transforms) uses this one form.
   *
   * @param value the number
   * @return the category, or null for NaN (a missing value)
   */
  public static String category(double value) {
    if (Double.isNaN(value)) {
      return null;
    }
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
