package dev.mlops.core.pipeline;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.Table;
import dev.mlops.core.train.HyperparameterSearch;
import dev.mlops.core.train.Task;
import dev.mlops.core.train.TrainingSet;
import dev.mlops.core.transform.FittedTransforms;
import dev.mlops.core.transform.Transforms;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The training sets of a pipeline run: the target encoded (values, or class indices in the order
 * of {@link #classLabels}), the transforms fitted on the training split and applied to the test
 * split, and the folds of a search or of out-of-fold predictions.
 *
 * <p>Immutable and thread-safe (the folds of a search are prepared concurrently).
 */
final class TrainingSets {

  private final String target;
  private final Transforms transforms;

  TrainingSets(String target, Transforms transforms) {
    this.target = target;
    this.transforms = transforms;
  }

  /** The transforms fitted on {@code train} and applied to both splits, the target encoded. */
  Prepared prepare(Table train, Table test, List<Column> inputs, List<String> classes, Task task) {
    Transforms.Fitted fitted = transforms.fitAndApply(train, inputs);
    FittedTransforms ft = fitted.transforms();
    double[][] xTrain = fitted.trainingFeatures();
    double[][] xTest;
    try {
      xTest = ft.apply(test);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("test split: " + e.getMessage(), e);
    }
    TrainingSet tr = trainingSet(xTrain, train, ft.featureNames(), classes, task);
    TrainingSet te = trainingSet(xTest, test, ft.featureNames(), classes, task);
    if (task == Task.CLASSIFICATION && java.util.Arrays.stream(tr.labels()).distinct().count() < 2) {
      throw new IllegalArgumentException("training split must hold at least 2 classes of '" + target + "'");
    }
    return new Prepared(ft, tr, te);
  }

  /**
   * The rows of {@code train} (with their class indices {@code labels}) prepared fold by fold: each
   * fold fits the transforms on its own training rows and applies them to its validation rows, so
   * no validation row leaks into a fitted statistic.
   */
  HyperparameterSearch.FoldData foldData(Table train, List<Column> inputs, List<String> classes,
      int[] labels, Task task) {
    return new HyperparameterSearch.FoldData() {
      @Override
      public Task task() {
        return task;
      }

      @Override
      public int size() {
        return train.rowCount();
      }

      @Override
      public int[] labels() {
        return labels;
      }

      @Override
      public HyperparameterSearch.Fold prepare(int fold, int[] trainRows, int[] validationRows) {
        Table foldTrain = train.rows(trainRows);
        Table foldValidation = train.rows(validationRows);
        FittedTransforms ft;
        double[][] xTrain;
        try {
          ft = transforms.fit(foldTrain, inputs);
          xTrain = ft.apply(foldTrain);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("training rows: " + e.getMessage(), e);
        }
        double[][] xValidation;
        try {
          xValidation = ft.apply(foldValidation);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("validation rows: " + e.getMessage(), e);
        }
        return new HyperparameterSearch.Fold(
            trainingSet(xTrain, foldTrain, ft.featureNames(), classes, task),
            trainingSet(xValidation, foldValidation, ft.featureNames(), classes, task));
      }
    };
  }

  /** The features {@code x} of {@code t}'s rows with their target: values, or class indices. */
  private TrainingSet trainingSet(double[][] x, Table t, List<String> names, List<String> classes, Task task) {
    int tc = t.indexOf(target);
    if (task == Task.REGRESSION) {
      double[] y = new double[t.rowCount()];
      for (int r = 0; r < y.length; r++) {
        y[r] = t.numeric(r, tc);
      }
      return new TrainingSet(x, names, task, null, y, List.of());
    }
    Map<String, Integer> code = new LinkedHashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      code.put(classes.get(i), i);
    }
    int[] y = new int[t.rowCount()];
    for (int r = 0; r < y.length; r++) {
      y[r] = code.get(label(t, r, tc));
    }
    return new TrainingSet(x, names, task, y, null, classes);
  }

  /** The class label of row {@code r}: the category, or the number as an integer where it is one. */
  static String label(Table t, int r, int c) {
    if (t.columns().get(c).type() == ColumnType.CATEGORICAL) {
      return t.categorical(r, c);
    }
    double v = t.numeric(r, c);
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** The distinct class labels of column {@code c}, sorted (numerically for a numeric column). */
  static List<String> classLabels(Table t, int c) {
    TreeSet<String> set = new TreeSet<>();
    for (int r = 0; r < t.rowCount(); r++) {
      set.add(label(t, r, c));
    }
    List<String> labels = new ArrayList<>(set);
    if (t.columns().get(c).type() != ColumnType.CATEGORICAL) {
      labels.sort(java.util.Comparator.comparingDouble(Double::parseDouble));
    }
    return List.copyOf(labels);
  }

  /** The fitted transforms and the two splits as training sets. */
  record Prepared(FittedTransforms transforms, TrainingSet train, TrainingSet test) {}
}
