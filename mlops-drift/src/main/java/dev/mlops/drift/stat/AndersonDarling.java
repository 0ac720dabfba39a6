package dev.mlops.drift.stat;

import java.util.Objects;

/**
 * k-sample Anderson-Darling test (midrank variant, Scholz and Stephens 1987) with the semantics
 * of SciPy's {@code scipy.stats.anderson_ksamp([reference, current], variant='midrank')}.
 *
 * <p>The statistic is SciPy's normalised {@code A2 = (A2akN - (k - 1)) / sigma}. <b>How the p-value
 * is obtained</b>: as SciPy without {@code method}, by interpolating Scholz and Stephens' table of
 * critical values for significance levels 0.25, 0.10, 0.05, 0.025, 0.01, 0.005 and 0.001: a
 * quadratic least-squares fit of log(level) against the critical values, evaluated at A2. Outside
 * the table the p-value is <b>capped at 0.25</b> (the true value is larger) and <b>floored at
 * 0.001</b> (the true value is smaller), exactly as SciPy (which also warns). It is therefore an
 * approximation meant for thresholds between 0.001 and 0.25, not an exact tail probability.
 *
 * <p>Non-finite values are ignored. Defined results need every sample non-empty, at least 4
 * values in total (SciPy divides by zero below that) and at least 2 distinct pooled values (SciPy
 * raises); otherwise the status is {@link TestResult#INSUFFICIENT_DATA} or {@link
 * TestResult#UNDEFINED}.
 *
 * <p>Stateless and thread-safe.
 */
public final class AndersonDarling {

