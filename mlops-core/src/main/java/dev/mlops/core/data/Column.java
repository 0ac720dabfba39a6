package dev.mlops.core.data;

import java.util.Objects;

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
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
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
}
