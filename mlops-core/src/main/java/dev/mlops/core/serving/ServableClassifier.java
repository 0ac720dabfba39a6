package dev.mlops.core.serving;

import dev.mlops.metrics.ProbabilisticClassifier;
import java.util.Map;

/**
 * A {@link ServableModel} that predicts class probabilities. It is a {@link
 * ProbabilisticClassifier} of request rows, so the model an endpoint serves can be tested with
 * {@code ModelTest.forClassifier(model)} as it is.
 *
 * <p>Implementations must be thread-safe for concurrent predictions.
 */
public non-sealed interface ServableClassifier
    extends ServableModel, ProbabilisticClassifier<Map<String, ?>> {

  /**
   * Predicts class probabilities for a valid row.
   *
   * @param row a row that passed {@link #validate}
   * @return the probability of each class, in class-index order
   */
  @Override
  double[] probabilities(Map<String, ?> row);

  /**
   * {@link #probabilities(Map)} given the values {@link #read} took from the row; the default
   * ignores them.
   *
   * @param row a row that passed validation
   * @param values what {@link #read} returned for it
   * @return the probability of each class
   */
  default double[] probabilities(Map<String, ?> row, Object[] values) {
    return probabilities(row);
  }

  /**
   * Predicts class probabilities for a valid row given as numbers in {@link #featureNames()} order;
   * the default asks {@link #probabilities(Map)} through a map view.
   *
   * @param values a row that passed {@link #validate(double[])}
   * @return the probability of each class
   */
  default double[] probabilities(double[] values) {
    return probabilities(new VectorRow(featureNames(), values));
  }
}
