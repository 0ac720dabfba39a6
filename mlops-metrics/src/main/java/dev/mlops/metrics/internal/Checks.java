package dev.mlops.metrics.internal;

import java.util.Objects;

/** Argument validation shared by the public entry points. Not API. Stateless, thread-safe. */
public final class Checks {

  /** Tolerance on the sum of a probability row. */
  public static final double PROBABILITY_SUM_TOLERANCE = 1e-6;

  private Checks() {}

  /**
   * Checks the minimum size of a judged group of a group fairness evaluation (also the rule of
   * mlops-drift's {@code SensitiveAttributes}).
   *
   * @param size the minimum
   * @return the size
   * @throws IllegalArgumentException if below 1
   */
  public static int minGroupSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("min group size must be at least 1: " + size);
    }
    return size;
  }

  /**
   * Checks the resamples of a group fairness bootstrap: 0 (no interval) or at least 100 (also the
   * rule of mlops-drift's {@code SensitiveAttributes}).
   *
   * @param resamples the resample count
   * @return the count
   * @throws IllegalArgumentException if negative or between 1 and 99
   */
  public static int fairnessResamples(int resamples) {
    if (resamples != 0 && resamples < 100) {
      throw new IllegalArgumentException("resamples must be 0 or at least 100: " + resamples);
    }
    return resamples;
  }

  /**
   * Checks that an array is non-null and non-empty.
   *
   * @param name the argument name
   * @param length the array length
   */
  public static void nonEmpty(String name, int length) {
    if (length == 0) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  /**
   * Checks two lengths are equal.
   *
   * @param nameA first argument
   * @param a its length
   * @param nameB second argument
   * @param b its length
   */
  public static void sameLength(String nameA, int a, String nameB, int b) {
    if (a != b) {
      throw new IllegalArgumentException(
          nameB + " must have the same length as " + nameA + " (" + a + "): " + b);
    }
  }

  /**
   * Checks binary labels (0 or 1).
   *
   * @param labels the labels
   */
  public static void binaryLabels(int[] labels) {
    Objects.requireNonNull(labels, "labels");
    nonEmpty("labels", labels.length);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1: labels[" + i + "] = " + labels[i]);
      }
    }
  }

  /**
   * Checks class labels in [0, k).
   *
   * @param name the argument name
   * @param labels the labels
   * @param k number of classes
   */
  public static void classLabels(String name, int[] labels, int k) {
    Objects.requireNonNull(labels, name);
    nonEmpty(name, labels.length);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw new IllegalArgumentException(
            name + " must be class indices in [0, " + k + "): " + name + "[" + i + "] = " + labels[i]);
      }
    }
  }

  /**
   * Checks finite values.
   *
   * @param name the argument name
   * @param values the values
   */
  public static void finite(String name, double[] values) {
    Objects.requireNonNull(values, name);
    nonEmpty(name, values.length);
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + " must be finite: " + name + "[" + i + "] = " + values[i]);
      }
    }
  }

  /**
   * Checks probabilities in [0, 1].
   *
   * @param name the argument name
   * @param values the values
   */
  public static void probabilities(String name, double[] values) {
    Objects.requireNonNull(values, name);
    nonEmpty(name, values.length);
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " must be probabilities in [0, 1]: " + name + "[" + i + "] = " + v);
      }
    }
  }

  /**
   * Checks a matrix of probability rows: equal widths k >= 2, values in [0, 1], rows summing to 1.
   *
   * @param name the argument name
   * @param rows the rows
   * @return k
   */
  public static int probabilityRows(String name, double[][] rows) {
    Objects.requireNonNull(rows, name);
    nonEmpty(name, rows.length);
    Objects.requireNonNull(rows[0], name + "[0]");
    int k = rows[0].length;
    if (k < 2) {
      throw new IllegalArgumentException(name + " must have at least 2 classes: " + name + "[0] has " + k);
    }
    for (int i = 0; i < rows.length; i++) {
      double[] row = rows[i];
      if (row == null) {
        throw new IllegalArgumentException(name + " must not contain null rows: " + name + "[" + i + "] = null");
      }
      if (row.length != k) {
        throw new IllegalArgumentException(
            name + " rows must all have " + k + " classes: " + name + "[" + i + "] has " + row.length);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double v = row[j];
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException(
              name + " must be probabilities in [0, 1]: " + name + "[" + i + "][" + j + "] = " + v);
        }
        sum += v;
      }
      if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
        throw new IllegalArgumentException(
            name + " rows must sum to 1 (tolerance 1e-6): " + name + "[" + i + "] sums to " + sum);
      }
    }
    return k;
  }

  /**
   * Checks sample weights: finite, non-negative, not all zero.
   *
   * @param weights the weights
   * @param n the expected length
   */
  public static void weights(double[] weights, int n) {
    Objects.requireNonNull(weights, "weights");
    sameLength("labels", n, "weights", weights.length);
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      double w = weights[i];
      if (!(w >= 0) || !Double.isFinite(w)) {
        throw new IllegalArgumentException(
            "weights must be finite and non-negative: weights[" + i + "] = " + w);
      }
      sum += w;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("weights must not all be zero");
    }
  }

  /**
   * Checks a confidence level.
   *
   * @param level the level
   */
  public static void level(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1): " + level);
    }
  }

  /**
   * Checks the components of a record: {@code nonNull("name", name, "kind", kind)}.
   *
   * @param namesAndValues each component's name followed by its value
   * @throws NullPointerException naming the first null component: {@code "kind must not be null"}
   */
  public static void nonNull(Object... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        throw new NullPointerException(namesAndValues[i] + " must not be null");
      }
    }
  }

  /**
   * Checks a bootstrap resample count.
   *
   * @param b the count
   */
  public static void resamples(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("bootstrap resamples must be at least 1: " + b);
    }
  }
}
