package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A precision-recall curve as scikit-learn's {@code precision_recall_curve}: thresholds
 * increasing (one per distinct score), a row is predicted positive when {@code score >= threshold};
 * {@code precision} and {@code recall} have one more element than {@code thresholds}, the last
 * point being precision 1, recall 0. Precision with no positive prediction is 0 (zero division).
 * Immutable (arrays copied in and out) and thread-safe.
 *
 * @param precision precision at each threshold, then 1
 * @param recall recall at each threshold (non-increasing), then 0
 * @param thresholds increasing thresholds
 */
public record PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the lengths are not {@code n + 1, n + 1, n}
   */
  public PrecisionRecallCurve {
    Checks.nonNull("precision", precision, "recall", recall, "thresholds", thresholds);
    if (precision.length != recall.length || precision.length != thresholds.length + 1) {
      throw new IllegalArgumentException("precision-recall curve arrays must have lengths n + 1, n + 1, n: "
          + precision.length + ", " + recall.length + ", " + thresholds.length);
    }
    precision = precision.clone();
    recall = recall.clone();
    thresholds = thresholds.clone();
  }

  /** @return a copy of the precisions */
  @Override
  public double[] precision() {
    return precision.clone();
  }

  /** @return a copy of the recalls */
  @Override
  public double[] recall() {
    return recall.clone();
  }

  /** @return a copy of the thresholds */
  @Override
  public double[] thresholds() {
    return thresholds.clone();
  }

  /**
   * Returns the number of points.
   *
   * @return the length of {@link #precision()}
   */
  public int size() {
    return precision.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrecisionRecallCurve other && Arrays.equals(precision, other.precision)
        && Arrays.equals(recall, other.recall) && Arrays.equals(thresholds, other.thresholds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(precision), Arrays.hashCode(recall), Arrays.hashCode(thresholds));
  }

  @Override
  public String toString() {
    return "PrecisionRecallCurve[" + precision.length + " points]";
  }
}
