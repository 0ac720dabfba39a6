package dev.mlops.drift.monitor;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The threshold of a numeric feature's normed Wasserstein distance, fitted on ordered reference
 * windows as a location shift plus each window's own shape, instead of a log-normal fit to the
 * distances themselves.
 *
 * <p>Why. At the upper tail the distance of a stationary window is almost all location: a window
 * whose distance exceeds its 99.95th percentile has {@code |mean shift| / distance} 0.97 (AR(1)
 * rho 0), 0.994 (rho 0.5) and 0.998 (rho 0.9) (SciPy simulation, 100,000 windows of 1,000 rows per
 * rho against a 20,000-row reference), and the percentile itself is that of a normal mean shift
 * ({@code 3.51 sd(shift)}: 0.1144 / 0.1976 / 0.4925 against the distances' 0.1141 / 0.1994 /
 * 0.4985). The log of such a distance is light-tailed on the right (the log of a folded normal),
 * so a log-normal fit to 19 windows put the bound at twice the true percentile at rho 0.9 (median
 * 1.03 against 0.50) and stated 1% of windows while giving 0.45%.
 *
 * <p>The model. Each calibration window {@code i} gives its mean shift {@code d_i} (exact, from
 * the chunks' moments, in reference standard deviations and times the windows' spread factor) and
 * its shape: {@code D_i(delta)}, the distance the window would have if its mean were moved to
 * {@code delta} (its own values centred, then shifted). A live window's shift is taken as {@code s
 * t_n} with {@code s^2 = mean(d_i^2)} (Student's t with n degrees of freedom: the prediction of a
 * zero-mean normal from n windows), and its shape as one of the n windows' at random. The
 * threshold {@code tau} is where the share of (shift, shape) pairs whose distance exceeds it is
 * the check's rate: {@code mean_i [T((-tau + e_i+) / s) + T((-tau + e_i-) / s)] = rate}, with
 * {@code e_i+-} what the shape adds at the crossing ({@code D_i(+-delta) = tau} at {@code delta =
 * tau - e}), found by a few fixed-point steps (the shape's share shrinks as the shift grows, so
 * the steps settle quickly). Stateless.
 */
final class ShiftThreshold {

  /**
   * The largest skewness of a window's mean shift ({@code |reference skewness| s}, the skewness of
   * a mean of {@code 1 / s^2} independent values) for which the shift is taken as symmetric; above
   * it (a skewed feature) the model is not used and the distances keep their log-normal fit.
   */
  static final double MAX_SHIFT_SKEWNESS = 0.05;

  /** Fixed-point steps of the crossing shifts (each costs 2 distances per window). */
  static final int STEPS = 6;

  /** A window's distance at a given shift, in the live window's units. */
  interface Shape {
    /**
     * The distance of window {@code window} with its mean moved to {@code shift} (in reference
     * standard deviations from the reference mean).
     */
    double distance(int window, double shift);
  }

  /**
   * A fitted threshold.
   *
   * @param threshold the bound
   * @param shiftSd {@code s}, the root mean square of the windows' shifts
   * @param locationOnly the bound of the shift alone ({@code s t_n(1 - rate / 2)})
   * @param windows the windows
   * @param rate the rate it was fitted for
   */
  record Fit(double threshold, double shiftSd, double locationOnly, int windows, double rate) {

    /** The fit in words. */
    String describe(double maxObserved) {
      return String.format(Locale.ROOT, "%s percentile %s (location-shape fit to %d windows:"
              + " mean shifts sd %s, Student-t; shape adds %s%%; max %s)",
          percent(1 - rate), DriftReport.fmt(threshold), windows, DriftReport.fmt(shiftSd),
          String.format(Locale.ROOT, "%.1f", 100 * (threshold / locationOnly - 1)),
          DriftReport.fmt(maxObserved));
    }
  }

  private ShiftThreshold() {}

  /**
   * Fits the threshold, or returns null when the shifts have no spread (every window has the
   * reference's mean: a constant feature) or are not finite, or when the feature is too skewed
   * for a symmetric shift ({@link #MAX_SHIFT_SKEWNESS}).
   *
   * @param shifts each window's mean shift, in live units
   * @param shape the windows' distances at a shift
   * @param rate the check's false-alarm rate, in (0, 1)
   * @param skewness the reference values' skewness
   */
  static Fit fit(double[] shifts, Shape shape, double rate, double skewness) {
    int n = shifts.length;
    double ss = 0;
    for (double d : shifts) {
      ss += d * d;
    }
    double s = Math.sqrt(ss / n);
    if (n < 3 || !(s > 0) || !Double.isFinite(s)
        || !(Math.abs(skewness) * s <= MAX_SHIFT_SKEWNESS)) {
      return null;
    }
    TDistribution t = new TDistribution(null, n);
    double location = s * t.inverseCumulativeProbability(1 - rate / 2);
    double tau = location;
    double[] up = new double[n];
    double[] down = new double[n];
    for (int step = 0; step < STEPS; step++) {
      for (int i = 0; i < n; i++) {
        up[i] = added(shape, i, tau, up[i], 1);
        down[i] = added(shape, i, tau, down[i], -1);
      }
      tau = solve(up, down, s, t, rate, location);
    }
    return new Fit(Math.max(dev.mlops.drift.profile.CalibratedThreshold.FLOOR, tau), s, location,
        n, rate);
  }

  /** What window i's shape adds at the shift where its distance crosses tau (one step). */
  private static double added(Shape shape, int i, double tau, double previous, int sign) {
    double delta = Math.max(0, tau - previous);
    double e = shape.distance(i, sign * delta) - delta;
    return Double.isFinite(e) ? Math.max(0, e) : previous;
  }

  /** The tau at which the pairs' exceedance share is the rate (bisection; it falls with tau). */
  private static double solve(double[] up, double[] down, double s, TDistribution t, double rate,
      double location) {
    double hi = location;
    for (int i = 0; i < up.length; i++) {
      hi = Math.max(hi, location + Math.max(up[i], down[i]));
    }
    double lo = 0;
    for (int it = 0; it < 60; it++) {
      double mid = 0.5 * (lo + hi);
      if (exceedance(up, down, s, t, mid) > rate) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return hi;
  }

  private static double exceedance(double[] up, double[] down, double s, TDistribution t,
      double tau) {
    double p = 0;
    for (int i = 0; i < up.length; i++) {
      p += t.cumulativeProbability((up[i] - tau) / s) + t.cumulativeProbability(
          (down[i] - tau) / s);
    }
    return p / up.length;
  }

  static String percent(double q) {
    String p = String.format(Locale.ROOT, "%.4f", 100 * q).replaceAll("0+$", "")
        .replaceAll("\\.$", "");
    return p + "th";
  }
}
