package dev.mlops.drift.stat;

/**
 * The drift statistics of this package, with the key used in {@link TestResult#test()} and
 * whether each is a hypothesis test (has a p-value) or a distance.
 *
 * <p>Immutable and thread-safe.
 */
public enum DriftStatistic {
  /** Two-sample Kolmogorov-Smirnov ({@link KolmogorovSmirnov}). */
  KOLMOGOROV_SMIRNOV("ks", true, true),
  /** Two-sample Cramér-von Mises ({@link CramerVonMises}). */
  CRAMER_VON_MISES("cramer_von_mises", true, true),
  /** k-sample Anderson-Darling, midrank ({@link AndersonDarling}). */
  ANDERSON_DARLING("anderson_darling", true, true),
  /** Wasserstein-1 distance ({@link Wasserstein#distance}). */
  WASSERSTEIN("wasserstein", false, true),
  /** Wasserstein-1 divided by the reference's population standard deviation. */
  NORMED_WASSERSTEIN("normed_wasserstein", false, true),
  /** Energy distance ({@link EnergyDistance}). */
  ENERGY_DISTANCE("energy_distance", false, true),
  /** Mann-Whitney U ({@link MannWhitneyU}). */
  MANN_WHITNEY_U("mann_whitney_u", true, true),
  /** Welch's t-test ({@link WelchTTest}). */
  WELCH_T("welch_t", true, true),
  /** Population stability index ({@link BinnedStatistics#populationStabilityIndex}). */
  PSI("psi", false, false),
  /** Kullback-Leibler divergence KL(reference || current). */
  KULLBACK_LEIBLER("kl_divergence", false, false),
  /** Jensen-Shannon distance (natural log). */
  JENSEN_SHANNON("jensen_shannon", false, false),
  /** Hellinger distance. */
  HELLINGER("hellinger", false, false),
  /** Total variation distance. */
  TOTAL_VARIATION("total_variation", false, false),
  /** L-infinity distance between proportions. */
  L_INFINITY("l_infinity", false, false),
  /** Pearson chi-square goodness of fit of the current counts to the reference proportions. */
  CHI_SQUARE_GOODNESS_OF_FIT("chi_square", true, false),
  /** G-test (log-likelihood ratio) goodness of fit. */
  G_TEST("g_test", true, false),
  /** Chi-square test of homogeneity of the 2 x k contingency table. */
  CHI_SQUARE_HOMOGENEITY("chi_square_homogeneity", true, false),
  /** Pooled two-proportion Z-test ({@link ProportionTests#twoProportionZ}). */
  TWO_PROPORTION_Z("z_test", true, false),
  /** Fisher's exact test on a 2 x 2 table ({@link ProportionTests#fisherExact}). */
  FISHER_EXACT("fisher_exact", true, false);

  private final String key;
  private final boolean hasPValue;
  private final boolean onSamples;

  DriftStatistic(String key, boolean hasPValue, boolean onSamples) {
    this.key = key;
    this.hasPValue = hasPValue;
    this.onSamples = onSamples;
  }

  /**
   * The snake_case key used in results and JSON.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Whether the statistic is a test with a p-value (otherwise a distance, larger = more drift).
   *
   * @return {@code true} for tests
   */
  public boolean hasPValue() {
    return hasPValue;
  }

  /**
   * Whether the statistic takes raw numeric samples (otherwise counts over bins or categories).
   *
   * @return {@code true} for sample statistics
   */
  public boolean onSamples() {
    return onSamples;
  }
}
