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
    String key = DriftStatistic.PSI.key();
    long n1 = total(reference, current, "reference");
    long n2 = total(current, reference, "current");
    if (n1 == 0 || n2 == 0) {
      return empty(key, n1, n2);
    }
    double psi = 0;
    for (int i = 0; i < reference.length; i++) {
      double p = replaced((double) reference[i] / n1);
      double q = replaced((double) current[i] / n2);
      psi += (q - p) * Math.log(q / p);
    }
    return TestResult.ok(key, psi, Double.NaN, n1, n2);
  }

  /**
   * Kullback-Leibler divergence KL(reference || current) in nats.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return KL (no p-value)
   */
  public static TestResult kullbackLeibler(long[] reference, long[] current) {
    String key = DriftStatistic.KULLBACK_LEIBLER.key();
    long n1 = total(reference, current, "reference");
    long n2 = total(current, reference, "current");
    if (n1 == 0 || n2 == 0) {
      return empty(key, n1, n2);
    }
    double sp = 0;
    double sq = 0;
    for (int i = 0; i < reference.length; i++) {
      sp += replaced((double) reference[i] / n1);
      sq += replaced((double) current[i] / n2);
    }
    double kl = 0;
    for (int i = 0; i < reference.length; i++) {
      double p = replaced((double) reference[i] / n1) / sp;
      double q = replaced((double) current[i] / n2) / sq;
      kl += p * Math.log(p / q);
    }
    return TestResult.ok(key, kl, Double.NaN, n1, n2);
  }

  /**
   * Jensen-Shannon distance (natural log).
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return the distance (no p-value)
   */
  public static TestResult jensenShannon(long[] reference, long[] current) {
    String key = DriftStatistic.JENSEN_SHANNON.key();
    long n1 = total(reference, current, "reference");
    long n2 = total(current, reference, "current");
    if (n1 == 0 || n2 == 0) {
      return empty(key, n1, n2);
    }
    double js = 0;
    for (int i = 0; i < reference.length; i++) {
      double p = (double) reference[i] / n1;
      double q = (double) current[i] / n2;
      double m = (p + q) / 2;
      if (p > 0) {
        js += p * Math.log(p / m);
      }
      if (q > 0) {
        js += q * Math.log(q / m);
      }
    }
    return TestResult.ok(key, Math.sqrt(Math.max(0, js / 2)), Double.NaN, n1, n2);
  }

  /**
   * Hellinger distance.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return the distance in [0, 1] (no p-value)
   */
  public static TestResult hellinger(long[] reference, long[] current) {
    String key = DriftStatistic.HELLINGER.key();
    long n1 = total(reference, current, "reference");
    long n2 = total(current, reference, "current");
    if (n1 == 0 || n2 == 0) {
      return empty(key, n1, n2);
    }
    double bc = 0;
    for (int i = 0; i < reference.length; i++) {
      bc += Math.sqrt((double) reference[i] / n1 * ((double) current[i] / n2));
    }
    return TestResult.ok(key, Math.sqrt(Math.max(0, 1 - bc)), Double.NaN, n1, n2);
  }

  /**
   * Total variation distance.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return the distance in [0, 1] (no p-value)
   */
  public static TestResult totalVariation(long[] reference, long[] current) {
    String key = DriftStatistic.TOTAL_VARIATION.key();
    long n1 = total(reference, current, "reference");
    long n2 = total(current, reference, "current");
    if (n1 == 0 || n2 == 0) {
      return empty(key, n1, n2);
    }
    double s = 0;
    for (int i = 0; i < reference.length; i++) {
      s += Math.abs((double) reference[i] / n1 - (double) current[i] / n2);
    }
    return TestResult.ok(key, 0.5 * s, Double.NaN, n1, n2);
  }

  /**
   * L-infinity distance between the proportions.
   *
   * @param reference reference counts per bin
   * @param current current counts per bin
   * @return the distance in [0, 1] (no p-value)
   */
  public static TestResult lInfinity(long[] reference, long[] current) {
    String key = DriftStatistic.L_INFINITY.key();
    long n1 = total(reference, current, "reference");
    long n2 = total(current, reference, "current");
    if (n1 == 0 || n2 == 0) {
      return empty(key, n1, n2);
    }
    double m = 0;
    for (int i = 0; i < reference.length; i++) {
      m = Math.max(m, Math.abs((double) reference[i] / n1 - (double) current[i] / n2));
    }
    return TestResult.ok(key, m, Double.NaN, n1, n2);
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
          key, n1, n2, TestResult.UNDEFINED, "fewer than 2 bins have counts: no degrees of freedom");
    }
    return TestResult.ok(key, stat, chiSquareSf(stat, kept - 1), n1, n2);
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
      return TestResult.ok(key, 0.0, 1.0, n1, n2);
    }
    return TestResult.ok(key, stat, chiSquareSf(stat, kept - 1), n1, n2);
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
        key, n1, n2, TestResult.INSUFFICIENT_DATA, "a side has no counts (sum is 0)");
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
