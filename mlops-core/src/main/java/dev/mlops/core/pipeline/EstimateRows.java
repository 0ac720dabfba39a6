package dev.mlops.core.pipeline;

import dev.mlops.drift.profile.EstimateSample;

/**
 * Which rows a classifier's reference profile keeps as its estimate sample: the rows, with the
 * model's out-of-sample score and whether it was right, on which a deployed drift monitor
 * calibrates its label-free accuracy estimate ({@code ReferenceProfile.estimateSample()}).
 * Isotonic calibration sets the estimate's level to the sample's own accuracy, so the sample's
 * binomial noise (about {@code sqrt(0.15 / n)}: 0.019 at 400 rows, 0.009 at 2,000) becomes a fixed
 * offset of every window's estimate; a larger sample gives a steadier level, and the local
 * correction beyond the calibration more neighbours.
 *
 * <ul>
 *   <li>{@link #auto()} (the default): when the held-out split has fewer than {@value
 *       #DEFAULT_MIN_HELD_OUT} rows, the training rows' out-of-fold scores ({@value
 *       ProfilePredictions#DEFAULT_FOLDS} folds of {@value ProfilePredictions#DEFAULT_BLOCKS_PER_FOLD}
 *       interleaved blocks, as {@link ProfilePredictions#defaults()}) and the held-out rows
 *       together; otherwise the held-out rows. A profile whose ordered rows already hold
 *       out-of-fold predictions ({@link ProfileOrder}) keeps those rows as its sample, as before,
 *       without further fits.
 *   <li>{@link #heldOut()}: the held-out split's rows only (the default of earlier versions for a
 *       profile without an order). No extra fit.
 *   <li>{@link #outOfFold()}: out-of-fold training scores and the held-out rows, whatever the
 *       held-out split's size.
 *   <li>{@link #whenHeldOutBelow(int)}: {@link #auto()} with another threshold.
 *   <li>{@link #withFoldAlignment(boolean) withFoldAlignment(true)}: out-of-fold scores aligned
 *       with the deployed model on the held-out rows (opt-in; no extra fit).
 * </ul>
 *
 * <pre>{@code
 * Pipeline.builder("churn").estimateRows(EstimateRows.heldOut())          // no extra fits
 * Pipeline.builder("churn").estimateRows(EstimateRows.whenHeldOutBelow(5_000))
 * }</pre>
 *
 * <p>Out-of-fold scores come from models fitted, with the pipeline's trainer, transforms and seed,
 * on 4 of 5 folds of the training rows: 5 extra fits of 80% of the rows each, about 4 times the
 * final fit. The choice changes the estimate sample only: the profile's prediction column (the
 * prediction-drift reference) and its thresholds are the same whatever the choice. A run for
 * selection ({@link RunOptions#forSelection()}) never fits folds; a regressor has no estimate
 * sample. The run's PROFILE stage and the model's metadata ({@value #METADATA_KEY}) say which rows
 * the sample holds and how many. Immutable and thread-safe.
 */
public final class EstimateRows {

  /**
   * The held-out size below which {@link #auto()} adds out-of-fold training scores: the estimate
   * sample's capacity ({@code EstimateSample.CAPACITY}, 10,000 rows), which a larger held-out
   * split fills alone.
   */
  public static final int DEFAULT_MIN_HELD_OUT = EstimateSample.CAPACITY;

  /** The model metadata key that describes the estimate sample. */
  public static final String METADATA_KEY = "estimate_sample";

  /** The default number of folds: {@value}. */
  public static final int DEFAULT_FOLDS = ProfilePredictions.DEFAULT_FOLDS;

  private static final EstimateRows AUTO =
      new EstimateRows(DEFAULT_MIN_HELD_OUT, true, DEFAULT_FOLDS, false);
  private static final EstimateRows HELD_OUT = new EstimateRows(0, true, DEFAULT_FOLDS, false);
  private static final EstimateRows OUT_OF_FOLD =
      new EstimateRows(Integer.MAX_VALUE, true, DEFAULT_FOLDS, false);

  /** Out-of-fold scores are added when the held-out split has fewer rows than this. */
  private final int minHeldOut;
  /** Whether the held-out rows stay in a sample that takes out-of-fold scores. */
  private final boolean withHeldOut;
  private final int folds;
  /** Whether out-of-fold scores are aligned with the deployed model on the held-out rows. */
  private final boolean aligned;

  private EstimateRows(int minHeldOut, boolean withHeldOut, int folds, boolean aligned) {
    this.minHeldOut = minHeldOut;
    this.withHeldOut = withHeldOut;
    this.folds = folds;
    this.aligned = aligned;
  }

  /**
   * The default: out-of-fold training scores with the held-out rows when the held-out split has
   * fewer than {@value #DEFAULT_MIN_HELD_OUT} rows, else the held-out rows.
   *
   * @return the choice
   */
  public static EstimateRows auto() {
    return AUTO;
  }

  /**
   * The held-out split's rows only, without extra fits.
   *
   * @return the choice
   */
  public static EstimateRows heldOut() {
    return HELD_OUT;
  }

