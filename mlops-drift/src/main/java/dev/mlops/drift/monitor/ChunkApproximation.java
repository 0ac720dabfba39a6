package dev.mlops.drift.monitor;

import dev.mlops.drift.stat.TestResult;
import dev.mlops.drift.stat.Wasserstein;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Corrects the normed Wasserstein distances of chunk windows ({@link ChunkCalibration}) for the
 * chunks' approximation, so that thresholds fitted to them are thresholds for the exact distance
 * a live window gets. A chunk keeps at most {@value #POINTS} slice means of its sorted values, and
 * a window formed from chunks is compared with the reference through them: on independent rows
 * this shifts the log distance by about +0.05 and shrinks its spread by about 6% (windows of 4
 * chunks of 256 rows), which at a 99.95th percentile lowers the threshold by ~3% and roughly
 * doubles the distance check's false alarms. On strongly autocorrelated rows the approximation
 * hardly matters (the window's distance is mostly a location shift).
 *
 * <p>The correction is measured, per column and window size, on windows of independent rows drawn
 * from the reference: each window's exact distance (as the monitor computes it) and its chunk
 * distance (sorted per chunk, {@value #POINTS} equal-count slice means) give the log mean
 * difference {@code d} and the log variance difference {@code v}; the chunk values' logs are then
 * shifted by {@code d} and their variance raised by {@code v} (an additive model of the
 * approximation, which measured simulations put within a few percent of the exact distances'
 * spread at AR(1) rho 0, 0.5 and 0.9). Stateless.
 */
final class ChunkApproximation {

  /** Slice means per chunk (as {@code ReferenceChunks.POINTS}). */
  static final int POINTS = 64;
  /**
   * Simulated windows at most. 50 (200 until the thirteenth session): the correction is a paired
   * difference of means and variances of log distances, whose simulation error at 50 windows is
   * sd 0.009 (log shift) and 0.006-0.007 (log variance) against 0.004 and 0.002-0.003 at 200
   * (normal, log-normal, exponential and uniform references of 10,000 values, windows of 4 chunks
   * of 256 rows, 20 seeds each): under 1% of a threshold in the shift, against the ~25% relative
   * sampling error of the log spread that the ~9 calibration windows themselves leave. The
   * measurement was the costliest part of a wide monitor's first window (200 windows of the
   * window's size against the whole reference per skewed feature).
   */
  static final int WINDOWS = 50;
  /** Simulated values at most (windows times rows). */
  static final long BUDGET = 4_000_000L;

  /**
   * The measured correction.
   *
   * @param logShift added to each log value
   * @param logVariance added to the log values' variance
   * @param windows windows simulated
   */
  record Correction(double logShift, double logVariance, int windows) {

    /** The correction in words. */
    String describe() {
      return String.format(Locale.ROOT, "corrected for the chunks' approximation (log shift %+.4f,"
          + " log variance %+.4f, %d simulated windows)", logShift, logVariance, windows);
    }
  }

  private ChunkApproximation() {}

  /**
   * Measures the correction for windows of {@code windowRows} rows formed from chunks of {@code
   * chunkRows}, or null when the reference is too small or the chunks hold every value exactly.
   */
  static Correction measure(double[] refSorted, double refStd, long windowRows, long chunkRows,
      long seed) {
    return measure(refSorted, refStd, windowRows, chunkRows, seed, WINDOWS);
  }

  /** {@link #measure(double[], double, long, long, long)} with another number of windows at most. */
  static Correction measure(double[] refSorted, double refStd, long windowRows, long chunkRows,
      long seed, int most) {
    if (refSorted.length < 2 || chunkRows <= POINTS || windowRows < chunkRows
        || chunkRows % POINTS != 0 || windowRows > Integer.MAX_VALUE) {
      return null;
    }
    int w = (int) windowRows;
    int c = (int) chunkRows;
    int windows = (int) Math.max(30, Math.min(most, BUDGET / w));
    double std = Double.isFinite(refStd) ? refStd : FeatureEvaluator.populationStd(refSorted);
    double norm = Math.max(std, Wasserstein.MIN_STD);
    boolean finite = Double.isFinite(refSorted[0]) && Double.isFinite(refSorted[refSorted.length - 1])
        && Double.isFinite(std);
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] exact = new double[windows];
    double[] approx = new double[windows];
    int used = 0;
    double[] x = new double[w];
    int chunks = w / c;
    double[] pts = new double[chunks * POINTS];
    double[] wts = new double[pts.length];
    Arrays.fill(wts, (double) c / POINTS);
    int per = c / POINTS;
    for (int r = 0; r < windows; r++) {
      for (int i = 0; i < w; i++) {
        x[i] = refSorted[rnd.nextInt(refSorted.length)];
      }
      for (int k = 0; k < chunks; k++) {
        Arrays.sort(x, k * c, (k + 1) * c);
        for (int s = 0; s < POINTS; s++) {
          double sum = 0;
          for (int i = k * c + s * per; i < k * c + (s + 1) * per; i++) {
            sum += x[i];
          }
          pts[k * POINTS + s] = sum / per;
        }
      }
      double[] p = Arrays.copyOf(pts, pts.length);
      Arrays.sort(p); // equal weights: sorting the points alone keeps them paired
      Arrays.sort(x);
      double a;
      double e;
      if (finite) {
        // both sides equally weighted: the paired distance, equal to the walk's within ~1e-13
        // of the values' magnitude, a loop without its divisions and ties
        a = NearestWindows.paired(refSorted, p) / norm;
        e = NearestWindows.paired(refSorted, x) / norm;
      } else {
        a = ChunkCalibration.weightedDistance(refSorted, p, wts) / norm;
        TestResult t = Wasserstein.normedDistanceSorted(refSorted, x, std);
        e = t.isOk() ? t.statistic() : Double.NaN;
      }
      if (a > 0 && e > 0 && Double.isFinite(a) && Double.isFinite(e)) {
        exact[used] = Math.log(e);
        approx[used++] = Math.log(a);
      }
    }
    if (used < 30) {
      return null;
    }
    double me = mean(exact, used);
    double ma = mean(approx, used);
    return new Correction(me - ma, variance(exact, used, me) - variance(approx, used, ma), used);
  }

  /**
   * The chunk values corrected: logs shifted and their spread widened (or narrowed) to the exact
   * distances' variance; non-positive or non-finite values are kept as they are.
   */
  static double[] apply(double[] values, Correction c) {
    double[] z = Arrays.stream(values).filter(v -> v > 0 && Double.isFinite(v)).map(Math::log)
        .toArray();
    if (z.length < 3) {
      return values;
    }
    double m = mean(z, z.length);
    double var = variance(z, z.length, m);
    double scale = var > 0 ? Math.sqrt(Math.max(var + c.logVariance(), 0.25 * var) / var) : 1;
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      double v = out[i];
      if (v > 0 && Double.isFinite(v)) {
        out[i] = Math.exp(m + c.logShift() + (Math.log(v) - m) * scale);
      }
    }
    return out;
  }

  private static double mean(double[] v, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += v[i];
    }
    return s / n;
  }

  private static double variance(double[] v, int n, double mean) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (v[i] - mean) * (v[i] - mean);
    }
    return s / (n - 1);
  }
}
