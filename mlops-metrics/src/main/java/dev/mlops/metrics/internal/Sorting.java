package dev.mlops.metrics.internal;

import java.util.Arrays;

/**
 * Primitive index sorting (no boxing, no comparator). Not API. Stateless, thread-safe.
 */
public final class Sorting {

  private Sorting() {}

  /**
   * Returns the row indices ordered by decreasing score, ties in increasing index order (stable).
   * Two primitive sorts: the distinct values are ranked with {@link Arrays#sort(double[])}, then
   * {@code (rank << 32 | index)} longs are sorted with {@link Arrays#sort(long[])}.
   *
   * @param scores finite scores
   * @return the permutation
   */
  public static int[] descendingOrder(double[] scores) {
    int n = scores.length;
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      // == merges -0.0 and 0.0, as the comparisons of the ranking do
      if (i == 0 || sorted[i] != sorted[distinct - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      int rank = rankOf(sorted, distinct, scores[i]);
      keys[i] = ((long) (distinct - 1 - rank) << 32) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }

  private static int rankOf(double[] distinctSorted, int size, double value) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      double v = distinctSorted[mid];
      if (v < value) {
        lo = mid + 1;
      } else if (v > value) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    throw new IllegalStateException("value not found while ranking: " + value);
  }

  /**
   * Returns the inverse of a permutation.
   *
   * @param order a permutation of 0..n-1
   * @return {@code inverse[order[i]] = i}
   */
  public static int[] inverse(int[] order) {
    int[] inverse = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      inverse[order[i]] = i;
    }
    return inverse;
  }
}
