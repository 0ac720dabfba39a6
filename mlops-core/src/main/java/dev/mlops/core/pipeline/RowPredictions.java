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
 */
record RowPredictions(double[] values, double[][] probabilities, String description) {

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
   * Out-of-fold predictions: the training rows, taken in profile order, are cut into {@code folds}
   * contiguous blocks of (almost) equal size; each block is predicted by a model that {@code
   * trainer} fits, with {@code seed}, on the other blocks, prepared by {@code data} (which fits the
   * transforms on those rows only). The training rows of each fold are given in table order.
   *
   * @param data the training split's rows, prepared fold by fold
   * @param trainer the final model's trainer
   * @param order the training rows in profile order
   * @param folds the number of blocks, at most the number of rows
   * @param seed the fit seed
   * @param regression whether the model is a regressor
   * @return the predictions, indexed by training-table row
   * @throws IllegalArgumentException if a fold cannot be prepared or fitted (e.g. one class only)
   */
  static RowPredictions outOfFold(HyperparameterSearch.FoldData data, Trainer trainer, int[] order,
      int folds, long seed, boolean regression) {
    int n = order.length;
    if (folds > n) {
      throw new IllegalArgumentException("profile prediction folds must not exceed the training rows: "
          + folds + " > " + n);
    }
    double[] values = regression ? new double[n] : null;
    double[][] probabilities = regression ? null : new double[n][];
    for (int f = 0; f < folds; f++) {
      int from = (int) ((long) f * n / folds);
      int to = (int) ((long) (f + 1) * n / folds);
      int[] validation = Arrays.copyOfRange(order, from, to);
      int[] train = new int[n - validation.length];
      System.arraycopy(order, 0, train, 0, from);
      System.arraycopy(order, to, train, from, n - to);
      Arrays.sort(train);
      HyperparameterSearch.Fold fold = data.prepare(f, train, validation);
      trainer.validate(fold.train());
      FittedModel m = trainer.fit(fold.train(), seed, Trainer.Progress.NONE);
      double[][] x = fold.validation().features();
      for (int i = 0; i < validation.length; i++) {
        if (m instanceof FittedRegressor r) {
          values[validation[i]] = r.predict(x[i]);
        } else {
          probabilities[validation[i]] = ((FittedClassifier) m).probabilities(x[i]);
        }
      }
    }
    return new RowPredictions(values, probabilities,
        "out-of-fold predictions (" + folds + " contiguous folds)");
  }
}
