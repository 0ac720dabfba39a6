package dev.mlops.drift.monitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether two numeric fields' references can be told apart at a window size, so that a window of
 * one lying near the other's reference means a swap and not chance ({@link SwapCheck}). Fields
 * whose references look alike (a temperature and a felt temperature; standardised features of
 * one law) are never named: with order, each field's reference windows must lie more than {@value
 * SwapCheck#SEPARATION} times further from the other field's windows than from their own; without
 * order, the whole references must lie further apart than that many times the two windows' cross
 * distances together. A look-alike pair is shown not separated once, cheaply ({@link #alike}),
 * and skipped in every later window. Thread-safe: each column's own spread and each pair's
 * separation are cached per size.
 */
final class SwapSeparation {

  private final SwapWindows windows;
  /** Each column's median distance of its windows to their nearest non-overlapping own one. */
  private final Map<String, Double> noise = new ConcurrentHashMap<>();
  /** Whether a pair (schema indices) can be told apart at a window size (chunks). */
  private final Map<Long, Boolean> separation = new ConcurrentHashMap<>();
  /** The raw distance between two whole references (pairs without order). */
  private final Map<Long, Double> wholeDistance = new ConcurrentHashMap<>();

  SwapSeparation(SwapWindows windows) {
    this.windows = windows;
  }

  /** A pair's cache key: schema indices {@code a < b} and the window's chunks {@code m}. */
  static long pairKey(int a, int b, int m) {
    return (long) a << 40 | (long) b << 16 | m;
  }

  /** Whether the pair is already known not to be separated (never a swap at this size). */
  boolean knownNotSeparated(long key) {
    return Boolean.FALSE.equals(separation.get(key));
  }

  /**
   * Whether {@link #separated} is certainly false for this pair, shown cheaply (remembered): more
   * than half of one field's reference windows lie, by one walk each to the other field's window
   * of nearest mean, within {@value SwapCheck#SEPARATION} times the other field's own median
   * distance. Look-alike fields (every standardised feature of one law) end here after one look
   * at their references, instead of a walk per reference window in every window.
   */
  boolean alike(FeatureSpec a, FeatureSpec b, int m, long key) {
    Boolean known = separation.get(key);
    if (known != null) {
      return !known;
    }
    NearestWindows ra = windows.search(a.name, m);
    NearestWindows rb = windows.search(b.name, m);
    if (!ra.regular() || !rb.regular()) {
      return false;
    }
    // the limits below are the separation's right-hand sides, computed as it computes them
    double limitB = SwapCheck.SEPARATION * noise(b.name, m) / b.referenceStd * b.referenceStd
        * (1 - NearestWindows.SLACK);
    double limitA = SwapCheck.SEPARATION * noise(a.name, m) / a.referenceStd * a.referenceStd
        * (1 - NearestWindows.SLACK);
    if (ra.medianNearestAtMost(rb, limitB) || rb.medianNearestAtMost(ra, limitA)) {
      separation.put(key, false);
      return true;
    }
    return false;
  }

  /** A column's median distance of its windows to their nearest non-overlapping own window. */
  private double noise(String column, int m) {
    return noise.computeIfAbsent(column + '\u0000' + m, k -> {
      NearestWindows r = windows.search(column, m);
      if (!r.regular()) {
        double[][][] w = windows.referenceWindows(column, m);
        return median(nearestOf(w, w, m));
      }
      NearestWindows.Points[] w = r.windows();
      double[] out = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        out[i] = r.nearest(w[i], i, m);
      }
      return median(out);
    });
  }

  /**
   * Whether two ordered references can be told apart at this window size: each field's reference
   * windows lie, at the median, more than {@value SwapCheck#SEPARATION} times further from the
   * nearest window of the other field than from the nearest other window of their own (a window
   * not overlapping them). Fields that look alike window by window (a temperature and a felt
   * temperature; two AR(1) streams of one law) fail, and are never named a swap: a clean window
   * of one is then near the other's reference by chance. True without order (whole references:
   * {@link #wholeSeparated} decides).
   */
  boolean separated(FeatureSpec a, FeatureSpec b, long rows, long key) {
    if (!windows.ordered(a) || !windows.ordered(b)) {
      return true;
    }
    int m = windows.chunksPer(rows);
    return separation.computeIfAbsent(key, k -> {
      NearestWindows ra = windows.search(a.name, m);
      NearestWindows rb = windows.search(b.name, m);
      if (!ra.regular() || !rb.regular()) {
        double[][][] wa = windows.referenceWindows(a.name, m);
        double[][][] wb = windows.referenceWindows(b.name, m);
        return median(nearestOf(wa, wb, -1)) / b.referenceStd
                > SwapCheck.SEPARATION * median(nearestOf(wb, wb, m)) / b.referenceStd
            && median(nearestOf(wb, wa, -1)) / a.referenceStd
                > SwapCheck.SEPARATION * median(nearestOf(wa, wa, m)) / a.referenceStd;
      }
      return median(nearestAll(ra, rb)) / b.referenceStd
              > SwapCheck.SEPARATION * noise(b.name, m) / b.referenceStd
          && median(nearestAll(rb, ra)) / a.referenceStd
              > SwapCheck.SEPARATION * noise(a.name, m) / a.referenceStd;
    });
  }

  /**
   * Without order on either side (whole references): whether the two references lie further
   * apart (in each field's units) than {@value SwapCheck#SEPARATION} times the two windows'
   * distances to the other's reference together. Two fields of one law (standardised features)
   * have references about as far apart as a window's sampling noise, so a clean window of one is
   * as near the other's reference as its own, and half the time nearer: without this, a monitor
   * of 50 such features named about 35 pairs in a clean 1,000-row window (each window's cross
   * distance alone still let 1-2 pairs in 4 windows through). A real swap puts each window at
   * noise distance from a reference that lies far from the other. True when both are ordered
   * ({@link #separated} decides).
   */
  boolean wholeSeparated(int ia, FeatureSpec a, double crossA, int ib, FeatureSpec b,
      double crossB) {
    if (windows.ordered(a) && windows.ordered(b)) {
      return true;
    }
    double d = wholeDistance.computeIfAbsent(pairKey(ia, ib, 0),
        k -> SwapWindows.w1(a.referenceSorted, b.referenceSorted, null));
    double cross = crossA + crossB;
    return d / b.referenceStd > SwapCheck.SEPARATION * cross
        && d / a.referenceStd > SwapCheck.SEPARATION * cross;
  }

  /** For each window of {@code from}, the distance to its nearest window of {@code to}. */
  private static double[] nearestAll(NearestWindows from, NearestWindows to) {
    NearestWindows.Points[] w = from.windows();
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = to.nearest(w[i], -1, 0);
    }
    return out;
  }

  /**
   * For each window of {@code from}, the distance to its nearest window of {@code to}; with
   * {@code gap >= 0} ({@code to} the same windows) only windows whose starts lie at least {@code
   * gap} apart count (no overlap).
   */
  private static double[] nearestOf(double[][][] from, double[][][] to, int gap) {
    double[] out = new double[from.length];
    for (int i = 0; i < from.length; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < to.length; j++) {
        if (gap < 0 || Math.abs(i - j) >= gap) {
          best = Math.min(best, SwapWindows.w1(from[i][0], from[i][1], to[j][0], to[j][1]));
        }
      }
      out[i] = best;
    }
    return out;
  }

  private static double median(double[] v) {
    double[] c = java.util.Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
    return c.length == 0 ? Double.NaN : c.length % 2 == 1 ? c[c.length / 2]
        : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }
}
