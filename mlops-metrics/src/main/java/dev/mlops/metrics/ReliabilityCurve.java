package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A reliability (calibration) curve as scikit-learn's {@code calibration_curve}: for each
 * non-empty bin, the mean predicted probability, the observed fraction of positives and the
 * number of rows. Empty bins are dropped. Immutable (arrays copied in and out) and thread-safe.
 *
 * @param meanPredicted mean predicted probability per bin
 * @param fractionPositive fraction of positives per bin
 * @param counts rows per bin
 */
public record ReliabilityCurve(double[] meanPredicted, double[] fractionPositive, long[] counts) {

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public ReliabilityCurve {
    Checks.nonNull("meanPredicted", meanPredicted, "fractionPositive", fractionPositive,
        "counts", counts);
    if (meanPredicted.length != fractionPositive.length || meanPredicted.length != counts.length) {
      throw new IllegalArgumentException("reliability curve arrays must have the same length: "
          + meanPredicted.length + ", " + fractionPositive.length + ", " + counts.length);
    }
    meanPredicted = meanPredicted.clone();
    fractionPositive = fractionPositive.clone();
    counts = counts.clone();
  }

  /** @return a copy of the mean predicted probabilities */
  @Override
  public double[] meanPredicted() {
    return meanPredicted.clone();
  }

  /** @return a copy of the fractions of positives */
  @Override
  public double[] fractionPositive() {
    return fractionPositive.clone();
  }

  /** @return a copy of the counts */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /**
   * Returns the number of non-empty bins.
   *
   * @return the array length
   */
  public int size() {
    return counts.length;
  }

  /**
   * Returns the expected calibration error: the count-weighted mean absolute gap.
   *
   * @return the ECE, 0 for an empty curve
   */
  public double expectedCalibrationError() {
    double total = 0;
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      total += counts[i];
      sum += counts[i] * Math.abs(fractionPositive[i] - meanPredicted[i]);
    }
    return total == 0 ? 0 : sum / total;
  }

  /**
   * Returns the maximum calibration error: the largest absolute gap over non-empty bins.
   *
   * @return the MCE, 0 for an empty curve
   */
  public double maximumCalibrationError() {
    double max = 0;
    for (int i = 0; i < counts.length; i++) {
      max = Math.max(max, Math.abs(fractionPositive[i] - meanPredicted[i]));
    }
    return max;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReliabilityCurve other && Arrays.equals(meanPredicted, other.meanPredicted)
        && Arrays.equals(fractionPositive, other.fractionPositive) && Arrays.equals(counts, other.counts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(meanPredicted), Arrays.hashCode(fractionPositive), Arrays.hashCode(counts));
  }

  @Override
  public String toString() {
    return "ReliabilityCurve[" + counts.length + " bins]";
  }
}
