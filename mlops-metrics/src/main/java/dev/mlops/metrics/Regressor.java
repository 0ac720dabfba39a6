package dev.mlops.metrics;

/**
 * A regression model seen as a plain function from a row to a number. Implementations used by
 * concurrent evaluations must be thread-safe.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface Regressor<T> {

  /**
   * Predicts the target of one row.
   *
   * @param row the row
   * @return the prediction
   */
  double predict(T row);
}
