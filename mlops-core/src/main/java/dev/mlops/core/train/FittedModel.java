package dev.mlops.core.train;

/**
 * A trained model on the numeric feature vector produced by the fitted transforms: what a {@link
 * Trainer} returns and a {@link ModelCodec} persists.
 *
 * <p>Implementations must be safe for concurrent {@code predict}/{@code probabilities} calls (the
 * endpoint calls them from many threads) and must not modify the array passed in.
 */
public interface FittedModel {

  /**
   * The task.
   *
   * @return classification or regression
   */
  Task task();

  /**
   * The number of classes (0 for regression).
   *
   * @return the class count
   */
  int numClasses();

  /**
   * Predicts a regression value.
   *
   * @param features the feature vector in {@code featureNames()} order
   * @return the prediction
   * @throws UnsupportedOperationException for a classifier
   */
  double predict(double[] features);

  /**
   * Predicts class probabilities (index = class index of the training labels).
   *
   * @param features the feature vector in {@code featureNames()} order
   * @return the probabilities, summing to 1
   * @throws UnsupportedOperationException for a regressor
   */
  double[] probabilities(double[] features);

  /**
   * The name of the {@link ModelCodec} that reads what {@link #toBytes()} writes.
   *
   * @return the codec name
   */
  String codec();

  /**
   * The model's persistent form, read back by the codec named {@link #codec()}.
   *
   * @return the bytes
   */
  byte[] toBytes();
}
