package dev.mlops.drift.stat;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.util.ArithmeticUtils;

/**
 * Two-sample Cramér-von Mises test with the semantics of SciPy's
 * {@code scipy.stats.cramervonmises_2samp(reference, current, method='auto')}.
 *
 * <p>The statistic is T of Anderson (1962) computed from midranks. The p-value is exact (Xiao,
 * Gordon and Yakovlev 2006) when both samples have at most 20 values, as SciPy's {@code 'auto'};
 * otherwise asymptotic: the normalised statistic is referred to the limiting distribution (series
 * of Csörgő and Faraway 1996 with Bessel K_{1/4}, summed until a term is below 1e-7, as SciPy).
 * Because of that truncation, asymptotic p-values are accurate to about 1e-7 absolute — the
 * achievable floor; smaller values are not meaningful (the same holds for SciPy).
 *
 * <p>Non-finite values are ignored; a sample with fewer than 2 finite values gives {@link
 * TestResult#INSUFFICIENT_DATA} (SciPy raises).
 *
 * <p>Stateless and thread-safe.
 */
public final class CramerVonMises {

  private static final String KEY = DriftStatistic.CRAMER_VON_MISES.key();

  /** Largest sample size for the exact p-value (SciPy's 'auto' threshold). */
  public static final int MAX_EXACT_N = 20;

  /** Largest sample size for which {@link PValueMethod#EXACT} may be asked. */
  public static final int MAX_EXACT_REQUEST_N = 100;

  private CramerVonMises() {}

  /**
   * Tests two raw samples (copied, filtered to finite values, sorted).
   *
   * @param reference the reference sample
   * @param current the current sample
   * @return statistic T and p-value
   */
  public static TestResult test(double[] reference, double[] current) {
    return Samples.onRaw(reference, current, CramerVonMises::compute);
  }

  /**
   * Tests a sorted reference against a raw current sample.
   *
   * @param sortedReference ascending reference (non-finite values only at the ends)
   * @param current the current sample
   * @return statistic T and p-value
   * @throws IllegalArgumentException if the reference is not ascending
   */
  public static TestResult testSortedReference(double[] sortedReference, double[] current) {
    return Samples.onSortedReference(sortedReference, current, CramerVonMises::compute);
  }

  /**
   * Tests two sorted samples without copying.
   *
   * @param sortedReference ascending reference (non-finite values only at the ends)
   * @param sortedCurrent ascending current sample (non-finite values only at the ends)
   * @return statistic T and p-value
   * @throws IllegalArgumentException if an array is not ascending
   */
  public static TestResult testSorted(double[] sortedReference, double[] sortedCurrent) {
    return Samples.onSorted(sortedReference, sortedCurrent, CramerVonMises::compute);
  }

  /**
   * Tests two raw samples with a chosen p-value method (SciPy's {@code method=}).
   *
   * @param reference the reference sample
   * @param current the current sample
   * @param method {@link PValueMethod#AUTO} (as {@link #test(double[], double[])}), {@link
   *     PValueMethod#EXACT} (the exact distribution, counted over all {@code C(n1 + n2, n1)}
   *     arrangements by Xiao et al.'s recursion; allowed while {@code max(n1, n2) <=} {@value
   *     #MAX_EXACT_REQUEST_N}, beyond which its tables do not fit in memory) or {@link
   *     PValueMethod#ASYMPTOTIC}
   * @return statistic T and p-value
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the exact method is asked for samples larger than
   *     {@value #MAX_EXACT_REQUEST_N}
   */
  public static TestResult test(double[] reference, double[] current, PValueMethod method) {
    return Samples.onRaw(reference, current, ByMethod.with(CramerVonMises::compute, method));
  }

  /**
   * The test as a drift statistic with a chosen p-value method: {@link
   * DriftStatistic#CRAMER_VON_MISES} for {@link PValueMethod#AUTO}, otherwise a statistic keyed
   * {@code "cramer_von_mises_exact"} or {@code "cramer_von_mises_asymptotic"}.
   *
   * @param method the p-value method
   * @return the statistic
   * @throws NullPointerException if {@code method} is null
   */
  public static SampleStatistic statistic(PValueMethod method) {
    return BY_METHOD.get(method);
  }

  private static final ByMethod BY_METHOD =
      new ByMethod(DriftStatistic.CRAMER_VON_MISES, CramerVonMises::compute);

  static TestResult compute(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo) {
    return compute(a, aFrom, aTo, b, bFrom, bTo, PValueMethod.AUTO);
  }

