package dev.mlops.drift.stat;

import org.apache.commons.math3.special.Erf;

/**
 * Mann-Whitney U test, two-sided, asymptotic (normal approximation) with tie correction and
 * continuity correction: SciPy's {@code scipy.stats.mannwhitneyu(reference, current,
 * use_continuity=True, alternative='two-sided', method='asymptotic')}.
 *
 * <p>The statistic is U of the reference sample ({@code U1 = R1 - n1 (n1 + 1) / 2}). The p-value
 * is {@code 2 * sf(z)} with the normal tail computed through {@code erfc} (relative accuracy kept
 * for small p down to about 1e-300), clipped to 1. When every pooled value is equal the variance
 * is 0 and, as in SciPy, the p-value is 1.
 *
 * <p>Non-finite values are ignored; an empty sample gives {@link TestResult#INSUFFICIENT_DATA}.
 *
 * <p>Stateless and thread-safe.
 */
public final class MannWhitneyU {

  private static final String KEY = DriftStatistic.MANN_WHITNEY_U.key();

  private MannWhitneyU() {}

  /**
   * Tests two raw samples.
   *
   * @param reference the reference sample
   * @param current the current sample
   * @return U of the reference and the two-sided p-value
   */
  public static TestResult test(double[] reference, double[] current) {
    return Samples.onRaw(reference, current, MannWhitneyU::compute);
  }

  /**
   * Tests a sorted reference against a raw current sample.
   *
   * @param sortedReference ascending reference (non-finite values only at the ends)
   * @param current the current sample
   * @return U of the reference and the two-sided p-value
   */
  public static TestResult testSortedReference(double[] sortedReference, double[] current) {
    return Samples.onSortedReference(sortedReference, current, MannWhitneyU::compute);
  }

  /**
   * Tests two sorted samples without copying.
   *
   * @param sortedReference ascending reference (non-finite values only at the ends)
   * @param sortedCurrent ascending current sample (non-finite values only at the ends)
   * @return U of the reference and the two-sided p-value
   */
  public static TestResult testSorted(double[] sortedReference, double[] sortedCurrent) {
    return Samples.onSorted(sortedReference, sortedCurrent, MannWhitneyU::compute);
  }

  static TestResult compute(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo) {
    long n1 = aTo - aFrom;
    long n2 = bTo - bFrom;
    if (n1 == 0 || n2 == 0) {
      return TestResult.undefined(
          KEY, n1, n2, TestResult.Status.INSUFFICIENT_DATA, "a sample has no finite value");
    }
    Ranks r = Ranks.of(a, aFrom, aTo, b, bFrom, bTo);
    double dn1 = n1;
    double dn2 = n2;
    double u1 = r.rankSumA - dn1 * (dn1 + 1) / 2;
    double u2 = dn1 * dn2 - u1;
    double u = Math.max(u1, u2);
    double n = dn1 + dn2;
    double mu = dn1 * dn2 / 2;
    double s = Math.sqrt(dn1 * dn2 / 12 * ((n + 1) - r.tieTerm / (n * (n - 1))));
    double num = u - mu - 0.5;
    double p;
    if (s == 0 || Double.isNaN(s)) {
      // All values tied (z = -inf in SciPy): p = 1.
      p = 1.0;
    } else {
      double z = num / s;
      p = Math.min(1.0, Erf.erfc(z / Math.sqrt(2)));
    }
    return TestResult.ok(KEY, u1, p, n1, n2);
  }
}
