package dev.mlops.core.train;

/**
 * The impurity a classification tree minimises when it chooses a split.
 *
 * <p>Immutable and thread-safe.
 */
public enum SplitCriterion {
  /** Gini impurity. */
  GINI,
  /** Information gain (entropy). */
  ENTROPY,
  /** Misclassification rate. */
  CLASSIFICATION_ERROR;

  smile.base.cart.SplitRule toSmile() {
    return switch (this) {
      case GINI -> smile.base.cart.SplitRule.GINI;
      case ENTROPY -> smile.base.cart.SplitRule.ENTROPY;
      case CLASSIFICATION_ERROR -> smile.base.cart.SplitRule.CLASSIFICATION_ERROR;
    };
  }
}
