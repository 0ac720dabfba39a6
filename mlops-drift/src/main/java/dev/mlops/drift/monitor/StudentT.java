package dev.mlops.drift.monitor;

/**
 * Student's t distribution function for a whole number of degrees of freedom, in closed form
 * (Abramowitz and Stegun 26.7.3 and 26.7.4): a sum of {@code df / 2} terms and one arctangent,
 * where commons-math's {@code TDistribution} evaluates a regularised incomplete beta function by
 * continued fraction. {@link ShiftThreshold} evaluates some 7,000 of them per feature and window
 * size (its bisection), which made them a third of a wide monitor's first window (thirteenth
 * session, "wide").
 *
 * <p>With {@code theta = atan(|t| / sqrt(df))}, {@code c = cos^2 theta = df / (df + t^2)} and
 * {@code s = sin theta}, {@code A = P(|T| < |t|)} is {@code s sum_{k < df/2} a_k c^k} ({@code a_0
 * = 1}, {@code a_k = a_{k-1} (2k - 1) / 2k}) for even {@code df} and {@code (2 / pi) (theta + s
 * cos theta sum_{k < (df-1)/2} b_k c^k)} ({@code b_0 = 1}, {@code b_k = b_{k-1} 2k / (2k + 1)})
 * for odd {@code df}. Both series continue to the whole: {@code s sum_k a_k c^k = 1} and {@code s
 * cos theta sum_k b_k c^k = pi / 2 - theta}, so the tail {@code 1 - A} is the rest of the series,
 * which is summed directly when {@code c < 1/2} or the difference {@code 1 - A} falls under 0.05
 * (a far tail, no cancellation: relative error a few ulps where {@code 1 - A} computed as a
 * difference would lose {@code log10(1 / (1 - A))} digits).
 * Agrees with SciPy's {@code scipy.stats.t.cdf} to within {@code 1e-13} relative, tails of
 * {@code 1e-30} included ({@code StudentTTest}). Stateless.
 */
final class StudentT {

  private StudentT() {}

  /**
   * {@code P(T <= t)} for Student's t with {@code df} degrees of freedom.
   *
   * @param t the point (NaN gives NaN)
   * @param df degrees of freedom, at least 1
   * @return the distribution function at {@code t}
   * @throws IllegalArgumentException if {@code df < 1}
   */
  static double cdf(double t, int df) {
    if (df < 1) {
      throw new IllegalArgumentException("degrees of freedom must be at least 1: " + df);
    }
    if (Double.isNaN(t)) {
      return Double.NaN;
    }
    if (t == 0) {
      return 0.5;
    }
    double tail = 0.5 * twoSidedTail(Math.abs(t), df);
    return t < 0 ? tail : 1 - tail;
  }

  /** {@code P(|T| >= x)} for {@code x > 0}. */
  private static double twoSidedTail(double x, int df) {
    if (x == Double.POSITIVE_INFINITY) {
      return 0;
    }
    double t2 = x * x;
    // c = df / (df + t^2) and s^2 = 1 - c, each without cancellation
    double c;
    double s2;
    if (t2 > df) {
      c = df / (df + t2);
      s2 = 1 / (1 + df / t2);
    } else {
      c = 1 / (1 + t2 / df);
      s2 = t2 / (df + t2);
    }
    double s = Math.sqrt(s2);
    boolean even = df % 2 == 0;
    int terms = even ? df / 2 : (df - 1) / 2;
    if (terms == 0) {
      return 2 / Math.PI * Math.atan(Math.sqrt(df) / x); // one degree: pi / 2 - theta, exactly
    }
    // the finite sum; its last coefficient starts the rest of the series
    double sum = 0;
    double coef = 1;
    double ck = 1;
    for (int k = 0; k < terms; k++) {
      if (k > 0) {
        coef *= ratio(k, even);
        ck *= c;
      }
      sum += coef * ck;
    }
    double cos = Math.sqrt(c);
    double direct = even ? 1 - s * sum
        : 1 - 2 / Math.PI * (Math.atan(x / Math.sqrt(df)) + s * cos * sum);
    if (c >= 0.5 && direct >= FAR) {
      return direct;
    }
    double rest = rest(coef, ck * c, c, terms, even);
    return even ? s * rest : 2 / Math.PI * s * cos * rest;
  }

  /**
   * Below this tail the direct form's difference {@code 1 - A} has lost more than a digit: the tail
   * is summed as the series' rest instead (slowly converging when {@code c} is near 1, i.e. many
   * degrees of freedom, but each term is a multiply-add).
   */
  private static final double FAR = 0.05;

  /**
   * {@code sum_{k >= from} coef_k c^k}, where {@code last} is {@code coef_{from - 1}} (the even
   * series' {@code a}, else the odd series' {@code b}) and {@code first} is {@code c^from}; the
   * sum stops once a term no longer changes it (the terms fall at least as {@code c^k}).
   */
  private static double rest(double last, double first, double c, int from, boolean even) {
    double coef = last;
    double ck = first;
    double sum = 0;
    for (int k = from; k < from + 100_000; k++) {
      coef *= ratio(k, even);
      double next = sum + coef * ck;
      if (next == sum) {
        break;
      }
      sum = next;
      ck *= c;
    }
    return sum;
  }

  /** Reciprocals {@code 1 / (2k)} and {@code 1 / (2k + 1)}: the ratios without a division. */
  private static final double[] INV_EVEN = new double[4_096];
  private static final double[] INV_ODD = new double[4_096];

  static {
    for (int k = 1; k < INV_EVEN.length; k++) {
      INV_EVEN[k] = 1.0 / (2 * k);
      INV_ODD[k] = 1.0 / (2 * k + 1);
    }
  }

  /** {@code coef_k / coef_{k-1}}: {@code (2k - 1) / 2k} (even), {@code 2k / (2k + 1)} (odd). */
  private static double ratio(int k, boolean even) {
    if (k < INV_EVEN.length) {
      return even ? 1 - INV_EVEN[k] : 1 - INV_ODD[k];
    }
    return even ? (2.0 * k - 1) / (2.0 * k) : (2.0 * k) / (2.0 * k + 1);
  }
}
