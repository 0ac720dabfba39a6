package dev.mlops.drift.decision;

import java.util.Objects;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Label-free accuracy of a binary classifier (confidence-based performance estimation, as
 * NannyML's CBPE): the model's probabilities are first calibrated on reference data with labels
 * ({@link ProbabilityCalibration}); in a window, a prediction is correct with probability
 * {@code c = p} when it predicts the positive class ({@code p >= threshold}) and {@code c = 1 - p}
 * otherwise ({@code p} calibrated), so the expected accuracy is the mean of {@code c}.
 *
 * <p>Interval: the realised accuracy is a mean of independent Bernoulli({@code c_i}) outcomes,
 * with variance {@code sum c_i (1 - c_i) / n^2}; to it is added the calibration's own uncertainty,
 * {@code a (1 - a) / N} for an accuracy {@code a} learnt from {@code N} reference rows. The
 * interval is the estimate +- z of the stated confidence times the square root of their sum,
 * clipped to [0, 1]. The estimate is only as good as the assumption that the calibration
 * {@code P(y | score)} still holds (covariate shift leaves it, concept drift does not).
 *
 * <pre>{@code
 * PerformanceEstimator estimator =
 *     PerformanceEstimator.of(ProbabilityCalibration.isotonic(refScores, refLabels), 0.5, 0.95);
 * AccuracyEstimate e = estimator.estimate(windowScores);
 * // later, when the window's labels arrived:
 * AccuracyEstimate checked = e.withRealised(realisedAccuracy);   // checked.error()
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PerformanceEstimator {

  private final ProbabilityCalibration calibration;
  private final double threshold;
  private final double confidence;
  private final double z;

  private PerformanceEstimator(ProbabilityCalibration calibration, double threshold,
      double confidence) {
    this.calibration = calibration;
    this.threshold = threshold;
    this.confidence = confidence;
    this.z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(
        1 - (1 - confidence) / 2);
  }

  /**
   * An estimator.
   *
   * @param calibration the calibration fitted on reference data
   * @param threshold the score at or above which the model predicts the positive class, in
   *     (0, 1)
   * @param confidence the interval's coverage, in (0, 1)
   * @return the estimator
   * @throws NullPointerException if {@code calibration} is null
   * @throws IllegalArgumentException if {@code threshold} or {@code confidence} is not in (0, 1)
   */
  public static PerformanceEstimator of(ProbabilityCalibration calibration, double threshold,
      double confidence) {
    Objects.requireNonNull(calibration, "calibration must not be null");
    ThresholdCalibration.require(threshold > 0 && threshold < 1,
        "classification threshold must be in (0, 1): " + threshold);
    ThresholdCalibration.require(confidence > 0 && confidence < 1,
        "confidence must be in (0, 1): " + confidence);
    return new PerformanceEstimator(calibration, threshold, confidence);
  }

  /**
   * Estimates a window's accuracy from its scores.
   *
   * @param scores the model's positive-class probabilities (non-finite scores are skipped)
   * @return the estimate; with no finite score, 0 rows and {@code NaN} values
   * @throws NullPointerException if {@code scores} is null
   */
  public AccuracyEstimate estimate(double[] scores) {
    Objects.requireNonNull(scores, "scores must not be null");
    long n = 0;
    double sum = 0;
    double var = 0;
    for (double s : scores) {
      if (!Double.isFinite(s)) {
        continue;
      }
      double p = calibration.apply(s);
      double c = s >= threshold ? p : 1 - p;
      sum += c;
      var += c * (1 - c);
      n++;
    }
    if (n == 0) {
      return new AccuracyEstimate(0, Double.NaN, Double.NaN, Double.NaN, confidence, Double.NaN);
    }
    double a = sum / n;
    double se = Math.sqrt(var / ((double) n * n) + a * (1 - a) / calibration.fittedOn());
    return new AccuracyEstimate(n, a, Math.max(0, a - z * se), Math.min(1, a + z * se),
        confidence, Double.NaN);
  }

  /**
   * The uncalibrated estimate (the raw scores taken as probabilities), for comparison.
   *
   * @param scores the model's positive-class probabilities
   * @return the mean of {@code max(p, 1 - p)}-style correctness probabilities of the raw scores
   * @throws NullPointerException if {@code scores} is null
   */
  public double uncalibrated(double[] scores) {
    Objects.requireNonNull(scores, "scores must not be null");
    long n = 0;
    double sum = 0;
    for (double s : scores) {
      if (Double.isFinite(s)) {
        double p = Math.min(1, Math.max(0, s));
        sum += s >= threshold ? p : 1 - p;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
