package dev.mlops.core.contract;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of validating a batch against a {@link DataContract}: every anomaly, and which rows
 * remain after the {@link Policy#DROP_ROWS} policies.
 *
 * <p>Immutable and thread-safe.
 *
 * @param anomalies every anomaly found, in column order
 * @param rowsIn rows validated
 * @param keptRows the 0-based indices of the rows kept, ascending
 */
public record ValidationResult(List<Anomaly> anomalies, int rowsIn, int[] keptRows) {

  /**
   * Copies the lists.
   */
  public ValidationResult {
    anomalies = List.copyOf(anomalies);
    keptRows = keptRows.clone();
  }

  /**
   * Whether no anomaly has policy {@link Policy#FAIL}.
   *
   * @return true if the batch may be used
   */
  public boolean passed() {
    return anomalies.stream().noneMatch(a -> a.policy() == Policy.FAIL);
  }

  /**
   * The anomalies whose policy is {@link Policy#FAIL}.
   *
   * @return the failures
   */
  public List<Anomaly> failures() {
    return anomalies.stream().filter(a -> a.policy() == Policy.FAIL).toList();
  }

  /**
   * The kept row indices (a copy).
   *
   * @return indices
   */
  @Override
  public int[] keptRows() {
    return keptRows.clone();
  }

  /**
   * A multi-line summary.
   *
   * @return the text
   */
  public String toText() {
    return "validated " + rowsIn + " rows, kept " + keptRows.length + ", " + anomalies.size()
        + " anomalies" + (anomalies.isEmpty() ? "" : ":\n  ")
        + anomalies.stream().map(Anomaly::toText).collect(Collectors.joining("\n  "));
  }
}
