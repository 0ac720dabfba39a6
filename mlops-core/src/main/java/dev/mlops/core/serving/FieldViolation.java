package dev.mlops.core.serving;

import dev.mlops.core.internal.Checks;


/**
 * One way in which a request row breaks the served model's data contract.
 *
 * <p>Immutable and thread-safe.
 *
 * @param field the feature (column) name the violation is about
 * @param rule what the contract requires, e.g. {@code "must be present"} or {@code "must be numeric"}
 * @param value the offending value as received (may be {@code null} for a missing value)
 */
public record FieldViolation(String field, String rule, Object value) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code field} or {@code rule} is null
   */
  public FieldViolation {
    Checks.nonNull("field", field, "rule", rule);
  }

  /**
   * Returns the violation as one line, e.g. {@code hum must be numeric: "high"}.
   *
   * @return a human-readable description naming the field, the rule and the value
   */
  public String toText() {
    String shown = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    return field + ' ' + rule + ": " + shown;
  }
}
