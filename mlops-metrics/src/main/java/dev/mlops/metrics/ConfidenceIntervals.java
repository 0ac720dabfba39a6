package dev.mlops.metrics;

import dev.mlops.metrics.internal.Bootstrap;
import dev.mlops.metrics.internal.Checks;
import dev.mlops.metrics.internal.DeLong;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Confidence intervals: Wilson score intervals for proportions, DeLong's interval for ROC AUC,
 * and a seeded, class-stratified percentile bootstrap of ROC AUC that sorts once (each resample
 * only redraws counts over the pre-sorted scores).
 *
 * <pre>{@code
 * Interval acc = ConfidenceIntervals.wilson(correct, n, 0.95);
 * Interval auc = ConfidenceIntervals.delongRocAuc(labels, scores, 0.95);
 * Interval boot = ConfidenceIntervals.bootstrapRocAuc(labels, scores, 1000, 42L, 0.95);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfidenceIntervals {

  private ConfidenceIntervals() {}

  /**
   * Wilson score interval for a binomial proportion {@code successes / trials} (as
   * {@code statsmodels.stats.proportion.proportion_confint(method='wilson')}).
   *
   * @param successes the number of successes, in [0, trials]
   * @param trials the number of trials, at least 1
   * @param level the confidence level, in (0, 1)
   * @return the interval, within [0, 1]
   * @throws IllegalArgumentException on inconsistent counts or a bad level
   */
  public static Interval wilson(long successes, long trials, double level) {
    Checks.level(level);
    if (trials < 1) {
      throw new IllegalArgumentException("trials must be at least 1: " + trials);
    }
    if (successes < 0 || successes > trials) {
      throw new IllegalArgumentException("successes must be in [0, trials = " + trials + "]: " + successes);
    }
    double z = normalQuantile(level);
    double n = trials;
    double p = successes / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double center = (p + z2 / (2 * n)) / denominator;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
    double lower = successes == 0 ? 0 : Math.max(0, center - half);
    double upper = successes == trials ? 1 : Math.min(1, center + half);
    return new Interval(lower, upper, level, Interval.WILSON);
  }

  /**
   * DeLong's asymptotic normal interval for ROC AUC: {@code AUC +- z sqrt(V10/m + V01/n)} from the
   * structural components (ties count one half), clipped to [0, 1]. Equals pROC's
   * {@code ci.auc(method="delong")} before clipping.
   *
   * @param labels 0/1 labels, both classes present
   * @param scores finite scores
   * @param level the confidence level
   * @return the interval
   * @throws IllegalArgumentException on bad arrays or if one class is missing
   */
  public static Interval delongRocAuc(int[] labels, double[] scores, double level) {
    Checks.level(level);
    Checks.binaryLabels(labels);
    Checks.finite("scores", scores);
    Checks.sameLength("labels", labels.length, "scores", scores.length);
    DeLong.Components c = DeLong.components(labels, scores);
    double se = Math.sqrt(c.variance());
    double z = normalQuantile(level);
    return new Interval(Math.max(0, c.auc() - z * se), Math.min(1, c.auc() + z * se), level, Interval.DELONG);
  }

  /**
   * Seeded, class-stratified percentile bootstrap of ROC AUC: each resample draws as many
   * positives (negatives) with replacement as there are positives (negatives); the scores are
   * sorted once and each resample only recounts over the sorted order. The interval is the
   * {@code (1 - level) / 2} and {@code (1 + level) / 2} percentiles (linear interpolation, as
   * {@code numpy.percentile}) of the B resampled AUCs.
   *
   * @param labels 0/1 labels, both classes present
   * @param scores finite scores
   * @param resamples B, at least 1
   * @param seed the seed: same inputs and seed, same interval
   * @param level the confidence level
   * @return the interval
   * @throws IllegalArgumentException on bad arrays, a missing class, {@code resamples < 1} or a bad level
   */
  public static Interval bootstrapRocAuc(int[] labels, double[] scores, int resamples, long seed, double level) {
    Checks.level(level);
    Checks.resamples(resamples);
    Checks.binaryLabels(labels);
    Checks.finite("scores", scores);
    Checks.sameLength("labels", labels.length, "scores", scores.length);
    double[] aucs = Bootstrap.stratifiedRocAuc(labels, scores, resamples, seed);
    return Bootstrap.percentileInterval(aucs, aucs.length, level);
  }

  /**
   * Returns the two-sided standard normal quantile for a confidence level.
   *
   * @param level the level, e.g. 0.95
   * @return z with {@code P(|Z| <= z) = level}, e.g. 1.959964 for 0.95
   */
  public static double normalQuantile(double level) {
    Checks.level(level);
    return new NormalDistribution(null, 0, 1).inverseCumulativeProbability(0.5 + level / 2);
  }
}
