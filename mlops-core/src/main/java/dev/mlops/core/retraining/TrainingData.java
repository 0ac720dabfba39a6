package dev.mlops.core.retraining;

import dev.mlops.core.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The labelled rows a retrain learns from, in arrival order (oldest first): the training history the
 * loop's label store was seeded with, then the labelled traffic (request rows joined with their
 * delayed labels). A row keeps every field of the request (timestamps, group and split columns
 * included), not only the model's inputs.
 *
 * <p>Labels are numeric: the target value for a regressor, the class index for a classifier (the
 * same encoding as the endpoint's predictions). Immutable and thread-safe (rows are unmodifiable
 * copies).
 *
 * @param rows the feature rows, oldest first
 * @param labels one label per row
 * @param recentRows how many of the rows (the last ones) are labelled traffic rather than history
 * @param sinceChampion how many of the rows (the last ones) were labelled after the serving champion
 *     was deployed: rows it never trained on
 * @param changeRows how many of the rows (the last ones) the trigger located after a change, 0 if
 *     it located none (see {@link Firing#changeRows()})
 */
public record TrainingData(List<Map<String, ?>> rows, double[] labels, int recentRows, int sinceChampion,
    int changeRows) {

  /**
   * Labelled rows with no located change.
   *
   * @param rows the feature rows, oldest first
   * @param labels one label per row
   * @param recentRows how many of the last rows are labelled traffic
   * @param sinceChampion how many of the last rows were labelled after the champion was deployed
   */
  public TrainingData(List<Map<String, ?>> rows, double[] labels, int recentRows, int sinceChampion) {
    this(rows, labels, recentRows, sinceChampion, 0);
  }

  /**
   * Labelled rows of which the last {@code recentRows} are traffic, all labelled after the champion.
   *
   * @param rows the feature rows, oldest first
   * @param labels one label per row
   * @param recentRows how many of the last rows are labelled traffic
   */
  public TrainingData(List<Map<String, ?>> rows, double[] labels, int recentRows) {
    this(rows, labels, recentRows, recentRows, 0);
  }

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a list, array or row is null
   * @throws IllegalArgumentException if the sizes disagree or a count is out of range
   */
  public TrainingData {
    Checks.nonNull("rows", rows, "labels", labels);
    if (rows.size() != labels.length) {
      throw new IllegalArgumentException(
          "labels must have one value per row: " + labels.length + " labels for " + rows.size() + " rows");
    }
    if (recentRows < 0 || recentRows > rows.size()) {
      throw new IllegalArgumentException("recentRows must be in [0, " + rows.size() + "]: " + recentRows);
    }
    if (sinceChampion < 0 || sinceChampion > rows.size()) {
      throw new IllegalArgumentException("sinceChampion must be in [0, " + rows.size() + "]: " + sinceChampion);
    }
    if (changeRows < 0 || changeRows > rows.size()) {
      throw new IllegalArgumentException("changeRows must be in [0, " + rows.size() + "]: " + changeRows);
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
   * Returns the last {@code n} rows (a training window), counts adjusted.
   *
   * @param n the number of rows, in [0, size]
   * @return the window
   * @throws IllegalArgumentException if {@code n} is out of range
   */
  public TrainingData last(int n) {
    if (n < 0 || n > rows.size()) {
      throw new IllegalArgumentException("window rows must be in [0, " + rows.size() + "]: " + n);
    }
    int from = rows.size() - n;
    return new TrainingData(rows.subList(from, rows.size()), java.util.Arrays.copyOfRange(labels, from, labels.length),
        Math.min(recentRows, n), Math.min(sinceChampion, n), Math.min(changeRows, n));
  }

  /**
   * Returns the same rows with the number of last rows located after a change.
   *
   * @param rows in [0, size]; 0 if no change was located
   * @return the data
   * @throws IllegalArgumentException if {@code rows} is out of range
   */
  public TrainingData withChangeRows(int rows) {
    return new TrainingData(this.rows, labels, recentRows, sinceChampion, rows);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingData t && rows.equals(t.rows)
        && java.util.Arrays.equals(labels, t.labels) && recentRows == t.recentRows && sinceChampion == t.sinceChampion
        && changeRows == t.changeRows;
  }

  @Override
  public int hashCode() {
    return rows.hashCode() * 31 + java.util.Arrays.hashCode(labels) + recentRows * 17 + sinceChampion * 7 + changeRows;
  }

  @Override
  public String toString() {
    return "TrainingData[" + rows.size() + " rows, " + recentRows + " recent, " + sinceChampion + " since the champion"
        + (changeRows > 0 ? ", " + changeRows + " since the change" : "") + "]";
  }
}
