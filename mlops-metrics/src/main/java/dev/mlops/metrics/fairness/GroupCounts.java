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
    int n = predicted.length;
    int invalid = 0;
    int i = 0;
    if (labels == null) {
      for (; i + 3 < n; i += 4) {
        int p0 = predicted[i];
        int p1 = predicted[i + 1];
        int p2 = predicted[i + 2];
        int p3 = predicted[i + 3];
        invalid |= (p0 | p1 | p2 | p3) & ~1;
        a[slot(codes[i], groups, i) + (p0 & 1)]++;
        b[slot(codes[i + 1], groups, i + 1) + (p1 & 1)]++;
        c[slot(codes[i + 2], groups, i + 2) + (p2 & 1)]++;
        d[slot(codes[i + 3], groups, i + 3) + (p3 & 1)]++;
      }
      for (; i < n; i++) {
        invalid |= predicted[i] & ~1;
        a[slot(codes[i], groups, i) + (predicted[i] & 1)]++;
      }
    } else {
      for (; i + 3 < n; i += 4) {
        int y0 = labels[i];
        int y1 = labels[i + 1];
        int y2 = labels[i + 2];
        int y3 = labels[i + 3];
        int p0 = predicted[i];
        int p1 = predicted[i + 1];
        int p2 = predicted[i + 2];
        int p3 = predicted[i + 3];
        invalid |= (y0 | y1 | y2 | y3 | p0 | p1 | p2 | p3) & ~1;
        a[slot(codes[i], groups, i) + ((y0 & 1) << 1 | (p0 & 1))]++;
        b[slot(codes[i + 1], groups, i + 1) + ((y1 & 1) << 1 | (p1 & 1))]++;
        c[slot(codes[i + 2], groups, i + 2) + ((y2 & 1) << 1 | (p2 & 1))]++;
        d[slot(codes[i + 3], groups, i + 3) + ((y3 & 1) << 1 | (p3 & 1))]++;
      }
      for (; i < n; i++) {
        invalid |= (labels[i] | predicted[i]) & ~1;
        a[slot(codes[i], groups, i) + ((labels[i] & 1) << 1 | (predicted[i] & 1))]++;
      }
    }
    if (invalid != 0) {
      throwInvalid(labels, predicted);
    }
    long[] counts = new long[cells];
    for (int k = 0; k < cells; k++) {
      counts[k] = (long) a[k] + b[k] + c[k] + d[k];
    }
    return counts;
  }

  private static int slot(int code, int groups, int row) {
    if (code < 0 || code >= groups) {
      throw new IllegalArgumentException("group code must be in [0, " + groups + "): row " + row
          + " has " + code);
    }
    return code << 2;
  }

  private static void throwInvalid(int[] labels, int[] predicted) {
    for (int i = 0; i < predicted.length; i++) {
      if (predicted[i] != 0 && predicted[i] != 1) {
        throw new IllegalArgumentException("predicted must be 0 or 1: predicted[" + i + "] = " + predicted[i]);
      }
      if (labels != null && labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1: labels[" + i + "] = " + labels[i]);
      }
    }
  }
}
