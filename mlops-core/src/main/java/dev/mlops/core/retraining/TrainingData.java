package dev.mlops.core.retraining;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The labelled rows a retrain learns from: the recent labelled traffic (request rows joined with
 * their delayed labels), optionally followed by the original training data.
 *
 * <p>Labels are numeric: the target value for a regressor, the class index for a classifier (the
 * same encoding as the endpoint's predictions). Immutable and thread-safe (rows are unmodifiable
 * copies).
 *
 * @param rows the feature rows, recent rows first
 * @param labels one label per row
 * @param recentRows how many of the rows (the first ones) are recent labelled traffic
 */
public record TrainingData(List<Map<String, ?>> rows, double[] labels, int recentRows) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a list, array or row is null
   * @throws IllegalArgumentException if the sizes disagree or {@code recentRows} is out of range
   */
  public TrainingData {
    Objects.requireNonNull(rows, "rows must not be null");
    Objects.requireNonNull(labels, "labels must not be null");
    if (rows.size() != labels.length) {
      throw new IllegalArgumentException(
          "labels must have one value per row: " + labels.length + " labels for " + rows.size() + " rows");
    }
    if (recentRows < 0 || recentRows > rows.size()) {
      throw new IllegalArgumentException("recentRows must be in [0, " + rows.size() + "]: " + recentRows);
    }
    List<Map<String, ?>> copy = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Map<String, ?> row = rows.get(i);
      if (row == null) {
        throw new NullPointerException("rows must not contain null: index " + i);
      }
      copy.add(Collections.unmodifiableMap(row));
    }
    rows = Collections.unmodifiableList(copy);
    labels = labels.clone();
  }

  /**
   * Returns a copy of the labels.
   *
   * @return the labels, one per row
   */
  @Override
  public double[] labels() {
    return labels.clone();
  }

  /**
   * Returns the number of rows.
   *
   * @return the size
   */
  public int size() {
    return rows.size();
  }

  /**
   * Returns this data followed by other rows (e.g. the original training data).
   *
   * @param other the rows to append
   * @return the concatenation; {@link #recentRows()} is unchanged
   */
  public TrainingData append(TrainingData other) {
    List<Map<String, ?>> all = new ArrayList<>(rows);
    all.addAll(other.rows);
    double[] y = new double[labels.length + other.labels.length];
    System.arraycopy(labels, 0, y, 0, labels.length);
    System.arraycopy(other.labels, 0, y, labels.length, other.labels.length);
    return new TrainingData(all, y, recentRows);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingData t && rows.equals(t.rows)
        && java.util.Arrays.equals(labels, t.labels) && recentRows == t.recentRows;
  }

  @Override
  public int hashCode() {
    return rows.hashCode() * 31 + java.util.Arrays.hashCode(labels) + recentRows;
  }

  @Override
  public String toString() {
    return "TrainingData[" + rows.size() + " rows, " + recentRows + " recent]";
  }
}
