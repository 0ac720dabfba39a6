package dev.mlops.metrics.fairness;

/**
 * The confusion counts of every group of one attribute in one pass: cell {@code 2 * label +
 * predicted} of group {@code g} is {@code counts[4 * g + cell]} (without labels every row counts as
 * label 0, so cells 0 and 1 hold the predicted negatives and positives). Not thread-safe; not API.
 *
 * <p>An encoded {@link GroupCodes} holds each row's code already multiplied by 4 (its group's first
 * cell) and known to be in range, so the pass computes a row's cell with one add of {@code 2 * label
 * + predicted} and checks only the labels and decisions (one OR per row, the offending row named
 * after the pass). Up to {@value #SMALL_GROUPS} groups the counting table has a fixed size and the
 * cell is masked into it, which lets C2 drop the per-row bounds check. The builder's {@code int[]}
 * codes (not encoded) are checked in the same pass: a code outside [0, 256) shows in an OR of the
 * codes, one in [groups, 256) as a count in a cell past the last group's. Those are the forms measured
 * fastest on JDK 17 (docs/benchmarks.md, issue 19, fourth and fifth sessions).
 */
final class GroupCounts {

  static final int TN = 0;
  static final int FP = 1;
  static final int FN = 2;
  static final int TP = 3;

  /** Groups counted in the fixed-size table (codes fit 8 bits). */
  static final int SMALL_GROUPS = 256;

  private static final int SMALL_CELLS = 4 * SMALL_GROUPS;
  private static final int CELL_MASK = SMALL_CELLS - 1;

  private GroupCounts() {}

  /**
   * Counts the rows of every group.
   *
   * @param attribute the group of each row
   * @param labels 0/1 labels, or {@code null}
   * @param predicted 0/1 predictions
   * @return {@code 4 * groups} counts
   * @throws IllegalArgumentException naming the first row whose (not encoded) group code is out of
   *     range, else the first row whose label or prediction is not 0/1
   */
  static long[] count(GroupCodes attribute, int[] labels, int[] predicted) {
    int groups = attribute.groupNames().size();
    int[] values = attribute.values();
    int[] table;
    if (attribute.encoded()) {
      table = groups <= SMALL_GROUPS ? countCells(values, labels, predicted)
          : countLarge(values, 0, groups, labels, predicted);
    } else if (groups <= SMALL_GROUPS) {
      table = countCodes(values, groups, labels, predicted);
    } else {
      table = countLarge(attribute.codes(), 2, groups, labels, predicted);
    }
    if (table == null) {
      attribute.codes(); // a code out of range is reported first
      throwInvalid(labels, predicted);
      throw new IllegalStateException("group codes, labels or decisions changed while they were counted");
    }
    long[] counts = new long[4 * groups];
    for (int k = 0; k < counts.length; k++) {
      counts[k] = table[k];
    }
    return counts;
  }

  /** Cells {@code 4 * code} known valid, codes below 256: a fixed table, masked cells; null on a bad value. */
  private static int[] countCells(int[] cells, int[] labels, int[] predicted) {
    // int cells cannot overflow: each is at most the row count
    int[] table = new int[SMALL_CELLS];
    int bits = 0; // any bit beyond bit 0 marks a label or decision that is not 0/1
    if (labels == null) {
      for (int i = 0; i < predicted.length; i++) {
        int p = predicted[i];
        bits |= p;
        table[(cells[i] + p) & CELL_MASK]++;
      }
    } else {
      for (int i = 0; i < predicted.length; i++) {
        int y = labels[i];
        int p = predicted[i];
        bits |= y | p;
        table[(cells[i] + (y << 1) + p) & CELL_MASK]++;
      }
    }
    return (bits & ~1) == 0 ? table : null;
  }

  /**
   * Codes not checked yet, at most 256 groups: the same pass, checking the codes as it goes; null on
   * a bad code, label or decision.
   */
  private static int[] countCodes(int[] codes, int groups, int[] labels, int[] predicted) {
    int[] table = new int[SMALL_CELLS];
    int bits = 0;
    int codeBits = 0; // any bit beyond the low 8 marks a code outside [0, 256)
    if (labels == null) {
      for (int i = 0; i < predicted.length; i++) {
        int c = codes[i];
        int p = predicted[i];
        bits |= p;
        codeBits |= c;
        table[((c << 2) + p) & CELL_MASK]++;
      }
    } else {
      for (int i = 0; i < predicted.length; i++) {
        int c = codes[i];
        int y = labels[i];
        int p = predicted[i];
        bits |= y | p;
        codeBits |= c;
        table[((c << 2) + (y << 1) + p) & CELL_MASK]++;
      }
    }
    if ((bits & ~1) != 0 || (codeBits & ~0xFF) != 0) {
      return null;
    }
    // with valid labels and decisions, a code in [groups, 256) lands past the last group's cells
    for (int k = 4 * groups; k < SMALL_CELLS; k++) {
      if (table[k] != 0) {
        return null;
      }
    }
    return table;
  }

  /** Any number of groups: a table of exactly 4 cells per group; null on a bad label or decision. */
  private static int[] countLarge(int[] codes, int shift, int groups, int[] labels, int[] predicted) {
    int[] table = new int[4 * groups];
    int bits = 0;
    for (int i = 0; i < predicted.length; i++) {
      int y = labels == null ? 0 : labels[i];
      int p = predicted[i];
      bits |= y | p;
      table[(codes[i] << shift) | ((y & 1) << 1) | (p & 1)]++;
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
