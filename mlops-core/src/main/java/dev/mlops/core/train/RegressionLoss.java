package dev.mlops.core.train;

/**
 * The loss a gradient-boosted regressor minimises.
 *
 * <p>Immutable and thread-safe.
 */
public enum RegressionLoss {
  /** Squared error. */
  LEAST_SQUARES,
  /** Absolute error. */
  LEAST_ABSOLUTE_DEVIATION,
  /** Huber loss, squared for the 90% smallest residuals, absolute beyond. */
  HUBER;

  smile.base.cart.Loss toSmile() {
    return switch (this) {
      case LEAST_SQUARES -> smile.base.cart.Loss.ls();
      case LEAST_ABSOLUTE_DEVIATION -> smile.base.cart.Loss.lad();
      case HUBER -> smile.base.cart.Loss.huber(0.9);
    };
  }
}
