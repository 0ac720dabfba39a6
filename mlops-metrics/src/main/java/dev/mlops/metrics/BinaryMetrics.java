package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import dev.mlops.metrics.internal.LogLoss;

/**
 * Pure binary classification metrics on primitive arrays (labels 0/1, class 1 positive), with
 * scikit-learn's semantics. Threshold metrics come from {@link BinaryCounts}; ranking metrics from
 * {@link BinaryRanking} (use it directly to get several of them from one sort).
 *
 * <pre>{@code
 * double auc = BinaryMetrics.rocAuc(labels, scores).value();
 * double f1 = BinaryMetrics.counts(labels, scores, 0.5).f1().value();
 * double logLoss = BinaryMetrics.logLoss(labels, scores).value();
 * }</pre>
 *
 * <p>Undefined metrics (ROC AUC with one class present...) throw {@link IllegalArgumentException};
 * zero divisions give 0 and are flagged in the {@link MetricValue}. Stateless and thread-safe.
 */
public final class BinaryMetrics {

  /**
   * Probabilities are clipped to {@code [EPSILON, 1 - EPSILON]} by {@link #logLoss}: the float64
   * machine epsilon 2.220446049250313e-16, as scikit-learn's {@code log_loss(eps='auto')} (1.2 and later).
   */
  public static final double LOG_LOSS_EPSILON = LogLoss.EPSILON;

  private BinaryMetrics() {}

  /**
   * Counts labels against scores at a threshold ({@code score >= threshold} is positive).
   *
   * @param labels 0/1 labels
   * @param scores finite scores
   * @param threshold the decision threshold
   * @return the confusion counts
   * @throws IllegalArgumentException on bad arrays (naming the index and value)
   */
  public static BinaryCounts counts(int[] labels, double[] scores, double threshold) {
    return BinaryCounts.of(labels, scores, threshold);
  }

  /**
   * Counts labels against predicted classes.
   *
   * @param labels 0/1 labels
   * @param predicted 0/1 predictions
   * @return the confusion counts
   * @throws IllegalArgumentException on bad arrays (naming the index and value)
   */
  public static BinaryCounts counts(int[] labels, int[] predicted) {
    return BinaryCounts.of(labels, predicted);
  }

  /**
   * Turns scores into predicted classes: 1 when {@code score >= threshold}.
   *
   * @param scores finite scores
   * @param threshold the threshold
   * @return the predicted classes
   * @throws IllegalArgumentException if a score is not finite
   */
  public static int[] predict(double[] scores, double threshold) {
    Checks.finite("scores", scores);
    int[] predicted = new int[scores.length];
    for (int i = 0; i < scores.length; i++) {
      predicted[i] = scores[i] >= threshold ? 1 : 0;
    }
    return predicted;
  }

  /**
   * ROC AUC as {@code roc_auc_score} (ties count one half).
   *
   * @param labels 0/1 labels
   * @param scores finite scores
   * @return the AUC
   * @throws IllegalArgumentException on bad arrays or if only one class is present
   */
  public static MetricValue rocAuc(int[] labels, double[] scores) {
    return BinaryRanking.of(labels, scores).rocAuc();
  }

  /**
   * Weighted ROC AUC as {@code roc_auc_score(sample_weight=...)}.
   *
   * @param labels 0/1 labels
   * @param scores finite scores
   * @param weights non-negative weights, or null
   * @return the AUC
   * @throws IllegalArgumentException on bad arrays or if only one class has positive weight
   */
  public static MetricValue rocAuc(int[] labels, double[] scores, double[] weights) {
    return BinaryRanking.of(labels, scores, weights).rocAuc();
  }

  /**
   * Average precision as {@code average_precision_score} (step-wise).
   *
   * @param labels 0/1 labels
   * @param scores finite scores
   * @return AP
   * @throws IllegalArgumentException on bad arrays or if no positive is present
   */
  public static MetricValue averagePrecision(int[] labels, double[] scores) {
    return BinaryRanking.of(labels, scores).averagePrecision();
  }

  /**
   * Weighted average precision.
   *
   * @param labels 0/1 labels
   * @param scores finite scores
   * @param weights non-negative weights, or null
   * @return AP
   * @throws IllegalArgumentException on bad arrays or if no positive has positive weight
   */
  public static MetricValue averagePrecision(int[] labels, double[] scores, double[] weights) {
    return BinaryRanking.of(labels, scores, weights).averagePrecision();
  }

  /**
   * Log loss as {@code log_loss}: {@code -mean(y log p + (1 - y) log(1 - p))} with p clipped to
   * {@code [1e-15, 1 - 1e-15]}.
   *
   * @param labels 0/1 labels
   * @param probabilities P(class 1), in [0, 1]
   * @return the log loss
   * @throws IllegalArgumentException on bad arrays (naming the index and value)
   */
  public static MetricValue logLoss(int[] labels, double[] probabilities) {
    return logLoss(labels, probabilities, null);
  }

  /**
   * Weighted log loss.
   *
   * @param labels 0/1 labels
   * @param probabilities P(class 1), in [0, 1]
   * @param weights non-negative weights, or null
   * @return the weighted mean log loss
   * @throws IllegalArgumentException on bad arrays
   */
  public static MetricValue logLoss(int[] labels, double[] probabilities, double[] weights) {
    check(labels, probabilities, weights);
    double sum = 0;
    double total = 0;
    for (int i = 0; i < labels.length; i++) {
      double w = weights == null ? 1 : weights[i];
      sum += w * rowLogLoss(labels[i], probabilities[i]);
      total += w;
    }
    return MetricValue.of(Metric.LOG_LOSS, sum / total, labels.length);
  }

  /**
   * The log loss of one row.
   *
   * @param label 0 or 1
   * @param p P(class 1)
   * @return {@code -log(clip(p))} for a positive, {@code -log(1 - clip(p))} for a negative
   */
  static double rowLogLoss(int label, double p) {
    return LogLoss.binary(label, p);
  }

  /**
   * Brier score as {@code brier_score_loss}: {@code mean((p - y)^2)}.
   *
   * @param labels 0/1 labels
   * @param probabilities P(class 1), in [0, 1]
   * @return the Brier score
   * @throws IllegalArgumentException on bad arrays
   */
  public static MetricValue brier(int[] labels, double[] probabilities) {
    return brier(labels, probabilities, null);
  }

  /**
   * Weighted Brier score.
   *
   * @param labels 0/1 labels
   * @param probabilities P(class 1), in [0, 1]
   * @param weights non-negative weights, or null
   * @return the weighted Brier score
   * @throws IllegalArgumentException on bad arrays
   */
  public static MetricValue brier(int[] labels, double[] probabilities, double[] weights) {
    check(labels, probabilities, weights);
    double sum = 0;
    double total = 0;
    for (int i = 0; i < labels.length; i++) {
      double w = weights == null ? 1 : weights[i];
      double d = probabilities[i] - labels[i];
      sum += w * d * d;
      total += w;
    }
    return MetricValue.of(Metric.BRIER, sum / total, labels.length);
  }

  private static void check(int[] labels, double[] probabilities, double[] weights) {
    Checks.binaryLabels(labels);
    Checks.probabilities("probabilities", probabilities);
    Checks.sameLength("labels", labels.length, "probabilities", probabilities.length);
    if (weights != null) {
      Checks.weights(weights, labels.length);
    }
  }
}
