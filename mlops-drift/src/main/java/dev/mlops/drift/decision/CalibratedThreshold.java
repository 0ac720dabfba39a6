package dev.mlops.drift.decision;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The upper quantile of a statistic's null distribution estimated from the values it took on
 * reference windows: a prediction bound for one new window, {@code (m + t(q; n-1) s sqrt(1 +
 * 1/n))^2} on the square-root scale ({@code m} and {@code s} the mean and sample standard
 * deviation of the square roots; distances between samples have right-skewed, roughly chi-like
 * null distributions that the square root makes close to normal), or the same bound on the raw
 * values when one of them is negative (a normal fit). The Student-t factor widens the bound for
 * few windows, so that 12 windows give an honest 99.9th percentile (an empirical quantile of 12
 * values cannot go beyond their maximum).
 *
 * <p>Immutable and thread-safe.
 *
 * @param threshold the bound (at least {@link #FLOOR})
 * @param quantile the quantile level {@code q}, in (0, 1)
 * @param windows the number of window values it was fitted on
 * @param squareRoot whether the fit was on the square-root scale
 * @param maxObserved the largest window value
 */
public record CalibratedThreshold(
    double threshold, double quantile, int windows, boolean squareRoot, double maxObserved) {

  /** The smallest threshold: a statistic of exactly 0 (identical distributions) never drifts. */
  public static final double FLOOR = 1e-9;

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public CalibratedThreshold {
    if (!(threshold >= FLOOR) || !Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite and >= 1e-9: " + threshold);
    }
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1): " + quantile);
    }
    if (windows < 3) {
      throw new IllegalArgumentException("windows must be at least 3: " + windows);
    }
  }

  /**
   * Fits the bound.
   *
   * @param values the statistic on each reference window (non-finite values are ignored)
   * @param quantile the quantile level, in (0, 1)
   * @return the bound
   * @throws IllegalArgumentException if fewer than 3 finite values remain or {@code quantile} is
   *     not in (0, 1)
   */
  public static CalibratedThreshold fit(double[] values, double quantile) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
    if (v.length < 3) {
      throw new IllegalArgumentException(
          "calibration windows with a finite statistic must number at least 3: " + v.length);
    }
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1): " + quantile);
    }
    double max = Arrays.stream(v).max().orElseThrow();
    boolean positive = Arrays.stream(v).allMatch(x -> x >= 0);
    double[] x = positive ? Arrays.stream(v).map(Math::sqrt).toArray() : v;
    int n = x.length;
    double mean = Arrays.stream(x).sum() / n;
    double ss = 0;
    for (double d : x) {
      ss += (d - mean) * (d - mean);
    }
    double sd = Math.sqrt(ss / (n - 1));
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability(quantile);
    double bound = mean + t * sd * Math.sqrt(1 + 1.0 / n);
    double threshold = positive ? bound * bound : bound;
    return new CalibratedThreshold(Math.max(FLOOR, threshold), quantile, n, positive, max);
  }

  /**
   * The fit in words, e.g. {@code "99.92th percentile 0.0830 (square-root normal fit to 12 windows; max 0.0610)"}.
   *
   * @return the description
   */
  public String describe() {
    return String.format(Locale.ROOT, "%s percentile %s (%s fit to %d windows; max %s)",
        percent(quantile), fmt(threshold), squareRoot ? "square-root normal" : "normal", windows,
        fmt(maxObserved));
  }

  static String percent(double q) {
    String p = String.format(Locale.ROOT, "%.4f", 100 * q).replaceAll("0+$", "")
        .replaceAll("\\.$", "");
    return p + "th";
  }

  static String fmt(double v) {
    return Math.abs(v) < 1e-3 && v != 0 ? String.format(Locale.ROOT, "%.3g", v)
        : String.format(Locale.ROOT, "%.4f", v);
  }
}