  static TestResult compute(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo,
      PValueMethod method) {
    long nx = aTo - aFrom;
    long ny = bTo - bFrom;
    if (nx < 2 || ny < 2) {
      return TestResult.undefined(
          KEY, nx, ny, TestResult.Status.INSUFFICIENT_DATA, "each sample needs at least 2 finite values");
    }
    double u = Ranks.of(a, aFrom, aTo, b, bFrom, bTo).cvmU;
    double k = (double) nx * ny;
    double bigN = nx + ny;
    double t = u / (k * bigN) - (4 * k - 1) / (6 * bigN);
    double p;
    boolean exact = switch (method) {
      case AUTO -> Math.max(nx, ny) <= MAX_EXACT_N;
      case EXACT -> true;
      case ASYMPTOTIC -> false;
    };
    if (exact && Math.max(nx, ny) > MAX_EXACT_REQUEST_N) {
      throw new IllegalArgumentException("sample sizes for the exact Cramér-von Mises p-value must"
          + " be at most " + MAX_EXACT_REQUEST_N + ": " + nx + ", " + ny);
    }
    if (exact) {
      p = exactPValue(u, (int) nx, (int) ny);
    } else {
      double et = (1 + 1 / bigN) / 6;
      double vt = (bigN + 1) * (4 * k * bigN - 3 * ((double) nx * nx + (double) ny * ny) - 2 * k);
      vt = vt / (45 * bigN * bigN * 4 * k);
      double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
      p = tn < 0.003 ? 1.0 : Math.max(0.0, 1.0 - cdfLimit(tn));
    }
    return TestResult.ok(KEY, t, Math.min(1.0, p), nx, ny);
  }

  /** CDF of the limiting one-sample Cramér-von Mises distribution (SciPy's _cdf_cvm_inf). */
  static double cdfLimit(double x) {
    double total = 0;
    for (int k = 0; k < 10_000; k++) {
      double u = Math.exp(Gamma.logGamma(k + 0.5) - Gamma.logGamma(k + 1.0))
          / (Math.pow(Math.PI, 1.5) * Math.sqrt(x));
      double y = 4 * k + 1;
      double q = y * y / (16 * x);
      double z = u * Math.sqrt(y) * scaledBesselK(0.25, q);
      total += z;
      if (Math.abs(z) < 1e-7) {
        break;
      }
    }
    return total;
  }

  /**
   * exp(-q) K_nu(q) from K_nu(q) = integral over t >= 0 of exp(-q cosh t) cosh(nu t), by the
   * trapezoid rule, which converges geometrically for this analytic, doubly-exponentially
   * decaying integrand.
   */
  static double scaledBesselK(double nu, double q) {
    double step = 0.05;
    double sum = 0.5 * Math.exp(-2 * q);
    for (int i = 1; i < 100_000; i++) {
      double t = i * step;
      double e = q * (1 + Math.cosh(t));
      double f = Math.exp(-e) * Math.cosh(nu * t);
      sum += f;
      if (e > 750) {
        break;
      }
    }
    return sum * step;
  }

  /** Exact p-value (SciPy's _pval_cvm_2samp_exact, Xiao et al. 2006 Algorithm 1). */
  static double exactPValue(double s, int m, int n) {
    long g = ArithmeticUtils.gcd(m, n);
    long lcm = (long) m / g * n;
    long a = lcm / m;
    long b = lcm / n;
    long mn = (long) m * n;
    double zeta =
        Math.floor((double) lcm * lcm * (m + n) * (6 * s - mn * (4.0 * mn - 1)) / (6.0 * mn * mn));
    // gs[v]: frequency table {value -> count} of g_{u,v}
    @SuppressWarnings("unchecked")
    Map<Long, Long>[] gs = new Map[m + 1];
    gs[0] = new HashMap<>();
    gs[0].put(0L, 1L);
    for (int v = 1; v <= m; v++) {
      gs[v] = new HashMap<>();
    }
    for (int u = 0; u <= n; u++) {
      @SuppressWarnings("unchecked")
      Map<Long, Long>[] next = new Map[m + 1];
      Map<Long, Long> tmp = new HashMap<>();
      for (int v = 0; v <= m; v++) {
        Map<Long, Long> merged = new HashMap<>(tmp);
        for (Map.Entry<Long, Long> e : gs[v].entrySet()) {
          merged.merge(e.getKey(), e.getValue(), Long::sum);
        }
        long res = (a * v - b * u) * (a * v - b * u);
        Map<Long, Long> shifted = new HashMap<>(merged.size() * 2);
        for (Map.Entry<Long, Long> e : merged.entrySet()) {
          shifted.put(e.getKey() + res, e.getValue());
        }
        tmp = shifted;
        next[v] = tmp;
      }
      gs = next;
    }
    double combinations = binomial(m + n, m);
    double count = 0;
    for (Map.Entry<Long, Long> e : gs[m].entrySet()) {
      if (e.getKey() >= zeta) {
        count += e.getValue();
      }
    }
    return count / combinations;
  }

  private static double binomial(int n, int k) {
    double r = 1;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return Math.rint(r);
  }
}
