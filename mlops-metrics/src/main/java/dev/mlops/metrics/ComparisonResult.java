package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;


/**
 * The paired comparison of a candidate and a baseline model on the same rows. Immutable and
 * thread-safe.
 *
 * @param metric the metric compared
 * @param candidate the candidate's value
 * @param baseline the baseline's value
 * @param difference {@code candidate - baseline}
 * @param differenceCi the confidence interval of the difference
 * @param pValue the two-sided p-value of "no difference", in [0, 1]; a resampling test's p-value is
 *     never 0: it is {@code min(1, 2 (k + 1) / (B + 1))} with k the resamples on the rarer side of
 *     0 (SciPy's {@code monte_carlo_test} / {@code permutation_test} rule, Phipson and Smyth 2010),
 *     so when no resample crossed 0 it is the bound {@code 2 / (B + 1)} (see {@link
 *     #pValueIsBound()})
 * @param test the test used: {@link #MCNEMAR_EXACT}, {@link #MCNEMAR_CHI_SQUARE}, {@link #DELONG}
 *     or {@link #PAIRED_BOOTSTRAP}
 * @param n the number of rows
 * @param resamples B, the resamples a resampling test used (those where the metric was defined
 *     for both models); 0 for an analytic test
 */
public record ComparisonResult(Metric metric, double candidate, double baseline, double difference,
    Interval differenceCi, double pValue, String test, long n, int resamples) {

  /** McNemar's exact (binomial) test. */
  public static final String MCNEMAR_EXACT = "mcnemar_exact";
  /** McNemar's chi-square test with continuity correction. */
  public static final String MCNEMAR_CHI_SQUARE = "mcnemar_chi_square";
  /** DeLong's test for two correlated ROC AUCs. */
  public static final String DELONG = "delong";
  /** Paired, seeded percentile bootstrap. */
  public static final String PAIRED_BOOTSTRAP = "paired_bootstrap";

  /**
   * Validates the result.
   *
   * @throws IllegalArgumentException if the p-value is outside [0, 1] or the resamples negative
   */
  public ComparisonResult {
    Checks.nonNull("metric", metric, "differenceCi", differenceCi, "test", test);
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("p-value must be in [0, 1]: " + pValue);
    }
    if (resamples < 0) {
      throw new IllegalArgumentException("resamples must not be negative: " + resamples);
    }
  }

  /**
   * The result of an analytic test (no resamples).
   *
   * @param metric the metric compared
   * @param candidate the candidate's value
   * @param baseline the baseline's value
   * @param difference {@code candidate - baseline}
   * @param differenceCi the confidence interval of the difference
   * @param pValue the two-sided p-value, in [0, 1]
   * @param test the test used
   * @param n the number of rows
   * @throws IllegalArgumentException if the p-value is outside [0, 1]
   */
  public ComparisonResult(Metric metric, double candidate, double baseline, double difference,
      Interval differenceCi, double pValue, String test, long n) {
    this(metric, candidate, baseline, difference, differenceCi, pValue, test, n, 0);
  }

  /**
   * Tells whether the p-value is only a bound: a resampling test in which no resample reached "no
   * difference" gives the smallest p-value its B resamples can, {@code 2 / (B + 1)}; the true
   * p-value is at most that. Text renders it as {@code p <= ...}, JSON adds {@code
   * "p_value_bound": true}.
   *
   * @return {@code true} when the p-value is the resolution limit of the resamples
   */
  public boolean pValueIsBound() {
    return resamples > 0 && pValue <= smallestPValue(resamples);
  }

  /**
   * The smallest two-sided p-value B resamples can give: {@code min(1, 2 / (B + 1))}.
   *
   * @param resamples B, at least 1
   * @return the smallest p-value
   * @throws IllegalArgumentException if {@code resamples < 1}
   */
  public static double smallestPValue(int resamples) {
    if (resamples < 1) {
      throw new IllegalArgumentException("resamples must be at least 1: " + resamples);
    }
    return Math.min(1.0, 2.0 / (resamples + 1.0));
  }

  /**
   * The p-value in words: {@code "p = 0.0312"}, or {@code "p <= 0.000999 (no resample of 2000
   * reached 0)"} when it is a bound.
   *
   * @return the p-value as text
   */
  public String pValueText() {
    return pValueIsBound()
        ? String.format(java.util.Locale.ROOT, "p <= %.3g (no resample of %d reached 0)", pValue,
            resamples)
        : String.format(java.util.Locale.ROOT, "p = %.4g", pValue);
  }

  /**
   * Tells whether the candidate is better in the metric's direction.
   *
   * @return {@code true} if the difference favours the candidate
   */
  public boolean candidateIsBetter() {
    return metric.greaterIsBetter() ? difference > 0 : difference < 0;
  }

  /**
   * Tells whether the difference is significant at a level.
   *
   * @param alpha the significance level, e.g. 0.05
   * @return {@code pValue < alpha}
   */
  public boolean significantAt(double alpha) {
    return pValue < alpha;
  }
}
