package dev.mlops.drift.stat;

import java.util.Objects;
import org.apache.commons.math3.util.ArithmeticUtils;

/**
 * Two-sample Kolmogorov-Smirnov test, two-sided, with the semantics of SciPy's
 * {@code scipy.stats.ks_2samp(reference, current, alternative='two-sided', method='auto')}.
 *
 * <p>The statistic is {@code D = max |F_ref(x) - F_cur(x)|} over the pooled values (ties handled
 * exactly, as SciPy's {@code searchsorted(side='right')}). The p-value is:
 *
 * <ul>
 *   <li>exact when {@code max(n1, n2) <= 10,000} (SciPy's {@code method='auto'}): for equal sizes
 *       the alternating-sum formula of SciPy's {@code _compute_prob_outside_square}; otherwise the
 *       lattice-path recursion of Hodges computed directly for {@code 1 - P(inside)} (Viehmann
 *       2021, as SciPy's {@code _compute_outer_prob_inside_method}), so that small p-values keep
 *       their relative accuracy: the achievable floor is the smallest positive double (about
 *       {@code 1e-308}; below, 0);
 *   <li>otherwise {@code kstwo.sf(D, round(n1 n2 / (n1 + n2)))} as SciPy, through the Simard and
 *       L'Ecuyer (2011) algorithm selection of SciPy's {@code _kolmogn} (Durbin matrix, Pelz-Good,
 *       Birnbaum-Tingey sum). Differences from SciPy: where SciPy uses Pomeranz's algorithm
 *       ({@code n <= 140}) the Durbin matrix algorithm (also exact) is used; the one-sided Smirnov
 *       (Birnbaum-Tingey) sum is evaluated in double precision in log space with compensated
 *       summation (SciPy uses double-double), good to about {@code 1e-10} relative up to n =
 *       10^6, and for large n summed outwards from its largest term so that negligible terms are
 *       skipped. p-values smaller than about {@code 1e-300} are 0 (SciPy returns 0 when {@code
 *       n d^2 >= 370}).
 * </ul>
 *
 * <p>Non-finite values (NaN, infinities) are ignored (SciPy would propagate NaN); {@link
 * TestResult#n1()} and {@link TestResult#n2()} count the finite values used. A sample without a
 * finite value gives {@link TestResult#INSUFFICIENT_DATA} (SciPy raises).
 *
 * <p>Stateless and thread-safe.
 *
 * <pre>{@code
 * TestResult r = KolmogorovSmirnov.test(referenceValues, currentValues);
 * // with a profile's already-sorted reference: only the current sample is sorted
 * TestResult s = KolmogorovSmirnov.testSortedReference(sortedReference, currentValues);
 * }</pre>
 */
public final class KolmogorovSmirnov {

  /** The largest sample size for which the exact p-value is used ({@code MAX_AUTO_N} in SciPy). */
  public static final int MAX_EXACT_N = 10_000;

  private static final String KEY = DriftStatistic.KOLMOGOROV_SMIRNOV.key();

  private KolmogorovSmirnov() {}

  /**
   * Tests two raw samples (copied, filtered to finite values and sorted; the inputs are not
   * modified).
   *
   * @param reference the reference sample
   * @param current the current sample
   * @return statistic D and two-sided p-value
   * @throws NullPointerException if an argument is null
   */
  public static TestResult test(double[] reference, double[] current) {
    return Samples.onRaw(reference, current, KolmogorovSmirnov::compute);
  }

  /**
   * Tests two raw samples with a chosen p-value method (SciPy's {@code method=}).
   *
   * @param reference the reference sample
   * @param current the current sample
   * @param method {@link PValueMethod#AUTO} (as {@link #test(double[], double[])}), {@link
   *     PValueMethod#EXACT} (exact whatever the sizes, unless {@code lcm(n1, n2)} leaves the
   *     32-bit range, where SciPy too falls back to the asymptotic distribution; the cost is
   *     O(max(n1, n2) x D x lcm / max(n1, n2)), seconds for samples of 10^5) or {@link
   *     PValueMethod#ASYMPTOTIC} ({@code kstwo} whatever the sizes)
   * @return statistic D and two-sided p-value
   * @throws NullPointerException if an argument is null
   */
  public static TestResult test(double[] reference, double[] current, PValueMethod method) {
    return Samples.onRaw(reference, current, ByMethod.with(KolmogorovSmirnov::compute, method));
  }

  /**
   * The test as a drift statistic with a chosen p-value method, for {@code
   * DriftMonitor.Builder.featureTest}: {@link DriftStatistic#KOLMOGOROV_SMIRNOV} for {@link
   * PValueMethod#AUTO}, otherwise a statistic keyed {@code "ks_exact"} or {@code
   * "ks_asymptotic"}.
   *
   * @param method the p-value method
   * @return the statistic
   * @throws NullPointerException if {@code method} is null
   */
  public static SampleStatistic statistic(PValueMethod method) {
    return BY_METHOD.get(method);
  }

