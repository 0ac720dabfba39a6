package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceChunks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference side of {@link SwapCheck}'s numeric distances: a column's windows of {@code m}
 * consecutive reference chunks (about a window's size), their pruned searches ({@link
 * NearestWindows}), and a window sample's normed Wasserstein distance to the nearest of them (to
 * the whole reference without order). Thread-safe: the windows and searches are cached per column
 * and size.
 */
final class SwapWindows {

  private final ReferenceChunks chunks;
  private final Map<String, double[][][]> windows = new ConcurrentHashMap<>();
  private final Map<String, NearestWindows> searches = new ConcurrentHashMap<>();

  /**
   * The windows of a profile.
   *
   * @param chunks the profile's ordered chunks (null without order: whole references)
   */
  SwapWindows(ReferenceChunks chunks) {
    this.chunks = chunks;
  }

  /** The profile's ordered chunks (null without order). */
  ReferenceChunks chunks() {
    return chunks;
  }

  /** Whether the column has ordered reference chunks (at least two). */
  boolean ordered(FeatureSpec f) {
    return chunks != null && chunks.columns().contains(f.name) && chunks.count() >= 2;
  }

  /** The chunks of about {@code rows} rows (at least one, at most every chunk). */
  int chunksPer(long rows) {
    return (int) Math.max(1, Math.min(chunks.count(),
        Math.round((double) rows / chunks.chunkRows())));
  }

  /** What a pair's distances were measured against, for the finding's text. */
  String origin(FeatureSpec a, FeatureSpec b, long rows) {
    if (!ordered(a) || !ordered(b)) {
      return "against the whole references";
    }
    int m = chunksPer(rows);
    return String.format(Locale.ROOT,
        "each against the nearest of the reference's windows of %d consecutive chunks (%d rows)",
        m, m * chunks.chunkRows());
  }

  /**
   * The normed distance of a window to reference {@code f}: to its nearest window of about the
   * same size when the profile is ordered, else to the whole reference.
   */
  double nearest(NearestWindows.Points p, FeatureSpec f, long rows) {
    double[] window = p.values();
    if (!ordered(f)) {
      return w1(window, f.referenceSorted, null) / f.referenceStd;
    }
    NearestWindows search = search(f.name, chunksPer(rows));
    if (search.regular()) {
      return search.nearest(p, -1, 0) / f.referenceStd;
    }
    double[][][] ref = referenceWindows(f.name, chunksPer(rows));
    double best = Double.POSITIVE_INFINITY;
    for (double[][] w : ref) {
      if (w[0].length > 0) {
        best = Math.min(best, w1(window, w[0], w[1]));
      }
    }
    return Double.isFinite(best) ? best / f.referenceStd
        : w1(window, f.referenceSorted, null) / f.referenceStd;
  }

  /**
   * {@link #nearest} when it is under {@code bar}, else infinity (or another value not under the
   * bar): the search stops once no window can come under it.
   */
  double nearestUnder(NearestWindows.Points p, FeatureSpec f, long rows, double bar) {
    if (ordered(f)) {
      NearestWindows search = search(f.name, chunksPer(rows));
      if (search.regular()) {
        return search.nearestUnder(p, f.referenceStd, bar);
      }
    }
    return nearest(p, f, rows);
  }

  /** The column's windows of {@code m} consecutive chunks, for the pruned searches. */
  NearestWindows search(String column, int m) {
    return searches.computeIfAbsent(column + '\u0000' + m, k -> {
      double[][][] w = referenceWindows(column, m);
      NearestWindows.Points[] points = new NearestWindows.Points[w.length];
      for (int i = 0; i < w.length; i++) {
        points[i] = NearestWindows.Points.of(w[i][0], w[i][1]);
      }
      return new NearestWindows(points);
    });
  }

  /** The column's windows of {@code m} consecutive chunks, every start: points and weights. */
  double[][][] referenceWindows(String column, int m) {
    return windows.computeIfAbsent(column + '\u0000' + m, k -> {
      int n = chunks.count() - m + 1;
      List<double[][]> out = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        ReferenceChunks.NumericWindow w = chunks.numeric(column, s, s + m);
        if (w.count() >= 0.75 * m * chunks.chunkRows()) {
          out.add(new double[][] {w.values(), w.weights()});
        }
      }
      return out.toArray(new double[0][][]);
    });
  }

  /**
   * The Wasserstein-1 distance between an ascending sample (equal weights) and ascending points
   * with weights (equal weights when {@code weights} is null): the area between the two
   * distribution functions.
   */
  static double w1(double[] a, double[] b, double[] weights) {
    return w1(a, null, b, weights);
  }

  /**
   * {@link #w1(double[], double[], double[])} with weights on both sides (null: equal); {@code
   * NaN} when a side is empty or weighs nothing, or the distance is not finite.
   */
  static double w1(double[] a, double[] aWeights, double[] b, double[] weights) {
    if (a.length == 0 || b.length == 0 || !(total(a, aWeights) > 0)
        || !(total(b, weights) > 0)) {
      return Double.NaN;
    }
    double d = ChunkCalibration.weightedDistance(a, aWeights, b, weights);
    return Double.isFinite(d) ? d : Double.NaN;
  }

  private static double total(double[] values, double[] weights) {
    if (weights == null) {
      return values.length;
    }
    double t = 0;
    for (double w : weights) {
      t += w;
    }
    return t;
  }
}
