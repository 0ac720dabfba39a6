package dev.mlops.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A k x k confusion matrix of (unweighted) counts: {@code counts[actual][predicted]}, as
 * scikit-learn's {@code confusion_matrix} (rows are the true classes, columns the predictions).
 * For a binary problem class 1 is the positive class: {@code counts[1][1]} is TP,
 * {@code counts[0][1]} FP, {@code counts[1][0]} FN and {@code counts[0][0]} TN.
 *
 * <p>Immutable (arrays are copied in and out) and thread-safe.
 *
 * @param counts the counts, square, non-negative; copied
 * @param classNames one name per class
 */
public record ConfusionMatrix(long[][] counts, List<String> classNames) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the matrix is not square, has a negative count or does
   *     not match the number of class names
   */
  public ConfusionMatrix {
    Objects.requireNonNull(counts, "counts");
    classNames = List.copyOf(classNames);
    int k = counts.length;
    if (k < 2) {
      throw new IllegalArgumentException("confusion matrix size must be at least 2: " + k);
    }
    if (classNames.size() != k) {
      throw new IllegalArgumentException(
          "class names must have one name per class (" + k + "): " + classNames.size());
    }
    long[][] copy = new long[k][];
    for (int i = 0; i < k; i++) {
      if (counts[i].length != k) {
        throw new IllegalArgumentException(
            "confusion matrix must be square: row " + i + " has length " + counts[i].length);
      }
      for (int j = 0; j < k; j++) {
        if (counts[i][j] < 0) {
          throw new IllegalArgumentException(
              "confusion matrix counts must not be negative: [" + i + "][" + j + "] = " + counts[i][j]);
        }
      }
      copy[i] = counts[i].clone();
    }
    counts = copy;
  }

  /**
   * Builds a matrix with class names "0", "1", ...
   *
   * @param counts the counts
   * @return the matrix
   */
  public static ConfusionMatrix of(long[][] counts) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      names.add(Integer.toString(i));
    }
    return new ConfusionMatrix(counts, names);
  }

  /**
   * Returns a copy of the counts.
   *
   * @return {@code counts[actual][predicted]}
   */
  @Override
  public long[][] counts() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /**
   * Returns the number of classes.
   *
   * @return k
   */
  public int size() {
    return counts.length;
  }

  /**
   * Returns one cell.
   *
   * @param actual the true class index
   * @param predicted the predicted class index
   * @return the number of rows of class {@code actual} predicted as {@code predicted}
   */
  public long count(int actual, int predicted) {
    return counts[actual][predicted];
  }

  /**
   * Returns the number of rows.
   *
   * @return the sum of all cells
   */
  public long total() {
    long sum = 0;
    for (long[] row : counts) {
      for (long c : row) {
        sum += c;
      }
    }
    return sum;
  }

  /**
   * Returns the rows of a class predicted as that class.
   *
   * @param classIndex the class
   * @return the diagonal cell
   */
  public long truePositives(int classIndex) {
    return counts[classIndex][classIndex];
  }

  /**
   * Returns the rows of other classes predicted as this class.
   *
   * @param classIndex the class
   * @return the column sum without the diagonal
   */
  public long falsePositives(int classIndex) {
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (i != classIndex) {
        sum += counts[i][classIndex];
      }
    }
    return sum;
  }

  /**
   * Returns the rows of this class predicted as another class.
   *
   * @param classIndex the class
   * @return the row sum without the diagonal
   */
  public long falseNegatives(int classIndex) {
    long sum = 0;
    for (int j = 0; j < counts.length; j++) {
      if (j != classIndex) {
        sum += counts[classIndex][j];
      }
    }
    return sum;
  }

  /**
   * Returns the rows neither of this class nor predicted as it.
   *
   * @param classIndex the class
   * @return total - TP - FP - FN
   */
  public long trueNegatives(int classIndex) {
    return total() - truePositives(classIndex) - falsePositives(classIndex) - falseNegatives(classIndex);
  }

  /**
   * Returns the number of rows of a class (its support).
   *
   * @param classIndex the class
   * @return the row sum
   */
  public long support(int classIndex) {
    long sum = 0;
    for (long c : counts[classIndex]) {
      sum += c;
    }
    return sum;
  }

  /**
   * Renders the matrix as an aligned text table, actual classes as rows.
   *
   * @return the table, lines separated by {@code \n}
   */
  public String toText() {
    return dev.mlops.metrics.internal.TextTables.confusionMatrix(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix other
        && java.util.Arrays.deepEquals(counts, other.counts)
        && classNames.equals(other.classNames);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.deepHashCode(counts) + classNames.hashCode();
  }

  @Override
  public String toString() {
    return "ConfusionMatrix" + java.util.Arrays.deepToString(counts) + classNames;
  }
}
