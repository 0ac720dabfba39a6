package dev.mlops.core.contract;

import dev.mlops.core.internal.Checks;
import java.util.List;

/**
 * One data-quality finding: which column, what kind, what was observed against what was allowed,
 * how many rows and a few example rows.
 *
 * <p>Immutable and thread-safe.
 *
 * @param column the column name
 * @param kind the kind of anomaly
 * @param observed what was seen (e.g. {@code "'abc'"}, {@code "max 1.7"}, {@code "12.0% missing"})
 * @param allowed what the contract allows (e.g. {@code "[0.0, 1.0]"})
 * @param rows how many rows are affected (0 for a column-level anomaly)
 * @param exampleRows up to five 0-based row indices, in order
 * @param policy the policy that applies
 */
public record Anomaly(
    String column,
    AnomalyKind kind,
    String observed,
    String allowed,
    long rows,
    List<Integer> exampleRows,
    Policy policy) {

  /** Maximum number of example rows kept. */
  public static final int MAX_EXAMPLES = 5;

  /**
   * Validates the anomaly.
   *
   * @throws NullPointerException if a field is null
   */
  public Anomaly {
    Checks.nonNull("column", column, "kind", kind, "observed", observed, "allowed", allowed,
        "policy", policy);
    exampleRows = List.copyOf(exampleRows);
  }

  /**
   * A one-line description.
   *
   * @return e.g. {@code "hum: OUT_OF_RANGE observed 1.7 allowed [0.0, 1.0] in 3 rows (e.g. rows
   *     [4, 9, 17]) -> WARN"}
   */
  public String toText() {
    return column + ": " + kind + " observed " + observed + " allowed " + allowed
        + (rows > 0 ? " in " + rows + " rows (e.g. rows " + exampleRows + ")" : "")
        + " -> " + policy;
  }
}
