package dev.mlops.core.retraining;

import java.util.Locale;

/**
 * The loop's label join so far: labels that found their prediction, labels that matched none (an
 * unknown or repeated request id, or a prediction that had already expired), predictions whose label
 * did not arrive within the timeout (or that the pending bound evicted), and predictions waiting now.
 *
 * <p>Immutable and thread-safe.
 *
 * @param matched labels joined to their prediction
 * @param unmatched labels that matched no waiting prediction
 * @param expired predictions that expired or were evicted before their label
 * @param pending predictions waiting for a label now
 */
public record LabelCounts(long matched, long unmatched, long expired, long pending) {

  /**
   * The counts since an earlier snapshot (pending as now).
   *
   * @param earlier the earlier counts
   * @return the differences
   */
  public LabelCounts minus(LabelCounts earlier) {
    return new LabelCounts(matched - earlier.matched, unmatched - earlier.unmatched, expired - earlier.expired, pending);
  }

  /**
   * The share of labels and predictions lost: (unmatched + expired) / (matched + unmatched + expired).
   *
   * @return the share, 0 when nothing happened
   */
  public double lostShare() {
    long all = matched + unmatched + expired;
    return all == 0 ? 0 : (unmatched + expired) / (double) all;
  }

  /**
   * One line for logs and reports.
   *
   * @return e.g. {@code "labels matched 980, unmatched 3, expired 17, pending 1000"}
   */
  public String toText() {
    return String.format(Locale.ROOT, "labels matched %d, unmatched %d, expired %d, pending %d",
        matched, unmatched, expired, pending);
  }
}
