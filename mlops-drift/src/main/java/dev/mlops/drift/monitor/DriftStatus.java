package dev.mlops.drift.monitor;

/** The verdict for one feature (or prediction, label, multivariate check) in one window. */
public enum DriftStatus {
  /** Tested and not drifted. */
  OK,
  /** Tested and drifted under the configured decision rule. */
  DRIFT,
  /** Too few values in the window (or reference) for a verdict. */
  INSUFFICIENT_DATA,
  /** The comparison could not be computed; the reason says why. */
  ERROR
}
