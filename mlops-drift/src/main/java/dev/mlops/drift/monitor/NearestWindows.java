package dev.mlops.drift.monitor;

import java.util.Arrays;

/**
 * A column's reference windows (ascending points with weights) and the Wasserstein-1 searches of
 * {@link SwapCheck} over them, done with less work and the same results, bit for bit: the
 * smallest distance of a sample to the windows, and whether it lies under a bar. Two exact bounds
 * save the walks: the distance of two distributions is at least the difference of their means
 * (less a slack far above rounding), so a window whose mean lies too far is never walked, and a
 * walk's area only grows, so a walk stops once it passes the best distance so far or the bar
 * ({@link ChunkCalibration#weightedDistance(double[], double[], double[], double[], double)}).
 * Used only when every window is {@linkplain Points#regular() regular}; the callers keep the plain
 * loops otherwise. Immutable and thread-safe.
 */
final class NearestWindows {

  /** Slack on a mean difference, relative to the points' largest magnitude (rounding is ~1e-13). */
  static final double SLACK = 1e-9;
  /** Largest magnitude of a regular point: no walk's area can overflow. */
  private static final double MAX_MAGNITUDE = 1e150;

  /**
   * Ascending points with weights (null: equal) and what the bounds need.
   *
   * @param values ascending points
   * @param weights their weights, or null
   * @param mean their (weighted) mean
   * @param magnitude their largest absolute value
   * @param regular non-empty, finite, magnitudes under 1e150, positive finite total weight: a
   *     walk with such points is finite and its area never overflows
   */
  record Points(double[] values, double[] weights, double mean, double magnitude,
      boolean regular) {

    static Points of(double[] values, double[] weights) {
      double sum = 0;
      double total = 0;
      double magnitude = 0;
      boolean regular = values.length > 0;
      for (int i = 0; i < values.length; i++) {
        double v = values[i];
        double w = weights == null ? 1 : weights[i];
        regular &= Double.isFinite(v) && Math.abs(v) < MAX_MAGNITUDE && Double.isFinite(w)
            && w >= 0;
        sum += v * w;
        total += w;
        magnitude = Math.max(magnitude, Math.abs(v));
      }
      regular &= total > 0 && Double.isFinite(sum);
      return new Points(values, weights, regular ? sum / total : Double.NaN, magnitude, regular);
    }
  }

  private final Points[] windows;
  private final boolean regular;

  NearestWindows(Points[] windows) {
    this.windows = windows;
    boolean r = windows.length > 0;
    for (Points p : windows) {
      r &= p.regular();
    }
    this.regular = r;
  }

  /** The windows, in the reference's order. */
  Points[] windows() {
    return windows;
  }

  /** Whether there are windows and each is regular (the searches below require it). */
  boolean regular() {
    return regular;
  }

  /** A lower bound on the walk's distance of two regular point sets: their means' difference. */
  static double lowerBound(Points a, Points b) {
    return Math.abs(a.mean() - b.mean()) - SLACK * (a.magnitude() + b.magnitude());
  }

  /** The walk's distance, stopped once past {@code stop} (then a value above {@code stop}). */
  static double walk(Points a, Points b, double stop) {
    return ChunkCalibration.weightedDistance(a.values(), a.weights(), b.values(), b.weights(),
        stop);
  }

  /**
   * The smallest distance of regular {@code p} to the windows, as {@code Math.min} over every
   * window's walk gives it; with {@code self >= 0}, only windows whose index lies at least {@code
   * gap} from {@code self} count. Infinite when none counts.
   */
  double nearest(Points p, int self, int gap) {
    double best = Double.POSITIVE_INFINITY;
    for (int j : byMean(p)) {
      if (self >= 0 && Math.abs(self - j) < gap) {
        continue;
      }
      Points w = windows[j];
      if (lowerBound(p, w) > best) {
        continue; // its distance is above the best: it cannot be nearer
      }
      double d = walk(p, w, best);
      if (d < best) {
        best = d;
      }
    }
    return best;
  }

  /**
   * The smallest distance of regular {@code p} to the windows over {@code scale}, when that is
   * under {@code bar} (then exactly {@code nearest(p, -1, 0) / scale}); infinity otherwise.
   */
  double nearestUnder(Points p, double scale, double bar) {
    // a raw distance above this is at least bar once divided by the scale
    double stopBar = bar * scale * (1 + SLACK);
    double best = Double.POSITIVE_INFINITY;
    for (int j : byMean(p)) {
      double stop = Math.min(best, stopBar);
      Points w = windows[j];
      if (!(lowerBound(p, w) <= stop)) {
        continue;
      }
      double d = walk(p, w, stop);
      if (d <= stop && d < best) {
        best = d;
      }
    }
    double r = best / scale;
    return r < bar ? r : Double.POSITIVE_INFINITY;
  }

  /**
   * Whether the median over these windows of the distance to the nearest of {@code to}'s windows
   * is certainly at most {@code limit} (raw distance): more than half of these windows have a
   * window of {@code to} (the one of nearest mean) within it. False means "not shown", not
   * "above".
   */
  boolean medianNearestAtMost(NearestWindows to, double limit) {
    int n = windows.length;
    if (n == 0 || !(limit >= 0)) {
      return false;
    }
    int need = n / 2 + 1;
    int within = 0;
    int beyond = 0;
    for (Points p : windows) {
      Points w = to.windows[to.closestMean(p)];
      if (lowerBound(p, w) <= limit && walk(p, w, limit) <= limit) {
        within++;
        if (within >= need) {
          return true;
        }
      } else if (++beyond > n - need) {
        return false;
      }
    }
    return false;
  }

  private int closestMean(Points p) {
    int best = 0;
    for (int j = 1; j < windows.length; j++) {
      if (Math.abs(windows[j].mean() - p.mean()) < Math.abs(windows[best].mean() - p.mean())) {
        best = j;
      }
    }
    return best;
  }

  /**
   * The windows' indices roughly in ascending distance of their means to {@code p}'s (the mean
   * gap's bits without their last 8, then the index): near windows first, so the best distance
   * falls early and the walks after it stop early. The searches skip by each window's own bound,
   * so their results do not depend on this order.
   */
  private int[] byMean(Points p) {
    int n = windows.length;
    int[] order = new int[n];
    if (n > 256) {
      Arrays.setAll(order, j -> j);
      return order;
    }
    long[] keyed = new long[n];
    for (int j = 0; j < n; j++) {
      // non-negative doubles order as their bits
      long bits = Double.doubleToLongBits(Math.abs(windows[j].mean() - p.mean()));
      keyed[j] = (bits & ~0xFFL) | j;
    }
    Arrays.sort(keyed);
    for (int j = 0; j < n; j++) {
      order[j] = (int) (keyed[j] & 0xFF);
    }
    return order;
  }
}
