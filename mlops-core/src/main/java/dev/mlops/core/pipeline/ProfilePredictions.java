package dev.mlops.core.pipeline;

/**
 * Which predictions of the model an ordered reference profile ({@link ProfileOrder}) holds in its
 * rows, beside the inputs and the label. A drift monitor compares each live window's predictions
 * with them and calibrates its prediction-drift threshold on their consecutive windows, so they
 * should be what live windows will see: predictions of rows the model did not train on.
 *
 * <ul>
 *   <li>{@link #outOfFold(int, int)} (the default: 5 folds of 4 interleaved blocks): the training
 *       rows, in profile order, are cut into {@code folds * blocksPerFold} contiguous blocks, and
 *       block {@code b} belongs to fold {@code b % folds}; each fold's rows are predicted by a model
 *       fitted (transforms included) on the other folds' rows with the pipeline's trainer and seed,
 *       as scikit-learn's {@code cross_val_predict} with {@code GroupKFold} over the blocks. Each
 *       fold's model thus sees every part of the period (with one block per fold a year cut into 5
 *       contiguous folds leaves a whole season out of each fold's model, whose predictions of that
 *       season are then worse than the deployed model's), while the predicted rows stay contiguous
 *       stretches (rows next to their training neighbours only at the blocks' edges). It costs
 *       {@code folds} extra fits of {@code (folds - 1) / folds} of the rows each (5 folds: about 4
 *       times the final fit), whatever the number of blocks.
 *   <li>{@link #outOfFold(int)}: contiguous folds (one block per fold), as scikit-learn's {@code
 *       cross_val_predict} with an unshuffled {@code KFold}.
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

  /** The default number of folds: 5. */
  public static final int DEFAULT_FOLDS = 5;

  /** The default number of interleaved blocks per fold: 4 (20 blocks in all). */
  public static final int DEFAULT_BLOCKS_PER_FOLD = 4;

  private static final ProfilePredictions IN_SAMPLE = new ProfilePredictions(0, 0, false);
  private static final ProfilePredictions HELD_OUT = new ProfilePredictions(0, 0, true);
  private static final ProfilePredictions DEFAULT =
      new ProfilePredictions(DEFAULT_FOLDS, DEFAULT_BLOCKS_PER_FOLD, false);

  private final int folds;
  private final int blocksPerFold;
  private final boolean heldOut;

  private ProfilePredictions(int folds, int blocksPerFold, boolean heldOut) {
    this.folds = folds;
    this.blocksPerFold = blocksPerFold;
    this.heldOut = heldOut;
  }

  /**
   * Out-of-fold predictions of contiguous folds of the ordered training rows (one block per fold).
   *
   * @param folds the number of folds, 2 to 100
   * @return the choice
   * @throws IllegalArgumentException if {@code folds} is outside [2, 100]
   */
  public static ProfilePredictions outOfFold(int folds) {
    return outOfFold(folds, 1);
  }

  /**
   * Out-of-fold predictions of folds made of interleaved contiguous blocks: the ordered training
   * rows are cut into {@code folds * blocksPerFold} blocks and block {@code b} belongs to fold
   * {@code b % folds}.
   *
   * @param folds the number of folds, 2 to 100
   * @param blocksPerFold blocks per fold, 1 to 100 (1: contiguous folds)
   * @return the choice
   * @throws IllegalArgumentException if {@code folds} is outside [2, 100] or {@code
   *     blocksPerFold} outside [1, 100]
   */
  public static ProfilePredictions outOfFold(int folds, int blocksPerFold) {
    if (folds < 2 || folds > 100) {
      throw new IllegalArgumentException("profile prediction folds must be in [2, 100]: " + folds);
    }
    if (blocksPerFold < 1 || blocksPerFold > 100) {
      throw new IllegalArgumentException(
          "profile prediction blocks per fold must be in [1, 100]: " + blocksPerFold);
    }
    return folds == DEFAULT_FOLDS && blocksPerFold == DEFAULT_BLOCKS_PER_FOLD ? DEFAULT
        : new ProfilePredictions(folds, blocksPerFold, false);
  }

  /**
   * The default: {@code outOfFold(5, 4)}.
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
   * The number of interleaved blocks per fold.
   *
   * @return blocks per fold (1: contiguous folds), 0 for in-sample or held-out predictions
   */
  public int blocksPerFold() {
    return blocksPerFold;
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
    return o instanceof ProfilePredictions p && p.folds == folds
        && p.blocksPerFold == blocksPerFold && p.heldOut == heldOut;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * folds + blocksPerFold) + (heldOut ? 1 : 0);
  }

  @Override
  public String toString() {
    return heldOut ? "held-out predictions" : folds == 0 ? "in-sample predictions"
        : "out-of-fold predictions (" + description(folds, blocksPerFold) + ")";
  }

  /** "5 contiguous folds" or "5 folds of 4 interleaved blocks". */
  static String description(int folds, int blocksPerFold) {
    return blocksPerFold == 1 ? folds + " contiguous folds"
        : folds + " folds of " + blocksPerFold + " interleaved blocks";
  }
}
