package dev.mlops.drift.stat;

import java.util.List;
import java.util.Optional;

/**
 * A drift statistic: compares a reference with a current sample, either as two numeric samples
 * ({@link SampleStatistic}) or as two count vectors over the same bins or categories ({@link
 * CountStatistic}), with or without a p-value.
 *
 * <p>The built-in statistics are the constants below (the names of the former enum, so {@code
 * DriftStatistic.KOLMOGOROV_SMIRNOV} reads as before). A user-defined statistic is made with
 * {@link #ofSamples} or {@link #ofCounts} and is used by the monitor exactly like a built-in one
 * (per-feature selection, p-values in the multiple-testing correction, the report's text and
 * JSON):
 *
 * <pre>{@code
 * SampleStatistic meanShift = DriftStatistic.ofSamples("mean_shift", false,
 *     (ref, cur) -> TestResult.ok("mean_shift", Math.abs(mean(cur) - mean(ref)), Double.NaN,
 *         ref.length, cur.length));
 * DriftMonitor.builder(profile).featureTest("age", meanShift).featureThreshold("age", 2.5);
 * }</pre>
 *
 * <p>Keys are snake_case, unique among the statistics a monitor uses, and a user statistic may not
 * take a built-in's key. Implementations are immutable and thread-safe; a user's function must be
 * thread-safe too (the monitor may call it from its evaluation thread).
 */
public sealed interface DriftStatistic permits SampleStatistic, CountStatistic {

  /** Two-sample Kolmogorov-Smirnov ({@link KolmogorovSmirnov}), p-value method 'auto'. */
  SampleStatistic KOLMOGOROV_SMIRNOV =
      SampleStatistic.builtIn("ks", true, KolmogorovSmirnov::testSorted);
  /** Two-sample Cramér-von Mises ({@link CramerVonMises}), p-value method 'auto'. */
  SampleStatistic CRAMER_VON_MISES =
      SampleStatistic.builtIn("cramer_von_mises", true, CramerVonMises::testSorted);
  /** k-sample Anderson-Darling, midrank ({@link AndersonDarling}). */
  SampleStatistic ANDERSON_DARLING =
      SampleStatistic.builtIn("anderson_darling", true, AndersonDarling::testSorted);
  /** Wasserstein-1 distance ({@link Wasserstein#distance}). */
  SampleStatistic WASSERSTEIN =
      SampleStatistic.builtIn("wasserstein", false, Wasserstein::distanceSorted);
  /**
   * Wasserstein-1 divided by the reference's population standard deviation (floored at {@link
   * Wasserstein#MIN_STD}). Given two samples it uses the reference sample's deviation; the monitor
   * uses the deviation of the whole reference from the profile.
   */
  SampleStatistic NORMED_WASSERSTEIN =
      SampleStatistic.builtIn("normed_wasserstein", false, Wasserstein::normedDistanceSorted);
  /** Energy distance ({@link EnergyDistance}). */
  SampleStatistic ENERGY_DISTANCE =
      SampleStatistic.builtIn("energy_distance", false, EnergyDistance::distanceSorted);
  /** Mann-Whitney U ({@link MannWhitneyU}). */
  SampleStatistic MANN_WHITNEY_U =
      SampleStatistic.builtIn("mann_whitney_u", true, MannWhitneyU::testSorted);
  /** Welch's t-test ({@link WelchTTest}). */
  SampleStatistic WELCH_T = SampleStatistic.builtIn("welch_t", true, WelchTTest::test);
  /** Population stability index ({@link BinnedStatistics#populationStabilityIndex}). */
  CountStatistic PSI =
      CountStatistic.builtIn("psi", false, BinnedStatistics::populationStabilityIndex);
  /** Kullback-Leibler divergence KL(reference || current). */
  CountStatistic KULLBACK_LEIBLER =
      CountStatistic.builtIn("kl_divergence", false, BinnedStatistics::kullbackLeibler);
  /** Jensen-Shannon distance (natural log). */
  CountStatistic JENSEN_SHANNON =
      CountStatistic.builtIn("jensen_shannon", false, BinnedStatistics::jensenShannon);
  /** Hellinger distance. */
  CountStatistic HELLINGER =
      CountStatistic.builtIn("hellinger", false, BinnedStatistics::hellinger);
  /** Total variation distance. */
  CountStatistic TOTAL_VARIATION =
      CountStatistic.builtIn("total_variation", false, BinnedStatistics::totalVariation);
  /** L-infinity distance between proportions. */
  CountStatistic L_INFINITY =
      CountStatistic.builtIn("l_infinity", false, BinnedStatistics::lInfinity);
  /** Pearson chi-square goodness of fit of the current counts to the reference proportions. */
  CountStatistic CHI_SQUARE_GOODNESS_OF_FIT =
      CountStatistic.builtIn("chi_square", true, BinnedStatistics::chiSquareGoodnessOfFit);
  /** G-test (log-likelihood ratio) goodness of fit. */
  CountStatistic G_TEST = CountStatistic.builtIn("g_test", true, BinnedStatistics::gTest);
  /** Chi-square test of homogeneity of the 2 x k contingency table. */
  CountStatistic CHI_SQUARE_HOMOGENEITY = CountStatistic.builtIn("chi_square_homogeneity", true,
      BinnedStatistics::chiSquareHomogeneity);
  /**
   * Pooled two-proportion Z-test ({@link ProportionTests#twoProportionZ}) of the share of the
   * first category with reference counts.
   */
  CountStatistic TWO_PROPORTION_Z =
      CountStatistic.builtIn("z_test", true, ProportionTests::twoProportionZ);
  /**
   * Fisher's exact test ({@link ProportionTests#fisherExact}) of the share of the first category
   * with reference counts.
   */
  CountStatistic FISHER_EXACT =
      CountStatistic.builtIn("fisher_exact", true, ProportionTests::fisherExact);

