package dev.mlops.core.serving;

import dev.mlops.metrics.Regressor;
import java.util.Map;

/**
 * A {@link ServableModel} that predicts a number. It is a {@link Regressor} of request rows, so the
 * model an endpoint serves can be tested with {@code ModelTest.forRegressor(model)} as it is.
 *
 * <p>Implementations must be thread-safe for concurrent predictions.
 */
public non-sealed interface ServableRegressor extends ServableModel, Regressor<Map<String, ?>> {

  /**
   * Predicts the value for a valid row.
   *
   * @param row a row that passed {@link #validate}
   * @return the predicted value
   */
  @Override
  double predict(Map<String, ?> row);

  /**
   * {@link #predict(Map)} given the values {@link #read} took from the row; the default ignores
   * them.
   *
   * @param row a row that passed validation
   * @param values what {@link #read} returned for it
   * @return the predicted value
   */
  default double predict(Map<String, ?> row, Object[] values) {
    return predict(row);
  }

  /**
   * Predicts the value for a valid row given as numbers in {@link #featureNames()} order; the
   * default asks {@link #predict(Map)} through a map view.
   *
   * @param values a row that passed {@link #validate(double[])}
   * @return the predicted value
   */
  default double predict(double[] values) {
    return predict(new VectorRow(featureNames(), values));
  }
}