  /**
   * Out-of-fold training scores and the held-out rows, whatever the held-out size.
   *
   * @return the choice
   */
  public static EstimateRows outOfFold() {
    return OUT_OF_FOLD;
  }

  /**
   * Out-of-fold training scores and the held-out rows when the held-out split has fewer than
   * {@code rows} rows, else the held-out rows.
   *
   * @param rows the held-out size from which no folds are fitted, at least 1
   * @return the choice
   * @throws IllegalArgumentException if {@code rows} is less than 1
   */
  public static EstimateRows whenHeldOutBelow(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("estimate rows held-out threshold must be at least 1: "
          + rows);
    }
    return rows == DEFAULT_MIN_HELD_OUT ? AUTO : new EstimateRows(rows, true, DEFAULT_FOLDS, false);
  }

  /**
   * This choice with or without the held-out rows beside the out-of-fold training scores (default
   * with: they are the deployed model's own scores). Without, a sample that takes out-of-fold
   * scores holds the training rows only; a sample of held-out rows only is unchanged.
   *
   * @param keep whether to keep the held-out rows
   * @return the choice
   */
  public EstimateRows withHeldOutRows(boolean keep) {
    return keep == withHeldOut ? this : new EstimateRows(minHeldOut, keep, folds, aligned);
  }

  /**
   * This choice with another number of folds (default {@value #DEFAULT_FOLDS}, of {@value
   * ProfilePredictions#DEFAULT_BLOCKS_PER_FOLD} interleaved blocks each). More folds fit each
   * fold's model on more rows, closer to the deployed model, at the cost of more fits ({@code
   * folds} fits of {@code (folds - 1) / folds} of the rows).
   *
   * @param folds the number of folds, 2 to 100
   * @return the choice
   * @throws IllegalArgumentException if {@code folds} is outside [2, 100]
   */
  public EstimateRows withFolds(int folds) {
    if (folds < 2 || folds > 100) {
      throw new IllegalArgumentException("estimate rows folds must be in [2, 100]: " + folds);
    }
    return folds == this.folds ? this : new EstimateRows(minHeldOut, withHeldOut, folds, aligned);
  }

  /**
   * This choice with or without aligning the out-of-fold scores with the deployed model (default
   * without; fourteenth session "lean": on CheckerStreams' binary trees it removed most of the
   * calibration's share of the out-of-fold lean at a 2,000-row reference, but not the local
   * correction's, and was neutral at 10,000 rows, so it is not yet the default). A fold model is fitted on fewer rows than the deployed model, so at a given score it is
   * right less often, and a calibration learnt from its scores under-states the deployed model's
   * chance. Both score the held-out rows, which none of them trained on: the gap between the
   * deployed model's and the fold models' residuals there ({@code right - calibrated chance}) sets
   * a stretch of the out-of-fold scores (in logit space, about the threshold) that gives the
   * deployed model's held-out scores that much more calibrated chance. The predicted classes and
   * the prediction column are unchanged; no extra fit. It applies only to a sample of out-of-fold
   * scores and held-out rows fitted by the pipeline (not an ordered profile's own rows, not a
   * refit).
   *
   * @param align whether to align
   * @return the choice
   */
  public EstimateRows withFoldAlignment(boolean align) {
    return align == aligned ? this : new EstimateRows(minHeldOut, withHeldOut, folds, align);
  }

  /** Whether out-of-fold scores are aligned with the deployed model. */
  boolean alignsFolds() {
    return aligned;
  }

  /**
   * The number of folds of the out-of-fold training scores.
   *
   * @return the folds
   */
  public int folds() {
    return folds;
  }

  /** Whether the held-out rows stay beside out-of-fold training scores. */
  boolean keepsHeldOut() {
    return withHeldOut;
  }

  /**
   * Whether a profile whose held-out split has {@code heldOutRows} rows takes out-of-fold training
   * scores into its sample.
   *
   * @param heldOutRows the held-out split's rows
   * @return true when folds are to be fitted (or reused)
   */
  boolean fitsFolds(int heldOutRows) {
    return heldOutRows < minHeldOut;
  }

  /** Whether only the held-out rows are ever kept. */
  boolean isHeldOutOnly() {
    return minHeldOut == 0;
  }

  boolean isDefault() {
    return this.equals(AUTO);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EstimateRows e && e.minHeldOut == minHeldOut
        && (minHeldOut == 0
            || e.withHeldOut == withHeldOut && e.folds == folds && e.aligned == aligned);
  }

  @Override
  public int hashCode() {
    return minHeldOut == 0 ? 0
        : 31 * (31 * (31 * Integer.hashCode(minHeldOut) + (withHeldOut ? 1 : 0)) + folds)
            + (aligned ? 1 : 0);
  }

  @Override
  public String toString() {
    String scores = "out-of-fold training scores (" + folds + " folds)"
        + (withHeldOut ? " and held-out rows" : "") + (aligned ? ", aligned" : "");
    return minHeldOut == 0 ? "held-out rows" : minHeldOut == Integer.MAX_VALUE ? scores
        : scores + " when under " + minHeldOut + " held-out rows, else held-out rows";
  }
}
