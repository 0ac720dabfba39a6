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
   * a mean of {@code 1 / s^2} independent values) the shift model takes; above it the model is
   * not used and the distances keep their log-normal fit. Up to it the shift is a Pearson type III
   * (gamma) law with that skewness in Wilson and Hilferty's closed form, whose quantiles at
   * {@code 1e-3} and {@code 7e-5} are within 0-6% above the gamma's at skewness 0.1-2 (SciPy).
   */
  static final double MAX_SHIFT_SKEWNESS = 2.0;

  /**
   * Below this shift skewness the shift is taken as symmetric (Student's t, closed form): at 0.01
   * the Pearson type III bound is within 0.3% of it at the rates in use, and a normal feature's
   * sample skewness times its shifts' spread stays below it (skewness sd {@code sqrt(6 / n)}:
   * 0.017 at 20,000 rows, times a spread of 0.14).
   */
  static final double SYMMETRIC = 0.01;

  /** Fixed-point steps of the crossing shifts at most (each costs 2 distances per window). */
  static final int STEPS = 6;

  /**
   * The steps stop once a step moves the threshold by at most this share of it (thirteenth
   * session): the next steps would move it by a few percent of that, and the last of the 6 steps
   * still moved it by up to 5e-8 on the benchmark's features; features without shape (a normal
   * mean shift) settle after 2 steps instead of 6.
   */
  static final double SETTLED = 1e-9;

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
   * @param shiftSd {@code s}, the spread of a window's mean shift
   * @param locationOnly the bound of the shift alone (both tails together at the rate)
   * @param windows the windows
   * @param rate the rate it was fitted for
   * @param df the Student-t degrees of freedom of {@code s}
   * @param skewness the shift's skewness {@code gamma} (0: symmetric)
   * @param spread where {@code s} comes from, in words ({@code ""}: the windows')
   */
  record Fit(double threshold, double shiftSd, double locationOnly, int windows, double rate,
      int df, double skewness, String spread) {

    /** The fit in words. */
    String describe(double maxObserved) {
      return String.format(Locale.ROOT, "%s percentile %s (location-shape fit to %d windows:"
              + " mean shifts sd %s%s, Student-t %d df%s; shape adds %s%%; max %s)",
          percent(1 - rate), DriftReport.fmt(threshold), windows, DriftReport.fmt(shiftSd),
          spread.isEmpty() ? "" : " " + spread, df,
          Math.abs(skewness) < SYMMETRIC ? "" : String.format(Locale.ROOT,
              ", skewness %.3f (Wilson-Hilferty)", skewness),
          String.format(Locale.ROOT, "%.1f", 100 * (threshold / locationOnly - 1)),
          DriftReport.fmt(maxObserved));
    }
  }

  private ShiftThreshold() {}

  /**
   * As {@link #fit(double[], SubWindowSpread.Spread, Shape, double, double)} with the windows'
   * own spread.
   */
  static Fit fit(double[] shifts, Shape shape, double rate, double skewness) {
    return fit(shifts, null, shape, rate, skewness);
  }

  /**
   * Fits the threshold, or returns null when the shifts have no spread (every window has the
   * reference's mean: a constant feature) or are not finite, or when the shift is too skewed for
   * the model ({@link #MAX_SHIFT_SKEWNESS}).
   *
   * <p>A symmetric feature's shift is {@code s T}, {@code T} Student's t with {@code df} degrees
   * of freedom. A skewed feature's is {@code s U K_{gamma U}(Z)}: {@code Z} standard normal, {@code
   * K_g} Wilson and Hilferty's Pearson type III quantile of skewness {@code g}, {@code K_g(z) = (2
   * / g) ((1 + g z / 6 - g^2 / 36)^3 - 1)}, {@code gamma = skewness s} (the skewness of a mean of
   * {@code 1 / s^2} independent values), and {@code U = sqrt(df / V)}, {@code V} chi-squared with
   * {@code df} degrees of freedom, the uncertainty of {@code s} (which scales the skewness with
   * it); at {@code gamma = 0} this is Student's t. The upper tail of a right-skewed feature's
   * window mean is longer than its lower one, and each side's bound follows.
   *
   * @param shifts each window's mean shift, in live units
   * @param spread the spread from sub-window chunks ({@link SubWindowSpread}), used when its
   *     {@code used()}; null or unused: the root mean square of the shifts, {@code n} df
   * @param shape the windows' distances at a shift
   * @param rate the check's false-alarm rate, in (0, 1)
   * @param skewness the reference values' skewness
   */
  static Fit fit(double[] shifts, SubWindowSpread.Spread spread, Shape shape, double rate,
      double skewness) {
    int n = shifts.length;
    double ss = 0;
    for (double d : shifts) {
      ss += d * d;
    }
    double s = Math.sqrt(ss / n);
    int df = n;
    String origin = "";
    if (spread != null && !(n < 3 || !(s > 0) || !Double.isFinite(s))) {
      origin = spread.describe();
      if (spread.used()) {
        s = spread.sd();
        df = spread.df();
      }
    }
    double gamma = skewness * s;
    if (n < 3 || !(s > 0) || !Double.isFinite(s) || !(Math.abs(gamma) <= MAX_SHIFT_SKEWNESS)) {
      return null;
    }
    boolean symmetric = Math.abs(gamma) < SYMMETRIC;
    TDistribution t = new TDistribution(null, df);
    Tails tails = symmetric ? new StudentTails(df, s) : new SkewedTails(df, s, gamma);
    double[] up = new double[n];
    double[] down = new double[n];
    // the shift alone: closed form when symmetric (as before the skewed model, bit for bit)
    double location = symmetric ? s * t.inverseCumulativeProbability(1 - rate / 2)
        : solve(up, down, tails, rate, 0);
    double tau = location;
    for (int step = 0; step < STEPS; step++) {
      double tauBefore = tau;
      for (int i = 0; i < n; i++) {
        up[i] = added(shape, i, tau, up[i], 1);
        down[i] = added(shape, i, tau, down[i], -1);
      }
      tau = solve(up, down, tails, rate, location);
      if (step > 0 && Math.abs(tau - tauBefore) <= SETTLED * tau) {
        break; // settled: the steps shrink geometrically (by 0.01-0.07 per step measured)
      }
    }
    return new Fit(Math.max(dev.mlops.drift.profile.CalibratedThreshold.FLOOR, tau), s, location,
        n, rate, df, symmetric ? 0 : gamma, origin);
  }

  /** The shift's two tails. */
  interface Tails {
    /** {@code P(shift > x)}. */
    double above(double x);

    /** {@code P(shift < -x)}. */
    double below(double x);

    /** Whether the solver bisects to the last bit (else it stops at a relative 1e-10). */
    boolean exact();
  }

  /**
   * Student's t: {@code s T}, its distribution function in closed form ({@link StudentT}, within
   * 1e-13 of commons-math's continued fraction and ~9 times faster: the bisection calls it 2 n
   * times per step, some 7,000 times per fit).
   */
  record StudentTails(int df, double s) implements Tails {
    @Override
    public double above(double x) {
      return StudentT.cdf(-(x / s), df);
    }

    @Override
    public double below(double x) {
      return StudentT.cdf(-(x / s), df);
    }

    @Override
    public boolean exact() {
      return true;
    }
  }

  /**
   * {@code s U K_{gamma U}(Z)}, the expectation over {@code U} taken on a grid of {@value #NODES}
   * points in {@code log V} (trapezoidal: the integrand is smooth and vanishes at both ends).
   */
  static final class SkewedTails implements Tails {

    /** Grid points in {@code log V}. */
    static final int NODES = 64;

    private final double s;
    private final double gamma;
    private final double[] u = new double[NODES];
    private final double[] weight = new double[NODES];

    SkewedTails(int df, double s, double gamma) {
      this.s = s;
      this.gamma = gamma;
      double centre = Math.log(df);
      double sd = Math.sqrt(2.0 / df);
      double lo = centre - 12 * sd;
      double hi = centre + 8 * sd;
      double max = Double.NEGATIVE_INFINITY;
      double[] log = new double[NODES];
      for (int j = 0; j < NODES; j++) {
        double l = lo + (hi - lo) * j / (NODES - 1);
        u[j] = Math.sqrt(df * Math.exp(-l));
        log[j] = 0.5 * df * l - 0.5 * Math.exp(l); // the density of log V, up to a constant
        max = Math.max(max, log[j]);
      }
      double total = 0;
      for (int j = 0; j < NODES; j++) {
        weight[j] = Math.exp(log[j] - max);
        total += weight[j];
      }
      for (int j = 0; j < NODES; j++) {
        weight[j] /= total;
      }
    }

    /** {@code K_g^-1(y)}: the normal quantile of a standardised shift {@code y}. */
    static double inverse(double y, double g) {
      return 6 / g * (Math.cbrt(1 + g * y / 2) - 1) + g / 6;
    }

    @Override
    public double above(double x) {
      double p = 0;
      for (int j = 0; j < NODES; j++) {
        double z = inverse(x / (s * u[j]), gamma * u[j]);
        p += weight[j] * 0.5 * Erfc.erfc(z / Math.sqrt(2));
      }
      return p;
    }

    @Override
    public double below(double x) {
      double p = 0;
      for (int j = 0; j < NODES; j++) {
        double z = inverse(-x / (s * u[j]), gamma * u[j]);
        p += weight[j] * 0.5 * Erfc.erfc(-z / Math.sqrt(2));
      }
      return p;
    }

    @Override
    public boolean exact() {
      return false;
    }
  }

  /** What window i's shape adds at the shift where its distance crosses tau (one step). */
  private static double added(Shape shape, int i, double tau, double previous, int sign) {
    double delta = Math.max(0, tau - previous);
    double e = shape.distance(i, sign * delta) - delta;
    return Double.isFinite(e) ? Math.max(0, e) : previous;
  }

  /**
   * The tau at which the pairs' exceedance share is the rate (bisection; it falls with tau),
   * searched from the shift's own bound {@code location} plus the largest shape allowance.
   */
  private static double solve(double[] up, double[] down, Tails tails, double rate,
      double location) {
    double hi = location;
    for (int i = 0; i < up.length; i++) {
      hi = Math.max(hi, location + Math.max(up[i], down[i]));
    }
    // Student's t: location + the largest allowance bounds it (as before the skewed model); the
    // skewed tails' first search starts at 0
    while (!tails.exact() && (!(hi > 0) || exceedance(up, down, tails, hi) > rate)
        && hi < 1e300) {
      hi = hi > 0 ? 2 * hi : 1;
    }
    double lo = 0;
    for (int it = 0; it < 60; it++) {
      double mid = 0.5 * (lo + hi);
      if (exceedance(up, down, tails, mid) > rate) {
        lo = mid;
      } else {
        hi = mid;
      }
      if (!tails.exact() && hi - lo <= 1e-10 * hi) {
        break;
      }
    }
    return hi;
  }

  private static double exceedance(double[] up, double[] down, Tails tails, double tau) {
    double p = 0;
    for (int i = 0; i < up.length; i++) {
      p += tails.above(tau - up[i]) + tails.below(tau - down[i]);
    }
    return p / up.length;
  }

  static String percent(double q) {
    String p = String.format(Locale.ROOT, "%.4f", 100 * q).replaceAll("0+$", "")
        .replaceAll("\\.$", "");
    return p + "th";
  }
}
