package dev.mlops.drift.decision;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The mean residual of each row's {@code k} nearest rows (Euclidean distance over the coordinates
 * known on both sides, the row itself included; rows at the k-th distance share the remaining
 * places equally), computed exactly by brute force over all rows: what {@link LocalCorrection}
 * smooths with. A k-d tree prunes almost nothing at 12-20 standardised dimensions, so every
 * query visited nearly every row twice (a search for the k-th distance, then a sum), with a
 * branch per coordinate; here the distances of one query to all rows are computed column by
 * column (a loop the JIT turns into vector instructions, each row's sum still taken over the
 * coordinates in order, so every distance is bit for bit the tree's), the k-th distance is
 * selected among the rows under a bound from the query's neighbourhood, and the residuals are
 * summed in a fixed order of the rows (the lookup tree's preorder, which is the order the tree's
 * search added them in): the result is bit for bit the tree search's. From {@value
 * #PARALLEL_ROWS} rows on, the queries are spread over the common fork-join pool (each query is
 * computed alone, so the bits do not depend on the split). Stateless.
 */
final class NeighbourMeans {

  /** Rows per block of distances (kept in the first-level cache across the columns). */
  private static final int BLOCK = 256;
  /** Queries whose distances are computed in one pass over the rows. */
  private static final int GROUP = 4;
  /** Groups of queries per parallel task. */
  private static final int CHUNK = 64;
  /** Fewest rows whose queries are spread over the common fork-join pool. */
  private static final int PARALLEL_ROWS = 2_000;

  private NeighbourMeans() {}

  /**
   * Each row's mean neighbour residual.
   *
   * @param z the rows' coordinates, {@code z[row][coordinate]} ({@code NaN}: unknown)
   * @param order every row once, in the order their residuals are summed
   * @param residual each row's residual
   * @param k the neighbours averaged, 1 to the number of rows
   * @return the means, by row
   */
  static double[] of(double[][] z, int[] order, double[] residual, int k) {
    int n = z.length;
    int width = n == 0 ? 0 : z[0].length;
    // columns and residuals by position in the summing order
    double[][] column = new double[width][n];
    boolean[] gaps = new boolean[width];
    double[] res = new double[n];
    for (int t = 0; t < n; t++) {
      double[] row = z[order[t]];
      res[t] = residual[order[t]];
      for (int j = 0; j < width; j++) {
        double v = row[j];
        column[j][t] = v;
        gaps[j] |= v != v;
      }
    }
    boolean anyGap = false;
    for (boolean g : gaps) {
      anyGap |= g;
    }
    double[] out = new double[n];
    int groups = (n + GROUP - 1) / GROUP;
    int chunks = (groups + CHUNK - 1) / CHUNK;
    boolean gapFree = !anyGap;
    if (n < PARALLEL_ROWS) {
      new Queries(column, gaps, gapFree, order, res, k, out).run(0, groups);
    } else {
      // queries are independent and each writes its own row: any split gives the same bits
      IntStream.range(0, chunks).parallel().forEach(c -> new Queries(column, gaps, gapFree,
          order, res, k, out).run(c * CHUNK, Math.min(groups, (c + 1) * CHUNK)));
    }
    return out;
  }

  /** One worker's queries, with its own scratch arrays. */
  private static final class Queries {
    final double[][] column;
    final boolean[] gaps;
    final boolean gapFree;
    final int[] order;
    final double[] res;
    final int k;
    final double[] out;
    final int n;
    final int span;
    final int[] near;
    final double[] nearD;
    final double[] local;
    final int[] active;
    final double[][] ds;

    Queries(double[][] column, boolean[] gaps, boolean gapFree, int[] order, double[] res, int k,
        double[] out) {
      this.column = column;
      this.gaps = gaps;
      this.gapFree = gapFree;
      this.order = order;
      this.res = res;
      this.k = k;
      this.out = out;
      this.n = res.length;
      this.span = Math.min(n, 3 * k);
      this.near = new int[n];
      this.nearD = new double[n];
      this.local = new double[span];
      this.active = new int[column.length];
      this.ds = new double[GROUP][n];
    }

    /** The queries of groups {@code [fromGroup, toGroup)} ({@value NeighbourMeans#GROUP} positions each). */
    void run(int fromGroup, int toGroup) {
      for (int group = fromGroup; group < toGroup; group++) {
        int first = group * GROUP;
        int queries = Math.min(GROUP, n - first);
        if (gapFree && queries == GROUP) {
          distances(column, first, ds);
        } else {
          for (int g = 0; g < queries; g++) {
            distances(column, gaps, first + g, ds[g], active);
          }
        }
        for (int g = 0; g < queries; g++) {
          select(first + g, ds[g]);
        }
      }
    }

