package dev.mlops.drift.monitor;

/**
 * How a hypothesis test (one with a p-value) becomes a drift verdict. Distance statistics
 * (normed Wasserstein, Jensen-Shannon, PSI...) always drift when the distance reaches their
 * threshold.
 */
public enum DecisionRule {
  /**
   * Drift only when the test is significant (p-value below the corrected threshold) AND the
   * effect size is at least the configured minimum; the default, because a p-value alone flags
   * negligible differences once windows are large.
   */
  SIGNIFICANT_AND_EFFECT,
  /** Drift when the test is significant, whatever the effect size (Evidently's behaviour). */
  SIGNIFICANT
}
