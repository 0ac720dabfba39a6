package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.stat.BinnedStatistics;
import dev.mlops.drift.stat.TestResult;
import dev.mlops.drift.stat.Wasserstein;
import java.util.Locale;
import java.util.Map;

/**
 * Calibration windows formed from a profile's {@link ReferenceChunks}: for a live window of
 * {@code k} values, consecutive runs of {@code m = round(k / chunkRows)} chunks, their sketches
 * merged, and the statistic the monitor computes measured between each such window and the
 * reference, as an ordered calibration on the rows would. Stateless.
 *
 * <p>Each value is multiplied by {@code sqrt((N + w) / (N - w))} (a window inside a reference of
 * {@code N} rows, see {@code ThresholdCalibration}) and by {@code sqrt(w / k)} for a window of
 * {@code w = m * chunkRows} rows standing for one of {@code k} (a window of half a chunk to one
 * chunk stands on one-chunk windows: a factor of at most {@code sqrt 2}, conservative where rows
 * are autocorrelated since a window's distance then shrinks more slowly than {@code 1 / sqrt k}).
 */
final class ChunkCalibration {

  /** Fewest windows the chunks must form; below it thresholds are resampled. */
  static final int MIN_WINDOWS = 5;

  /**
   * The statistic on each window, or why there are none.
   *
   * @param values the statistic per window (null when none), the factor applied unless they are
   *     scale values
   * @param windowRows rows per window
   * @param chunksPerWindow chunks merged into one window
   * @param factor the spread correction (finite reference, window size)
   * @param whyNot why the chunks cannot calibrate (null when they can)
   */
  record Values(double[] values, long windowRows, int chunksPerWindow, double factor,
      String whyNot) {}

  private ChunkCalibration() {}

  /**
   * The calibration values of a column for windows of {@code k} values: its drift statistic
   * (times the factor), or with {@code scale} the log of the ratio of the window's standard
   * deviation to the reference's (uncorrected: the factor applies to their spread).
   */
  static Values values(ReferenceChunks chunks, FeatureSpec f, long k, boolean scale) {
    return values(chunks, f, k, scale, 0);
  }

  /**
   * The other chunk count bracketing a window of {@code k} values: {@code floor(k / c)} when
   * {@link #values} rounded up, {@code ceil(k / c)} when it rounded down, 0 when {@code k} is a
   * whole number of chunks or under one chunk.
   */
  static int otherBracket(ReferenceChunks chunks, long k) {
    long c = chunks.chunkRows();
    long lo = k / c;
    if (lo < 1 || lo * c == k) {
      return 0;
    }
    int m = (int) Math.max(1, Math.round((double) k / c));
    return (int) (m == lo ? lo + 1 : lo);
  }

  /**
   * As {@link #values(ReferenceChunks, FeatureSpec, long, boolean)} with windows of {@code
   * chunksPerWindow} chunks ({@code 0}: {@code round(k / chunkRows)}, at least 1).
   */
  static Values values(ReferenceChunks chunks, FeatureSpec f, long k, boolean scale,
      int chunksPerWindow) {
    if (chunks == null) {
      return new Values(null, 0, 0, 1, "the profile has no chunks (no row order)");
    }
    if (!chunks.columns().contains(f.name)) {
      return new Values(null, 0, 0, 1, "the profile's chunks do not hold " + f.name);
    }
    long c = chunks.chunkRows();
    if (2 * k < c) {
      return new Values(null, 0, 0, 1, String.format(Locale.ROOT,
          "windows of %d values are smaller than half the profile's chunks of %d rows", k, c));
    }
    int m = chunksPerWindow > 0 ? chunksPerWindow
        : (int) Math.max(1, Math.round((double) k / c));
    int windows = chunks.count() / m;
    long total = 0;
    for (int i = 0; i < chunks.count(); i++) {
      total += chunks.rows(i);
    }
    double[] values = new double[windows];
    int used = 0;
    long w = m * c;
    double factor = (total > w ? Math.sqrt((double) (total + w) / (total - w)) : 1.0)
        * Math.sqrt((double) w / k);
    for (int i = 0; i < windows; i++) {
      if (!fullWindow(chunks, i, m, w)) {
        continue; // the partial last chunk makes a short window
      }
      double v = scale ? logScale(chunks, f, i * m, (i + 1) * m)
          : f.numeric ? numeric(chunks, f, i * m, (i + 1) * m)
          : categorical(chunks, f, i * m, (i + 1) * m);
      if (Double.isFinite(v)) {
        values[used++] = scale ? v : v * factor;
      } else if (scale && v == Double.NEGATIVE_INFINITY) {
        values[used++] = v; // a constant window: the scale check sees it (ScaleCheck.degenerate)
      }
    }
    if (used < MIN_WINDOWS) {
      return new Values(null, w, m, factor, String.format(Locale.ROOT,
          "the profile's %d chunks of %d rows form %d windows of %d rows, fewer than %d",
          chunks.count(), c, used, w, MIN_WINDOWS));
    }
    return new Values(java.util.Arrays.copyOf(values, used), w, m, factor, null);
  }

