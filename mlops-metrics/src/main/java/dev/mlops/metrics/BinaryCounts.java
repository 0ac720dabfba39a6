package dev.mlops.metrics;

import dev.mlops.metrics.internal.BinaryFormulas;
import dev.mlops.metrics.internal.Checks;
import java.util.List;

/**
 * The four confusion counts of a binary classifier (class 1 positive), with the metrics derived
 * from them. Counts are {@code long}, so results stay exact far beyond 2^24 rows.
 *
 * <pre>{@code
 * BinaryCounts counts = BinaryCounts.of(labels, scores, 0.5);
 * double f1 = counts.f1().value();
 * boolean noPositivePrediction = counts.precision().zeroDivision();
 * }</pre>
 *
 * <p>Zero division gives 0 with {@link MetricValue#zeroDivision()} set, as scikit-learn's
 * {@code zero_division=0}. Immutable and thread-safe.
 *
 * @param truePositives positives predicted positive
 * @param falsePositives negatives predicted positive
 * @param trueNegatives negatives predicted negative
 * @param falseNegatives positives predicted negative
 */
public record BinaryCounts(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative or all are 0
   */
  public BinaryCounts {
    if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
      throw new IllegalArgumentException("confusion counts must not be negative: " + truePositives + ", "
          + falsePositives + ", " + trueNegatives + ", " + falseNegatives);
    }
    if (truePositives + falsePositives + trueNegatives + falseNegatives == 0) {
      throw new IllegalArgumentException("confusion counts must not all be 0");
    }
  }

  /**
   * Counts labels against predicted classes.
   *
   * @param labels 0/1 labels
   * @param predicted 0/1 predictions
   * @return the counts
   * @throws IllegalArgumentException on empty or mismatched arrays or a value not 0/1 (naming the index)
   */
  public static BinaryCounts of(int[] labels, int[] predicted) {
    java.util.Objects.requireNonNull(labels, "labels");
    java.util.Objects.requireNonNull(predicted, "predicted");
    Checks.nonEmpty("labels", labels.length);
    Checks.sameLength("labels", labels.length, "predicted", predicted.length);
    // int accumulators cannot overflow (each count is at most the array length) and let C2 vectorise
    int tp = 0;
    int predictedPositive = 0;
    int positives = 0;
    int invalid = 0; // validation fused into the counting pass: any bit beyond bit 0 marks a bad value
    for (int i = 0; i < labels.length; i++) {
      int y = labels[i];
      int p = predicted[i];
      invalid |= (y | p) & ~1;
      positives += y;
      predictedPositive += p;
      tp += y & p;
    }
    long fp = (long) predictedPositive - tp;
    if (invalid != 0) {
      Checks.binaryLabels(labels);
      for (int i = 0; i < predicted.length; i++) {
        if (predicted[i] != 0 && predicted[i] != 1) {
          throw new IllegalArgumentException("predicted must be 0 or 1: predicted[" + i + "] = " + predicted[i]);
        }
      }
    }
    long n = labels.length;
    return new BinaryCounts(tp, fp, n - positives - fp, (long) positives - tp);
  }

  /**
   * Counts labels against scores at a threshold: {@code score >= threshold} is predicted positive.
   *
   * @param labels 0/1 labels
   * @param scores finite scores
   * @param threshold the decision threshold
   * @return the counts
   * @throws IllegalArgumentException on empty or mismatched arrays, a label not 0/1 or a non-finite score
   */
  public static BinaryCounts of(int[] labels, double[] scores, double threshold) {
    java.util.Objects.requireNonNull(labels, "labels");
    java.util.Objects.requireNonNull(scores, "scores");
    Checks.nonEmpty("labels", labels.length);
    Checks.sameLength("labels", labels.length, "scores", scores.length);
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must not be NaN");
    }
    int tp = 0;
    int predictedPositive = 0;
    int positives = 0;
    int invalidLabels = 0;
    boolean allFinite = true;
    for (int i = 0; i < labels.length; i++) {
      int y = labels[i];
      double s = scores[i];
      invalidLabels |= y & ~1;
      allFinite &= s - s == 0; // false for NaN and infinities
      int p = s >= threshold ? 1 : 0;
      positives += y;
      predictedPositive += p;
      tp += y & p;
    }
    long fp = (long) predictedPositive - tp;
    if (invalidLabels != 0) {
      Checks.binaryLabels(labels);
    }
    if (!allFinite) {
      Checks.finite("scores", scores);
    }
    long n = labels.length;
    return new BinaryCounts(tp, fp, n - positives - fp, (long) positives - tp);
  }

  /**
   * Returns the number of rows.
   *
   * @return TP + FP + TN + FN
   */
  public long total() {
    return truePositives + falsePositives + trueNegatives + falseNegatives;
  }

  /**
   * Computes a confusion-count metric by its enum constant.
   *
   * @param metric one of ACCURACY, BALANCED_ACCURACY, PRECISION, RECALL, SPECIFICITY, FPR, FNR,
   *     F1, MCC, COHEN_KAPPA, PREVALENCE (F_BETA: use {@link #fBeta(double)})
   * @return its value
   * @throws IllegalArgumentException if the metric is not derived from confusion counts or is undefined
   */
  public MetricValue metric(Metric metric) {
    return BinaryFormulas.compute(metric, truePositives, falsePositives, trueNegatives, falseNegatives, 1.0,
        truePositives, falsePositives, trueNegatives, falseNegatives);
  }

  /** @return (TP + TN) / n ({@code accuracy_score}) */
  public MetricValue accuracy() {
    return metric(Metric.ACCURACY);
  }

  /** @return mean recall over the classes present ({@code balanced_accuracy_score}) */
  public MetricValue balancedAccuracy() {
    return metric(Metric.BALANCED_ACCURACY);
  }

  /** @return TP / (TP + FP), 0 with zero division when nothing is predicted positive */
  public MetricValue precision() {
    return metric(Metric.PRECISION);
  }

  /** @return TP / (TP + FN), 0 with zero division when there is no positive label */
  public MetricValue recall() {
    return metric(Metric.RECALL);
  }

  /** @return TN / (TN + FP), 0 with zero division when there is no negative label */
  public MetricValue specificity() {
    return metric(Metric.SPECIFICITY);
  }

  /** @return FP / (FP + TN), 0 with zero division when there is no negative label */
  public MetricValue fpr() {
    return metric(Metric.FPR);
  }

  /** @return FN / (FN + TP), 0 with zero division when there is no positive label */
  public MetricValue fnr() {
    return metric(Metric.FNR);
  }

  /** @return 2TP / (2TP + FP + FN), 0 with zero division when that denominator is 0 ({@code f1_score}) */
  public MetricValue f1() {
    return metric(Metric.F1);
  }

  /**
   * Computes F-beta as {@code fbeta_score}: {@code (1 + b^2) TP / ((1 + b^2) TP + b^2 FN + FP)}.
   *
   * @param beta positive, finite
   * @return the F-beta score, 0 with zero division when the denominator is 0
   * @throws IllegalArgumentException if beta is not positive and finite
   */
  public MetricValue fBeta(double beta) {
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be positive and finite: " + beta);
    }
    return BinaryFormulas.compute(Metric.F_BETA, truePositives, falsePositives, trueNegatives, falseNegatives, beta,
        truePositives, falsePositives, trueNegatives, falseNegatives);
  }

  /** @return the Matthews correlation coefficient ({@code matthews_corrcoef}; 0 with zero division) */
  public MetricValue mcc() {
    return metric(Metric.MCC);
  }

  /**
   * Computes Cohen's kappa between labels and predictions ({@code cohen_kappa_score}).
   *
   * @return kappa
   * @throws IllegalArgumentException if labels and predictions are all the same single class
   */
  public MetricValue cohenKappa() {
    return metric(Metric.COHEN_KAPPA);
  }

  /** @return (TP + FN) / n */
  public MetricValue prevalence() {
    return metric(Metric.PREVALENCE);
  }

  /**
   * Returns the counts as a 2 x 2 {@link ConfusionMatrix} (rows actual, columns predicted).
   *
   * @return {@code [[TN, FP], [FN, TP]]}
   */
  public ConfusionMatrix toConfusionMatrix() {
    return new ConfusionMatrix(new long[][] {{trueNegatives, falsePositives}, {falseNegatives, truePositives}},
        List.of("0", "1"));
  }
}
