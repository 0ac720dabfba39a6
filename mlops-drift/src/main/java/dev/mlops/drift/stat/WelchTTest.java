package dev.mlops.drift.stat;

import java.util.Objects;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's unequal-variance t-test, two-sided: SciPy's {@code scipy.stats.ttest_ind(reference,
 * current, equal_var=False)}. The statistic is {@code (mean_ref - mean_cur) / sqrt(v_ref / n_ref +
 * v_cur / n_cur)} with sample variances (ddof 1) and Welch-Satterthwaite degrees of freedom; the
 * p-value is {@code 2 * P(T_df <= -|t|)} through commons-math3's Student t distribution (a
 * regularised incomplete beta, which keeps relative accuracy in the tail).
 *
 * <p>Defined behaviour: non-finite values are ignored; a sample with fewer than 2 finite values
 * gives {@link TestResult#INSUFFICIENT_DATA} (SciPy returns NaN). When both variances are 0 SciPy
 * sets df = 1: equal means give a NaN statistic ({@link TestResult#UNDEFINED} here), different
 * means an infinite statistic and p-value 0.
 *
 * <p>Stateless and thread-safe.
 */
public final class WelchTTest {

  private static final String KEY = DriftStatistic.WELCH_T.key();

  private WelchTTest() {}

  /**
   * Tests two raw samples (no sorting needed; the inputs are not modified).
   *
   * @param reference the reference sample
   * @param current the current sample
   * @return t and the two-sided p-value
   */
  public static TestResult test(double[] reference, double[] current) {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(current, "current");
    double[] m1 = moments(reference);
    double[] m2 = moments(current);
    return fromMoments((long) m1[0], m1[1], m1[2], (long) m2[0], m2[1], m2[2]);
  }

  /**
   * Tests two samples given by their summary statistics (e.g. a reference profile's count, mean
   * and standard deviation; convert a population variance {@code s2} to the sample variance with
   * {@code s2 * n / (n - 1)}).
   *
   * @param n1 reference size
   * @param mean1 reference mean
   * @param variance1 reference sample variance (ddof 1)
   * @param n2 current size
   * @param mean2 current mean
   * @param variance2 current sample variance (ddof 1)
   * @return t and the two-sided p-value
   * @throws IllegalArgumentException if a size is negative
   */
  public static TestResult fromMoments(
      long n1, double mean1, double variance1, long n2, double mean2, double variance2) {
    if (n1 < 0 || n2 < 0) {
      throw new IllegalArgumentException("sample sizes must not be negative: " + n1 + ", " + n2);
    }
    if (n1 < 2 || n2 < 2) {
      return TestResult.undefined(
          KEY, n1, n2, TestResult.Status.INSUFFICIENT_DATA, "each sample needs at least 2 finite values");
    }
    double vn1 = variance1 / n1;
    double vn2 = variance2 / n2;
    double df = (vn1 + vn2) * (vn1 + vn2) / (vn1 * vn1 / (n1 - 1) + vn2 * vn2 / (n2 - 1));
    // Welch-Satterthwaite df, reported as SciPy does; NaN (both variances 0) only matters when t
    // is infinite, where the p-value is 0 whatever the df
    double reportedDf = df;
    if (Double.isNaN(df)) {
      df = 1;
    }
    double t = (mean1 - mean2) / Math.sqrt(vn1 + vn2);
    if (Double.isNaN(t)) {
      return TestResult.undefined(
          KEY, n1, n2, TestResult.Status.UNDEFINED, "both samples are constant with equal means");
    }
    double p;
    if (Double.isInfinite(t)) {
      p = 0.0;
    } else {
      p = Math.min(1.0, 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t)));
    }
    return TestResult.ok(KEY, t, p, n1, n2).withDegreesOfFreedom(reportedDf);
  }

  /** {count, mean, sample variance} of the finite values, two-pass. */
  private static double[] moments(double[] x) {
    long n = 0;
    double sum = 0;
    for (double v : x) {
      if (v - v == 0.0) {
        n++;
        sum += v;
      }
    }
    if (n == 0) {
      return new double[] {0, Double.NaN, Double.NaN};
    }
    double mean = sum / n;
    double ss = 0;
    double comp = 0;
    for (double v : x) {
      if (v - v == 0.0) {
        double d = v - mean;
        ss += d * d;
        comp += d;
      }
    }
    double var = n > 1 ? (ss - comp * comp / n) / (n - 1) : Double.NaN;
    return new double[] {n, mean, var};
  }
}
