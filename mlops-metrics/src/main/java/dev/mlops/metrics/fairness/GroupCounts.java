package dev.mlops.metrics.fairness;

/**
 * The confusion counts of every group of one attribute in one pass: cell {@code 2 * label +
 * predicted} of group {@code g} is {@code counts[4 * g + cell]} (without labels every row counts as
 * label 0, so cells 0 and 1 hold the predicted negatives and positives). Not thread-safe; not API.
 *
 * <p>The group codes come from a {@link GroupCodes}, so they are known to be in range and the pass
 * checks only the labels and decisions (one OR per row, reported after the pass). Up to
 * {@value #SMALL_GROUPS} groups the counting table has a fixed size and every index is masked into
 * it, which lets C2 drop the per-row bounds check; that is the form measured fastest on JDK 17 (see
 * docs/benchmarks.md, issue 19, fourth session).
 */
final class GroupCounts {

  static final int TN = 0;
  static final int FP = 1;
  static final int FN = 2;
  static final int TP = 3;

  /** Groups counted in the fixed-size table (codes fit 8 bits). */
  static final int SMALL_GROUPS = 256;

  private GroupCounts() {}

  /**
   * Counts the rows of every group.
   *
   * @param codes the group code of each row, every one in [0, groups) (from a {@link GroupCodes})
   * @param groups the number of groups
   * @param labels 0/1 labels, or {@code null}
   * @param predicted 0/1 predictions
   * @return {@code 4 * groups} counts
   * @throws IllegalArgumentException naming the first row whose label or prediction is not 0/1
   */
  static long[] count(int[] codes, int groups, int[] labels, int[] predicted) {
    int[] table = groups <= SMALL_GROUPS ? countSmall(codes, labels, predicted)
        : countLarge(codes, groups, labels, predicted);
    if (table == null) {
      throwInvalid(labels, predicted);
    }
    long[] counts = new long[4 * groups];
    for (int k = 0; k < counts.length; k++) {
      counts[k] = table[k];
    }
    return counts;
  }

  /** Codes below 256: a 1,024-cell table and masked indices (no bounds check); null on a bad value. */
  private static int[] countSmall(int[] codes, int[] labels, int[] predicted) {
    // int cells cannot overflow: each is at most the row count
    int[] table = new int[4 * SMALL_GROUPS];
    int bits = 0; // any bit beyond bit 0 marks a label or decision that is not 0/1
    if (labels == null) {
      for (int i = 0; i < predicted.length; i++) {
        int p = predicted[i];
        bits |= p;
        table[((codes[i] & 0xFF) << 2) | (p & 1)]++;
      }
    } else {
      for (int i = 0; i < predicted.length; i++) {
        int y = labels[i];
        int p = predicted[i];
        bits |= y | p;
        table[((codes[i] & 0xFF) << 2) | ((y & 1) << 1) | (p & 1)]++;
      }
    }
    return (bits & ~1) == 0 ? table : null;
  }

  /** Any number of groups: a table of exactly 4 cells per group; null on a bad value. */
  private static int[] countLarge(int[] codes, int groups, int[] labels, int[] predicted) {
    int[] table = new int[4 * groups];
    int bits = 0;
    for (int i = 0; i < predicted.length; i++) {
      int y = labels == null ? 0 : labels[i];
      int p = predicted[i];
      bits |= y | p;
      table[(codes[i] << 2) | ((y & 1) << 1) | (p & 1)]++;
    }
    return (bits & ~1) == 0 ? table : null;
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
