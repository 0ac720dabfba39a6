package dev.mlops.drift.stat;

/**
 * How a test with both an exact and an asymptotic null distribution computes its p-value: SciPy's
 * {@code method=} argument of {@code ks_2samp} and {@code cramervonmises_2samp}.
 *
 * <p>Immutable and thread-safe.
 */
public enum PValueMethod {
  /**
   * Exact for small samples, asymptotic otherwise (SciPy's {@code 'auto'}): Kolmogorov-Smirnov
   * exact while {@code max(n1, n2) <= 10,000}, Cramér-von Mises exact while {@code max(n1, n2) <=
   * 20}.
   */
  AUTO,
  /**
   * The exact null distribution (SciPy's {@code 'exact'}). Kolmogorov-Smirnov falls back to the
   * asymptotic distribution, as SciPy does, when {@code lcm(n1, n2)} exceeds the 32-bit range.
   * Cost grows with the sample sizes: see each test.
   */
  EXACT,
  /** The limiting distribution (SciPy's {@code 'asymp'} / {@code 'asymptotic'}). */
  ASYMPTOTIC
}
