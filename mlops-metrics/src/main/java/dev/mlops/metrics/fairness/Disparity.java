package dev.mlops.metrics.fairness;

/**
 * A disparity between the groups of one sensitive attribute, as Fairlearn defines it with
 * {@code method='between_groups'}: the largest group value minus the smallest (or, for
 * {@link #DISPARATE_IMPACT_RATIO}, the smallest divided by the largest), over the groups large
 * enough to be judged and whose rate is defined.
 *
 * <p>Fairlearn names: {@link #STATISTICAL_PARITY_DIFFERENCE} is
 * {@code demographic_parity_difference}, {@link #DISPARATE_IMPACT_RATIO} is
 * {@code demographic_parity_ratio} (the "four-fifths rule" asks for at least 0.8),
 * {@link #EQUALIZED_ODDS_DIFFERENCE} is {@code equalized_odds_difference} (the larger of the TPR
 * and FPR gaps), {@link #EQUAL_OPPORTUNITY_DIFFERENCE} is the TPR gap and
 * {@link #PREDICTIVE_PARITY_DIFFERENCE} the precision gap. AIF360 signs its differences
 * (unprivileged minus privileged); these are unsigned, naming the two groups that define them.
 *
 * <p>Immutable and thread-safe.
 */
public enum Disparity {
  /** Largest minus smallest selection rate (share predicted positive); needs predictions only. */
  STATISTICAL_PARITY_DIFFERENCE("statistical_parity_difference", false, false),
  /** Smallest divided by largest selection rate; 1 is parity; needs predictions only. */
  DISPARATE_IMPACT_RATIO("disparate_impact_ratio", false, true),
  /** Largest minus smallest true positive rate (recall). */
  EQUAL_OPPORTUNITY_DIFFERENCE("equal_opportunity_difference", true, false),
  /** The larger of the true positive rate gap and the false positive rate gap. */
  EQUALIZED_ODDS_DIFFERENCE("equalized_odds_difference", true, false),
  /** Largest minus smallest precision (positive predictive value). */
  PREDICTIVE_PARITY_DIFFERENCE("predictive_parity_difference", true, false);

  private final String key;
  private final boolean needsLabels;
  private final boolean ratio;

  Disparity(String key, boolean needsLabels, boolean ratio) {
    this.key = key;
    this.needsLabels = needsLabels;
    this.ratio = ratio;
  }

  /**
   * The stable snake_case key used in JSON and reports.
   *
   * @return the key, e.g. {@code "disparate_impact_ratio"}
   */
  public String key() {
    return key;
  }

  /**
   * Whether the disparity needs true labels (otherwise predictions alone suffice).
   *
   * @return {@code true} for the rates conditioned on the label or on a positive prediction
   */
  public boolean needsLabels() {
    return needsLabels;
  }

  /**
   * Whether greater values mean fairer treatment: {@code true} only for the ratio (parity is 1);
   * the differences are fairest at 0.
   *
   * @return {@code true} for {@link #DISPARATE_IMPACT_RATIO}
   */
  public boolean greaterIsFairer() {
    return ratio;
  }

  /**
   * Finds a disparity by key.
   *
   * @param key a key such as {@code "equalized_odds_difference"}
   * @return the disparity
   * @throws IllegalArgumentException if no disparity has that key
   */
  public static Disparity fromKey(String key) {
    for (Disparity d : values()) {
      if (d.key.equals(key)) {
        return d;
      }
    }
    throw new IllegalArgumentException("disparity key must be one of the Disparity keys: " + key);
  }
}
