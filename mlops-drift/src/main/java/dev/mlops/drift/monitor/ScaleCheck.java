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
   * A calibrated band and where it comes from.
   *
   * @param lo the lower bound of the log ratio
   * @param hi the upper bound
   * @param origin the calibration in words
   */
  record Band(double lo, double hi, String origin) {

    boolean inside(double logRatio) {
      return logRatio >= lo && logRatio <= hi;
    }

    /** The check in words, e.g. "log sd ratio 0.3466 outside [-0.1100, 0.0950] (...)". */
    String describe(double logRatio) {
      return String.format(Locale.ROOT, "log sd ratio %s %s [%s, %s] (scale band %s)",
          DriftReport.fmt(logRatio), inside(logRatio) ? "inside" : "outside",
          DriftReport.fmt(lo), DriftReport.fmt(hi), origin);
    }
  }

  private ScaleCheck() {}

  /** {@code log(sdWindow / sdReference)}, NaN when either is not positive and finite. */
  static double logRatio(double sdWindow, double sdReference) {
    return sdWindow > 0 && sdReference > 0 && Double.isFinite(sdWindow)
        && Double.isFinite(sdReference) ? Math.log(sdWindow / sdReference) : Double.NaN;
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
   * @return the band, or null with fewer than 3 finite values
   */
  static Band fit(double[] values, double rate, double factor, String origin) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
    int n = v.length;
    if (n < 3) {
      return null;
    }
    double mean = StatUtils.mean(v);
    double sd = sampleStd(v);
    double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - rate / 2);
    double half = t * sd * Math.sqrt(1 + 1.0 / n) * factor;
    return new Band(mean - half, mean + half, String.format(Locale.ROOT,
        "%s: %s%% two-sided, Student-t fit to %d windows", origin,
        String.format(Locale.ROOT, "%.4g", 100 * (1 - rate)), n));
  }
}
