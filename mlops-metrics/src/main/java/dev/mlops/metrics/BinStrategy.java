package dev.mlops.metrics;

/**
 * How a reliability curve bins the predicted probabilities, as scikit-learn's
 * {@code calibration_curve(strategy=...)}. Immutable and thread-safe.
 */
public enum BinStrategy {
  /** Bins of equal width on [0, 1]. */
  UNIFORM,
  /** Bins with edges at the quantiles of the predicted probabilities (equal counts, up to ties). */
  QUANTILE
}
