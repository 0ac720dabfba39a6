package dev.mlops.drift.monitor;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;

/**
 * The scale check that calibrated thresholds add to every numeric feature: the log of the ratio
 * of the window's standard deviation to the reference's, inside a two-sided band calibrated like
 * the drift thresholds (on ordered reference windows or resampled ones). The normed Wasserstein
 * distance of a doubled variance is about 0.33, within the spread of its own null distribution on
 * autocorrelated data, whereas the log ratio moves by 0.35 against a spread of a few hundredths.
 * A numeric feature thus has two checks, each at half the feature's false-alarm rate. Stateless.
 */
final class ScaleCheck {

  /**
   * A calibrated band and where it comes from: {@code centre +- t(1 - rate / 2; df) spread}.
   *
   * @param lo the lower bound of the log ratio
   * @param hi the upper bound
   * @param centre the mean log ratio of the calibration windows
   * @param spread the prediction spread {@code s sqrt(1 + 1/n) factor}
   * @param df the Student-t degrees of freedom ({@code n - 1})
   * @param rate the false-alarm rate of the check (both sides together)
   * @param origin the calibration in words
   */
  record Band(double lo, double hi, double centre, double spread, int df, double rate,
      String origin) {

    boolean inside(double logRatio) {
      return logRatio >= lo && logRatio <= hi;
    }

    /**
     * The two-sided p-value of a log ratio under the fitted prediction distribution: {@code 2
     * (1 - T(|r - centre| / spread; df))}; {@code 0} for an infinite ratio.
     */
    double pValue(double logRatio) {
      if (Double.isInfinite(logRatio)) {
        return 0;
      }
      if (!(spread > 0)) {
        return inside(logRatio) ? 1 : 0;
      }
      double z = Math.abs(logRatio - centre) / spread;
      double p = 2 * new TDistribution(null, df).cumulativeProbability(-z);
      return Math.min(1, Math.max(0, p));
    }

    /**
     * The union of this band and another of the same rate: from the lower of the two lower
     * bounds to the higher of the upper ones, centred between them, with the spread (at the
     * smaller degrees of freedom) that puts its bounds at the rate, so that the p-value at a
     * bound is the rate as for a fitted band.
     *
     * @param other the other band
     * @param how how the two were obtained, in words (prefixed to both origins)
     * @return the union
     */
    Band union(Band other, String how) {
      double l = Math.min(lo, other.lo);
      double h = Math.max(hi, other.hi);
      int d = Math.min(df, other.df);
      double t = new TDistribution(null, d).inverseCumulativeProbability(1 - rate / 2);
      return new Band(l, h, 0.5 * (l + h), 0.5 * (h - l) / t, d, rate, how + ": " + origin
          + " [" + String.format(Locale.ROOT, "%.4f, %.4f", lo, hi) + "]; " + other.origin + " ["
          + String.format(Locale.ROOT, "%.4f, %.4f", other.lo, other.hi) + "]");
    }

    /**
     * This band moved to another centre (same spread and rate).
     *
     * @param newCentre the centre
     * @param newOrigin where the centre comes from, in words
     * @return the moved band
     */
    Band movedTo(double newCentre, String newOrigin) {
      double d = newCentre - centre;
      return new Band(lo + d, hi + d, newCentre, spread, df, rate, newOrigin);
    }

    /** The check's result for a window's log ratio. */
    ScaleDrift result(double logRatio) {
      return new ScaleDrift(logRatio, lo, hi, pValue(logRatio), rate,
          inside(logRatio) ? DriftStatus.OK : DriftStatus.DRIFT, origin);
    }
  }

  private ScaleCheck() {}

  /**
   * {@code log(sdWindow / sdReference)}: negative infinity for a constant window ({@code sdWindow
   * == 0}), NaN when either is not finite or the reference's is not positive.
   */
  static double logRatio(double sdWindow, double sdReference) {
    if (!(sdReference > 0) || !Double.isFinite(sdReference) || !(sdWindow >= 0)
        || !Double.isFinite(sdWindow)) {
      return Double.NaN;
    }
    return sdWindow == 0 ? Double.NEGATIVE_INFINITY : Math.log(sdWindow / sdReference);
  }

  /**
   * Whether calibration values cannot support a band: some reference window was constant (its
   * log ratio is negative infinity: the feature's windows can have no spread at all, as a 0/1 flag
   * or a month number has in most windows, so the log ratio has no continuous null distribution)
   * or the finite values take fewer than 3 distinct values (a zero-width or two-point band). Such a
   * feature gets no scale check; its distance check alone decides.
   *
   * @param values the log ratio on each calibration window (NaN for a window without values)
   * @return true when no band should be fitted
   */
  static boolean degenerate(double[] values) {
    java.util.Set<Double> distinct = new java.util.HashSet<>();
    for (double v : values) {
      if (v == Double.NEGATIVE_INFINITY) {
        return true;
      }
      if (Double.isFinite(v)) {
        distinct.add(v);
      }
    }
    return distinct.size() < 3;
  }

  /** The sample standard deviation (ddof 1) of values. */
  static double sampleStd(double[] v) {
    if (v.length < 2) {
      return Double.NaN;
    }
    return new StandardDeviation().evaluate(v);
  }

  /**
   * A two-sided prediction band for one new window's log ratio: {@code m +- t(1 - rate / 2; n -
   * 1) s sqrt(1 + 1/n) factor}.
   *
   * @param values the log ratio on each calibration window (non-finite ones ignored)
   * @param rate the false-alarm rate of the check (both sides together)
   * @param factor the spread correction of the windows (finite reference, window size)
   * @param origin how the windows were obtained, in words
   * @return the band, or null when the values are {@link #degenerate} (fewer than 3 distinct
   *     finite values, or a constant window among them)
   */
  static Band fit(double[] values, double rate, double factor, String origin) {
    if (degenerate(values)) {
      return null;
    }
    double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
    int n = v.length;
    double mean = StatUtils.mean(v);
    double sd = sampleStd(v);
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - rate / 2);
    double half = t * sd * Math.sqrt(1 + 1.0 / n) * factor;
    return new Band(mean - half, mean + half, mean, sd * Math.sqrt(1 + 1.0 / n) * factor, n - 1,
        rate, String.format(Locale.ROOT,
        "%s: %s%% two-sided, Student-t fit to %d windows", origin,
        String.format(Locale.ROOT, "%.4g", 100 * (1 - rate)), n));
  }
}
