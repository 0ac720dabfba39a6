package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A ROC curve as scikit-learn's {@code roc_curve(drop_intermediate=False)}: one point per distinct
 * score, thresholds decreasing, a row is predicted positive when {@code score >= threshold}; the
 * first point is (0, 0) with threshold {@code +Infinity}. Immutable (arrays copied in and out) and
 * thread-safe.
 *
 * @param fpr false positive rates, non-decreasing
 * @param tpr true positive rates, non-decreasing
 * @param thresholds decreasing thresholds
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public RocCurve {
    Checks.nonNull("fpr", fpr, "tpr", tpr, "thresholds", thresholds);
    if (fpr.length != tpr.length || fpr.length != thresholds.length || fpr.length == 0) {
      throw new IllegalArgumentException("roc curve arrays must have the same non-zero length: "
          + fpr.length + ", " + tpr.length + ", " + thresholds.length);
    }
    fpr = fpr.clone();
    tpr = tpr.clone();
    thresholds = thresholds.clone();
  }

  /** @return a copy of the false positive rates */
  @Override
  public double[] fpr() {
    return fpr.clone();
  }

  /** @return a copy of the true positive rates */
  @Override
  public double[] tpr() {
    return tpr.clone();
  }

  /** @return a copy of the thresholds */
  @Override
  public double[] thresholds() {
    return thresholds.clone();
  }

  /**
   * Returns the number of points.
   *
   * @return the array length
   */
  public int size() {
    return fpr.length;
  }

  /**
   * Returns the area under the curve by the trapezoid rule.
   *
   * @return the AUC
   */
  public double area() {
    double area = 0;
    for (int i = 1; i < fpr.length; i++) {
      area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
    }
    return area;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RocCurve other && Arrays.equals(fpr, other.fpr)
        && Arrays.equals(tpr, other.tpr) && Arrays.equals(thresholds, other.thresholds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(fpr), Arrays.hashCode(tpr), Arrays.hashCode(thresholds));
  }

  @Override
  public String toString() {
    return "RocCurve[" + fpr.length + " points]";
  }
}
