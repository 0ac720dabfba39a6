package dev.mlops.core.pipeline;

import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.train.FittedClassifier;
import dev.mlops.core.train.FittedModel;
import dev.mlops.core.train.FittedRegressor;
import dev.mlops.core.train.HyperparameterSearch;
import dev.mlops.core.train.Trainer;
import java.util.Arrays;

/**
 * A model's predictions of the training rows for an ordered reference profile: a regressor's
 * values or a classifier's class probabilities, indexed by training-table row, and how they were
 * made ({@link ProfilePredictions}). Immutable after construction; not shared between runs.
 *
 * @param values a regressor's prediction per training row, else null
 * @param probabilities a classifier's class probabilities per training row, else null
 * @param description how they were made, for the PROFILE stage's detail
 * @param foldScores the class probabilities each fold model gives to rows none of them trained
 *     on ({@code [fold][row][class]}; the held-out split's, for {@link FoldAlignment}), else null
 * @param folds the number of folds of out-of-fold predictions, 0 for in-sample ones (the estimate
 *     sample's origin says it)
 */
record RowPredictions(double[] values, double[][] probabilities, String description,
    double[][][] foldScores, int folds) {

  /**
   * Predictions without other rows scored by the fold models.
   *
   * @param values a regressor's prediction per training row, else null
   * @param probabilities a classifier's class probabilities per training row, else null
   * @param description how they were made
   */
  RowPredictions(double[] values, double[][] probabilities, String description) {
    this(values, probabilities, description, null, 0);
  }

  /**
   * The final model's predictions of its own (encoded) training rows.
   *
   * @param model the final model
   * @param x the encoded training rows, in table order
   * @param why why in-sample, appended to the description (or empty)
   * @return the predictions
   */
  static RowPredictions inSample(TrainedModel model, double[][] x, String why) {
    String description = "in-sample predictions" + why;
    if (model instanceof TrainedRegressor regressor) {
      double[] out = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        out[i] = regressor.predictEncoded(x[i]);
      }
      return new RowPredictions(out, null, description);
    }
    TrainedClassifier classifier = (TrainedClassifier) model;
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = classifier.probabilitiesOfEncoded(x[i]);
    }
    return new RowPredictions(null, out, description);
  }

  /**
   * Out-of-fold predictions: the training rows, taken in profile order, are cut into {@code folds *
   * blocksPerFold} contiguous blocks of (almost) equal size, block {@code b} belonging to fold {@code
   * b % folds}; each fold's rows are predicted by a model that {@code trainer} fits, with {@code
   * seed}, on the other folds' rows, prepared by {@code data} (which fits the transforms on those
   * rows only). The training rows of each fold are given in table order.
   *
   * @param data the training split's rows, prepared fold by fold
   * @param trainer the final model's trainer
   * @param order the training rows in profile order
   * @param folds the number of folds
   * @param blocksPerFold interleaved blocks per fold (1: contiguous folds); fewer when the rows
   *     cannot make {@code folds * blocksPerFold} blocks
   * @param seed the fit seed
   * @param regression whether the model is a regressor
   * @return the predictions, indexed by training-table row
   * @throws IllegalArgumentException if there are fewer rows than folds, or a fold cannot be
   *     prepared or fitted (e.g. one class only)
   */
  static RowPredictions outOfFold(HyperparameterSearch.FoldData data, Trainer trainer, int[] order,
      int folds, int blocksPerFold, long seed, boolean regression) {
    return outOfFold(data, trainer, order, folds, blocksPerFold, seed, regression, new int[0]);
  }

  /**
   * {@link #outOfFold(HyperparameterSearch.FoldData, Trainer, int[], int, int, long, boolean)},
   * and every fold model's class probabilities of the rows {@code scored} too (rows of {@code data}
   * outside {@code order}, e.g. the held-out split appended to the training rows: none of the fold
   * models trained on them), in {@link #foldScores()}.
   *
   * @param scored rows of {@code data} that every fold model scores (classifiers only; may be
   *     empty)
   */
  static RowPredictions outOfFold(HyperparameterSearch.FoldData data, Trainer trainer, int[] order,
      int folds, int blocksPerFold, long seed, boolean regression, int[] scored) {
    int n = order.length;
    double[][][] foldScores = scored.length == 0 || regression ? null
        : new double[folds][scored.length][];
    if (folds > n) {
      throw new IllegalArgumentException("profile prediction folds must not exceed the training rows: "
          + folds + " > " + n);
    }
    int perFold = Math.max(1, Math.min(blocksPerFold, n / folds));
    int blocks = folds * perFold;
    double[] values = regression ? new double[n] : null;
    double[][] probabilities = regression ? null : new double[n][];
    for (int f = 0; f < folds; f++) {
      boolean[] held = new boolean[n];
      int heldRows = 0;
      for (int b = f; b < blocks; b += folds) {
        int from = (int) ((long) b * n / blocks);
        int to = (int) ((long) (b + 1) * n / blocks);
        for (int i = from; i < to; i++) {
          held[i] = true;
        }
        heldRows += to - from;
      }
      int[] validation = new int[heldRows + (foldScores == null ? 0 : scored.length)];
      int[] train = new int[n - heldRows];
      for (int i = 0, v = 0, t = 0; i < n; i++) {
        if (held[i]) {
          validation[v++] = order[i];
        } else {
          train[t++] = order[i];
        }
      }
      if (foldScores != null) {
        System.arraycopy(scored, 0, validation, heldRows, scored.length);
      }
      Arrays.sort(train);
      HyperparameterSearch.Fold fold = data.prepare(f, train, validation);
      trainer.validate(fold.train());
      FittedModel m = trainer.fit(fold.train(), seed, Trainer.Progress.NONE);
      double[][] x = fold.validation().features();
      for (int i = heldRows; i < validation.length; i++) {
        foldScores[f][i - heldRows] = ((FittedClassifier) m).probabilities(x[i]);
      }
      for (int i = 0; i < heldRows; i++) {
        if (m instanceof FittedRegressor r) {
          values[validation[i]] = r.predict(x[i]);
        } else {
          probabilities[validation[i]] = ((FittedClassifier) m).probabilities(x[i]);
        }
      }
    }
    return new RowPredictions(values, probabilities,
        "out-of-fold predictions (" + ProfilePredictions.description(folds, perFold) + ")",
        foldScores, folds);
  }
}
