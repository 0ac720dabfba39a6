package dev.mlops.core.contract;

import dev.mlops.core.data.ColumnType;
import dev.mlops.core.internal.Checks;
import java.util.List;

/**
 * What a {@link DataContract} allows for one column.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the column name
 * @param type the column type
 * @param min the smallest allowed value (numeric; {@code -Infinity} for none)
 * @param max the largest allowed value (numeric; {@code +Infinity} for none)
 * @param categories the allowed categories (categorical; empty means any)
 * @param maxMissingRate the largest allowed share of missing values in a batch, in [0, 1]; 0 also
 *     means a single row may not miss the value
 */
public record FieldContract(
    String name, ColumnType type, double min, double max, List<String> categories, double maxMissingRate) {

  /**
   * Validates the field.
   *
   * @throws IllegalArgumentException if the range or rate is invalid
   */
  public FieldContract {
    Checks.nonNull("name", name, "type", type);
    categories = categories == null ? List.of() : List.copyOf(categories);
    if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
      throw new IllegalArgumentException(
          "range of column '" + name + "' must satisfy min <= max: [" + min + ", " + max + "]");
    }
    if (!(maxMissingRate >= 0 && maxMissingRate <= 1)) {
      throw new IllegalArgumentException(
          "max missing rate of column '" + name + "' must be in [0, 1]: " + maxMissingRate);
    }
  }

  String allowedText() {
    return switch (type) {
      case NUMERIC -> "[" + min + ", " + max + "]";
      case CATEGORICAL -> categories.isEmpty() ? "any" : categories.toString();
      case TIMESTAMP -> "a timestamp";
    };
  }
}
