package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The confusion counts of a binary classifier at every distinct score used as the decision
 * threshold (a row is predicted positive when {@code score >= threshold}), thresholds decreasing,
 * with the pickers that choose an operating point: {@link #maxF1()}, {@link #forPrecision(double)},
 * {@link #forRecall(double)}. Counts are unweighted {@code long}s.
 *
 * <p>Immutable (arrays copied in and out) and thread-safe.
 *
 * @param thresholds distinct scores, decreasing
 * @param truePositives positives with {@code score >= thresholds[i]}, non-decreasing
 * @param falsePositives negatives with {@code score >= thresholds[i]}, non-decreasing
 * @param positives the number of positive rows
 * @param negatives the number of negative rows
 */
public record ThresholdTable(double[] thresholds, long[] truePositives, long[] falsePositives,
    long positives, long negatives) {

  /**
   * One row of the table: the operating point at one threshold.
   *
   * @param threshold the decision threshold
   * @param truePositives TP
   * @param falsePositives FP
   * @param trueNegatives TN
   * @param falseNegatives FN
   * @param precision TP / (TP + FP), 0 when nothing is predicted positive
   * @param recall TP / (TP + FN), 0 when there is no positive
   * @param f1 2TP / (2TP + FP + FN), 0 when that denominator is 0
   * @param fpr FP / (FP + TN), 0 when there is no negative
   */
  public record Row(double threshold, long truePositives, long falsePositives, long trueNegatives,
      long falseNegatives, double precision, double recall, double f1, double fpr) {}

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if the arrays differ in length or counts exceed the totals
   */
  public ThresholdTable {
    Checks.nonNull("thresholds", thresholds, "truePositives", truePositives,
        "falsePositives", falsePositives);
    if (thresholds.length != truePositives.length || thresholds.length != falsePositives.length) {
      throw new IllegalArgumentException("threshold table arrays must have the same length: "
          + thresholds.length + ", " + truePositives.length + ", " + falsePositives.length);
    }
    if (positives < 0 || negatives < 0) {
      throw new IllegalArgumentException("threshold table totals must not be negative: " + positives + ", " + negatives);
    }
    int last = thresholds.length - 1;
    if (last >= 0 && (truePositives[last] > positives || falsePositives[last] > negatives)) {
      throw new IllegalArgumentException("threshold table counts must not exceed the totals");
    }
    thresholds = thresholds.clone();
    truePositives = truePositives.clone();
    falsePositives = falsePositives.clone();
  }

  /** @return a copy of the thresholds */
  @Override
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** @return a copy of the true positive counts */
  @Override
  public long[] truePositives() {
    return truePositives.clone();
  }

  /** @return a copy of the false positive counts */
  @Override
  public long[] falsePositives() {
    return falsePositives.clone();
  }

  /**
   * Returns the number of thresholds.
   *
   * @return the number of rows
   */
  public int size() {
    return thresholds.length;
  }

  /**
   * Returns one operating point.
   *
   * @param index the row, 0 = highest threshold
   * @return the row
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  public Row row(int index) {
    Objects.checkIndex(index, thresholds.length);
    long tp = truePositives[index];
    long fp = falsePositives[index];
    long fn = positives - tp;
    long tn = negatives - fp;
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = positives == 0 ? 0 : (double) tp / positives;
    double f1 = 2 * tp + fp + fn == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    double fpr = negatives == 0 ? 0 : (double) fp / negatives;
    return new Row(thresholds[index], tp, fp, tn, fn, precision, recall, f1, fpr);
  }

  /**
   * Picks the threshold that maximises F1 (the highest such threshold on ties).
   *
   * @return the best row, empty if the table is empty
   */
  public Optional<Row> maxF1() {
    int best = -1;
    double bestF1 = -1;
    for (int i = 0; i < thresholds.length; i++) {
      long tp = truePositives[i];
      long denominator = 2 * tp + falsePositives[i] + (positives - tp);
      double f1 = denominator == 0 ? 0 : 2.0 * tp / denominator;
      if (f1 > bestF1) {
        bestF1 = f1;
        best = i;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(row(best));
  }

  /**
   * Picks the lowest threshold (hence the highest recall) whose precision reaches a target.
   *
   * @param targetPrecision the precision to reach, in [0, 1]
   * @return that row, or empty if no threshold reaches the target
   * @throws IllegalArgumentException if the target is outside [0, 1]
   */
  public Optional<Row> forPrecision(double targetPrecision) {
    checkTarget("target precision", targetPrecision);
    for (int i = thresholds.length - 1; i >= 0; i--) {
      long tp = truePositives[i];
      long predicted = tp + falsePositives[i];
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      if (precision >= targetPrecision) {
        return Optional.of(row(i));
      }
    }
    return Optional.empty();
  }

  /**
   * Picks the highest threshold (hence the highest precision among them, as recall only grows as
   * the threshold falls) whose recall reaches a target.
   *
   * @param targetRecall the recall to reach, in [0, 1]
   * @return that row, or empty if no threshold reaches the target (no positives)
   * @throws IllegalArgumentException if the target is outside [0, 1]
   */
  public Optional<Row> forRecall(double targetRecall) {
    checkTarget("target recall", targetRecall);
    if (positives == 0) {
      return Optional.empty();
    }
    for (int i = 0; i < thresholds.length; i++) {
      if ((double) truePositives[i] / positives >= targetRecall) {
        return Optional.of(row(i));
      }
    }
    return Optional.empty();
  }

  private static void checkTarget(String what, double target) {
    if (!(target >= 0 && target <= 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1]: " + target);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ThresholdTable other && Arrays.equals(thresholds, other.thresholds)
        && Arrays.equals(truePositives, other.truePositives)
        && Arrays.equals(falsePositives, other.falsePositives)
        && positives == other.positives && negatives == other.negatives;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(thresholds), Arrays.hashCode(truePositives),
        Arrays.hashCode(falsePositives), positives, negatives);
  }

  @Override
  public String toString() {
    return "ThresholdTable[" + thresholds.length + " thresholds, " + positives + " positives, " + negatives + " negatives]";
  }
}
