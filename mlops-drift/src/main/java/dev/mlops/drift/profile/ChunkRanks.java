package dev.mlops.drift.profile;

import dev.mlops.drift.profile.ReferenceChunks.NumericWindow;
import dev.mlops.drift.profile.ReferenceChunks.Piece;
import java.util.Arrays;

/**
 * One numeric column's chunk points ranked once among all the column's points, so that a window of
 * any chunks (in any order, with repeats) is sorted by a counting sort instead of a comparison
 * sort: each point's rank is the index of its value among the column's distinct values ({@link
 * Double#compare} order, so {@code -0.0} and {@code 0.0} are distinct), and placing a window's
 * points by rank in the order the window lists them is exactly the stable sort of their
 * concatenation (values equal by {@code Double.compare} keep their order). A calibration forms
 * hundreds of windows of the same column (100 block-resampled windows of 156 chunks for a window of
 * 10,000 rows): each costs two passes over its points instead of a merge sort, with every value,
 * weight and moment bit for bit what concatenating and stably sorting gives ({@code
 * ChunkRanksTest}). Immutable and thread-safe.
 */
final class ChunkRanks {

  private final String column;
  private final Piece[] pieces;
  /** Per chunk, the rank of each of its points. */
  private final int[][] ranks;
  /** The distinct point values, ascending. */
  private final double[] values;
  private final int distinct;

  private ChunkRanks(String column, Piece[] pieces, int[][] ranks, double[] values) {
    this.column = column;
    this.pieces = pieces;
    this.ranks = ranks;
    this.values = values;
    this.distinct = values.length;
  }

  /** Ranks the points of a column's pieces. */
  static ChunkRanks of(String column, Piece[] pieces) {
    int n = 0;
    for (Piece p : pieces) {
      n += p.pointsInternal().length;
    }
    double[] all = new double[n];
    int at = 0;
    for (Piece p : pieces) {
      double[] pts = p.pointsInternal();
      System.arraycopy(pts, 0, all, at, pts.length);
      at += pts.length;
    }
    Arrays.sort(all); // Double.compare order
    int d = 0;
    for (int i = 0; i < n; i++) {
      if (d == 0 || Double.compare(all[d - 1], all[i]) != 0) {
        all[d++] = all[i];
      }
    }
    int[][] ranks = new int[pieces.length][];
    for (int c = 0; c < pieces.length; c++) {
      double[] pts = pieces[c].pointsInternal();
      int[] r = new int[pts.length];
      for (int i = 0; i < pts.length; i++) {
        r[i] = Arrays.binarySearch(all, 0, d, pts[i]); // Double.compare equality
      }
      ranks[c] = r;
    }
    return new ChunkRanks(column, pieces, ranks, Arrays.copyOf(all, d));
  }

  /** Whether these are the ranks of that column's very pieces. */
  boolean ranks(String name, Piece[] p) {
    return pieces == p && column.equals(name);
  }

  /**
   * The window of the given chunks: their points stably sorted with their weights, their moments
   * merged in the order given (the arithmetic of {@link ChunkMath#moments}).
   */
  NumericWindow window(int[] chunks) {
    int[] start = new int[distinct + 1];
    int n = 0;
    for (int c : chunks) {
      for (int r : ranks[c]) {
        start[r + 1]++;
      }
      n += ranks[c].length;
    }
    for (int i = 0; i < distinct; i++) {
      start[i + 1] += start[i];
    }
    double[] v = new double[n];
    double[] w = new double[n];
    long count = 0;
    double mean = Double.NaN;
    double m2 = 0;
    for (int c : chunks) {
      Piece p = pieces[c];
      double[] pts = p.pointsInternal();
      int[] r = ranks[c];
      double weight = (double) p.count() / pts.length;
      for (int i = 0; i < pts.length; i++) {
        int at = start[r[i]]++;
        v[at] = pts[i];
        w[at] = weight;
      }
      // ChunkMath.moments(m, p) without its allocation: the same operations in the same order
      if (count == 0 || Double.isNaN(mean)) {
        count = p.count();
        mean = p.mean();
        m2 = p.m2();
      } else if (p.count() != 0 && !Double.isNaN(p.mean())) {
        long total = count + p.count();
        double d = p.mean() - mean;
        double merged = mean + d * p.count() / total;
        m2 = m2 + p.m2() + d * d * ((double) count * p.count() / total);
        mean = merged;
        count = total;
      }
    }
    return new NumericWindow(v, w, count, mean, count > 1 ? m2 / (count - 1) : Double.NaN);
  }

  /**
   * The window of the given chunks as counts per distinct value, with the one weight all its
   * points carry (NaN when they carry different ones).
   */
  ReferenceChunks.PointCounts counts(int[] chunks) {
    int[] counts = new int[distinct];
    int n = 0;
    double weight = Double.NaN;
    boolean same = true;
    for (int c : chunks) {
      int[] r = ranks[c];
      for (int x : r) {
        counts[x]++;
      }
      n += r.length;
      if (r.length > 0) {
        double w = (double) pieces[c].count() / r.length;
        if (Double.isNaN(weight)) {
          weight = w;
        } else if (w != weight) {
          same = false;
        }
      }
    }
    return new ReferenceChunks.PointCounts(values.clone(), counts, n, same ? weight : Double.NaN);
  }
}
