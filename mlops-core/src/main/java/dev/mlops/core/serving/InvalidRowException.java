package dev.mlops.core.serving;

import dev.mlops.metrics.MlopsException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request row (or a row of a batch) does not satisfy the served model's data contract. The message
 * names every offending field, its rule and the value received; {@link #violations()} gives them as
 * data. No prediction is made for an invalid row, and the endpoint counts it.
 *
 * <p>Immutable and thread-safe.
 */
public final class InvalidRowException extends MlopsException {

  private static final long serialVersionUID = 1L;

  private final transient List<FieldViolation> violations;
  private final int rowIndex;

  /**
   * Creates the exception for one row.
   *
   * @param rowIndex the row's index in its batch, or {@code -1} for a single request
   * @param violations what is wrong with the row; at least one
   * @throws IllegalArgumentException if {@code violations} is empty
   */
  public InvalidRowException(int rowIndex, List<FieldViolation> violations) {
    super(message(rowIndex, violations));
    this.rowIndex = rowIndex;
    this.violations = List.copyOf(violations);
  }

  private static String message(int rowIndex, List<FieldViolation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("violations must not be empty: []");
    }
    String where = rowIndex < 0 ? "request row" : "request row " + rowIndex;
    return where
        + " violates the model's data contract: "
        + violations.stream().map(FieldViolation::toText).collect(Collectors.joining("; "));
  }

  /**
   * Returns the violations, in the order the contract reported them.
   *
   * @return an unmodifiable, non-empty list
   */
  public List<FieldViolation> violations() {
    return violations;
  }

  /**
   * Returns the names of the offending fields, without duplicates, in order of first violation.
   *
   * @return an unmodifiable list of field names
   */
  public List<String> fields() {
    return violations.stream().map(FieldViolation::field).distinct().toList();
  }

  /**
   * Returns the row's index within its batch.
   *
   * @return the index, or {@code -1} for a single-row request
   */
  public int rowIndex() {
    return rowIndex;
  }
}
