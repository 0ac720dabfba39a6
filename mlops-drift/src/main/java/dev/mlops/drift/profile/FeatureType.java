package dev.mlops.drift.profile;

/**
 * The kind of a profiled feature.
 *
 * <p>Immutable and thread-safe.
 */
public enum FeatureType {
  /** Real-valued: summarised by moments, sorted values or a quantile sketch, and quantile bins. */
  NUMERIC,
  /** Discrete: summarised by category frequencies. */
  CATEGORICAL
}
