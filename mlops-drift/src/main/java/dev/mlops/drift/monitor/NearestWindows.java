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
 * Point sets whose points weigh alike (a window's sample, a profile's chunk windows) have a
 * third, far tighter bound: their {@linkplain #paired paired} distance, a branch-free sum equal to the walk's
 * up to rounding, which settles most walks without taking them (twelfth session: the first
 * window's look-alike tests and own spreads of 500 fields of one law went from about a minute to
 * seconds). Used only when every window is {@linkplain Points#regular() regular}; the callers keep the plain
 * loops otherwise. Immutable and thread-safe.
 */
final class NearestWindows {

  /** Slack on a mean difference, relative to the points' largest magnitude (rounding is ~1e-13). */
  static final double SLACK = 1e-9;
  /** Most points per side of a {@linkplain #paired paired} distance. */
  static final int MAX_PAIRED = 1 << 16;
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
   * @param total the weights' sum in index order, as the walk sums it (0 for null weights)
   * @param uniform every point weighs the same (null weights, or all equal): two such sets of
   *     the same size have the {@linkplain #paired paired} distance
   */
  record Points(double[] values, double[] weights, double mean, double magnitude,
      boolean regular, double total, boolean uniform) {

    static Points of(double[] values, double[] weights) {
      double sum = 0;
      double total = 0;
      double magnitude = 0;
      boolean regular = values.length > 0;
      boolean uniform = true;
      for (int i = 0; i < values.length; i++) {
        double v = values[i];
        double w = weights == null ? 1 : weights[i];
        regular &= Double.isFinite(v) && Math.abs(v) < MAX_MAGNITUDE && Double.isFinite(w)
            && w >= 0;
        uniform &= weights == null || w == weights[0];
        sum += v * w;
        total += w;
        magnitude = Math.max(magnitude, Math.abs(v));
      }
      regular &= total > 0 && Double.isFinite(sum);
      return new Points(values, weights, regular ? sum / total : Double.NaN, magnitude, regular,
          ChunkCalibration.total(weights), uniform);
    }
  }

  private final Points[] windows;
  private final boolean regular;
  /** The windows on an integer grid, made when a look-alike test first needs it. */
  private volatile WindowGrid grid;

  /** The windows' means, ascending, and each one's window index (for {@link #closestMean}). */
  private final double[] sortedMeans;
  private final int[] byMeanIndex;

  NearestWindows(Points[] windows) {
    this.windows = windows;
    boolean r = windows.length > 0;
    for (Points p : windows) {
      r &= p.regular();
    }
    this.regular = r;
    Integer[] order = new Integer[r ? windows.length : 0];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Double.compare(windows[a].mean(), windows[b].mean()));
    this.sortedMeans = new double[order.length];
    this.byMeanIndex = new int[order.length];
    for (int k = 0; k < order.length; k++) {
      sortedMeans[k] = windows[order[k]].mean();
      byMeanIndex[k] = order[k];
    }
  }

  /** The windows on an integer grid ({@link WindowGrid}), made once (a race makes it twice). */
  private WindowGrid grid() {
    WindowGrid g = grid;
    if (g == null) {
      g = WindowGrid.of(windows);
      grid = g;
    }
    return g;
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
    return ChunkCalibration.weightedDistance(a.values(), a.weights(), a.total(), b.values(),
        b.weights(), b.total(), stop);
  }

  /**
   * Whether two regular point sets have the {@linkplain #paired paired} distance: each uniform,
   * of at most {@value #MAX_PAIRED} points (so that both sums' rounding stays far under the
   * slack).
   */
  static boolean pairable(Points a, Points b) {
    return a.uniform() && b.uniform() && a.values().length <= MAX_PAIRED
        && b.values().length <= MAX_PAIRED;
  }

  /**
   * The Wasserstein-1 distance of two uniform point sets, as the area between their quantile
   * functions: of {@code n} and {@code N} points, the point {@code i} of one holds the quantiles
   * {@code [i / n, (i + 1) / n)}, so the area is {@code sum |a_i - b_j| len_ij / (n N)} over the
   * overlaps (in whole units of {@code 1 / (n N)}); of one size, {@code sum |a_i - b_i| / n}. It
   * is the walk's distance up to rounding: every term is non-negative, the walk's error is under
   * {@code 12 (n + N)} ulps of the points' range (its distribution functions summed point by
   * point) and this one's under {@code 2 (n + N)}, far under {@link #SLACK} of the magnitudes for
   * at most {@value #MAX_PAIRED} points a side. A loop of a few operations per point, without the
   * walk's divisions and ties: the searches use it to skip, or to decide, a walk whose result it
   * settles beyond the slack, and walk when it is within it, so their results stay the walks' bit
   * for bit.
   */
  static double paired(Points a, Points b) {
    return paired(a.values(), b.values());
  }

  /**
   * {@link #paired(Points, Points)} of two ascending arrays of equally weighted points (each
   * non-empty): the Wasserstein-1 distance of their empirical distributions.
   */
  static double paired(double[] x, double[] y) {
    int n = x.length;
    int m = y.length;
    if (n == m) {
      // four independent sums (the additions overlap in the pipeline); the order of a sum of
      // non-negative terms changes it only within the rounding bound above
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int i = 0;
      for (; i + 3 < n; i += 4) {
        s0 += Math.abs(x[i] - y[i]);
        s1 += Math.abs(x[i + 1] - y[i + 1]);
        s2 += Math.abs(x[i + 2] - y[i + 2]);
        s3 += Math.abs(x[i + 3] - y[i + 3]);
      }
      for (; i < n; i++) {
        s0 += Math.abs(x[i] - y[i]);
      }
      return ((s0 + s1) + (s2 + s3)) / n;
    }
    double s = 0;
    long pos = 0;
    int i = 0;
    int j = 0;
    long endX = m;
    long endY = n;
    while (i < n && j < m) {
      long end = Math.min(endX, endY);
      s += Math.abs(x[i] - y[j]) * (end - pos);
      pos = end;
      if (endX == end) {
        endX += m;
        i++;
      }
      if (endY == end) {
        endY += n;
        j++;
      }
    }
    return s / ((double) n * m);
  }

  /**
   * Whether the walk's distance of regular {@code a} and {@code b} is settled against {@code
   * limit} by their {@linkplain #paired paired} distance: -1 certainly at most the limit, 1
   * certainly above it, 0 not settled (not pairable, or within the slack of it).
   */
  static int settled(Points a, Points b, double limit) {
    if (!pairable(a, b)) {
      return 0;
    }
    double d = paired(a, b);
    double slack = slack(a, b);
    return d + slack <= limit ? -1 : d - slack > limit ? 1 : 0;
  }

  /** The slack of a {@linkplain #paired paired} distance against the walk's. */
  private static double slack(Points a, Points b) {
    return SLACK * (a.magnitude() + b.magnitude());
  }

  /**
   * The smallest distance of regular {@code p} to the windows, as {@code Math.min} over every
   * window's walk gives it; with {@code self >= 0}, only windows whose index lies at least {@code
   * gap} from {@code self} count. Infinite when none counts.
   */
  double nearest(Points p, int self, int gap) {
    if (regular && p.regular() && p.uniform() && p.values().length <= MAX_PAIRED) {
      return nearestPaired(p, self, gap);
    }
    double best = Double.POSITIVE_INFINITY;
    for (int j : byMean(p)) {
      if (self >= 0 && Math.abs(self - j) < gap) {
        continue;
      }
      Points w = windows[j];
      if (lowerBound(p, w) > best) {
        continue; // its distance is above the best: it cannot be nearer
      }
      if (best < Double.POSITIVE_INFINITY && pairable(p, w)
          && paired(p, w) - slack(p, w) > best) {
        continue; // likewise
      }
      double d = walk(p, w, best);
      if (d < best) {
        best = d;
      }
    }
    return best;
  }

  /**
   * {@link #nearest} for a pairable {@code p} among regular windows, with about one walk instead
   * of one per window that the best walk so far could not rule out. First a lower bound on every
   * window's walk (its {@linkplain #paired paired} distance less the slack when the window is
   * pairable with {@code p}, else the mean bound); the least paired distance plus its slack,
   * {@code u}, bounds the nearest walk from above, so a window whose lower bound lies above
   * {@code u} is never the nearest. Then the walks of the windows left, least lower bound first,
   * each skipped when its lower bound lies above the best so far and else stopped at it. The
   * result is the least walk, as {@code Math.min} over every window's walk gives it, bit for bit
   * (fourteenth session: a column's own spread, 72 nearest searches among its 72 windows of 512
   * points, took 3.2-3.3 walks per search; now 1).
   */
  private double nearestPaired(Points p, int self, int gap) {
    int n = windows.length;
    double[] low = new double[n];
    int[] candidates = new int[n];
    int count = 0;
    double upper = Double.POSITIVE_INFINITY;
    for (int j : byMean(p)) {
      if (self >= 0 && Math.abs(self - j) < gap) {
        continue;
      }
      Points w = windows[j];
      double bound = lowerBound(p, w);
      if (bound > upper) {
        continue; // its walk is above the nearest one
      }
      if (pairable(p, w)) {
        double d = paired(p, w);
        double s = slack(p, w);
        if (d - s > upper) {
          continue; // likewise
        }
        upper = Math.min(upper, d + s);
        bound = d - s;
      }
      low[j] = bound;
      candidates[count++] = j;
    }
    sortByBound(candidates, count, low);
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < count; k++) {
      int j = candidates[k];
      if (low[j] > upper || low[j] > best) {
        continue; // its walk is above the nearest one, or above the best so far
      }
      double d = walk(p, windows[j], best);
      if (d < best) {
        best = d;
      }
    }
    return best;
  }

  /**
   * Sorts the first {@code count} window indices by their lower bound, ascending (ties by index):
   * an insertion sort, since a search leaves few candidates.
   */
  private static void sortByBound(int[] order, int count, double[] distance) {
    for (int i = 1; i < count; i++) {
      int o = order[i];
      int k = i - 1;
      while (k >= 0 && (distance[order[k]] > distance[o]
          || distance[order[k]] == distance[o] && order[k] > o)) {
        order[k + 1] = order[k];
        k--;
      }
      order[k + 1] = o;
    }
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
      if (pairable(p, w) && paired(p, w) - slack(p, w) > stop) {
        continue; // its walk would pass the stop
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
   * "above". Each window's distance is settled by the windows' {@link WindowGrid} where it can
   * be, else by their paired distance, else walked: the same answers as the walks.
   */
  boolean medianNearestAtMost(NearestWindows to, double limit) {
    int n = windows.length;
    if (n == 0 || !(limit >= 0)) {
      return false;
    }
    int need = n / 2 + 1;
    int within = 0;
    int beyond = 0;
    WindowGrid from = regular && to.regular ? grid() : null;
    WindowGrid onto = from == null ? null : to.grid();
    for (int i = 0; i < n; i++) {
      Points p = windows[i];
      int j = to.closestMean(p);
      Points w = to.windows[j];
      boolean near;
      if (!(lowerBound(p, w) <= limit)) {
        near = false;
      } else {
        // the grid's look first (exact: it decides only what the paired distance decides)
        int settled = from == null ? 0 : from.settled(i, onto, j, limit, slack(p, w));
        if (settled == 0) {
          settled = settled(p, w, limit);
        }
        near = settled != 0 ? settled < 0 : walk(p, w, limit) <= limit;
      }
      if (near) {
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

  /**
   * The window whose mean is nearest {@code p}'s (the lowest index among equally near ones, as a
   * scan in index order finds it), by binary search among the means in ascending order: the
   * computed gap {@code |m - mean|} is monotone on each side of {@code p}'s mean, so the nearest
   * ones are the runs of equal gaps next to the insertion point (thirteenth session: the scan was
   * a quarter of the look-alike tests' time at 500 fields).
   */
  int closestMean(Points p) {
    double x = p.mean();
    if (!regular || Double.isNaN(x)) {
      return closestMeanByScan(p);
    }
    int lo = 0;
    int hi = sortedMeans.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sortedMeans[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    double gap = Double.POSITIVE_INFINITY;
    if (lo > 0) {
      gap = Math.abs(sortedMeans[lo - 1] - x);
    }
    if (lo < sortedMeans.length) {
      gap = Math.min(gap, Math.abs(sortedMeans[lo] - x));
    }
    int best = Integer.MAX_VALUE;
    for (int k = lo - 1; k >= 0 && Math.abs(sortedMeans[k] - x) == gap; k--) {
      best = Math.min(best, byMeanIndex[k]);
    }
    for (int k = lo; k < sortedMeans.length && Math.abs(sortedMeans[k] - x) == gap; k++) {
      best = Math.min(best, byMeanIndex[k]);
    }
    return best;
  }

  /** The scan in index order (windows or a mean that are not regular). */
  private int closestMeanByScan(Points p) {
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
