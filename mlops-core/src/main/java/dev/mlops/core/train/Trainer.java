package dev.mlops.core.train;

import java.util.Map;

/**
 * The training SPI: fits a {@link FittedModel} on a {@link TrainingSet}. The built-in trainers
 * ({@link Trainers}) adapt Smile; implement this interface (plus a {@link ModelCodec}) to plug in
 * any other library.
 *
 * <p>Implementations must be immutable and thread-safe: cross-validation and hyperparameter
 * search call {@link #fit} concurrently on different folds.
 */
public interface Trainer {

  /**
   * A stable name, e.g. {@code "smile.random_forest_regressor"}.
   *
   * @return the name
   */
  String name();

  /**
   * The task this trainer fits.
   *
   * @return the task
   */
  Task task();

  /**
   * The hyperparameters with their typed values, for provenance and the definition fingerprint.
   *
   * @return an ordered map from name to value
   */
  Map<String, Object> hyperparameters();

  /**
   * Checks that the trainer can fit this data (before any training starts).
   *
   * @param data the training set
   * @throws IllegalArgumentException naming the hyperparameter or data property that does not fit
   */
  default void validate(TrainingSet data) {}

  /**
   * Fits a model. Must be deterministic for a given training set and seed.
   *
   * @param data the training set
   * @param seed the seed for every random choice of the fit
   * @return the model: a {@link FittedClassifier} when {@link #task()} is classification, else a
   *     {@link FittedRegressor}
   */
  FittedModel fit(TrainingSet data, long seed);

  /**
   * Fits a model as {@link #fit(TrainingSet, long)} does, reporting progress inside the fit where
   * the trainer can (the random forests report each thread's share of trees). The default reports nothing.
   *
   * @param data the training set
   * @param seed the seed for every random choice of the fit
   * @param progress receives progress; may be called from the trainer's own threads
   * @return the model, the same as {@link #fit(TrainingSet, long)} gives
   */
  default FittedModel fit(TrainingSet data, long seed, Progress progress) {
    return fit(data, seed);
  }

  /** Progress inside one fit. Implementations must be thread-safe and quick. */
  @FunctionalInterface
  interface Progress {

    /** Reports nothing. */
    Progress NONE = (what, done, total) -> {};

    /**
     * Some of the fit's parts are done.
     *
     * @param what the parts, e.g. {@code "tree"}
     * @param done how many are done (1-based; each value once, possibly out of order across threads)
     * @param total how many there are
     */
    void update(String what, int done, int total);
  }
}
