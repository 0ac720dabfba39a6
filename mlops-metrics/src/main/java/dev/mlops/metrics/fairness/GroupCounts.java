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

  /** Rows per block: the block's slots stay in the L1 cache between the two passes. */
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
    int cells = 4 * groups;
    // four interleaved tables: consecutive rows of one group do not wait on each other's increment
    int[] a = new int[cells];
    int[] b = new int[cells];
    int[] c = new int[cells];
    int[] d = new int[cells];
    int[] slots = new int[BLOCK];
    int n = predicted.length;
    int lastGroup = groups - 1;
    for (int from = 0; from < n; from += BLOCK) {
      int len = Math.min(BLOCK, n - from);
      // pass 1 (vectorisable): the slot of each row and the validity of every value, branch-free
      int outOfRange = 0;
      int bits = 0;
      if (labels == null) {
        for (int j = 0; j < len; j++) {
          int code = codes[from + j];
          int p = predicted[from + j];
          outOfRange |= code | (lastGroup - code);
          bits |= p;
          slots[j] = (code << 2) | (p & 1);
        }
      } else {
        for (int j = 0; j < len; j++) {
          int code = codes[from + j];
          int y = labels[from + j];
          int p = predicted[from + j];
          outOfRange |= code | (lastGroup - code);
          bits |= y | p;
          slots[j] = (code << 2) | ((y & 1) << 1) | (p & 1);
        }
      }
      if (outOfRange < 0 || (bits & ~1) != 0) {
        throwInvalid(codes, groups, labels, predicted);
      }
      // pass 2: the histogram of the block's slots
      int j = 0;
      for (; j + 3 < len; j += 4) {
        a[slots[j]]++;
        b[slots[j + 1]]++;
        c[slots[j + 2]]++;
        d[slots[j + 3]]++;
      }
      for (; j < len; j++) {
        a[slots[j]]++;
      }
    }
    long[] counts = new long[cells];
    for (int k = 0; k < cells; k++) {
      counts[k] = (long) a[k] + b[k] + c[k] + d[k];
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
