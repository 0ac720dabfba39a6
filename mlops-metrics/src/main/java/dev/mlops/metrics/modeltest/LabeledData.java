package dev.mlops.metrics.modeltest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Test rows with their ground truth, as one value: class labels for a classifier
 * ({@link #of(List, int[])}) or numeric targets for a regressor ({@link #ofTargets(List, double[])}).
 *
 * <pre>{@code
 * LabeledData<Applicant> test = LabeledData.of(rows, labels);
 * ModelTestReport report = ModelTest.forClassifier(model).on(test)
 *     .expect(Metric.ACCURACY).atLeast(0.9)
 *     .run();
 * }</pre>
 *
 * <p>Immutable: the factories copy the row list (not the rows themselves) and the label or target
 * array, and the accessors return copies of the arrays. Thread-safe if the rows are.
 *
 * @param <T> the row type
 */
public final class LabeledData<T> {

  private final List<T> rows;
  private final int[] labels;
  private final double[] targets;

  private LabeledData(List<T> rows, int[] labels, double[] targets) {
    this.rows = rows;
    this.labels = labels;
    this.targets = targets;
  }

  /**
   * Rows with class labels, for a classifier.
   *
   * @param rows the rows, in the order of {@code labels}; copied
   * @param labels the true class index of each row, not negative; copied
   * @param <T> the row type
   * @return the labelled data
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the rows are empty, the lengths differ or a label is negative
   */
  public static <T> LabeledData<T> of(List<? extends T> rows, int[] labels) {
    List<T> copy = copyRows(rows);
    Objects.requireNonNull(labels, "labels");
    requireSameLength("labels", labels.length, copy.size());
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0) {
        throw new IllegalArgumentException("labels[" + i + "] must not be negative: " + labels[i]);
      }
    }
    return new LabeledData<>(copy, labels.clone(), null);
  }

  /**
   * Rows with numeric targets, for a regressor.
   *
   * @param rows the rows, in the order of {@code targets}; copied
   * @param targets the true value of each row, finite; copied
   * @param <T> the row type
   * @return the labelled data
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the rows are empty, the lengths differ or a target is not finite
   */
  public static <T> LabeledData<T> ofTargets(List<? extends T> rows, double[] targets) {
    List<T> copy = copyRows(rows);
    Objects.requireNonNull(targets, "targets");
    requireSameLength("targets", targets.length, copy.size());
    for (int i = 0; i < targets.length; i++) {
      if (!Double.isFinite(targets[i])) {
        throw new IllegalArgumentException("targets[" + i + "] must be finite: " + targets[i]);
      }
    }
    return new LabeledData<>(copy, null, targets.clone());
  }

  private static <T> List<T> copyRows(List<? extends T> rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("rows must not be empty: 0 rows");
    }
    return Collections.unmodifiableList(new ArrayList<>(rows));
  }

  private static void requireSameLength(String what, int length, int rows) {
    if (length != rows) {
      throw new IllegalArgumentException(
          what + " must have one entry per row (" + rows + " rows): " + length);
    }
  }

  /**
   * Returns the rows.
   *
   * @return the rows, unmodifiable
   */
  public List<T> rows() {
    return rows;
  }

  /**
   * Returns the number of rows.
   *
   * @return the number of rows, at least 1
   */
  public int size() {
    return rows.size();
  }

  /**
   * Tells whether this data holds class labels (made by {@link #of(List, int[])}).
   *
   * @return true for class labels, false for regression targets
   */
  public boolean hasLabels() {
    return labels != null;
  }

  /**
   * Returns the class labels.
   *
   * @return a copy of the class index of each row
   * @throws IllegalStateException if this data holds regression targets
   */
  public int[] labels() {
    if (labels == null) {
      throw new IllegalStateException("labelled data must hold class labels, not regression targets");
    }
    return labels.clone();
  }

  /**
   * Returns the regression targets.
   *
   * @return a copy of the true value of each row
   * @throws IllegalStateException if this data holds class labels
   */
  public double[] targets() {
    if (targets == null) {
      throw new IllegalStateException("labelled data must hold regression targets, not class labels");
    }
    return targets.clone();
  }

  /**
   * Compares rows and labels or targets.
   *
   * @param o another object
   * @return true for labelled data with equal rows and equal labels or targets
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof LabeledData<?> other && rows.equals(other.rows) && Arrays.equals(labels, other.labels)
        && Arrays.equals(targets, other.targets);
  }

  /**
   * Hashes rows and labels or targets.
   *
   * @return a hash consistent with {@link #equals(Object)}
   */
  @Override
  public int hashCode() {
    return Objects.hash(rows, Arrays.hashCode(labels), Arrays.hashCode(targets));
  }

  /**
   * Describes the size and kind, not the rows.
   *
   * @return e.g. {@code LabeledData[120 rows, class labels]}
   */
  @Override
  public String toString() {
    return "LabeledData[" + rows.size() + " rows, " + (labels != null ? "class labels" : "regression targets") + "]";
  }
}
