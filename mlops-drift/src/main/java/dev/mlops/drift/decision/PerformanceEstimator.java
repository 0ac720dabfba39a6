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
    ProbabilityCalibration.require(threshold > 0 && threshold < 1,
        "classification threshold must be in (0, 1): " + threshold);
    ProbabilityCalibration.require(confidence > 0 && confidence < 1,
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
      sum += s >= threshold ? p : 1 - p;
      var += p * (1 - p);
      n++;
    }
    return estimate(n, sum, var);
  }

  /**
   * Estimates a window's accuracy from sums accumulated elsewhere (a monitor adds them up as
   * predictions are recorded): per prediction, its calibrated probability of being correct
   * {@code c} and {@code c (1 - c)}.
   *
   * @param rows the predictions summed
   * @param expectedCorrect the sum of {@code c}
   * @param varianceSum the sum of {@code c (1 - c)}
   * @return the estimate; with no row, 0 rows and {@code NaN} values
   * @throws IllegalArgumentException if {@code rows} is negative or a sum is negative, not finite
   *     or inconsistent with {@code rows}
   */
  public AccuracyEstimate estimate(long rows, double expectedCorrect, double varianceSum) {
    ProbabilityCalibration.require(rows >= 0, "rows must not be negative: " + rows);
    ProbabilityCalibration.require(expectedCorrect >= 0 && expectedCorrect <= rows + 1e-6 * rows,
        "expected correct must be in [0, rows]: " + expectedCorrect);
    ProbabilityCalibration.require(varianceSum >= 0 && varianceSum <= rows + 1e-6 * rows,
        "variance sum must be in [0, rows]: " + varianceSum);
    if (rows == 0) {
      return new AccuracyEstimate(0, Double.NaN, Double.NaN, Double.NaN, confidence, Double.NaN);
    }
    double a = Math.min(1, expectedCorrect / rows);
    double se = Math.sqrt(varianceSum / ((double) rows * rows)
        + a * (1 - a) / calibration.fittedOn());
    return new AccuracyEstimate(rows, a, Math.max(0, a - z * se), Math.min(1, a + z * se),
        confidence, Double.NaN);
  }

  /**
   * The probability calibration.
   *
   * @return the calibration fitted on reference data
   */
  public ProbabilityCalibration calibration() {
    return calibration;
  }

  /**
   * The score at or above which the model predicts the positive class.
   *
   * @return the classification threshold
   */
  public double threshold() {
    return threshold;
  }

  /**
   * The interval's nominal coverage.
   *
   * @return the confidence, e.g. 0.95
   */
  public double confidence() {
    return confidence;
  }

  /**
   * The method in words, as reports state it.
   *
   * @return e.g. {@code "confidence-based estimation with isotonic calibration on 10000 reference
   *     rows; 95% interval"}
   */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "confidence-based estimation with isotonic "
        + "calibration on %d reference rows (threshold %s); %.0f%% interval",
        calibration.fittedOn(), threshold, 100 * confidence);
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
