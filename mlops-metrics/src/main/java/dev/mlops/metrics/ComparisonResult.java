package dev.mlops.metrics;

import java.util.Objects;

/**
 * The paired comparison of a candidate and a baseline model on the same rows. Immutable and
 * thread-safe.
 *
 * @param metric the metric compared
 * @param candidate the candidate's value
 * @param baseline the baseline's value
 * @param difference {@code candidate - baseline}
 * @param differenceCi the confidence interval of the difference
 * @param pValue the two-sided p-value of "no difference", in [0, 1]
 * @param test the test used: {@link #MCNEMAR_EXACT}, {@link #MCNEMAR_CHI_SQUARE}, {@link #DELONG}
 *     or {@link #PAIRED_BOOTSTRAP}
 * @param n the number of rows
 */
public record ComparisonResult(Metric metric, double candidate, double baseline, double difference,
    Interval differenceCi, double pValue, String test, long n) {

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
   * @throws IllegalArgumentException if the p-value is outside [0, 1]
   */
  public ComparisonResult {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(differenceCi, "differenceCi");
    Objects.requireNonNull(test, "test");
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("p-value must be in [0, 1]: " + pValue);
    }
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
