package dev.mlops.metrics;

import dev.mlops.metrics.internal.Calibration;
import dev.mlops.metrics.internal.Checks;
import java.util.Objects;

/**
 * Calibration of binary probabilities: the reliability curve (scikit-learn's
 * {@code calibration_curve}, uniform or quantile bins) and the expected / maximum calibration
 * errors derived from the same bins.
 *
 * <p>Binning as sklearn: uniform edges {@code linspace(0, 1, bins + 1)}, quantile edges at the
 * quantiles of the probabilities; a probability p falls in bin {@code searchsorted(inner edges, p,
 * side='left')} (so bins are right-closed, the first one is [0, e1]); empty bins are dropped.
 * ECE = {@code sum_b (n_b / n) |fraction positive_b - mean predicted_b|} over non-empty bins; MCE
 * = the largest such gap. Stateless and thread-safe.
 */
public final class CalibrationMetrics {

  private CalibrationMetrics() {}

  /**
   * Computes the reliability curve.
   *
   * @param labels 0/1 labels
   * @param probabilities P(class 1), in [0, 1]
   * @param bins the number of bins, at least 1
   * @param strategy uniform or quantile bins
   * @return the curve (non-empty bins only)
   * @throws IllegalArgumentException on bad arrays (naming the index and value) or {@code bins < 1}
   */
  public static ReliabilityCurve reliabilityCurve(int[] labels, double[] probabilities, int bins,
      BinStrategy strategy) {
    check(labels, probabilities, bins, strategy);
    return Calibration.of(labels, probabilities, null, bins, strategy).curve();
  }

  /**
   * Computes the expected calibration error.
   *
   * @param labels 0/1 labels
   * @param probabilities P(class 1), in [0, 1]
   * @param bins the number of bins
   * @param strategy uniform or quantile bins
   * @return ECE, in [0, 1]
   * @throws IllegalArgumentException on bad arrays or {@code bins < 1}
   */
  public static MetricValue expectedCalibrationError(int[] labels, double[] probabilities, int bins,
      BinStrategy strategy) {
    check(labels, probabilities, bins, strategy);
    return Calibration.of(labels, probabilities, null, bins, strategy).metric(Metric.EXPECTED_CALIBRATION_ERROR, null);
  }

  /**
   * Computes the maximum calibration error.
   *
   * @param labels 0/1 labels
   * @param probabilities P(class 1), in [0, 1]
   * @param bins the number of bins
   * @param strategy uniform or quantile bins
   * @return MCE, in [0, 1]
   * @throws IllegalArgumentException on bad arrays or {@code bins < 1}
   */
  public static MetricValue maximumCalibrationError(int[] labels, double[] probabilities, int bins,
      BinStrategy strategy) {
    check(labels, probabilities, bins, strategy);
    return Calibration.of(labels, probabilities, null, bins, strategy).metric(Metric.MAXIMUM_CALIBRATION_ERROR, null);
  }

  private static void check(int[] labels, double[] probabilities, int bins, BinStrategy strategy) {
    Checks.binaryLabels(labels);
    Checks.probabilities("probabilities", probabilities);
    Checks.sameLength("labels", labels.length, "probabilities", probabilities.length);
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1: " + bins);
    }
    Objects.requireNonNull(strategy, "strategy");
  }
}
