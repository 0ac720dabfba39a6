package dev.mlops.core.train;

import dev.mlops.core.internal.Checks;
import java.util.List;
import java.util.Objects;

/**
 * The numeric training data a {@link Trainer} fits on: the transformed feature matrix and the
 * target. Classification targets are class indices into {@link #classes()}; regression targets
 * are in {@link #values()}.
 *
 * <p>Thread-safe for reading; immutable by convention: the arrays are shared with the pipeline
 * (not copied, they can be large) and must not be modified.
 *
 * @param features row-major feature matrix, one row per example
 * @param featureNames the column names of the matrix
 * @param task the task
 * @param labels class indices (classification), else null
 * @param values target values (regression), else null
 * @param classes class labels in index order (classification), else empty
 */
public record TrainingSet(
    double[][] features,
    List<String> featureNames,
    Task task,
    int[] labels,
    double[] values,
    List<String> classes) {

  /**
   * Validates shapes.
   *
   * @throws IllegalArgumentException if the shapes disagree
   */
  public TrainingSet {
    Checks.nonNull("features", features, "task", task);
    featureNames = List.copyOf(featureNames);
    classes = List.copyOf(classes);
    int n = features.length;
    if (task == Task.CLASSIFICATION) {
      Objects.requireNonNull(labels, "labels");
      if (labels.length != n) {
        throw new IllegalArgumentException(
            "labels length must equal the row count " + n + ": " + labels.length);
      }
    } else {
      Objects.requireNonNull(values, "values");
      if (values.length != n) {
        throw new IllegalArgumentException(
            "values length must equal the row count " + n + ": " + values.length);
      }
    }
  }

  /**
   * The number of rows.
   *
   * @return the row count
   */
  public int size() {
    return features.length;
  }

  /**
   * The rows at the given indices.
   *
   * @param rows indices
   * @return a new training set
   */
  public TrainingSet subset(int[] rows) {
    double[][] x = new double[rows.length][];
    int[] l = labels == null ? null : new int[rows.length];
    double[] v = values == null ? null : new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      x[i] = features[rows[i]];
      if (l != null) {
        l[i] = labels[rows[i]];
      }
      if (v != null) {
        v[i] = values[rows[i]];
      }
    }
    return new TrainingSet(x, featureNames, task, l, v, classes);
  }
}
