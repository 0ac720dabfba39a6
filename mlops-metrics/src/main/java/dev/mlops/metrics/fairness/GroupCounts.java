package dev.mlops.metrics.fairness;

/**
 * The confusion counts of every group of one attribute in one pass: cell {@code 2 * label +
 * predicted} of group {@code g} is {@code counts[4 * g + cell]} (without labels every row counts as
 * label 0, so cells 0 and 1 hold the predicted negatives and positives). Not thread-safe; not API.
 */
final class GroupCounts {

  static final int TN = 0;
  static final int FP = 1;
  static final int FN = 2;
  static final int TP = 3;

  /** Rows per block: the block's three arrays (24 KiB) stay in the L1 cache between the two passes. */
  private static final int BLOCK = 2048;

  private GroupCounts() {}

  /**
   * Counts the rows of every group.
   *
   * @param codes the group code of each row, in [0, groups)
   * @param groups the number of groups
   * @param labels 0/1 labels, or {@code null}
   * @param predicted 0/1 predictions
   * @return {@code 4 * groups} counts
   * @throws IllegalArgumentException naming the first row whose code, label or prediction is invalid
   */
  static long[] count(int[] codes, int groups, int[] labels, int[] predicted) {
    int[] table = new int[4 * groups]; // int cells cannot overflow: each is at most the row count
    int n = predicted.length;
    int lastGroup = groups - 1;
    for (int from = 0; from < n; from += BLOCK) {
      int to = Math.min(n, from + BLOCK);
      // pass 1, the validity of every value: reductions only (no store, so C2 vectorises it, which
      // it does not for a pass that also writes an int[] of slots: that store may alias the inputs);
      // it also brings the block into the L1 cache
      int outOfRange = 0;
      int bits = 0;
      if (labels == null) {
        for (int i = from; i < to; i++) {
          int code = codes[i];
          outOfRange |= code | (lastGroup - code);
          bits |= predicted[i];
        }
      } else {
        for (int i = from; i < to; i++) {
          int code = codes[i];
          outOfRange |= code | (lastGroup - code);
          bits |= labels[i] | predicted[i];
        }
      }
      if (outOfRange < 0 || (bits & ~1) != 0) {
        throwInvalid(codes, groups, labels, predicted);
      }
      // pass 2, the histogram: one increment per row of cell 4 * code + 2 * label + prediction
      if (labels == null) {
        for (int i = from; i < to; i++) {
          table[(codes[i] << 2) | predicted[i]]++;
        }
      } else {
        for (int i = from; i < to; i++) {
          table[(codes[i] << 2) | (labels[i] << 1) | predicted[i]]++;
        }
      }
    }
    long[] counts = new long[table.length];
    for (int k = 0; k < table.length; k++) {
      counts[k] = table[k];
    }
    return counts;
  }

  private static void throwInvalid(int[] codes, int groups, int[] labels, int[] predicted) {
    for (int i = 0; i < predicted.length; i++) {
      if (codes[i] < 0 || codes[i] >= groups) {
        throw new IllegalArgumentException("group code must be in [0, " + groups + "): row " + i + " has "
            + codes[i]);
      }
      if (predicted[i] != 0 && predicted[i] != 1) {
        throw new IllegalArgumentException("predicted must be 0 or 1: predicted[" + i + "] = " + predicted[i]);
      }
      if (labels != null && labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1: labels[" + i + "] = " + labels[i]);
      }
    }
  }
}
