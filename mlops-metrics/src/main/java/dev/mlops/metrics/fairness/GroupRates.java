package dev.mlops.metrics.fairness;

import java.util.Map;
import java.util.Objects;

/**
 * The counts and rates of one group of a sensitive attribute (class 1 is the favourable,
 * "selected" outcome). Rates that cannot be computed (a true positive rate in a group without
 * positives) are {@link Double#NaN}; JSON writes them as {@code null}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group the group's name (for an intersection, {@code "a & b"})
 * @param size the number of rows in the group
 * @param predictedPositives rows predicted positive (selected)
 * @param truePositives positives predicted positive; 0 without labels
 * @param falsePositives negatives predicted positive; 0 without labels
 * @param trueNegatives negatives predicted negative; 0 without labels
 * @param falseNegatives positives predicted negative; 0 without labels
 * @param labelled whether labels were given (otherwise only the selection rate is known)
 * @param judged whether the group has at least the minimum group size and takes part in the
 *     disparities (a smaller group is reported, not judged)
 * @param metrics further per-group metrics by key (user metrics), possibly empty
 */
public record GroupRates(String group, long size, long predictedPositives, long truePositives,
    long falsePositives, long trueNegatives, long falseNegatives, boolean labelled, boolean judged,
    Map<String, Double> metrics) {

  /**
   * Validates the counts.
   *
   * @throws NullPointerException if group or metrics is null
   * @throws IllegalArgumentException if a count is negative or the counts do not add up
   */
  public GroupRates {
    Objects.requireNonNull(group, "group");
    metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
    if (size < 0 || predictedPositives < 0 || truePositives < 0 || falsePositives < 0
        || trueNegatives < 0 || falseNegatives < 0) {
      throw new IllegalArgumentException("group counts must not be negative: group " + group);
    }
    if (predictedPositives > size) {
      throw new IllegalArgumentException("predicted positives must not exceed the group size: group "
          + group + ", " + predictedPositives + " > " + size);
    }
    if (labelled && (truePositives + falsePositives + trueNegatives + falseNegatives != size
        || truePositives + falsePositives != predictedPositives)) {
      throw new IllegalArgumentException("confusion counts must add up to the group size: group " + group);
    }
  }

  /**
   * The share of the group predicted positive.
   *
   * @return predicted positives / size, NaN for an empty group
   */
  public double selectionRate() {
    return ratio(predictedPositives, size);
  }

  /**
   * The true positive rate (recall) of the group.
   *
   * @return TP / (TP + FN), NaN without labels or positives
   */
  public double truePositiveRate() {
    return labelled ? ratio(truePositives, truePositives + falseNegatives) : Double.NaN;
  }

  /**
   * The false positive rate of the group.
   *
   * @return FP / (FP + TN), NaN without labels or negatives
   */
  public double falsePositiveRate() {
    return labelled ? ratio(falsePositives, falsePositives + trueNegatives) : Double.NaN;
  }

  /**
   * The precision (positive predictive value) of the group.
   *
   * @return TP / (TP + FP), NaN without labels or positive predictions
   */
  public double precision() {
    return labelled ? ratio(truePositives, predictedPositives) : Double.NaN;
  }

  /**
   * The accuracy of the group.
   *
   * @return (TP + TN) / size, NaN without labels
   */
  public double accuracy() {
    return labelled ? ratio(truePositives + trueNegatives, size) : Double.NaN;
  }

  /**
   * The number of actual positives in the group.
   *
   * @return TP + FN (0 without labels)
   */
  public long positives() {
    return truePositives + falseNegatives;
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }
}
