package dev.mlops.core.train;

/**
 * A trained model on the numeric feature vector produced by the fitted transforms: what a {@link
 * Trainer} returns and a {@link ModelCodec} persists. It is either a {@link FittedClassifier} (class
 * probabilities) or a {@link FittedRegressor} (a number); each has only the prediction its kind
 * makes, so nothing throws because of the task.
 *
 * <p>Implementations must be safe for concurrent predictions (the endpoint calls them from many
 * threads) and must not modify the array passed in.
 */
public sealed interface FittedModel permits FittedClassifier, FittedRegressor {

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

  /**
   * The task this model's type stands for (what a {@code model.json} descriptor records).
   *
   * @param model the model
   * @return {@link Task#CLASSIFICATION} for a {@link FittedClassifier}, else {@link Task#REGRESSION}
   */
  static Task taskOf(FittedModel model) {
    return model instanceof FittedClassifier ? Task.CLASSIFICATION : Task.REGRESSION;
  }
}
