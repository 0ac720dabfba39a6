package dev.mlops.drift.stat;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * Tests for a binary feature: the pooled two-proportion Z-test and Fisher's exact test, both
 * two-sided, comparing {@code successes1 / n1} (reference) with {@code successes2 / n2} (current).
 *
 * <p>Stateless and thread-safe.
 */
public final class ProportionTests {

  private ProportionTests() {}

  /**
   * Pooled two-proportion Z-test, two-sided: {@code z = (p1 - p2) / sqrt(p (1 - p) (1/n1 +
   * 1/n2))} with {@code p = (s1 + s2) / (n1 + n2)}, p-value {@code 2 sf(|z|)} (through erfc, good
   * for small p). When the pooled proportion is 0 or 1 both samples show the same constant
   * outcome: the observed difference is exactly 0 and the result is {@code z = 0}, p-value 1 (a
   * 0/0 in the formula). An empty sample gives {@link TestResult#INSUFFICIENT_DATA}.
   *
   * @param successes1 reference successes
   * @param n1 reference size
   * @param successes2 current successes
   * @param n2 current size
   * @return z and the two-sided p-value
   * @throws IllegalArgumentException if a count is negative or successes exceed the size
   */
  public static TestResult twoProportionZ(long successes1, long n1, long successes2, long n2) {
    String key = DriftStatistic.TWO_PROPORTION_Z.key();
    check(successes1, n1, "1");
    check(successes2, n2, "2");
    if (n1 == 0 || n2 == 0) {
      return TestResult.undefined(key, n1, n2, TestResult.Status.INSUFFICIENT_DATA, "a sample is empty");
    }
    double p1 = (double) successes1 / n1;
    double p2 = (double) successes2 / n2;
    double p = (double) (successes1 + successes2) / (n1 + n2);
    double se = Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
    if (se == 0) {
      return TestResult.ok(key, 0.0, 1.0, n1, n2);
    }
    double z = (p1 - p2) / se;
    double pv = Math.min(1.0, Erf.erfc(Math.abs(z) / Math.sqrt(2)));
    return TestResult.ok(key, z, pv, n1, n2);
  }

  /**
   * The pooled two-proportion Z-test on count vectors: the share of the first category with
   * reference counts, among all counts, in the reference and in the current counts (a category the
   * reference never saw counts as a failure, so it still moves the proportion).
   *
   * @param reference reference counts per category
   * @param current current counts per category, same length
   * @return z and the two-sided p-value
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the lengths differ or a count is negative
   */
  public static TestResult twoProportionZ(long[] reference, long[] current) {
    long[] t = firstCategory(reference, current);
    return twoProportionZ(t[0], t[1], t[2], t[3]);
  }

  /**
   * Fisher's exact test on count vectors, of the share of the first category with reference
   * counts (as {@link #twoProportionZ(long[], long[])}).
   *
   * @param reference reference counts per category
   * @param current current counts per category, same length
   * @return odds ratio and the two-sided p-value
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the lengths differ, a count is negative or the total
   *     exceeds {@link Integer#MAX_VALUE}
   */
  public static TestResult fisherExact(long[] reference, long[] current) {
    long[] t = firstCategory(reference, current);
    return fisherExact(t[0], t[1], t[2], t[3]);
  }

  /** {successes1, n1, successes2, n2} for the first category with reference counts. */
  private static long[] firstCategory(long[] reference, long[] current) {
    java.util.Objects.requireNonNull(reference, "reference must not be null");
    java.util.Objects.requireNonNull(current, "current must not be null");
    if (reference.length != current.length) {
      throw new IllegalArgumentException("reference and current must have the same number of "
          + "categories: " + reference.length + " vs " + current.length);
    }
    int first = -1;
    long n1 = 0;
    long n2 = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] < 0 || current[i] < 0) {
        throw new IllegalArgumentException("counts must not be negative: index " + i
            + " values " + reference[i] + ", " + current[i]);
      }
      if (first < 0 && reference[i] > 0) {
        first = i;
      }
      n1 += reference[i];
      n2 += current[i];
    }
    return new long[] {first < 0 ? 0 : reference[first], n1, first < 0 ? 0 : current[first], n2};
  }

  /**
   * Fisher's exact test, two-sided, on the table {@code [[s1, n1 - s1], [s2, n2 - s2]]}, as SciPy's
   * {@code scipy.stats.fisher_exact(table)}: the statistic is the sample odds ratio {@code s1 (n2 -
   * s2) / ((n1 - s1) s2)} (infinite when the denominator is 0); the p-value sums the hypergeometric
   * probabilities of all tables no more likely than the observed one (relative tolerance 1e-14, as
   * SciPy). A table with a zero row or column sum gives odds ratio NaN and p-value 1 (SciPy's
   * convention).
   *
   * @param successes1 reference successes
   * @param n1 reference size
   * @param successes2 current successes
   * @param n2 current size
   * @return odds ratio and the two-sided p-value
   * @throws IllegalArgumentException if a count is negative, successes exceed the size, or the
   *     total exceeds {@link Integer#MAX_VALUE}
   */
  public static TestResult fisherExact(long successes1, long n1, long successes2, long n2) {
    String key = DriftStatistic.FISHER_EXACT.key();
    check(successes1, n1, "1");
    check(successes2, n2, "2");
    if (n1 + n2 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "n1 + n2 must not exceed " + Integer.MAX_VALUE + ": " + (n1 + n2));
    }
    long c00 = successes1;
    long c01 = n1 - successes1;
    long c10 = successes2;
    long c11 = n2 - successes2;
    long col0 = c00 + c10;
    long col1 = c01 + c11;
    if (n1 == 0 || n2 == 0 || col0 == 0 || col1 == 0) {
      return TestResult.ok(key, Double.NaN, 1.0, n1, n2);
    }
    double odds = (c10 > 0 && c01 > 0)
        ? (double) c00 * c11 / ((double) c10 * c01)
        : Double.POSITIVE_INFINITY;
    // population N = n1 + n2, successes in population = n1 (row 0), draws = col0; x = c00.
    HypergeometricDistribution h =
        new HypergeometricDistribution(null, (int) (n1 + n2), (int) n1, (int) col0);
    int lo = h.getSupportLowerBound();
    int hi = h.getSupportUpperBound();
    double logExact = h.logProbability((int) c00);
    int mode = (int) ((double) (col0 + 1) * (n1 + 1) / (n1 + n2 + 2));
    double pExact = Math.exp(logExact);
    double pMode = h.probability(mode);
    if (Math.abs(pExact - pMode) / Math.max(pExact, pMode) <= 1e-14) {
      return TestResult.ok(key, odds, 1.0, n1, n2); // the observed table is the most likely one
    }
    double threshold = logExact + Math.log1p(1e-14);
    // The pmf is unimodal: walk in from both ends while the tables are no more likely.
    double p = 0;
    int x = lo;
    for (; x <= hi; x++) {
      double lp = h.logProbability(x);
      if (lp > threshold) {
        break;
      }
      p += Math.exp(lp);
    }
    int stop = x;
    for (int y = hi; y >= stop; y--) {
      double lp = h.logProbability(y);
      if (lp > threshold) {
        break;
      }
      p += Math.exp(lp);
    }
    return TestResult.ok(key, odds, Math.min(1.0, p), n1, n2);
  }

  private static void check(long successes, long n, String which) {
    if (n < 0) {
      throw new IllegalArgumentException("n" + which + " must not be negative: " + n);
    }
    if (successes < 0 || successes > n) {
      throw new IllegalArgumentException(
          "successes" + which + " must be in [0, n" + which + "]: " + successes + " of " + n);
    }
  }
}
