package dev.mlops.drift.stat;

import java.util.Objects;
import org.apache.commons.math3.special.Gamma;

/**
 * Drift statistics over distributions of counts: reference counts and current counts over the same
 * bins or categories (index {@code i} of both arrays is the same bin). Each method is
 * allocation-light (one result record) and runs in O(number of bins).
 *
 * <p>Proportions are {@code p = reference / sum(reference)} and {@code q = current /
 * sum(current)}. Definitions (SciPy names where there is one):
 *
 * <ul>
 *   <li>PSI: zero proportions replaced by {@value #PSI_EPSILON} (no renormalisation), {@code
 *       sum((q - p) ln(q / p))}.
 *   <li>KL(reference || current): {@code scipy.stats.entropy(p', q')} of the proportions after the
 *       same replacement, which SciPy renormalises to sum 1.
 *   <li>Jensen-Shannon distance: {@code scipy.spatial.distance.jensenshannon(p, q)} (natural log,
 *       raw proportions), in [0, sqrt(ln 2)].
 *   <li>Hellinger {@code sqrt(1 - sum(sqrt(p q)))} (the argument clamped at 0 against rounding),
 *       total variation {@code 0.5 sum|p - q|}, L-infinity {@code max|p - q|}.
 *   <li>Chi-square goodness of fit: {@code scipy.stats.chisquare(f_obs=current, f_exp=p *
 *       sum(current))}; G-test: {@code power_divergence(..., lambda_="log-likelihood")}. Bins empty
 *       on both sides are dropped (SciPy would give NaN for 0/0); a bin empty in the reference but
 *       not in the current sample makes the statistic infinite and the p-value 0 (SciPy's value).
 *       Degrees of freedom: kept bins - 1.
 *   <li>Chi-square homogeneity: {@code scipy.stats.chi2_contingency([reference, current],
 *       correction=False)} after dropping bins empty on both sides; with a single kept bin SciPy's
 *       convention applies (statistic 0, p-value 1).
 * </ul>
 *
 * <p>Chi-square p-values are the regularised upper incomplete gamma function {@code Q(df/2, x/2)}
 * (commons-math3), not {@code 1 - cdf}, so they keep relative accuracy down to about 1e-300.
 *
 * <p>Defined behaviour: arrays of different lengths, empty arrays or negative counts are
 * programming errors ({@link IllegalArgumentException} naming the index and value). A side whose
 * counts sum to 0 gives {@link TestResult#INSUFFICIENT_DATA}. {@link TestResult#n1()} and {@link
 * TestResult#n2()} are the count totals.
 *
 * <p>Stateless and thread-safe.
 */
public final class BinnedStatistics {

  /** The proportion substituted for an empty bin in PSI and KL. */
  public static final double PSI_EPSILON = 1e-4;

  private BinnedStatistics() {}

  /**
   * Population stability index.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return PSI (no p-value)
   */
  public static TestResult populationStabilityIndex(long[] reference, long[] current) {
    return distance(DriftStatistic.PSI, reference, current, (p, q) -> {
      double psi = 0;
      for (int i = 0; i < p.length; i++) {
        double a = replaced(p[i]);
        double b = replaced(q[i]);
        psi += (b - a) * Math.log(b / a);
      }
      return psi;
    });
  }

  /**
   * Kullback-Leibler divergence KL(reference || current) in nats.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return KL (no p-value)
   */
  public static TestResult kullbackLeibler(long[] reference, long[] current) {
    return distance(DriftStatistic.KULLBACK_LEIBLER, reference, current, (p, q) -> {
      double sp = 0;
      double sq = 0;
      for (int i = 0; i < p.length; i++) {
        sp += replaced(p[i]);
        sq += replaced(q[i]);
      }
      double kl = 0;
      for (int i = 0; i < p.length; i++) {
        double a = replaced(p[i]) / sp;
        kl += a * Math.log(a / (replaced(q[i]) / sq));
      }
      return kl;
    });
  }

  /**
   * Jensen-Shannon distance (natural log).
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return the distance (no p-value)
   */
  public static TestResult jensenShannon(long[] reference, long[] current) {
    return distance(DriftStatistic.JENSEN_SHANNON, reference, current, (p, q) -> {
      double js = 0;
      for (int i = 0; i < p.length; i++) {
        double m = (p[i] + q[i]) / 2;
        js += p[i] > 0 ? p[i] * Math.log(p[i] / m) : 0;
        js += q[i] > 0 ? q[i] * Math.log(q[i] / m) : 0;
      }
      return Math.sqrt(Math.max(0, js / 2));
    });
  }

  /**
   * Hellinger distance.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return the distance in [0, 1] (no p-value)
   */
  public static TestResult hellinger(long[] reference, long[] current) {
    return distance(DriftStatistic.HELLINGER, reference, current, (p, q) -> {
      double bc = 0;
      for (int i = 0; i < p.length; i++) {
        bc += Math.sqrt(p[i] * q[i]);
      }
      return Math.sqrt(Math.max(0, 1 - bc));
    });
  }

  /**
   * Total variation distance.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return the distance in [0, 1] (no p-value)
   */
  public static TestResult totalVariation(long[] reference, long[] current) {
    return distance(DriftStatistic.TOTAL_VARIATION, reference, current, (p, q) -> {
      double s = 0;
      for (int i = 0; i < p.length; i++) {
        s += Math.abs(p[i] - q[i]);
      }
      return 0.5 * s;
    });
  }

