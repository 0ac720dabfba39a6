package dev.mlops.metrics;

import dev.mlops.metrics.internal.Comparisons;

/**
 * Paired comparison of a candidate and a baseline model evaluated on the same rows.
 *
 * <pre>{@code
 * ComparisonResult acc = ModelComparison.mcnemar(labels, candidatePred, baselinePred);
 * ComparisonResult auc = ModelComparison.delong(labels, candidateScores, baselineScores);
 * ComparisonResult f1 = ModelComparison.pairedBootstrap(Metric.F1, labels, candidateScores, baselineScores, 1000, 42L);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelComparison {

  /** Below this many discordant pairs McNemar's test is the exact binomial one. */
  public static final int MCNEMAR_EXACT_BELOW = 25;

  private ModelComparison() {}

  /**
   * McNemar's test of equal accuracy of two classifiers on the same rows. With b = rows only the
   * candidate gets right and c = rows only the baseline gets right: when {@code b + c < 25} the
   * exact two-sided binomial test {@code p = min(1, 2 P(X <= min(b, c)))}, X ~ Binomial(b + c, 1/2);
   * otherwise the chi-square test with continuity correction {@code (|b - c| - 1)^2 / (b + c)}, 1
   * degree of freedom (statsmodels' {@code mcnemar(exact=..., correction=True)}). p = 1 when
   * {@code b + c == 0}. The interval of the accuracy difference is the Wald interval for paired
   * proportions. Works for binary and multiclass predictions.
   *
   * @param labels true classes (non-negative)
   * @param candidatePredictions the candidate's predicted classes
   * @param baselinePredictions the baseline's predicted classes
   * @return accuracies, their difference with a 95% interval, and the p-value
   * @throws IllegalArgumentException on empty or mismatched arrays or a negative class (naming the index)
   */
  public static ComparisonResult mcnemar(int[] labels, int[] candidatePredictions, int[] baselinePredictions) {
    return mcnemar(labels, candidatePredictions, baselinePredictions, ClassificationEvaluation.DEFAULT_CONFIDENCE_LEVEL);
  }

  /**
   * McNemar's test as {@link #mcnemar(int[], int[], int[])} with a chosen interval level.
   *
   * @param labels true classes
   * @param candidatePredictions the candidate's predicted classes
   * @param baselinePredictions the baseline's predicted classes
   * @param confidenceLevel the level of the difference interval, in (0, 1)
   * @return the comparison
   */
  public static ComparisonResult mcnemar(int[] labels, int[] candidatePredictions, int[] baselinePredictions,
      double confidenceLevel) {
    return Comparisons.mcnemar(labels, candidatePredictions, baselinePredictions, confidenceLevel);
  }

  /**
   * DeLong's test of equal ROC AUC of two correlated binary scorers on the same rows (DeLong,
   * DeLong and Clarke-Pearson 1988): {@code z = (A1 - A2) / sqrt(var(A1) + var(A2) - 2 cov)} from
   * the structural components; two-sided normal p-value; normal interval of the difference.
   *
   * @param labels 0/1 labels, both classes present
   * @param candidateScores the candidate's scores (any finite values, higher = more positive)
   * @param baselineScores the baseline's scores
   * @return both AUCs, their difference with a 95% interval and the p-value
   * @throws IllegalArgumentException on bad arrays or if a class is missing
   */
  public static ComparisonResult delong(int[] labels, double[] candidateScores, double[] baselineScores) {
    return delong(labels, candidateScores, baselineScores, ClassificationEvaluation.DEFAULT_CONFIDENCE_LEVEL);
  }

  /**
   * DeLong's test as {@link #delong(int[], double[], double[])} with a chosen interval level.
   *
   * @param labels 0/1 labels
   * @param candidateScores the candidate's scores
   * @param baselineScores the baseline's scores
   * @param confidenceLevel the level of the difference interval
   * @return the comparison
   */
  public static ComparisonResult delong(int[] labels, double[] candidateScores, double[] baselineScores,
      double confidenceLevel) {
    return Comparisons.delong(labels, candidateScores, baselineScores, confidenceLevel);
  }

  /**
   * Paired, class-stratified percentile bootstrap of any binary classification metric at the
   * decision threshold 0.5: each resample draws the same rows for both models. The p-value is
   * {@code min(1, 2 (min(#(d* <= 0), #(d* >= 0)) + 1) / (B + 1))} over the resampled differences
   * d* (SciPy's rule for Monte Carlo p-values: never 0; when no resample reaches 0 it is the bound
   * {@code 2 / (B + 1)}, flagged by {@link ComparisonResult#pValueIsBound()}). Resamples where the
   * metric is undefined for either model are skipped (and reduce B).
   *
   * @param metric a binary classification metric
   * @param labels 0/1 labels
   * @param candidateScores the candidate's P(class 1)
   * @param baselineScores the baseline's P(class 1)
   * @param resamples B, at least 1
   * @param seed the seed
   * @return the comparison
   * @throws IllegalArgumentException on bad arrays, a non-binary metric, or a metric undefined on the full data
   */
  public static ComparisonResult pairedBootstrap(Metric metric, int[] labels, double[] candidateScores,
      double[] baselineScores, int resamples, long seed) {
    return pairedBootstrap(metric, labels, candidateScores, baselineScores, ClassificationEvaluation.DEFAULT_THRESHOLD,
        resamples, seed, ClassificationEvaluation.DEFAULT_CONFIDENCE_LEVEL);
  }

  /**
   * Paired bootstrap of a binary classification metric with a chosen threshold and level.
   *
   * @param metric a binary classification metric
   * @param labels 0/1 labels
   * @param candidateScores the candidate's P(class 1)
   * @param baselineScores the baseline's P(class 1)
   * @param threshold the decision threshold for both models
   * @param resamples B
   * @param seed the seed
   * @param confidenceLevel the interval level
   * @return the comparison
   */
  public static ComparisonResult pairedBootstrap(Metric metric, int[] labels, double[] candidateScores,
      double[] baselineScores, double threshold, int resamples, long seed, double confidenceLevel) {
    return Comparisons.pairedBootstrapBinary(metric, labels, candidateScores, baselineScores, threshold,
        resamples, seed, confidenceLevel);
  }

  /**
   * Paired, class-stratified bootstrap of any multiclass metric.
   *
   * @param metric a multiclass classification metric
   * @param labels class labels
   * @param candidateProbabilities the candidate's probability rows
   * @param baselineProbabilities the baseline's probability rows
   * @param resamples B
   * @param seed the seed
   * @return the comparison (95% interval)
   */
  public static ComparisonResult pairedBootstrap(Metric metric, int[] labels, double[][] candidateProbabilities,
      double[][] baselineProbabilities, int resamples, long seed) {
    return Comparisons.pairedBootstrapMulticlass(metric, labels, candidateProbabilities, baselineProbabilities,
        resamples, seed, ClassificationEvaluation.DEFAULT_CONFIDENCE_LEVEL);
  }

  /**
   * Paired bootstrap of a multiclass metric as
   * {@link #pairedBootstrap(Metric, int[], double[][], double[][], int, long)} with a chosen interval level.
   *
   * @param metric a multiclass classification metric
   * @param labels class labels
   * @param candidateProbabilities the candidate's probability rows
   * @param baselineProbabilities the baseline's probability rows
   * @param resamples B
   * @param seed the seed
   * @param confidenceLevel the level of the difference interval, in (0, 1)
   * @return the comparison
   * @throws IllegalArgumentException as the 95% variant, or if the level is outside (0, 1)
   */
  public static ComparisonResult pairedBootstrap(Metric metric, int[] labels, double[][] candidateProbabilities,
      double[][] baselineProbabilities, int resamples, long seed, double confidenceLevel) {
    return Comparisons.pairedBootstrapMulticlass(metric, labels, candidateProbabilities, baselineProbabilities,
        resamples, seed, confidenceLevel);
  }

  /**
   * Paired (unstratified) bootstrap of any regression metric.
   *
   * @param metric a regression metric
   * @param actual the true values
   * @param candidatePredictions the candidate's predictions
   * @param baselinePredictions the baseline's predictions
   * @param resamples B
   * @param seed the seed
   * @return the comparison (95% interval)
   */
  public static ComparisonResult pairedBootstrap(Metric metric, double[] actual, double[] candidatePredictions,
      double[] baselinePredictions, int resamples, long seed) {
    return Comparisons.pairedBootstrapRegression(metric, actual, candidatePredictions, baselinePredictions,
        resamples, seed, ClassificationEvaluation.DEFAULT_CONFIDENCE_LEVEL);
  }

  /**
   * Paired bootstrap of a regression metric as
   * {@link #pairedBootstrap(Metric, double[], double[], double[], int, long)} with a chosen interval level.
   *
   * @param metric a regression metric
   * @param actual the true values
   * @param candidatePredictions the candidate's predictions
   * @param baselinePredictions the baseline's predictions
   * @param resamples B
   * @param seed the seed
   * @param confidenceLevel the level of the difference interval, in (0, 1)
   * @return the comparison
   * @throws IllegalArgumentException as the 95% variant, or if the level is outside (0, 1)
   */
  public static ComparisonResult pairedBootstrap(Metric metric, double[] actual, double[] candidatePredictions,
      double[] baselinePredictions, int resamples, long seed, double confidenceLevel) {
    return Comparisons.pairedBootstrapRegression(metric, actual, candidatePredictions, baselinePredictions,
        resamples, seed, confidenceLevel);
  }

  /**
   * Paired, seeded percentile bootstrap of any metric, built-in or user-defined, on two models'
   * predictions of the same rows ({@link MetricData} of the same labels or actual values, threshold
   * and weights each its own): class-stratified for classification, plain for regression. The
   * p-value is the two-sided bootstrap p-value of "no difference", {@code min(1, 2 (k + 1) / (B +
   * 1))} (see {@link #pairedBootstrap(Metric, int[], double[], double[], int, long)}).
   *
   * @param metric the metric
   * @param candidate the candidate's labelled predictions
   * @param baseline the baseline's labelled predictions of the same rows
   * @param resamples B, at least 1
   * @param seed the seed
   * @param confidenceLevel the level of the interval of the difference
   * @return candidate, baseline, difference (candidate - baseline) with its interval and p-value
   * @throws IllegalArgumentException if the data differ in kind, rows or labels, or the metric is
   *     undefined on the full data or in every resample
   */
  public static ComparisonResult pairedBootstrap(Metric metric, MetricData candidate, MetricData baseline,
      int resamples, long seed, double confidenceLevel) {
    return Comparisons.pairedBootstrap(metric, candidate, baseline, resamples, seed, confidenceLevel);
  }
}
