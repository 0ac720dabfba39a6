package dev.mlops.core.train;

import dev.mlops.metrics.ProbabilisticClassifier;

/**
 * A fitted classifier: class probabilities for an encoded feature vector. It is a {@link
 * ProbabilisticClassifier} of {@code double[]}, so it can be evaluated by {@code ModelTest} or
 * {@code ClassificationEvaluation} directly.
 *
 * <p>Implementations must be safe for concurrent calls and must not modify the array passed in.
 */
public non-sealed interface FittedClassifier extends FittedModel, ProbabilisticClassifier<double[]> {

  /**
   * The number of classes (the length of every probability vector).
   *
   * @return the class count, at least 2
   */
  int numClasses();

  /**
   * Predicts class probabilities (index = class index of the training labels).
   *
   * @param features the feature vector in the training set's feature order
   * @return a new array of {@link #numClasses()} probabilities summing to 1
   */
  @Override
  double[] probabilities(double[] features);
}
