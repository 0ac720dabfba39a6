package dev.mlops.metrics;

/**
 * A classifier seen as a plain function from a row to class probabilities, so that any model
 * (Smile, XGBoost, ONNX Runtime, a remote service) can be evaluated.
 *
 * <p>For k classes the array has length k (index i = class i) and sums to 1; a binary classifier
 * returns {@code {P(0), P(1)}}. Implementations used by concurrent evaluations must be thread-safe.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface ProbabilisticClassifier<T> {

  /**
   * Predicts the class probabilities of one row.
   *
   * @param row the row
   * @return the probabilities, one per class
   */
  double[] probabilities(T row);
}
