package dev.mlops.core.pipeline;

import dev.mlops.core.train.Task;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Which rows a run's profile keeps as its estimate sample ({@link EstimateRows}), and the words
 * that say so in the PROFILE stage's detail and the model's metadata. Stateless.
 */
final class EstimateSampling {

  private EstimateSampling() {}

  /**
   * The plan for one run's estimate sample.
   *
   * @param rows the rows beside the profile's default, null to keep that default
   * @param what the rows the sample is drawn from, e.g. "1600 training rows' out-of-fold scores
   *     (5 folds of 4 interleaved blocks) and 400 held-out rows"
   */
  record Plan(TrainingProfile.SampleRows rows, String what) {}

  /**
   * Decides the rows of the estimate sample.
   *
   * @param choice the pipeline's choice
   * @param task the model's task (a regressor has no sample)
   * @param selection whether the run is a selection run (no extra fits)
   * @param heldOutRows the held-out split's rows
   * @param trainRows the training split's rows
   * @param order the profile's order, null for none
   * @param profileRows the predictions an ordered profile holds in its rows, null for none
   * @param folds fits out-of-fold predictions of the training rows in table order (throws
   *     IllegalArgumentException when they cannot be made)
   * @return the plan
   */
  static Plan plan(EstimateRows choice, Task task, boolean selection, int heldOutRows,
      int trainRows, ProfileOrder.Resolved order, RowPredictions profileRows,
      Supplier<RowPredictions> folds) {
    String heldOut = heldOutRows + " held-out rows";
    if (task == Task.REGRESSION) {
      return new Plan(null, "");
    }
    boolean rowsOutOfFold = profileRows != null
        && profileRows.description().startsWith("out-of-fold");
    if (choice.isHeldOutOnly()) {
      // an ordered profile's out-of-fold rows give way to the held-out rows
      return new Plan(rowsOutOfFold ? new TrainingProfile.SampleRows(null, null, true) : null,
          heldOut);
    }
    if (rowsOutOfFold) {
      // the ordered rows' out-of-fold predictions are a sample already: no further fits
      String training = trainRows + " training rows' " + scores(profileRows);
      if (choice.isDefault() || !choice.keepsHeldOut()) {
        return new Plan(null, training);
      }
      return new Plan(new TrainingProfile.SampleRows(profileRows, order.rows(), true),
          training + " and " + heldOut);
    }
    if (selection || !choice.fitsFolds(heldOutRows)) {
      return new Plan(null, heldOut);
    }
    try {
      RowPredictions p = folds.get();
      return new Plan(new TrainingProfile.SampleRows(p, IntStream.range(0, trainRows).toArray(),
          choice.keepsHeldOut()), trainRows + " training rows' " + scores(p)
          + (choice.keepsHeldOut() ? " and " + heldOut : ""));
    } catch (IllegalArgumentException e) {
      return new Plan(null, heldOut + " (out-of-fold scores failed: " + e.getMessage() + ")");
    }
  }

  /** "out-of-fold scores (5 folds of 4 interleaved blocks)". */
  private static String scores(RowPredictions p) {
    return p.description().replace(" predictions", " scores");
  }

  /**
   * What the profile's estimate sample holds, e.g. "estimate sample of 2000 rows: 1600 training
   * rows' out-of-fold scores (5 folds of 4 interleaved blocks) and 400 held-out rows".
   *
   * @param profile the built profile
   * @param plan the plan it was built with
   * @return the description, or "no estimate sample"
   */
  static String describe(ReferenceProfile profile, Plan plan) {
    EstimateSample s = profile.estimateSample().orElse(null);
    if (s == null) {
      return "no estimate sample";
    }
    return "estimate sample of " + s.rows() + " rows" + (s.rows() < s.offered()
        ? " (uniform of " + s.offered() + ")" : "") + ": " + plan.what();
  }
}