  /**
   * The snake_case key used in results and JSON.
   *
   * @return the key
   */
  String key();

  /**
   * Whether the statistic is a test with a p-value (otherwise a distance, larger = more drift).
   *
   * @return {@code true} for tests
   */
  boolean hasPValue();

  /**
   * Whether the statistic takes raw numeric samples (otherwise counts over bins or categories).
   *
   * @return {@code true} for a {@link SampleStatistic}
   */
  boolean onSamples();

  /**
   * Whether this is one of the constants of this interface.
   *
   * @return {@code true} for a built-in statistic
   */
  boolean builtIn();

  /**
   * A user-defined statistic on two numeric samples.
   *
   * @param key snake_case key (letters, digits, underscores; starting with a letter), not a
   *     built-in's key
   * @param hasPValue whether the function returns a p-value (then the monitor decides on it,
   *     after multiple-testing correction; otherwise on the statistic as a distance)
   * @param function the computation on two ascending, finite samples
   * @return the statistic
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the key is not snake_case or is a built-in's key
   */
  static SampleStatistic ofSamples(String key, boolean hasPValue,
      SampleStatistic.Function function) {
    return new SampleStatistic(BuiltIns.userKey(key), hasPValue, false, function);
  }

  /**
   * A user-defined statistic on two count vectors over the same bins or categories.
   *
   * @param key snake_case key, not a built-in's key
   * @param hasPValue whether the function returns a p-value
   * @param function the computation on the reference and current counts (same length)
   * @return the statistic
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the key is not snake_case or is a built-in's key
   */
  static CountStatistic ofCounts(String key, boolean hasPValue,
      CountStatistic.Function function) {
    return new CountStatistic(BuiltIns.userKey(key), hasPValue, false, function);
  }

  /**
   * The built-in statistics, in declaration order.
   *
   * @return an immutable list
   */
  static List<DriftStatistic> builtIns() {
    return BuiltIns.ALL;
  }

  /**
   * The built-in statistic with a key.
   *
   * @param key the key, e.g. {@code "ks"}
   * @return the statistic, empty when no built-in has that key
   */
  static Optional<DriftStatistic> builtIn(String key) {
    return BuiltIns.ALL.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}
