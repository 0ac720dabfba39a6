package dev.mlops.drift.monitor;

/** Correction of the significance level for testing many features in one window. */
public enum Correction {
  /** Each feature is tested at the nominal level. */
  NONE,
  /** Bonferroni: each feature at alpha / m (controls the family-wise error rate). */
  BONFERRONI,
  /** Benjamini-Hochberg step-up (controls the false discovery rate); the default. */
  BENJAMINI_HOCHBERG
}