  private static final ByMethod BY_METHOD =
      new ByMethod(DriftStatistic.KOLMOGOROV_SMIRNOV, KolmogorovSmirnov::compute);

  /**
   * Tests a sorted reference against a raw current sample (only the current sample is copied and
   * sorted).
   *
   * @param sortedReference the reference, ascending (non-finite values only at the ends, where
   *     {@link java.util.Arrays#sort(double[])} puts them; they are ignored)
   * @param current the current sample
   * @return statistic D and two-sided p-value
   * @throws IllegalArgumentException if {@code sortedReference} is not ascending
   */
  public static TestResult testSortedReference(double[] sortedReference, double[] current) {
    return Samples.onSortedReference(sortedReference, current, KolmogorovSmirnov::compute);
  }

  /**
   * Tests two sorted samples without copying them.
   *
   * @param sortedReference the reference, ascending (non-finite values only at the ends)
   * @param sortedCurrent the current sample, ascending (non-finite values only at the ends)
   * @return statistic D and two-sided p-value
   * @throws IllegalArgumentException if an array is not ascending
   */
  public static TestResult testSorted(double[] sortedReference, double[] sortedCurrent) {
    return Samples.onSorted(sortedReference, sortedCurrent, KolmogorovSmirnov::compute);
  }

  static TestResult compute(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo) {
    return compute(a, aFrom, aTo, b, bFrom, bTo, PValueMethod.AUTO);
  }

  static TestResult compute(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo,
      PValueMethod method) {
    long n1 = aTo - aFrom;
    long n2 = bTo - bFrom;
    if (n1 == 0 || n2 == 0) {
      return TestResult.undefined(
          KEY, n1, n2, TestResult.Status.INSUFFICIENT_DATA, "a sample has no finite value");
    }
    long best = maxScaledDifference(a, aFrom, aTo, b, bFrom, bTo);
    // After one sample is exhausted the difference only shrinks towards 0: no need to go on.
    long g = ArithmeticUtils.gcd(n1, n2);
    long h = best / g; // D * lcm(n1, n2), an integer
    long lcm = (n1 / g) * n2;
    double d = (double) h / lcm;
    double p;
    if (exact(method, n1, n2, g)) {
      p = exactPValue(n1, n2, g, h);
    } else {
      double m = Math.max(n1, n2);
      double n = Math.min(n1, n2);
      double en = m * n / (m + n);
      p = KolmogorovDistribution.sf(Math.rint(en), d);
    }
    return TestResult.ok(KEY, d, Math.min(1.0, Math.max(0.0, p)), n1, n2);
  }

  /** SciPy's choice: 'auto' by size; 'exact' unless lcm(n1, n2) leaves the int32 range. */
  private static boolean exact(PValueMethod method, long n1, long n2, long g) {
    return switch (method) {
      case AUTO -> Math.max(n1, n2) <= MAX_EXACT_N;
      case EXACT -> (double) (n1 / g) < (double) Integer.MAX_VALUE / (n2 / g);
      case ASYMPTOTIC -> false;
    };
  }

  /**
   * max over pooled values x of |n2 * #{a <= x} - n1 * #{b <= x}|, by a merge walk. Each step
   * consumes one element (of a, of b, or of both when they are equal); the difference is only
   * recorded when the next pooled value is larger, i.e. after a whole tie group, exactly as SciPy's
   * {@code searchsorted(side='right')}. The steps have no data-dependent branches (they would
   * mispredict at every step on random data), and the walk is split at a value into two halves
   * walked in the same loop, so that the two dependency chains overlap.
   */
  static long maxScaledDifference(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo) {
    long n1 = aTo - aFrom;
    long n2 = bTo - bFrom;
    if (n1 + n2 < 4096) {
      return walk(a, aFrom, aFrom, aTo, aTo, b, bFrom, bFrom, bTo, bTo, n1, n2, 0);
    }
    // Split at the median of b: every value <= v in the first half, so no tie group straddles.
    double v = b[bFrom + (int) (n2 / 2)];
    int aMid = upperBound(a, aFrom, aTo, v);
    int bMid = upperBound(b, bFrom, bTo, v);
    double inf = Double.POSITIVE_INFINITY;
    int i = aFrom;
    int j = bFrom;
    int k = aMid;
    int l = bMid;
    long best = 0;
    // Both halves step together while both have elements left.
    while ((i < aMid || j < bMid) && (k < aTo || l < bTo)) {
      double va = i < aMid ? a[i] : inf;
      double vb = j < bMid ? b[j] : inf;
      double vc = k < aTo ? a[k] : inf;
      double vd = l < bTo ? b[l] : inf;
      double x = Math.min(va, vb);
      double y = Math.min(vc, vd);
      i += va <= x ? 1 : 0;
      j += vb <= x ? 1 : 0;
      k += vc <= y ? 1 : 0;
      l += vd <= y ? 1 : 0;
      double nx = Math.min(i < aTo ? a[i] : inf, j < bTo ? b[j] : inf);
      double ny = Math.min(k < aTo ? a[k] : inf, l < bTo ? b[l] : inf);
      long d1 = Math.abs((i - aFrom) * n2 - (j - bFrom) * n1);
      long d2 = Math.abs((k - aFrom) * n2 - (l - bFrom) * n1);
      best = Math.max(best, nx > x ? d1 : 0);
      best = Math.max(best, ny > y ? d2 : 0);
    }
    best = walk(a, aFrom, i, aMid, aTo, b, bFrom, j, bMid, bTo, n1, n2, best);
    return walk(a, aFrom, k, aTo, aTo, b, bFrom, l, bTo, bTo, n1, n2, best);
  }

