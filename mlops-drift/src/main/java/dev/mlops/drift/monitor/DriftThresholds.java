package dev.mlops.drift.monitor;

import java.util.Locale;

/**
 * How a monitor turns a column's statistic into a verdict.
 *
 * <ul>
 *   <li>{@link #calibrated(double)} (the default, at a 0.2% false-alarm rate per window, {@link
 *       #DEFAULT_FALSE_ALARM_RATE}): per
 *       column, the normed Wasserstein distance (numeric) or the Jensen-Shannon distance
 *       (categorical) against a threshold calibrated on the reference's own variability for a
 *       window of the size actually evaluated. A calibration stored in the profile ({@code
 *       ReferenceProfile.calibrations()}, learnt on an ordered reference,
 *       so it accounts for autocorrelation) is used for windows within 20% of its window size;
 *       otherwise windows of that size are resampled from the profile's reference values (rows
 *       taken as independent). Each column's quantile is {@code 1 - rate / features} and dataset
 *       drift is any feature drifting, so (union bound) at most {@code rate} of the windows of a
 *       stationary stream flag dataset drift; the prediction has the quantile {@code 1 - rate}
 *       (one check) and the label {@code 1 - labelRate} ({@link #labelFalseAlarmRate()}, 1% by
 *       default: {@link #DEFAULT_LABEL_FALSE_ALARM_RATE}). Every verdict's reason states its
 *       threshold's origin and the rate in force.
 *   <li>{@link #evidentlyDefaults()}: Evidently's fixed rules (the statistic chosen by reference
 *       size and type, p &lt; alpha with multiple-testing correction, distance &gt;= 0.1, dataset
 *       drift when half the features drift), as configured by {@code alpha}, {@code
 *       distanceThreshold}, {@code decisionRule}, {@code correction}, {@code minEffectSize} and
 *       {@code driftShare}. Setting any of those on a builder selects these rules. The
 *       statistic: for a reference of at most 1,000 values, Kolmogorov-Smirnov (numeric with
 *       more than 5 distinct values), chi-square (other numeric and categorical) or a
 *       two-proportion Z-test (binary) at p &lt; alpha; for larger references the normed
 *       Wasserstein distance (numeric) or the Jensen-Shannon distance (categorical) at distance
 *       &gt;= 0.1. Two deliberate differences from Evidently: the chi-square test is the test of
 *       homogeneity of the 2 x k table [reference, window] (Evidently's goodness of fit against
 *       the reference proportions is infinite as soon as the window holds a category the
 *       reference never saw), and numeric features with few distinct values are counted in the
 *       reference's quantile bins; the Z-test compares the share of the reference's most frequent
 *       category. Effect sizes: normed Wasserstein distance (numeric) and Jensen-Shannon distance
 *       (categorical), always computed when both sides have values. Tests are corrected for
 *       multiple testing (Benjamini-Hochberg by default) and drift also needs an effect size of
 *       at least 0.1 ({@link DecisionRule}).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class DriftThresholds {

  /**
   * The default false-alarm rate per window: 0.2%, chosen so that a stationary stream of 100
   * windows shows at most 2 windows with dataset drift in about 99% of streams (not only on
   * average).
   *
   * <p>Why not 1%. The rate is a mean over streams; a deployment sees one stream. Even at exactly
   * 1% per window, 100 windows exceed 2 alarms in 7.9% of streams (binomial), and each stream's
   * thresholds are estimated from its own ~20 reference windows: a reference whose windows happen
   * to vary little gives thresholds that are too low for every live window of that stream, and
   * every live window is compared with the same reference mean, so alarms cluster by stream. A
   * simulation of that model (per check, 20 reference windows of independent normal window means,
   * the shift's spread from 19 of them with the finite-reference correction, Student's t bound;
   * 22 checks as in 10 numeric and 1 categorical feature; 20,000 streams of 100 windows) gives
   * the share of streams with more than 2 alarms: 12.7% at 1%, 3.0% at 0.4%, 1.7% at 0.25%,
   * 1.1% at 0.2% (pooled rate 0.23%). At 0.2% the per-check bound moves from Student's t_19 at
   * {@code 1 - 0.01 / 44} (4.23 spreads) to {@code 1 - 0.002 / 44} (4.94): thresholds about 17%
   * higher. Measured (docs/benchmarks.md, "Tenth session: alarm"; AR(1) rho 0.9, 10 numeric and
   * 1 categorical feature, 100 windows of 1,000 rows per stream, seeds 1101-1200): stated 0.2%,
   * 9 of 10,000 windows (0.09%), no stream over 2; stated 0.4%, 27 of 10,000 (0.27%), 1 stream
   * of 100 over 2 (3); stated 1% (seeds 1101-1140), 24 of 4,000 (0.60%). At rho 0.9 the stated
   * rate is an upper bound (union bound over the checks, Student's t for the spread's estimate);
   * at rho 0 it is about the rate measured (0.2% stated: 15 of 6,000 windows, 0.25%, no stream
   * over 2; rho 0.5: 3 of 2,000). Set another rate with {@link #calibrated(double)}.
   */
  public static final double DEFAULT_FALSE_ALARM_RATE = 0.002;

  /**
   * The default false-alarm rate per window of label drift: 1%, five times the dataset-drift rate.
   *
   * <p>Why its own rate. Label drift is one check per window, reported beside dataset drift and
   * not part of it (nor of {@link DriftReport#drifted()}, nor of alerts); the dataset-drift rate
   * is chosen for a verdict that any of some 22 checks can raise, and it cost the label power on
   * real data. Why 1%: at 0.2% the demand change of bike sharing's December 2012 was
   * missed (normed Wasserstein 0.4662 against the month's seasonal threshold 0.5490; 0.4897 at
   * 0.5%, 0.4439 at 1%), at 1% every month of 2012 flags label drift (12 of 12) while 2011
   * replayed against its own profile flags none (0 of 12 months, 0 of 52 weeks). The cost,
   * measured on stationary AR(1) streams (rho 0.9, 100 windows of 1,000 rows, 100 seeds
   * 1101-1200; docs/benchmarks.md, "Eleventh session: labelrate"): a numeric label flags 1.09% of
   * windows (0.21% at a stated 0.2%), a binary one 0.40%; 13 of 100 numeric-label streams show
   * more than 2 label alarms in 100 windows (1 of 100 at 0.2%), as a stationary stream does when
   * its threshold is learnt from ~20 reference windows (a simulation of that gives 10%). The
   * gain on synthetic label shifts (rho 0.5, seeds 3101-3150): a shift of a binary label by a
   * quarter of the latent sd is seen within 2 windows in 50 of 50 runs (39 of 50 at 0.2%).
   *
   * <p>The prediction keeps the dataset-drift rate ({@link #falseAlarmRate()}, one check):
   * prediction drift does count in {@link DriftReport#drifted()} and so in alerts, and at 1% it
   * flagged 1.84% of stationary windows (20 of 100 streams over 2) with no measured gain (a 0.42
   * sd shift of the prediction seen in 50 of 50 runs at every rate; bike 2012's predictions flag
   * nothing at any rate). Set another label rate with {@link #calibrated(double, double)}.
   */
  public static final double DEFAULT_LABEL_FALSE_ALARM_RATE = 0.01;

  private static final DriftThresholds FIXED =
      new DriftThresholds(false, Double.NaN, Double.NaN);
  private static final DriftThresholds DEFAULT =
      new DriftThresholds(true, DEFAULT_FALSE_ALARM_RATE, DEFAULT_LABEL_FALSE_ALARM_RATE);

  private final boolean calibrated;
  private final double falseAlarmRate;
  private final double labelFalseAlarmRate;

  private DriftThresholds(boolean calibrated, double falseAlarmRate, double labelFalseAlarmRate) {
    this.calibrated = calibrated;
    this.falseAlarmRate = falseAlarmRate;
    this.labelFalseAlarmRate = labelFalseAlarmRate;
  }

  /**
   * Calibrated thresholds at the default false-alarm rate ({@link #DEFAULT_FALSE_ALARM_RATE},
   * 0.2% of windows).
   *
   * @return the setting
   */
  public static DriftThresholds calibrated() {
    return DEFAULT;
  }

  /**
   * Calibrated thresholds at a stated false-alarm rate of dataset drift (and of prediction drift)
   * per window; label drift keeps its default rate ({@link #DEFAULT_LABEL_FALSE_ALARM_RATE}; see
   * {@link #calibrated(double, double)} to set both).
   *
   * @param falseAlarmRate the share of windows of a stationary stream allowed to flag dataset
   *     drift, in (0, 0.5]
   * @return the setting
   * @throws IllegalArgumentException if the rate is not in (0, 0.5]
   */
  public static DriftThresholds calibrated(double falseAlarmRate) {
    return calibrated(falseAlarmRate, DEFAULT_LABEL_FALSE_ALARM_RATE);
  }

  /**
   * Calibrated thresholds at stated false-alarm rates per window: one for dataset drift (shared
   * by the features' checks) and prediction drift (one check), one for label drift (one check).
   *
   * <pre>{@code
   * // dataset drift and prediction drift at 0.1% of windows, label drift at 0.5%
   * DriftMonitor monitor = DriftMonitor.builder(profile)
   *     .thresholds(DriftThresholds.calibrated(0.001, 0.005))
   *     .build();
   * }</pre>
   *
   * @param falseAlarmRate the share of windows of a stationary stream allowed to flag dataset
   *     drift (and, separately, prediction drift), in (0, 0.5]
   * @param labelFalseAlarmRate the share of windows of a stationary stream allowed to flag label
   *     drift, in (0, 0.5]
   * @return the setting
   * @throws IllegalArgumentException if a rate is not in (0, 0.5]
   */
  public static DriftThresholds calibrated(double falseAlarmRate, double labelFalseAlarmRate) {
    MonitorOptions.requireArgument(falseAlarmRate > 0 && falseAlarmRate <= 0.5,
        "false-alarm rate must be in (0, 0.5]: " + falseAlarmRate);
    MonitorOptions.requireArgument(labelFalseAlarmRate > 0 && labelFalseAlarmRate <= 0.5,
        "label false-alarm rate must be in (0, 0.5]: " + labelFalseAlarmRate);
    return new DriftThresholds(true, falseAlarmRate, labelFalseAlarmRate);
  }

  /**
   * Evidently's fixed rules, by name.
   *
   * @return the setting
   */
  public static DriftThresholds evidentlyDefaults() {
    return FIXED;
  }

  /**
   * Whether thresholds are calibrated.
   *
   * @return {@code true} for calibrated thresholds, {@code false} for the fixed rules
   */
  public boolean isCalibrated() {
    return calibrated;
  }

  /**
   * The stated false-alarm rate of dataset drift per window (and, separately, of prediction
   * drift).
   *
   * @return the rate, {@code NaN} for the fixed rules (which state none)
   */
  public double falseAlarmRate() {
    return falseAlarmRate;
  }

  /**
   * The stated false-alarm rate per window of label drift.
   *
   * @return the rate, {@code NaN} for the fixed rules (which state none)
   */
  public double labelFalseAlarmRate() {
    return labelFalseAlarmRate;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriftThresholds d && d.calibrated == calibrated
        && Double.compare(d.falseAlarmRate, falseAlarmRate) == 0
        && Double.compare(d.labelFalseAlarmRate, labelFalseAlarmRate) == 0;
  }

  @Override
  public int hashCode() {
    return (Boolean.hashCode(calibrated) * 31 + Double.hashCode(falseAlarmRate)) * 31
        + Double.hashCode(labelFalseAlarmRate);
  }

  @Override
  public String toString() {
    return calibrated ? String.format(Locale.ROOT,
        "calibrated(false-alarm rate %s, label %s)", falseAlarmRate,
        labelFalseAlarmRate) : "evidentlyDefaults";
  }
}
