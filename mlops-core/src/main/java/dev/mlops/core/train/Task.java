package dev.mlops.core.train;

/**
 * What a model predicts.
 *
 * <p>Immutable and thread-safe.
 */
public enum Task {
  /** A class out of a fixed set of labels, with class probabilities. */
  CLASSIFICATION,
  /** A real number. */
  REGRESSION
}
