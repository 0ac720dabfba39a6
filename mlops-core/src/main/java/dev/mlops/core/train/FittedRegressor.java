package dev.mlops.core.train;

import dev.mlops.metrics.Regressor;

/**
 * A fitted regressor: a number for an encoded feature vector. It is a {@link Regressor} of {@code
 * double[]}, so it can be evaluated by {@code ModelTest} or {@code RegressionEvaluation} directly.
 *
 * <p>Implementations must be safe for concurrent calls and must not modify the array passed in.
 */
public non-sealed interface FittedRegressor extends FittedModel, Regressor<double[]> {

  /**
   * Predicts the target.
   *
   * @param features the feature vector in the training set's feature order
   * @return the prediction
   */
  @Override
  double predict(double[] features);
}
