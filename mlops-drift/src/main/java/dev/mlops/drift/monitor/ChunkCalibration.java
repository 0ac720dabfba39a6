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
 * {@code w = m * chunkRows} rows standing for one of {@code k}.
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
    if (chunks == null) {
      return new Values(null, 0, 0, 1, "the profile has no chunks (built from columns, not rows)");
    }
    if (!chunks.columns().contains(f.name)) {
      return new Values(null, 0, 0, 1, "the profile's chunks do not hold " + f.name);
    }
    long c = chunks.chunkRows();
    if (k < c) {
      return new Values(null, 0, 0, 1, String.format(Locale.ROOT,
          "windows of %d values are smaller than the profile's chunks of %d rows", k, c));
    }
    int m = (int) Math.max(1, Math.round((double) k / c));
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
      long rows = 0;
      for (int j = i * m; j < (i + 1) * m; j++) {
        rows += chunks.rows(j);
      }
      if (rows < 0.75 * w) {
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

  private static double logScale(ReferenceChunks chunks, FeatureSpec f, int from, int to) {
    long n = 0;
    double mean = 0;
    double m2 = 0;
    for (int i = from; i < to; i++) {
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
    ReferenceChunks.NumericWindow win = chunks.numeric(f.name, from, to);
    double[] ref = f.referenceSorted;
    if (win.values().length == 0 || ref.length == 0) {
      return Double.NaN;
    }
    double std = Double.isFinite(f.referenceStd) ? f.referenceStd
        : FeatureEvaluator.populationStd(ref);
    return weightedDistance(ref, win.values(), win.weights()) / Math.max(std, Wasserstein.MIN_STD);
  }

  private static double categorical(ReferenceChunks chunks, FeatureSpec f, int from, int to) {
    ReferenceChunks.CategoricalWindow win = chunks.categorical(f.name, from, to);
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
   * The Wasserstein-1 distance between two sets of ascending weighted points ({@code wa} null:
   * equal weights, the distribution function counted exactly as {@code i / n}).
   */
  static double weightedDistance(double[] a, double[] wa, double[] b, double[] wb) {
    double ta = 0;
    if (wa != null) {
      for (double x : wa) {
        ta += x;
      }
    }
    double tb = 0;
    for (double x : wb) {
      tb += x;
    }
    int i = 0;
    int j = 0;
    double fa = 0;
    double fb = 0;
    double prev = Math.min(a[0], b[0]);
    double area = 0;
    while (i < a.length || j < b.length) {
      double x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
      area += Math.abs(fa - fb) * (x - prev);
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
      while (j < b.length && b[j] == x) {
        fb += wb[j++] / tb;
      }
    }
    return area;
  }

  /** The origin of a threshold calibrated on chunk windows, in words. */
  static String describe(ReferenceChunks chunks, Values v) {
    return String.format(Locale.ROOT,
        "calibrated on %d ordered reference windows of %d rows (%d consecutive chunks of %d rows"
            + " of the profile)", v.values().length, v.windowRows(), v.chunksPerWindow(),
        chunks.chunkRows());
  }
}