  /**
   * L-infinity distance between the proportions.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return the distance in [0, 1] (no p-value)
   */
  public static TestResult lInfinity(long[] reference, long[] current) {
    return distance(DriftStatistic.L_INFINITY, reference, current, (p, q) -> {
      double m = 0;
      for (int i = 0; i < p.length; i++) {
        m = Math.max(m, Math.abs(p[i] - q[i]));
      }
      return m;
    });
  }

  /** A distance between the proportions p (reference) and q (current). */
  private interface ProportionDistance {
    double between(double[] p, double[] q);
  }

  private static TestResult distance(DriftStatistic statistic, long[] reference, long[] current,
      ProportionDistance d) {
    long n1 = total(reference, current, "reference");
    long n2 = total(current, reference, "current");
    if (n1 == 0 || n2 == 0) {
      return empty(statistic.key(), n1, n2);
    }
    double[] p = new double[reference.length];
    double[] q = new double[reference.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (double) reference[i] / n1;
      q[i] = (double) current[i] / n2;
    }
    return TestResult.ok(statistic.key(), d.between(p, q), Double.NaN, n1, n2);
  }

  /**
   * Pearson chi-square goodness of fit of the current counts to the reference proportions.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return chi-square statistic and p-value
   */
  public static TestResult chiSquareGoodnessOfFit(long[] reference, long[] current) {
    return goodnessOfFit(reference, current, false);
  }

  /**
   * G-test (log-likelihood ratio) goodness of fit of the current counts to the reference
   * proportions.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return G statistic and p-value
   */
  public static TestResult gTest(long[] reference, long[] current) {
    return goodnessOfFit(reference, current, true);
  }

  private static TestResult goodnessOfFit(long[] reference, long[] current, boolean g) {
    String key = (g ? DriftStatistic.G_TEST : DriftStatistic.CHI_SQUARE_GOODNESS_OF_FIT).key();
    long n1 = total(reference, current, "reference");
    long n2 = total(current, reference, "current");
    if (n1 == 0 || n2 == 0) {
      return empty(key, n1, n2);
    }
    double stat = 0;
    int kept = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] == 0 && current[i] == 0) {
        continue;
      }
      kept++;
      double expected = (double) reference[i] / n1 * n2;
      double observed = current[i];
      if (g) {
        if (observed > 0) {
          stat += observed * Math.log(observed / expected);
        }
      } else {
        double d = observed - expected;
        stat += d * d / expected;
      }
    }
    if (g) {
      stat *= 2;
    }
    if (kept < 2) {
      return TestResult.undefined(
          key, n1, n2, TestResult.Status.UNDEFINED, "fewer than 2 bins have counts: no degrees of freedom");
    }
    return TestResult.ok(key, stat, chiSquareSf(stat, kept - 1), n1, n2)
        .withDegreesOfFreedom(kept - 1);
  }

  /**
   * Chi-square test of homogeneity of the 2 x k table [reference, current], without Yates'
   * correction, dropping bins empty on both sides.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return chi-square statistic and p-value
   */
  public static TestResult chiSquareHomogeneity(long[] reference, long[] current) {
    String key = DriftStatistic.CHI_SQUARE_HOMOGENEITY.key();
    long n1 = total(reference, current, "reference");
    long n2 = total(current, reference, "current");
    if (n1 == 0 || n2 == 0) {
      return empty(key, n1, n2);
    }
    double total = (double) n1 + n2;
    double stat = 0;
    int kept = 0;
    for (int i = 0; i < reference.length; i++) {
      long col = reference[i] + current[i];
      if (col == 0) {
        continue;
      }
      kept++;
      double e1 = n1 * (double) col / total;
      double e2 = n2 * (double) col / total;
      double d1 = reference[i] - e1;
      double d2 = current[i] - e2;
      stat += d1 * d1 / e1 + d2 * d2 / e2;
    }
    if (kept < 2) {
      return TestResult.ok(key, 0.0, 1.0, n1, n2).withDegreesOfFreedom(0);
    }
    return TestResult.ok(key, stat, chiSquareSf(stat, kept - 1), n1, n2)
        .withDegreesOfFreedom(kept - 1);
  }

  /**
   * Upper tail of the chi-square distribution, accurate for small values.
   *
   * @param x the statistic
   * @param df degrees of freedom (> 0)
   * @return P(X >= x)
   */
  static double chiSquareSf(double x, double df) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    if (x <= 0) {
      return 1.0;
    }
    return Gamma.regularizedGammaQ(df / 2, x / 2, 1e-15, 100_000);
  }

  private static double replaced(double p) {
    return p == 0.0 ? PSI_EPSILON : p;
  }

  private static TestResult empty(String key, long n1, long n2) {
    return TestResult.undefined(
        key, n1, n2, TestResult.Status.INSUFFICIENT_DATA, "a side has no counts (sum is 0)");
  }

  private static long total(long[] counts, long[] other, String name) {
    Objects.requireNonNull(counts, name);
    Objects.requireNonNull(other, "reference".equals(name) ? "current" : "reference");
    if (counts.length != other.length) {
      throw new IllegalArgumentException(
          "reference and current must have the same number of bins: "
              + ("reference".equals(name) ? counts.length + " vs " + other.length
                  : other.length + " vs " + counts.length));
    }
    if (counts.length == 0) {
      throw new IllegalArgumentException(name + " must have at least one bin: 0");
    }
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException(
            name + " counts must not be negative: index " + i + " value " + counts[i]);
      }
      sum += counts[i];
    }
    return sum;
  }
}
