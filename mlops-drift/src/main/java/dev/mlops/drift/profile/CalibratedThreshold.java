package dev.mlops.drift.profile;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The upper quantile of a statistic's null distribution estimated from the values it took on
 * reference windows: a prediction bound for one new window, {@code g^-1(m + t(q; n-1) s sqrt(1 +
 * 1/n))}, where {@code m} and {@code s} are the mean and sample standard deviation of the values
 * on a {@link Scale} {@code g} that makes their distribution close to normal. The Student-t factor
 * widens the bound for few windows, so that 12 windows give an honest 99.9th percentile (an
 * empirical quantile of 12 values cannot go beyond their maximum).
 *
 * <p>Which scale: the normed Wasserstein distance between samples of a continuous variable is
 * close to log-normal (simulated with SciPy, 20,000 windows of 1,000 normal rows: the log-normal
 * 99.9th percentile is exceeded by 0.08% of them, the square-root normal one by 0.63%); the
 * Jensen-Shannon distance of counts, whose square is close to a scaled chi-square, is fitted on the
 * square-root scale (exceeded by 0.005-0.055% for 2-20 categories). A scale that cannot take
 * the values (a zero or a negative value on the log scale) falls back to the square root, then to
 * the raw values.
 *
 * <p>Degenerate samples. The log-normal shape holds for a feature of many distinct values; for a
 * (near-)constant or few-valued feature (a 0/1 flag, a year that is 0 in most reference rows) the
 * distance moves in steps of a count and comes close to 0 as often as anywhere else, so the log
 * scale stretches its small values and the fitted tail can sit several times above every window
 * (threshold 1.3973 over a largest window of 0.1707 was seen on real data). The log fit is
 * therefore refused, and the square-root normal fit used, when either (1) the finite values take
 * fewer than half as many distinct values as there are windows, or (2) the square root describes
 * them clearly better: its Box-Cox profile log-likelihood exceeds the log's by more than {@value
 * #BOX_COX_MARGIN} ({@code -n/2 log var(y) + (lambda - 1) sum log v} for {@code y} the values
 * transformed with lambda 0.5 and 0). Simulated with SciPy: log-normal samples of 5-67 windows
 * (log sd 0.2-1) fall back in at most 1.6% of cases, windows of an AR(1) stream (rho 0, 0.9) in at
 * most 1%; on 0/1 features (shares 0.005-0.5, windows of 169 rows, 12-100 windows) the log-normal
 * bound was exceeded by at most 0.001% of new windows for a stated 0.042%, with the rule by
 * 0.01-0.19%.
 *
 * <p>Immutable and thread-safe.
 *
 * @param threshold the bound (at least {@link #FLOOR})
 * @param quantile the quantile level {@code q}, in (0, 1)
 * @param windows the number of window values it was fitted on
 * @param scale the scale of the normal fit
 * @param maxObserved the largest window value
 */
public record CalibratedThreshold(
    double threshold, double quantile, int windows, Scale scale, double maxObserved) {

  /** The smallest threshold: a statistic of exactly 0 (identical distributions) never drifts. */
  public static final double FLOOR = 1e-9;

  /**
   * The Box-Cox log-likelihood margin by which the square root must beat the log for the log-normal
   * fit to be refused (see the class description).
   */
  public static final double BOX_COX_MARGIN = 2.0;

  /** The scale on which the window values are taken as normal. */
  public enum Scale {
    /** {@code log(v)}: needs every value positive. */
    LOG("log-normal"),
    /** {@code sqrt(v)}: needs every value non-negative. */
    SQUARE_ROOT("square-root normal"),
    /** The values themselves. */
    RAW("normal");

    private final String words;

    Scale(String words) {
      this.words = words;
    }

    /**
     * The fit in words, e.g. {@code "log-normal"}.
     *
     * @return the words
     */
    public String words() {
      return words;
    }

    /**
     * The scale for a statistic: log for the normed Wasserstein distance, square root otherwise.
     *
     * @param statistic the statistic
     * @return the scale
     */
    public static Scale forStatistic(dev.mlops.drift.stat.DriftStatistic statistic) {
      return statistic == dev.mlops.drift.stat.DriftStatistic.NORMED_WASSERSTEIN ? LOG
          : SQUARE_ROOT;
    }

    boolean accepts(double[] v) {
      for (double x : v) {
        if (this == LOG ? !(x > 0) : this == SQUARE_ROOT && x < 0) {
          return false;
        }
      }
      return true;
    }

    double forward(double x) {
      return this == LOG ? Math.log(x) : this == SQUARE_ROOT ? Math.sqrt(x) : x;
    }

    double inverse(double z) {
      return this == LOG ? Math.exp(z) : this == SQUARE_ROOT ? z * z : z;
    }
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException if a value is out of range
   * @throws NullPointerException if {@code scale} is null
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
    java.util.Objects.requireNonNull(scale, "scale must not be null");
  }

  /**
   * Fits the bound on the square-root scale ({@code fit(values, quantile, Scale.SQUARE_ROOT)}).
   *
   * @param values the statistic on each reference window (non-finite values are ignored)
   * @param quantile the quantile level, in (0, 1)
   * @return the bound
   * @throws IllegalArgumentException if fewer than 3 finite values remain or {@code quantile} is
   *     not in (0, 1)
   */
  public static CalibratedThreshold fit(double[] values, double quantile) {
    return fit(values, quantile, Scale.SQUARE_ROOT);
  }

  /**
   * Fits the bound on a scale (or the next one that accepts the values: log, square root, raw).
   *
   * @param values the statistic on each reference window (non-finite values are ignored)
   * @param quantile the quantile level, in (0, 1)
   * @param scale the preferred scale
   * @return the bound
   * @throws IllegalArgumentException if fewer than 3 finite values remain or {@code quantile} is
   *     not in (0, 1)
   * @throws NullPointerException if {@code values} or {@code scale} is null
   */
  public static CalibratedThreshold fit(double[] values, double quantile, Scale scale) {
    java.util.Objects.requireNonNull(scale, "scale must not be null");
    double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
    if (v.length < 3) {
      throw new IllegalArgumentException(
          "calibration windows with a finite statistic must number at least 3: " + v.length);
    }
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1): " + quantile);
    }
    double max = Arrays.stream(v).max().orElseThrow();
    Scale used = scale;
    while (!used.accepts(v)) {
      used = Scale.values()[used.ordinal() + 1];
    }
    Fit f = new Fit(v, used);
    if (used == Scale.LOG && (fewDistinct(v) || squareRootFitsBetter(v))) {
      f = new Fit(v, Scale.SQUARE_ROOT);
    }
    double bound = f.bound(quantile);
    double threshold = f.scale == Scale.SQUARE_ROOT ? Math.max(0, bound) * Math.max(0, bound)
        : f.scale.inverse(bound);
    return new CalibratedThreshold(Math.max(FLOOR, threshold), quantile, v.length, f.scale, max);
  }

  /** Whether the values take fewer than half as many distinct values as there are of them. */
  static boolean fewDistinct(double[] v) {
    return Arrays.stream(v).distinct().count() * 2 < v.length;
  }

  /** A normal fit on a scale: the mean and sample standard deviation of the scaled values. */
  private static final class Fit {
    final Scale scale;
    final int n;
    final double mean;
    final double sd;
    final TDistribution t;

    Fit(double[] v, Scale scale) {
      this.scale = scale;
      double[] x = Arrays.stream(v).map(scale::forward).toArray();
      this.n = x.length;
      this.mean = Arrays.stream(x).sum() / n;
      double ss = 0;
      for (double d : x) {
        ss += (d - mean) * (d - mean);
      }
      this.sd = Math.sqrt(ss / (n - 1));
      this.t = new TDistribution(null, n - 1);
    }

    /** The prediction bound {@code m + t(q; n-1) s sqrt(1 + 1/n)} on the scale. */
    double bound(double quantile) {
      return mean + t.inverseCumulativeProbability(quantile) * sd * Math.sqrt(1 + 1.0 / n);
    }
  }

  /**
   * Whether the Box-Cox profile log-likelihood of lambda 0.5 exceeds that of lambda 0 (the log) by
   * more than {@link #BOX_COX_MARGIN}, for positive values.
   */
  static boolean squareRootFitsBetter(double[] v) {
    int n = v.length;
    double[] logs = new double[n];
    double[] roots = new double[n];
    double sumLog = 0;
    for (int i = 0; i < n; i++) {
      logs[i] = Math.log(v[i]);
      roots[i] = 2 * (Math.sqrt(v[i]) - 1);
      sumLog += logs[i];
    }
    double varLog = populationVariance(logs);
    double varRoot = populationVariance(roots);
    if (!(varLog > 0) || !(varRoot > 0)) {
      return false;
    }
    double logLik = -n / 2.0 * Math.log(varLog) - sumLog;
    double rootLik = -n / 2.0 * Math.log(varRoot) - 0.5 * sumLog;
    return rootLik - logLik > BOX_COX_MARGIN;
  }

  private static double populationVariance(double[] x) {
    double mean = Arrays.stream(x).average().orElse(Double.NaN);
    double ss = 0;
    for (double d : x) {
      ss += (d - mean) * (d - mean);
    }
    return ss / x.length;
  }

  /**
   * The fit in words, e.g. {@code "99.92th percentile 0.0830 (log-normal fit to 12 windows; max
   * 0.0610)"}.
   *
   * @return the description
   */
  public String describe() {
    return String.format(Locale.ROOT, "%s percentile %s (%s fit to %d windows; max %s)",
        percent(quantile), fmt(threshold), scale.words(), windows, fmt(maxObserved));
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