    /** The mean residual of the query at position {@code t}, from its distances {@code d}. */
    private void select(int t, double[] d) {
      // an upper bound of the k-th distance: the k-th among the query's neighbours in the order
      int lo = Math.max(0, Math.min(t - span / 2, n - span));
      System.arraycopy(d, lo, local, 0, span);
      Arrays.sort(local);
      double bound = local[k - 1];
      int m = 0;
      for (int p = 0; p < n; p++) {
        near[m] = p;
        m += d[p] <= bound ? 1 : 0;
      }
      for (int c = 0; c < m; c++) {
        nearD[c] = d[near[c]];
      }
      double[] sorted = Arrays.copyOf(nearD, m);
      Arrays.sort(sorted);
      double radius = sorted[k - 1];
      double below = 0;
      int belowCount = 0;
      double tieSum = 0;
      int ties = 0;
      for (int c = 0; c < m; c++) {
        double dc = nearD[c];
        if (dc < radius) {
          below += res[near[c]];
          belowCount++;
        } else if (dc == radius) {
          tieSum += res[near[c]];
          ties++;
        }
      }
      out[order[t]] = (below
          + (belowCount < k && ties > 0 ? tieSum * (k - belowCount) / ties : 0)) / k;
    }
  }

  /**
   * The squared distances of the {@value #GROUP} rows from position {@code first} on to every
   * row, when no coordinate is unknown: as {@link #distances(double[][], boolean[], int,
   * double[], int[])} (each sum over the coordinates in order), one pass over the rows for the
   * {@value #GROUP} queries.
   */
  private static void distances(double[][] column, int first, double[][] ds) {
    int n = ds[0].length;
    int width = column.length;
    double[] d0 = ds[0];
    double[] d1 = ds[1];
    double[] d2 = ds[2];
    double[] d3 = ds[3];
    for (int from = 0; from < n; from += BLOCK) {
      int to = Math.min(n, from + BLOCK);
      for (double[] d : ds) {
        Arrays.fill(d, from, to, 0);
      }
      int j = 0;
      for (; j + 2 <= width; j += 2) {
        double[] c0 = column[j];
        double[] c1 = column[j + 1];
        double x00 = c0[first];
        double x01 = c1[first];
        double x10 = c0[first + 1];
        double x11 = c1[first + 1];
        double x20 = c0[first + 2];
        double x21 = c1[first + 2];
        double x30 = c0[first + 3];
        double x31 = c1[first + 3];
        for (int p = from; p < to; p++) {
          double a0 = c0[p];
          double a1 = c1[p];
          double e0 = x00 - a0;
          double e1 = x01 - a1;
          d0[p] = d0[p] + e0 * e0 + e1 * e1;
          e0 = x10 - a0;
          e1 = x11 - a1;
          d1[p] = d1[p] + e0 * e0 + e1 * e1;
          e0 = x20 - a0;
          e1 = x21 - a1;
          d2[p] = d2[p] + e0 * e0 + e1 * e1;
          e0 = x30 - a0;
          e1 = x31 - a1;
          d3[p] = d3[p] + e0 * e0 + e1 * e1;
        }
      }
      for (; j < width; j++) {
        double[] c = column[j];
        for (int g = 0; g < GROUP; g++) {
          double x = c[first + g];
          double[] d = ds[g];
          for (int p = from; p < to; p++) {
            double diff = x - c[p];
            d[p] += diff * diff;
          }
        }
      }
    }
  }

  /**
   * The squared distances of the row at position {@code q} to every row, each the sum over the
   * coordinates in order of the squared differences known on both sides. Four coordinates known
   * on every row are added in one pass (in order, so each sum is the same), which quarters the
   * loads and stores of the sums.
   */
  private static void distances(double[][] column, boolean[] gaps, int q, double[] d,
      int[] active) {
    int n = d.length;
    int count = 0;
    for (int j = 0; j < column.length; j++) {
      double x = column[j][q];
      if (x == x) {
        active[count++] = j;
      }
    }
    for (int from = 0; from < n; from += BLOCK) {
      int to = Math.min(n, from + BLOCK);
      Arrays.fill(d, from, to, 0);
      int a = 0;
      while (a < count) {
        if (a + 4 <= count && !gaps[active[a]] && !gaps[active[a + 1]] && !gaps[active[a + 2]]
            && !gaps[active[a + 3]]) {
          double[] c0 = column[active[a]];
          double[] c1 = column[active[a + 1]];
          double[] c2 = column[active[a + 2]];
          double[] c3 = column[active[a + 3]];
          double x0 = c0[q];
          double x1 = c1[q];
          double x2 = c2[q];
          double x3 = c3[q];
          for (int p = from; p < to; p++) {
            double e0 = x0 - c0[p];
            double e1 = x1 - c1[p];
            double e2 = x2 - c2[p];
            double e3 = x3 - c3[p];
            d[p] = d[p] + e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3;
          }
          a += 4;
          continue;
        }
        int j = active[a++];
        double[] c = column[j];
        double x = c[q];
        if (gaps[j]) {
          for (int p = from; p < to; p++) {
            double diff = x - c[p];
            // an unknown coordinate adds +0.0, which leaves a sum of squares unchanged
            d[p] += diff == diff ? diff * diff : 0;
          }
        } else {
          for (int p = from; p < to; p++) {
            double diff = x - c[p];
            d[p] += diff * diff;
          }
        }
      }
    }
  }
}
