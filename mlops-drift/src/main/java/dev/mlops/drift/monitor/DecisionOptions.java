package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.stat.DriftStatistic;
import java.util.Objects;

/**
 * The settings of {@link DriftMonitor.Builder} that turn statistics into verdicts: calibrated or
 * fixed thresholds, significance, effect size, decision rule, correction, dataset-drift share,
 * alerting, baseline and per-feature overrides. Each setter validates its argument at once. Not
 * thread-safe.
 *
 * @param <B> the concrete builder
 */
abstract class DecisionOptions<B extends DecisionOptions<B>> extends MonitorOptions<B> {

  DecisionOptions(ReferenceProfile profile) {
    super(profile);
  }

  /**
   * How statistics become verdicts (default {@link DriftThresholds#calibrated()}: thresholds
   * calibrated on the reference's own variability, 0.2% false alarms per window; or Evidently's
   * fixed rules, {@link DriftThresholds#evidentlyDefaults()}, which calling {@link #alpha}, {@link
   * #distanceThreshold}, {@link #minEffectSize}, {@link #decisionRule}, {@link #correction} or
   * {@link #driftShare} also selects unless this was called). Per-column overrides ({@link
   * #featureTest}, {@link #featureThreshold}) take precedence either way.
   *
   * @param thresholds the setting
   * @return this builder
   * @throws NullPointerException if {@code thresholds} is null
   */
  public B thresholds(DriftThresholds thresholds) {
    this.driftThresholds = Objects.requireNonNull(thresholds, "thresholds must not be null");
    return self();
  }

  /**
   * Significance level of the tests before correction (default 0.05).
   *
   * @param alpha in (0, 1)
   * @return this builder
   * @throws IllegalArgumentException if {@code alpha} is not in (0, 1)
   */
  public B alpha(double alpha) {
    requireArgument(alpha > 0 && alpha < 1, "alpha must be in (0, 1): " + alpha);
    this.alpha = alpha;
    this.fixedRuleSet = true;
    return self();
  }

  /**
   * Distance at or above which a distance statistic (normed Wasserstein, Jensen-Shannon, PSI...)
   * means drift (default 0.1, Evidently's).
   *
   * @param threshold positive and finite
   * @return this builder
   * @throws IllegalArgumentException if {@code threshold} is not positive and finite
   */
  public B distanceThreshold(double threshold) {
    requireArgument(threshold > 0 && Double.isFinite(threshold),
        "distance threshold must be positive and finite: " + threshold);
    this.distanceThreshold = threshold;
    this.fixedRuleSet = true;
    return self();
  }

  /**
   * Minimum effect size for a significant test to count as drift under
   * {@link DecisionRule#SIGNIFICANT_AND_EFFECT} (default 0.1).
   *
   * @param effect zero or more, finite
   * @return this builder
   * @throws IllegalArgumentException if {@code effect} is negative or not finite
   */
  public B minEffectSize(double effect) {
    requireArgument(effect >= 0 && Double.isFinite(effect),
        "minimum effect size must be finite and not negative: " + effect);
    this.minEffectSize = effect;
    this.fixedRuleSet = true;
    return self();
  }

  /**
   * How a test becomes a verdict (default {@link DecisionRule#SIGNIFICANT_AND_EFFECT}).
   *
   * @param rule the rule
   * @return this builder
   * @throws NullPointerException if {@code rule} is null
   */
  public B decisionRule(DecisionRule rule) {
    this.rule = Objects.requireNonNull(rule, "decision rule must not be null");
    this.fixedRuleSet = true;
    return self();
  }

  /**
   * Multiple-testing correction across features (default Benjamini-Hochberg).
   *
   * @param correction the correction
   * @return this builder
   * @throws NullPointerException if {@code correction} is null
   */
  public B correction(Correction correction) {
    this.correction = Objects.requireNonNull(correction, "correction must not be null");
    this.fixedRuleSet = true;
    return self();
  }

  /**
   * Share of tested features that must drift for dataset drift (default 0.5).
   *
   * @param share in (0, 1]
   * @return this builder
   * @throws IllegalArgumentException if {@code share} is not in (0, 1]
   */
  public B driftShare(double share) {
    requireArgument(share > 0 && share <= 1, "drift share must be in (0, 1]: " + share);
    this.driftShare = share;
    this.fixedRuleSet = true;
    return self();
  }

  /**
   * Alert after this many consecutive drifted windows (default 1).
   *
   * @param windows at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code windows} is less than 1
   */
  public B alertAfter(int windows) {
    requireArgument(windows >= 1, "alert-after window count must be at least 1: " + windows);
    this.alertAfter = windows;
    return self();
  }

  /**
   * Whether a closed window that drifted or has data-quality findings is logged at WARN (default
   * true). Reports, listeners and metrics are the same either way; scratch monitors (e.g. the
   * ones a threshold calibration runs its reference windows through) turn it off.
   *
   * @param log false to log nothing per window
   * @return this builder
   */
  public B logWindows(boolean log) {
    this.logWindows = log;
    return self();
  }

  /**
   * Windows after an alert during which no new alert is raised (default 0).
   *
   * @param windows zero or more
   * @return this builder
   * @throws IllegalArgumentException if {@code windows} is negative
   */
  public B cooldown(int windows) {
    requireArgument(windows >= 0, "cooldown window count must not be negative: " + windows);
    this.cooldownWindows = windows;
    return self();
  }

  /**
   * What windows are compared with (default the reference).
   *
   * @param baseline the baseline
   * @return this builder
   * @throws NullPointerException if {@code baseline} is null
   */
  public B baseline(Baseline baseline) {
    this.baseline = Objects.requireNonNull(baseline, "baseline must not be null");
    return self();
  }