  /**
   * The mean shifts and shapes of a numeric column's windows (the same windows as {@link
   * #values}), for {@link ShiftThreshold}.
   *
   * @param shifts each window's mean minus the reference's (exact, from the chunks' moments), in
   *     reference standard deviations, times the spread factor
   * @param shape each window's distance with its mean moved to a shift, times the factor
   * @param skewness the reference values' skewness ({@code m3 / m2^1.5})
   * @param spread the shifts' spread from sub-window chunks ({@link SubWindowSpread}; null when
   *     the windows have fewer than 2 sub-chunks)
   */
  record Shifts(double[] shifts, ShiftThreshold.Shape shape, double skewness,
      SubWindowSpread.Spread spread) {}

  /**
   * The shifts and shapes of a numeric column's windows of {@code v} (which must have calibrated:
   * {@code v.whyNot() == null}).
   */
  static Shifts shifts(ReferenceChunks chunks, FeatureSpec f, Values v) {
    double[] ref = f.referenceSorted;
    double std = Math.max(Double.isFinite(f.referenceStd) ? f.referenceStd
        : FeatureEvaluator.populationStd(ref), Wasserstein.MIN_STD);
    double refMean = 0;
    for (double x : ref) {
      refMean += x;
    }
    refMean /= ref.length;
    double m2 = 0;
    double m3 = 0;
    for (double x : ref) {
      double d = x - refMean;
      m2 += d * d;
      m3 += d * d * d;
    }
    double skewness = m2 > 0 ? (m3 / ref.length) / Math.pow(m2 / ref.length, 1.5) : 0;
    long n = 0;
    double total = 0;
    for (int i = 0; i < chunks.count(); i++) {
      ReferenceChunks.Piece p = chunks.piece(f.name, i);
      if (p.count() > 0) {
        n += p.count();
        total += p.mean() * p.count();
      }
    }
    double mean = n > 0 ? total / n : refMean;
    int m = v.chunksPerWindow();
    double factor = v.factor();
    java.util.List<double[]> centred = new java.util.ArrayList<>();
    java.util.List<double[]> weights = new java.util.ArrayList<>();
    double[] shifts = new double[chunks.count() / m];
    int used = 0;
    for (int i = 0; i < chunks.count() / m; i++) {
      if (!fullWindow(chunks, i, m, v.windowRows())) {
        continue;
      }
      ReferenceChunks.NumericWindow win = chunks.numeric(f.name, i * m, (i + 1) * m);
      if (win.values().length == 0 || !Double.isFinite(win.mean())) {
        continue;
      }
      double[] c = win.values().clone();
      for (int j = 0; j < c.length; j++) {
        c[j] -= win.mean();
      }
      centred.add(c);
      weights.add(win.weights());
      shifts[used++] = (win.mean() - mean) / std * factor;
    }
    double centre = refMean;
    ShiftThreshold.Shape shape = (i, shift) -> {
      double[] c = centred.get(i);
      double[] x = new double[c.length];
      double at = centre + shift * std / factor;
      for (int j = 0; j < c.length; j++) {
        x[j] = c[j] + at;
      }
      double[] w = weights.get(i);
      // equally weighted points (whole chunks): the paired distance, a loop without the walk's
      // divisions, equal to it within ~1e-13 of the values' magnitude (NearestWindows.paired)
      return factor * (uniform(w) ? NearestWindows.paired(ref, x)
          : weightedDistance(ref, x, w)) / std;
    };
    return new Shifts(java.util.Arrays.copyOf(shifts, used), shape, skewness,
        SubWindowSpread.of(chunks, f.name, v, mean, std));
  }

