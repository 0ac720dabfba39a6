package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceChunks;
import org.apache.commons.math3.distribution.TDistribution;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far beyond the reference's range a stationary window of a numeric feature is expected to
 * go, learnt from the profile's ordered chunks, so that the out-of-range finding is calibrated
 * like the drift thresholds instead of firing on every clean excursion of a slowly wandering
 * feature (an AR(1) at 0.999 over 10,000 rows holds about five independent stretches of it, so
 * its continuation leaves their range often).
 *
 * <p>The finding counts a window whose share beyond the range exceeds {@code s} ({@link
 * QualityThresholds#maxOutOfRangeRate()}), that is whose {@code 1 - s} quantile lies above the
 * reference's maximum (or whose {@code s} quantile lies below its minimum). The calibration cuts
 * the chunks into consecutive windows of about the monitor's window size and takes each window's
 * {@code 1 - s} and {@code s} quantiles; a stationary window's quantile is bounded by the
 * Student prediction bound {@code mean + t sd sqrt(1 + 1/n)} of the windows' quantiles, {@code n}
 * the effective number of independent windows ({@code W (1 - r) / (1 + r)} for {@code W} windows
 * whose quantiles have lag-one autocorrelation {@code r}, at least 2) and {@code t} the {@code 1 -
 * RATE / 2} quantile of Student's t with {@code n - 1} degrees of freedom (at least 2): {@value
 * #RATE} per feature and window, half per side. The tolerated depth on each side is how far that bound lies beyond the reference's
 * extreme (0 when inside: a feature whose windows all sit well inside its range keeps the exact
 * range). Rows beyond the range but within the depth are counted ({@link
 * FeatureQuality#outOfRange()}), not a finding; a window with more than {@code s} of its rows
 * beyond the depth is. No tolerance (the exact range) when the profile has no chunks (no row
 * order: independent rows rarely leave the range of a large reference) or the chunks form fewer
 * than {@value #MIN_WINDOWS} windows. A feature that wanders across its range over the reference
 * holds few effective windows, so its bound is wide (a moderate offset or rescaling of it is left
 * to the drift test); a reference without negative values is taken as a quantity of one sign and
 * the tolerance never reaches below zero (nor above zero without positive values), so a sign flip
 * stays a finding. A unit change or a sign flip goes far beyond the bound and
 * stays a finding. Results are cached per feature and window size. Thread-safe.
 */
final class RangeTolerance {

  /** The stated rate: probability per feature and window of a stationary window going deeper. */
  static final double RATE = 0.001;
  /** Fewest calibration windows. */
  static final int MIN_WINDOWS = 5;

  /**
   * The tolerated depths beyond the range and how they were learnt.
   *
   * @param below the tolerated depth below the minimum, in the feature's units
   * @param above the tolerated depth above the maximum
   * @param origin how they were learnt (null for none)
   */
  record Tolerance(double below, double above, String origin) {
    static final Tolerance NONE = new Tolerance(0, 0, null);

    boolean none() {
      return below == 0 && above == 0;
    }
  }

  private final ReferenceChunks chunks;
  private final double share;
  private final Map<String, Tolerance> cache = new ConcurrentHashMap<>();

  /**
   * A tolerance source.
   *
   * @param chunks the profile's chunks (null without order)
   * @param share the out-of-range share the finding counts
   */
  RangeTolerance(ReferenceChunks chunks, double share) {
    this.chunks = chunks;
    this.share = share;
  }

  /**
   * The tolerance of a numeric feature for windows of {@code k} values.
   *
   * @param f the feature
   * @param k the window's values
   * @return the tolerance ({@link Tolerance#NONE} when it cannot be learnt)
   */
  Tolerance of(FeatureSpec f, long k) {
    if (chunks == null || !f.numeric || !f.hasReference || !chunks.columns().contains(f.name)) {
      return Tolerance.NONE;
    }
    int m = (int) Math.max(1, Math.round((double) k / chunks.chunkRows()));
    return cache.computeIfAbsent(f.name + '\u0000' + m,
        x -> learn(chunks, f.name, m, share, f.referenceMin, f.referenceMax));
  }

  /** The calibration: see the class comment. */
  static Tolerance learn(ReferenceChunks chunks, String column, int m, double share, double min,
      double max) {
    int windows = chunks.count() / m;
    double[] upper = new double[windows];
    double[] lower = new double[windows];
    int used = 0;
    for (int w = 0; w < windows; w++) {
      ReferenceChunks.NumericWindow win = chunks.numeric(column, w * m, (w + 1) * m);
      if (win.count() < 0.75 * m * chunks.chunkRows() || win.values().length == 0) {
        continue; // a short window (the partial last chunk, missing values)
      }
      upper[used] = quantile(win.values(), win.weights(), 1 - share);
      lower[used] = quantile(win.values(), win.weights(), share);
      used++;
    }
    if (used < MIN_WINDOWS || !(min <= max)) {
      return Tolerance.NONE;
    }
    double neff = Math.min(effective(upper, used), effective(lower, used));
    // Student's t with the effective windows' degrees of freedom (at least 2)
    double inflate = new TDistribution(Math.max(2, neff - 1))
        .inverseCumulativeProbability(1 - RATE / 2) * Math.sqrt(1 + 1.0 / neff);
    double hi = mean(upper, used) + inflate * sd(upper, used);
    double lo = mean(lower, used) - inflate * sd(lower, used);
    double above = Math.max(0, hi - max);
    double below = Math.max(0, min - lo);
    // a reference without a negative (positive) value is a quantity of one sign: the tolerance
    // never crosses zero, so a sign flip stays a finding however far the feature wanders
    if (min >= 0) {
      below = Math.min(below, min);
    }
    if (max <= 0) {
      above = Math.min(above, -max);
    }
    if (above == 0 && below == 0) {
      return Tolerance.NONE;
    }
    return new Tolerance(below, above, String.format(Locale.ROOT,
        "expected excursion %s below / %s above the range: the %.2f and %.2f quantiles of %d "
            + "ordered reference windows of %d rows (%.1f effective) reach %s and %s at a Student "
            + "bound of %s per window",
        DriftReport.fmt(below), DriftReport.fmt(above), share, 1 - share, used,
        m * chunks.chunkRows(), neff, DriftReport.fmt(lo), DriftReport.fmt(hi),
        DriftReport.fmt(RATE)));
  }

  /** Effective independent windows from the lag-1 autocorrelation: {@code n (1 - r) / (1 + r)}. */
  static double effective(double[] v, int n) {
    double mu = mean(v, n);
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      den += (v[i] - mu) * (v[i] - mu);
      if (i > 0) {
        num += (v[i] - mu) * (v[i - 1] - mu);
      }
    }
    double r = den == 0 ? 0 : num / den;
    return r <= 0 ? n : Math.max(2, n * (1 - r) / (1 + r));
  }

  private static double mean(double[] v, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += v[i];
    }
    return s / n;
  }

  private static double sd(double[] v, int n) {
    double mu = mean(v, n);
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += (v[i] - mu) * (v[i] - mu);
    }
    return Math.sqrt(s / (n - 1));
  }

  /**
   * The weighted quantile of ascending points: the first point whose cumulative weight reaches
   * {@code q} of the total.
   */
  static double quantile(double[] values, double[] weights, double q) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double acc = 0;
    for (int i = 0; i < values.length; i++) {
      acc += weights[i];
      if (acc >= q * total) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  /**
   * The values of a window beyond {@code [min - t.below(), max + t.above()]}.
   *
   * @param values the window's values
   * @return how many
   */
  static int beyond(double[] values, double min, double max, Tolerance t) {
    int c = 0;
    for (double v : values) {
      if (v < min - t.below() || v > max + t.above()) {
        c++;
      }
    }
    return c;
  }
}
