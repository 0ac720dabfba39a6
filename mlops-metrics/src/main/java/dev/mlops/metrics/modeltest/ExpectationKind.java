package dev.mlops.metrics.modeltest;

/** What an {@link ExpectationResult} checked. */
public enum ExpectationKind {
  /** A metric (or a bound of its confidence interval) against a threshold, on all rows or one class. */
  METRIC,
  /** A metric on every slice of the rows (grouped by a key function). */
  METRIC_PER_SLICE,
  /** The model is not worse than a baseline model on the same rows, significance-tested. */
  COMPARISON,
  /** A perturbation that should not change the prediction (CheckList "INV"). */
  INVARIANCE,
  /** A perturbation that should move the prediction one way (CheckList "DIR"). */
  DIRECTION,
  /** Hand-written rows with expected outputs (CheckList "MFT"). */
  CASES,
  /** A disparity between the groups of a sensitive attribute (group fairness) against a threshold. */
  FAIRNESS,
  /** The model function produced a valid output for every test row. */
  MODEL_ERRORS
}