  /** Whether every weight is the first (null: equal weights). */
  static boolean uniform(double[] weights) {
    if (weights == null) {
      return true;
    }
    for (double w : weights) {
      if (w != weights[0]) {
        return false;
      }
    }
    return weights.length > 0;
  }

  private static boolean fullWindow(ReferenceChunks chunks, int i, int m, long w) {
    long rows = 0;
    for (int j = i * m; j < (i + 1) * m; j++) {
      rows += chunks.rows(j);
    }
    return rows >= 0.75 * w;
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  private static double logScale(ReferenceChunks chunks, FeatureSpec f, int from, int to) {
    return logScale(chunks, f, range(from, to));
  }

  /** The log sd ratio of the window of the given chunks (any order, repeats counted). */
  static double logScale(ReferenceChunks chunks, FeatureSpec f, int[] window) {
    long n = 0;
    double mean = 0;
    double m2 = 0;
    for (int i : window) {
      ReferenceChunks.Piece m = chunks.piece(f.name, i);
      if (m.count() == 0) {
        continue;
      }
      long total = n + m.count();
      double d = m.mean() - mean;
      mean += d * m.count() / total;
      m2 += m.m2() + d * d * ((double) n * m.count() / total);
      n = total;
    }
    return n < 2 ? Double.NaN : ScaleCheck.logRatio(Math.sqrt(m2 / (n - 1)), f.referenceStd);
  }

  private static double numeric(ReferenceChunks chunks, FeatureSpec f, int from, int to) {
    return numeric(chunks, f, range(from, to));
  }

  /** The normed distance of the window of the given chunks to the reference. */
  static double numeric(ReferenceChunks chunks, FeatureSpec f, int[] window) {
    ReferenceChunks.PointCounts counts = chunks.pointCounts(f.name, window);
    double[] ref = f.referenceSorted;
    if (counts.points() == 0 || ref.length == 0) {
      return Double.NaN;
    }
    double std = Double.isFinite(f.referenceStd) ? f.referenceStd
        : FeatureEvaluator.populationStd(ref);
    double d;
    if (Double.isNaN(counts.weight())) {
      ReferenceChunks.NumericWindow win = chunks.numeric(f.name, window);
      d = weightedDistance(ref, win.values(), win.weights());
    } else {
      d = countedDistance(ref, counts);
    }
    return d / Math.max(std, Wasserstein.MIN_STD);
  }

  /**
   * {@link #weightedDistance(double[], double[], double[])} between an ascending sample and a
   * window whose points all carry the same weight, from the window's counts per distinct value:
   * the same operations in the same order as on the window's sorted points (the weights summed
   * one by one, each point's share added one by one), so the same bits, without sorting.
   */
  static double countedDistance(double[] a, ReferenceChunks.PointCounts window) {
    double[] v = window.values();
    int[] c = window.counts();
    double weight = window.weight();
    double tb = 0;
    for (int k = 0; k < window.points(); k++) {
      tb += weight;
    }
    double share = weight / tb;
    int j = next(c, 0);
    int i = 0;
    double fa = 0;
    double fb = 0;
    double prev = Math.min(a[0], v[j]);
    double area = 0;
    while (i < a.length || j < v.length) {
      double x = j >= v.length || (i < a.length && a[i] <= v[j]) ? a[i] : v[j];
      area += Math.abs(fa - fb) * (x - prev);
      prev = x;
      while (i < a.length && a[i] == x) {
        i++;
      }
      fa = (double) i / a.length;
      while (j < v.length && v[j] == x) {
        for (int k = c[j]; k > 0; k--) {
          fb += share;
        }
        j = next(c, j + 1);
      }
    }
    return area;
  }

  /** The first value at or after {@code j} that the window holds. */
  private static int next(int[] counts, int j) {
    while (j < counts.length && counts[j] == 0) {
      j++;
    }
    return j;
  }

  private static double categorical(ReferenceChunks chunks, FeatureSpec f, int from, int to) {
    return categorical(chunks, f, range(from, to));
  }

  /** The Jensen-Shannon distance of the window of the given chunks to the reference. */
  static double categorical(ReferenceChunks chunks, FeatureSpec f, int[] window) {
    ReferenceChunks.CategoricalWindow win = chunks.categorical(f.name, window);
    long[] counts = new long[f.referenceCounts.length];
    int last = counts.length - 1;
    for (Map.Entry<String, Long> e : win.categories().entrySet()) {
      int i = f.categoryOf(e.getKey());
      counts[i < 0 ? last : i] += e.getValue();
    }
    counts[last] += win.other();
    TestResult t = BinnedStatistics.jensenShannon(f.referenceCounts, counts);
    return t.isOk() ? t.statistic() : Double.NaN;
  }

  /**
   * The Wasserstein-1 distance between an ascending sample (equal weights) and ascending
   * weighted points: the integral of the absolute difference of their distribution functions.
   */
  static double weightedDistance(double[] ref, double[] v, double[] w) {
    return weightedDistance(ref, null, v, w);
  }

  /**
   * The Wasserstein-1 distance between two sets of ascending weighted points (a null weight array:
   * equal weights, the distribution function counted exactly as {@code i / n}); {@code NaN} when a
   * point is {@code NaN} (it equals nothing, so the walk could not pass it).
   */
  static double weightedDistance(double[] a, double[] wa, double[] b, double[] wb) {
    return weightedDistance(a, wa, b, wb, Double.POSITIVE_INFINITY);
  }

  /**
   * {@link #weightedDistance(double[], double[], double[], double[])}, stopped early: once the
   * area summed so far exceeds {@code stop}, that partial area is returned (the distance is then
   * at least that). The area only grows along the walk, so a search for the smallest distance,
   * or for one under a bar, can drop a candidate without walking it to the end; a result not
   * above {@code stop} is the full distance, bit for bit.
   */
  static double weightedDistance(double[] a, double[] wa, double[] b, double[] wb,
      double stop) {
    return weightedDistance(a, wa, total(wa), b, wb, total(wb), stop);
  }

  /**
   * {@link #weightedDistance(double[], double[], double[], double[], double)} with each side's
   * total weight given (as {@link #total} sums it: a caller walking the same points many times
   * sums them once; ignored for a null weight array): the same operations, the same bits.
   */
  static double weightedDistance(double[] a, double[] wa, double ta, double[] b, double[] wb,
      double tb, double stop) {
    int i = 0;
    int j = 0;
    double fa = 0;
    double fb = 0;
    double prev = Math.min(a[0], b[0]);
    double area = 0;
    while (i < a.length || j < b.length) {
      double x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
      if (Double.isNaN(x)) {
        return Double.NaN;
      }
      area += Math.abs(fa - fb) * (x - prev);
      if (area > stop) {
        return area;
      }
      prev = x;
      if (wa == null) {
        while (i < a.length && a[i] == x) {
          i++;
        }
        fa = (double) i / a.length;
      } else {
        while (i < a.length && a[i] == x) {
          fa += wa[i++] / ta;
        }
      }
      if (wb == null) {
        while (j < b.length && b[j] == x) {
          j++;
        }
        fb = (double) j / b.length;
      } else {
        while (j < b.length && b[j] == x) {
          fb += wb[j++] / tb;
        }
      }
    }
    return area;
  }

  /** The weights' sum, in index order (0 for null: equal weights). */
  static double total(double[] weights) {
    double t = 0;
    if (weights != null) {
      for (double x : weights) {
        t += x;
      }
    }
    return t;
  }

  /** The origin of a threshold calibrated on chunk windows, in words. */
  static String describe(ReferenceChunks chunks, Values v) {
    return String.format(Locale.ROOT,
        "calibrated on %d ordered reference windows of %d rows (%d consecutive chunks of %d rows"
            + " of the profile)", v.values().length, v.windowRows(), v.chunksPerWindow(),
        chunks.chunkRows());
  }
}
