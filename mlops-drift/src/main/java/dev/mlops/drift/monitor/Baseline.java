package dev.mlops.drift.monitor;

/** What each window is compared with. */
public enum Baseline {
  /** The reference profile (training data); the default. */
  REFERENCE,
  /**
   * The previous closed window (its reservoirs and counts); the first window is compared with the
   * reference.
   */
  PREVIOUS_WINDOW
}