  /** One branch-free merge walk of a[i..aEnd) and b[j..bEnd); counts relative to the origins. */
  private static long walk(
      double[] a, int aFrom, int i, int aEnd, int aTo,
      double[] b, int bFrom, int j, int bEnd, int bTo,
      long n1, long n2, long best) {
    double inf = Double.POSITIVE_INFINITY;
    while (i < aEnd || j < bEnd) {
      double va = i < aEnd ? a[i] : inf;
      double vb = j < bEnd ? b[j] : inf;
      double x = Math.min(va, vb);
      i += va <= x ? 1 : 0;
      j += vb <= x ? 1 : 0;
      double next = Math.min(i < aTo ? a[i] : inf, j < bTo ? b[j] : inf);
      long diff = Math.abs((i - aFrom) * n2 - (j - bFrom) * n1);
      best = Math.max(best, next > x ? diff : 0);
    }
    return best;
  }

  private static int upperBound(double[] a, int from, int to, double v) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Exact two-sided p-value P(D >= h / lcm) as SciPy's {@code _attempt_exact_2kssamp}. */
  static double exactPValue(long n1, long n2, long g, long h) {
    if (h == 0) {
      return 1.0;
    }
    if (n1 == n2) {
      return probOutsideSquare(n1, h);
    }
    return outerProbInsideMethod(n1, n2, g, h);
  }

  private static double probOutsideSquare(long n, long h) {
    // P = 2 * A0 * (1 - A1 * (1 - A2 * (...))): Horner form avoids the cancellation of the
    // alternating binomial sum.
    double p = 0.0;
    long k = n / h;
    while (k >= 0) {
      double p1 = 1.0;
      for (long j = 0; j < h; j++) {
        p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
      }
      p = p1 * (1.0 - p);
      k--;
    }
    return 2 * p;
  }

  private static double outerProbInsideMethod(long m0, long n0, long g, long h) {
    long m = Math.max(m0, n0);
    long n = Math.min(m0, n0);
    long mg = m / g;
    long ng = n / g;
    long minj = 0;
    long maxj = Math.min(ceilDiv(h, mg), n + 1);
    long curlen = maxj - minj;
    int lenA = (int) Math.min(2 * maxj + 2, n + 1);
    double[] arr = new double[lenA];
    java.util.Arrays.fill(arr, 1.0);
    for (long t = minj; t < Math.min(maxj, lenA); t++) {
      arr[(int) t] = 0.0;
    }
    for (long i = 1; i <= m; i++) {
      long lastminj = minj;
      long lastlen = curlen;
      minj = Math.max(Math.floorDiv(ng * i - h, mg) + 1, 0);
      minj = Math.min(minj, n);
      maxj = Math.min(ceilDiv(ng * i + h, mg), n + 1);
      if (maxj <= minj) {
        return 1.0;
      }
      double val = minj == 0 ? 0.0 : 1.0;
      int len = (int) (maxj - minj);
      int shift = (int) (minj - lastminj);
      for (int jj = 0; jj < len; jj++) {
        long j = jj + minj;
        val = (arr[jj + shift] * i + val * j) / (i + j);
        arr[jj] = val;
      }
      curlen = len;
      if (lastlen > curlen) {
        int end = (int) Math.min(lenA, len + (lastlen - curlen));
        for (int t = len; t < end; t++) {
          arr[t] = 1.0;
        }
      }
    }
    return arr[(int) (maxj - minj - 1)];
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
