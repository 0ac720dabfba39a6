package dev.mlops.core.pipeline;

/**
 * The stages of a pipeline run, in order.
 *
 * <p>Immutable and thread-safe.
 */
public enum Stage {
  /** Reading the source. */
  READ,
  /** Seeded sampling for fast experiments (skipped unless configured). */
  SAMPLE,
  /** Validating the batch against the data contract. */
  VALIDATE,
  /** Holding out the test rows. */
  SPLIT,
  /** Fitting the transforms on the training split and applying them. */
  TRANSFORM,
  /** Hyperparameter search with cross-validation (skipped unless configured). */
  SEARCH,
  /** Fitting the final model on the training split. */
  TRAIN,
  /** Evaluating on the held-out split through ModelTest. */
  EVALUATE,
  /** Building the reference profile of the training data. */
  PROFILE,
  /** Deciding PROMOTE or REJECT. */
  GATE
}
