package dev.mlops.core.pipeline;

/**
 * Which predictions of the model an ordered reference profile ({@link ProfileOrder}) holds in its
 * rows, beside the inputs and the label. A drift monitor compares each live window's predictions
 * with them and calibrates its prediction-drift threshold on their consecutive windows, so they
 * should be what live windows will see: predictions of rows the model did not train on.
 *
 * <ul>
 *   <li>{@link #outOfFold(int)} (the default, 5 folds): the training rows, in profile order, are cut
 *       into contiguous blocks; each block is predicted by a model fitted (transforms included) on
 *       the other blocks with the pipeline's trainer and seed, as scikit-learn's {@code
 *       cross_val_predict} with an unshuffled {@code KFold}. It costs {@code folds} extra fits of
 *       {@code (folds - 1) / folds} of the rows each (5 folds: about 4 times the final fit).
 *   <li>{@link #inSample()}: the final model's predictions of its own training rows. No extra fit,
 *       but a flexible model's in-sample predictions are tighter than its live ones (a forest's
 *       class probabilities are pushed to 0 and 1), so live windows flag prediction drift that
 *       is not there.
 *   <li>{@link #heldOut()}: the predictions of the held-out split, given as a column without order
 *       (the monitor calibrates them by resampling); the held-out split is the last rows of a time
 *       split, e.g. one season.
 * </ul>
 *
 * <p>A profile without an order always holds the held-out predictions. For a classifier the profile
 * holds what the monitor records: the probability of class 1 for two classes, else the arg-max
 * class. Immutable and thread-safe.
 */
public final class ProfilePredictions {

  /** The default: out-of-fold predictions of 5 contiguous folds. */
  public static final int DEFAULT_FOLDS = 5;

  private static final ProfilePredictions IN_SAMPLE = new ProfilePredictions(0, false);
  private static final ProfilePredictions HELD_OUT = new ProfilePredictions(0, true);
  private static final ProfilePredictions DEFAULT = new ProfilePredictions(DEFAULT_FOLDS, false);

  private final int folds;
  private final boolean heldOut;

  private ProfilePredictions(int folds, boolean heldOut) {
    this.folds = folds;
    this.heldOut = heldOut;
  }

  /**
   * Out-of-fold predictions of contiguous folds of the ordered training rows.
   *
   * @param folds the number of folds, 2 to 100
   * @return the choice
   * @throws IllegalArgumentException if {@code folds} is outside [2, 100]
   */
  public static ProfilePredictions outOfFold(int folds) {
    if (folds < 2 || folds > 100) {
      throw new IllegalArgumentException("profile prediction folds must be in [2, 100]: " + folds);
    }
    return folds == DEFAULT_FOLDS ? DEFAULT : new ProfilePredictions(folds, false);
  }

  /**
   * The default: {@code outOfFold(5)}.
   *
   * @return the choice
   */
  public static ProfilePredictions defaults() {
    return DEFAULT;
  }

  /**
   * The final model's predictions of its training rows.
   *
   * @return the choice
   */
  public static ProfilePredictions inSample() {
    return IN_SAMPLE;
  }

  /**
   * The held-out split's predictions, as a column without order.
   *
   * @return the choice
   */
  public static ProfilePredictions heldOut() {
    return HELD_OUT;
  }

  /**
   * The number of folds.
   *
   * @return the folds, 0 for in-sample or held-out predictions
   */
  public int folds() {
    return folds;
  }

  /**
   * Whether the profile holds the held-out split's predictions.
   *
   * @return true for {@link #heldOut()}
   */
  public boolean isHeldOut() {
    return heldOut;
  }

  boolean isDefault() {
    return this == DEFAULT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProfilePredictions p && p.folds == folds && p.heldOut == heldOut;
  }

  @Override
  public int hashCode() {
    return 31 * folds + (heldOut ? 1 : 0);
  }

  @Override
  public String toString() {
    return heldOut ? "held-out predictions" : folds == 0 ? "in-sample predictions"
        : "out-of-fold predictions (" + folds + " contiguous folds)";
  }
}
