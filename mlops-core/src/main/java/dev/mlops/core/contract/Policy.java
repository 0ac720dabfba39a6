package dev.mlops.core.contract;

/**
 * What validation does about an anomaly.
 *
 * <p>Immutable and thread-safe.
 */
public enum Policy {
  /** The batch (or row) is refused: the pipeline stops before training. */
  FAIL,
  /**
   * The offending rows are dropped and the rest goes on; a column-level anomaly (a missing column)
   * cannot drop rows and fails instead.
   */
  DROP_ROWS,
  /** Reported, nothing else. */
  WARN
}