  private static final String KEY = DriftStatistic.ANDERSON_DARLING.key();
  private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
  private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
  private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
  private static final double[] SIG = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};

  /** The largest p-value reported (SciPy's cap). */
  public static final double P_CAP = 0.25;

  /** The smallest p-value reported (SciPy's floor). */
  public static final double P_FLOOR = 0.001;

  private AndersonDarling() {}

  /**
   * Tests two raw samples.
   *
   * @param reference the reference sample
   * @param current the current sample
   * @return normalised A2 and interpolated p-value
   */
  public static TestResult test(double[] reference, double[] current) {
    return testSamples(reference, current);
  }

  /**
   * Tests k raw samples (copied, filtered to finite values and sorted).
   *
   * @param samples at least two samples
   * @return normalised A2 and interpolated p-value; n1 is the first sample's size, n2 the total of
   *     the others
   * @throws IllegalArgumentException if fewer than two samples are given
   */
  public static TestResult testSamples(double[]... samples) {
    Objects.requireNonNull(samples, "samples");
    if (samples.length < 2) {
      throw new IllegalArgumentException("samples must hold at least 2 samples: " + samples.length);
    }
    double[][] sorted = new double[samples.length][];
    for (int s = 0; s < samples.length; s++) {
      sorted[s] = Samples.finiteSorted(samples[s], "samples[" + s + "]");
    }
    return compute(sorted, new int[samples.length], lengths(sorted));
  }

  /**
   * Tests a sorted reference against a raw current sample.
   *
   * @param sortedReference ascending reference (non-finite values only at the ends)
   * @param current the current sample
   * @return normalised A2 and interpolated p-value
   */
  public static TestResult testSortedReference(double[] sortedReference, double[] current) {
    return Samples.onSortedReference(sortedReference, current, AndersonDarling::compute);
  }

  /**
   * Tests two sorted samples without copying.
   *
   * @param sortedReference ascending reference (non-finite values only at the ends)
   * @param sortedCurrent ascending current sample (non-finite values only at the ends)
   * @return normalised A2 and interpolated p-value
   */
  public static TestResult testSorted(double[] sortedReference, double[] sortedCurrent) {
    return Samples.onSorted(sortedReference, sortedCurrent, AndersonDarling::compute);
  }

  private static int[] lengths(double[][] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].length;
    }
    return out;
  }

  private static TestResult compute(double[] a, int aFrom, int aTo, double[] b, int bFrom,
      int bTo) {
    return compute(new double[][] {a, b}, new int[] {aFrom, bFrom}, new int[] {aTo, bTo});
  }

  static TestResult compute(double[][] s, int[] from, int[] to) {
    int k = s.length;
    long[] n = new long[k];
    long bigNl = 0;
    boolean empty = false;
    for (int i = 0; i < k; i++) {
      n[i] = to[i] - from[i];
      bigNl += n[i];
      empty |= n[i] == 0;
    }
    long n1 = n[0];
    long n2 = bigNl - n1;
    if (empty || bigNl < 4) {
      return TestResult.undefined(
          KEY,
          n1,
          n2,
          TestResult.Status.INSUFFICIENT_DATA,
          "every sample needs a finite value and at least 4 values in total");
    }
    double bigN = bigNl;
    int[] ptr = from.clone();
    double[] inner = new double[k];
    long before = 0; // pooled values < z
    int distinct = 0;
    long[] counts = new long[k];
    while (true) {
      double z = Double.POSITIVE_INFINITY;
      boolean any = false;
      for (int i = 0; i < k; i++) {
        if (ptr[i] < to[i] && (!any || s[i][ptr[i]] < z)) {
          z = s[i][ptr[i]];
          any = true;
        }
      }
      if (!any) {
        break;
      }
      distinct++;
      long lj = 0;
      for (int i = 0; i < k; i++) {
        int p0 = ptr[i];
        while (ptr[i] < to[i] && s[i][ptr[i]] == z) {
          ptr[i]++;
        }
        counts[i] = ptr[i] - p0;
        lj += counts[i];
      }
      double bj = before + lj / 2.0;
      double denom = bj * (bigN - bj) - bigN * lj / 4.0;
      for (int i = 0; i < k; i++) {
        double mij = (ptr[i] - from[i]) - counts[i] / 2.0;
        double d = bigN * mij - bj * n[i];
        inner[i] += lj / bigN * d * d / denom;
      }
      before += lj;
    }
    if (distinct < 2) {
      return TestResult.undefined(
          KEY, n1, n2, TestResult.Status.UNDEFINED, "needs more than one distinct value in the pooled data");
    }
    double a2kn = 0;
    for (int i = 0; i < k; i++) {
      a2kn += inner[i] / n[i];
    }
    a2kn *= (bigN - 1) / bigN;
    double bigH = 0;
    for (int i = 0; i < k; i++) {
      bigH += 1.0 / n[i];
    }
    // hs_cs = cumsum(1 / arange(N - 1, 1, -1)); h = hs_cs[-1] + 1; g = sum(hs_cs / arange(2, N))
    long nn = bigNl;
    double[] hsCs = new double[(int) Math.max(0, nn - 2)];
    double acc = 0;
    for (int idx = 0; idx < hsCs.length; idx++) {
      acc += 1.0 / (nn - 1 - idx);
      hsCs[idx] = acc;
    }
    double h = hsCs[hsCs.length - 1] + 1;
    double g = 0;
    for (int idx = 0; idx < hsCs.length; idx++) {
      g += hsCs[idx] / (2 + idx);
    }
    double kd = k;
    double a = (4 * g - 6) * (kd - 1) + (10 - 6 * g) * bigH;
    double b = (2 * g - 4) * kd * kd + 8 * h * kd + (2 * g - 14 * h - 4) * bigH - 8 * h + 4 * g - 6;
    double c = (6 * h + 2 * g - 2) * kd * kd + (4 * h - 4 * g + 6) * kd + (2 * h - 6) * bigH + 4 * h;
    double d = (2 * h + 6) * kd * kd - 4 * h * kd;
    double sigmasq =
        (a * bigN * bigN * bigN + b * bigN * bigN + c * bigN + d)
            / ((bigN - 1.) * (bigN - 2.) * (bigN - 3.));
    double m = kd - 1;
    double a2 = (a2kn - m) / Math.sqrt(sigmasq);
    return TestResult.ok(KEY, a2, pValue(a2, m), n1, n2);
  }

  static double pValue(double a2, double m) {
    double[] critical = new double[7];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 7; i++) {
      critical[i] = B0[i] + B1[i] / Math.sqrt(m) + B2[i] / m;
      min = Math.min(min, critical[i]);
      max = Math.max(max, critical[i]);
    }
    if (a2 < min) {
      return P_CAP;
    }
    if (a2 > max) {
      return P_FLOOR;
    }
    // Quadratic least squares of log(sig) on critical (np.polyfit(critical, log(sig), 2)),
    // by the normal equations on centred x for conditioning.
    double mean = 0;
    for (double x : critical) {
      mean += x;
    }
    mean /= 7;
    double[][] ata = new double[3][3];
    double[] aty = new double[3];
    for (int i = 0; i < 7; i++) {
      double x = critical[i] - mean;
      double[] row = {x * x, x, 1};
      double y = Math.log(SIG[i]);
      for (int r = 0; r < 3; r++) {
        aty[r] += row[r] * y;
        for (int c = 0; c < 3; c++) {
          ata[r][c] += row[r] * row[c];
        }
      }
    }
    double[] coef =
        new org.apache.commons.math3.linear.LUDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(ata))
            .getSolver()
            .solve(new org.apache.commons.math3.linear.ArrayRealVector(aty))
            .toArray();
    double x = a2 - mean;
    return Math.exp(coef[0] * x * x + coef[1] * x + coef[2]);
  }
}