  /**
   * Compares the label and the prediction of each window with the reference's own season rather
   * than with the whole reference: the window's season is the most common value of {@code field}
   * (a calendar feature: the month, a weekday) in it, and its labels are compared with those of
   * the profile's chunks in which at least half of the rows have that value (January with the
   * reference's January). The threshold is calibrated by a block bootstrap of that season's
   * chunks at the false-alarm rate of {@link DriftThresholds#calibrated(double)}; the verdict's
   * reason says which rows and how. The features are still compared with the whole reference
   * (their thresholds, calibrated on consecutive reference windows, already span the seasons). A
   * column the profile's chunks do not hold, or a season with fewer than 3 chunks, is compared
   * with the whole reference, the reason saying why. Use it for a seasonal label (demand): on
   * bike sharing, monthly windows of 2012 against the 2011 profile report the demand change in
   * 12 of 12 months with it and in none against the whole reference (see {@code
   * docs/benchmarks.md}, issue 14). Without it, a profile with a calendar that spans a year gives
   * the label a month season by default ({@link #withoutSeason()}); a named field overrides that
   * and covers the prediction too.
   *
   * <pre>{@code
   * DriftMonitor monitor = DriftMonitor.builder(profile2011).seasonField("mnth").build();
   * }</pre>
   *
   * @param field a monitored feature held by the profile's chunks ({@link
   *     ReferenceProfile#chunks()}: a profile built from rows in time order); {@link
   *     DriftMonitor.Builder#build()} checks, and that thresholds are calibrated
   * @return this builder
   * @throws NullPointerException if {@code field} is null
   * @throws IllegalArgumentException if {@code field} is blank
   */
  public B seasonField(String field) {
    Objects.requireNonNull(field, "season field must not be null");
    requireArgument(!field.isBlank(), "season field must not be blank: '" + field + "'");
    this.seasonField = field;
    this.defaultSeason = true;
    return self();
  }

  /**
   * Compares the label and the prediction with the whole reference, without the month season a
   * profile with a calendar gives by default. By default (without this and without {@link
   * #seasonField}), when the profile's chunks have a calendar ({@code
   * ReferenceProfile.Builder#timeColumn}, set by a pipeline that orders its training rows by a
   * timestamp column) that spans a year, and a monitored feature equals the month of the time
   * column on every reference row, that feature is the season field: each window is compared with
   * the reference's same month, and the label's and the prediction's reasons say so ({@code
   * "season: month of dteday, from the reference's order (...)"}); a reference shorter than a
   * year, or without such a feature, gets no season and the reasons say why. The last of this and
   * {@link #seasonField} wins.
   *
   * @return this builder
   */
  public B withoutSeason() {
    this.seasonField = null;
    this.defaultSeason = false;
    return self();
  }

  /**
   * Overrides the statistic of one feature (or of {@code "__prediction__"} /
   * {@code "__label__"}): a built-in ({@code DriftStatistic.KOLMOGOROV_SMIRNOV}) or a user's
   * ({@link DriftStatistic#ofSamples}, {@link DriftStatistic#ofCounts}). A statistic with a
   * p-value is decided on its p-value after the multiple-testing correction (with the effect-size
   * rule of {@link #decisionRule}), one without on its value against {@link
   * #distanceThreshold} or {@link #featureThreshold}; either way it appears in the report's text
   * and JSON under its key. A numeric feature's counts are its reference quantile bins; a
   * categorical feature takes only count statistics ({@link DriftMonitor.Builder#build()}
   * checks). A statistic that
   * throws, or returns a p-value outside [0, 1], gives the feature status {@link
   * DriftStatus#ERROR} with the reason; it never stops the monitor.
   *
   * @param feature the feature name
   * @param statistic the statistic
   * @return this builder
   * @throws NullPointerException if an argument is null
   */
  public B featureTest(String feature, DriftStatistic statistic) {
    Objects.requireNonNull(feature, "feature must not be null");
    tests.put(feature, Objects.requireNonNull(statistic, "statistic must not be null"));
    return self();
  }

  /**
   * Overrides the threshold of one feature: the significance level for a test (then used
   * without multiple-testing correction), the distance for a distance.
   *
   * @param feature the feature name
   * @param threshold positive and finite
   * @return this builder
   * @throws NullPointerException if {@code feature} is null
   * @throws IllegalArgumentException if {@code threshold} is not positive and finite
   */
  public B featureThreshold(String feature, double threshold) {
    Objects.requireNonNull(feature, "feature must not be null");
    requireArgument(threshold > 0 && Double.isFinite(threshold),
        "threshold of feature " + feature + " must be positive and finite: " + threshold);
    thresholds.put(feature, threshold);
    origins.remove(feature);
    return self();
  }

  /**
   * Overrides the threshold of one feature as {@link #featureThreshold(String, double)} does and
   * says where it comes from; the origin is appended to the verdict's reason (e.g. {@code
   * "calibrated on 12 reference windows of 1000 rows: 99th percentile 0.0830"}).
   *
   * @param feature the feature name
   * @param threshold positive and finite
   * @param origin where the threshold comes from, in words
   * @return this builder
   * @throws NullPointerException if {@code feature} or {@code origin} is null
   * @throws IllegalArgumentException if {@code threshold} is not positive and finite
   */
  public B featureThreshold(String feature, double threshold, String origin) {
    Objects.requireNonNull(origin, "origin must not be null");
    featureThreshold(feature, threshold);
    origins.put(feature, origin);
    return self();
  }
}
