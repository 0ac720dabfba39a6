package dev.mlops.drift.monitor;

import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.stat.DriftStatistic;
import dev.mlops.metrics.Metric;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The settings of {@link DriftMonitor.Builder}: each setter validates its argument at once. Not
 * thread-safe.
 *
 * @param <B> the concrete builder
 */
abstract class MonitorOptions<B extends MonitorOptions<B>> {

  final ReferenceProfile profile;
  Window window = Window.tumblingCount(1_000);
  Clock clock = Clock.systemUTC();
  final List<DriftListener> listeners = new ArrayList<>();
  Executor executor;
  int historySize = 100;
  int reservoirSize = 10_000;
  int rowSampleSize = 1_000;
  long seed = 42L;
  int minSampleSize = 30;
  double alpha = 0.05;
  double distanceThreshold = 0.1;
  double minEffectSize = 0.1;
  DecisionRule rule = DecisionRule.SIGNIFICANT_AND_EFFECT;
  Correction correction = Correction.BENJAMINI_HOCHBERG;
  double driftShare = 0.5;
  int alertAfter = 1;
  int cooldownWindows;
  Baseline baseline = Baseline.REFERENCE;
  final Map<String, DriftStatistic> tests = new HashMap<>();
  final Map<String, Double> thresholds = new HashMap<>();
  final Map<String, String> origins = new HashMap<>();
  final java.util.Set<String> ignoredFields = new java.util.HashSet<>();
  QualityThresholds quality = QualityThresholds.defaults();
  int maxPending = 100_000;
  long pendingBytes = PendingPredictions.DEFAULT_MAX_BYTES;
  Duration pendingTimeout = Duration.ofDays(1);
  /** Declared classes, or 0 to take them from the profile (see {@link #classes(int)}). */
  int classes;
  double classificationThreshold = 0.5;
  int stripes = defaultStripes();
  List<? extends Map<String, ?>> referenceRows;
  double varianceShare = 0.65;
  int sketchK;
  DriftThresholds driftThresholds;
  dev.mlops.drift.decision.PerformanceEstimator estimator;
  /** Whether a setter of Evidently's fixed rules was called (selects them by default). */
  boolean fixedRuleSet;
  SensitiveAttributes fairness;
  final List<Metric> realisedMetrics = new ArrayList<>();
  static final int MAX_REFERENCE_ROWS = 10_000;

  MonitorOptions(ReferenceProfile profile) {
    this.profile = profile;
  }

  /** This builder, typed as the concrete builder. */
  abstract B self();

  private static int defaultStripes() {
    int n = Math.min(16, 4 * Runtime.getRuntime().availableProcessors());
    return Integer.highestOneBit(Math.max(1, n - 1) << 1);
  }

  /**
   * Watches the group fairness of the decisions (default: none). Each recorded row's sensitive
   * attributes (read from the row by name; from the schema-order values only when the attribute is
   * a feature) and decision (the predicted class, or probability of class 1 at the classification
   * threshold) are counted per group; every window's report then carries a {@link
   * dev.mlops.drift.fairness.FairnessWindow}: the selection-rate disparities of its predictions and,
   * for recent windows whose labels arrived meanwhile, the disparities that need labels (each label
   * counts in the window of its prediction). Alerts reach {@link DriftListener#onFairness}. An
   * attribute that is not a feature is not counted as an unknown field. Costs one short
   * synchronised section per recorded row and a small entry per request id awaiting its label
   * (bounded by {@link #pendingLabels}); fairness counts are not part of snapshots or merges.
   *
   * @param attributes the sensitive attributes and their alert bounds
   * @return this builder
   * @throws NullPointerException if {@code attributes} is null
   */
  public B fairness(SensitiveAttributes attributes) {
    this.fairness = Objects.requireNonNull(attributes, "sensitive attributes must not be null");
    return self();
  }

  /**
   * How traffic is cut into windows (default: tumbling windows of 1,000 records).
   *
   * @param window the window
   * @return this builder
   * @throws NullPointerException if {@code window} is null
   */
  public B window(Window window) {
    this.window = Objects.requireNonNull(window, "window must not be null");
    return self();
  }

  /**
   * The clock for time windows, label timeouts and report times (default the UTC system
   * clock); tests pass a controllable clock.
   *
   * @param clock the clock
   * @return this builder
   * @throws NullPointerException if {@code clock} is null
   */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    return self();
  }

  /**
   * Adds a listener (called in the order added).
   *
   * @param listener the listener
   * @return this builder
   * @throws NullPointerException if {@code listener} is null
   */
  public B listener(DriftListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    return self();
  }

  /**
   * The host's executor on which closed windows are evaluated, instead of the monitor's own
   * daemon thread (the default). Either way the statistics run off the recording thread, one
   * window at a time in window order; {@link DriftMonitor#awaitEvaluation()} waits for them.
   *
   * @param executor the executor
   * @return this builder
   * @throws NullPointerException if {@code executor} is null
   */
  public B executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor must not be null");
    return self();
  }

  /**
   * Number of reports kept in {@link DriftMonitor#history()} (default 100).
   *
   * @param reports at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code reports} is less than 1
   */
  public B history(int reports) {
    requireArgument(reports >= 1, "history size must be at least 1: " + reports);
    this.historySize = reports;
    return self();
  }

  /**
   * Reservoir sample size per numeric feature and window (default 10,000), for the
   * exact-sample tests.
   *
   * @param size at least 100
   * @return this builder
   * @throws IllegalArgumentException if {@code size} is less than 100 or above 10,000,000
   */
  public B reservoirSize(int size) {
    requireArgument(size >= 100 && size <= 10_000_000,
        "reservoir size must be in [100, 10000000]: " + size);
    this.reservoirSize = size;
    return self();
  }

  /**
   * Seed of the reservoirs' random numbers (default 42): the same rows in the same order
   * give the same reports.
   *
   * @param seed the seed
   * @return this builder
   */
  public B seed(long seed) {
    this.seed = seed;
    return self();
  }

  /**
   * Minimum number of values (in the window and in the baseline) for a verdict; below it the
   * feature is {@link DriftStatus#INSUFFICIENT_DATA} (default 30).
   *
   * @param n at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  public B minSampleSize(int n) {
    requireArgument(n >= 1, "minimum sample size must be at least 1: " + n);
    this.minSampleSize = n;
    return self();
  }

  /**
   * How statistics become verdicts (default {@link DriftThresholds#calibrated()}: thresholds
   * calibrated on the reference's own variability, 1% false alarms per window; or Evidently's
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

  /** The threshold setting in force: the explicit one, else fixed if a fixed rule was set. */
  DriftThresholds effectiveThresholds() {
    return driftThresholds != null ? driftThresholds
        : fixedRuleSet ? DriftThresholds.evidentlyDefaults() : DriftThresholds.calibrated();
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
   * Overrides the statistic of one feature (or of {@code "__prediction__"} /
   * {@code "__label__"}): a built-in ({@code DriftStatistic.KOLMOGOROV_SMIRNOV}) or a user's
   * ({@link DriftStatistic#ofSamples}, {@link DriftStatistic#ofCounts}). A statistic with a
   * p-value is decided on its p-value after the multiple-testing correction (with the effect-size
   * rule of {@link #decisionRule}), one without on its value against {@link
   * #distanceThreshold} or {@link #featureThreshold}; either way it appears in the report's text
   * and JSON under its key. A numeric feature's counts are its reference quantile bins; a
   * categorical feature takes only count statistics ({@link #build()} checks). A statistic that
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

  /**
   * Fields that requests carry but that are not model features (an id, a timestamp): they are
   * neither monitored nor counted as unknown features in {@link DataQuality}.
   *
   * @param names the field names
   * @return this builder
   * @throws NullPointerException if a name is null
   */
  public B ignoreFields(String... names) {
    for (String n : names) {
      ignoredFields.add(Objects.requireNonNull(n, "ignored field name must not be null"));
    }
    return self();
  }

  /**
   * Data-quality thresholds (default {@link QualityThresholds#defaults()}).
   *
   * @param thresholds the thresholds
   * @return this builder
   * @throws NullPointerException if {@code thresholds} is null
   */
  public B qualityThresholds(QualityThresholds thresholds) {
    this.quality = Objects.requireNonNull(thresholds, "quality thresholds must not be null");
    return self();
  }

  /**
   * Bounds on predictions waiting for labels (default 100,000 and one day): beyond the count
   * the oldest are evicted, beyond the age they expire; both are reported as expired.
   *
   * @param maxPending at least 1
   * @param timeout at least 1 ms
   * @return this builder
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if a bound is not positive
   */
  public B pendingLabels(int maxPending, Duration timeout) {
    requireArgument(maxPending >= 1, "max pending labels must be at least 1: " + maxPending);
    Objects.requireNonNull(timeout, "label timeout must not be null");
    requireArgument(timeout.toMillis() >= 1, "label timeout must be at least 1 ms: " + timeout);
    this.maxPending = maxPending;
    this.pendingTimeout = timeout;
    return self();
  }

  /**
   * Bound on the memory held by predictions waiting for labels, in bytes (default 32 MiB =
   * 33,554,432). Each pending prediction is charged 100 bytes plus two per character of its request id; an id longer than 256 characters is kept as the 71 characters of {@code "sha256:"}
   * and its hex SHA-256 (counted by {@link DriftMonitor#hashedRequestIds()}). Beyond the bound the
   * oldest predictions are evicted and counted as expired ({@link Performance#expired()}), as
   * beyond the count bound of {@link #pendingLabels}; {@link DriftMonitor#pendingLabelBytes()}
   * tells the bytes held.
   *
   * @param bytes in [65536, 2^40]
   * @return this builder
   * @throws IllegalArgumentException if {@code bytes} is outside [65536, 2^40]
   */
  public B pendingLabelBytes(long bytes) {
    requireArgument(bytes >= MIN_PENDING_BYTES && bytes <= MAX_PENDING_BYTES,
        "pending label bytes must be in [65536, 1099511627776]: " + bytes);
    this.pendingBytes = bytes;
    return self();
  }

  /** Smallest byte bound on pending labels: every shard holds at least one longest id. */
  static final long MIN_PENDING_BYTES = 1L << 16;
  static final long MAX_PENDING_BYTES = 1L << 40;
  /** Most classes a classifier may declare (the realised performance builds a k x k matrix). */
  static final int MAX_CLASSES = 1_024;

  /**
   * Declares the classes of a classifier's predictions and labels: class indices 0 to {@code
   * count - 1}. A prediction's class or a joined label outside them (a negative, fractional or
   * too large label, {@code Prediction.ofClass(Integer.MAX_VALUE - 1)}) is counted as a
   * data-quality finding ({@link DataQuality#labelsOutsideClasses()}) and left out of the realised
   * performance; nothing is ever sized by it. Default: the classes of the profile's categorical
   * prediction or label reference (the larger of its category count and its largest integer
   * category + 1, at most 1,024); without such a reference, 256. {@link #build()}
   * refuses a count smaller than the reference's classes.
   *
   * @param count in [2, 1024]
   * @return this builder
   * @throws IllegalArgumentException if {@code count} is outside [2, 1024]
   */
  public B classes(int count) {
    requireArgument(count >= 2 && count <= MAX_CLASSES, "classes must be in [2, 1024]: " + count);
    this.classes = count;
    return self();
  }

  /**
   * Decision threshold on P(class 1) for estimated binary performance (default 0.5).
   *
   * @param threshold in [0, 1]
   * @return this builder
   * @throws IllegalArgumentException if {@code threshold} is outside [0, 1]
   */
  public B classificationThreshold(double threshold) {
    requireArgument(threshold >= 0 && threshold <= 1,
        "classification threshold must be in [0, 1]: " + threshold);
    this.classificationThreshold = threshold;
    return self();
  }

  /**
   * Label-free performance of a binary classifier from its probabilities, calibrated on reference
   * data (NannyML's CBPE after isotonic calibration): each window's {@link
   * Performance#estimated()} accuracy, precision, recall and F1 use the calibrated probabilities,
   * and {@link Performance#accuracyEstimate()} gives the accuracy's interval and, when the
   * window has labels, the realised accuracy and the estimate's error. The estimator's
   * classification threshold replaces {@link #classificationThreshold}. Without an estimator the
   * raw probabilities are taken as calibrated and no interval is given.
   *
   * @param estimator e.g. {@code PerformanceEstimator.of(ProbabilityCalibration.isotonic(
   *     referenceScores, referenceLabels), 0.5, 0.95)}
   * @return this builder
   * @throws NullPointerException if {@code estimator} is null
   */
  public B performanceEstimator(dev.mlops.drift.decision.PerformanceEstimator estimator) {
    this.estimator = Objects.requireNonNull(estimator, "performance estimator must not be null");
    this.classificationThreshold = estimator.threshold();
    return self();
  }

  /**
   * Calibrates the label-free estimate on reference scores and labels ({@link
   * #performanceEstimator} with isotonic calibration, this builder's classification threshold and
   * a 95% interval).
   *
   * @param referenceScores the model's positive-class probabilities on reference rows
   * @param referenceLabels their true classes, 0 or 1
   * @return this builder
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the lengths differ, a label is not 0 or 1, fewer than 2
   *     finite scores remain, or the classification threshold is 0 or 1
   */
  public B performanceEstimator(double[] referenceScores, int[] referenceLabels) {
    return performanceEstimator(dev.mlops.drift.decision.PerformanceEstimator.of(
        dev.mlops.drift.decision.ProbabilityCalibration.isotonic(referenceScores,
            referenceLabels), classificationThreshold, 0.95));
  }

  /**
   * Number of recording stripes (rounded up to a power of two; default 4 per processor, at
   * most 16). More stripes mean less contention and more memory.
   *
   * @param stripes in [1, 256]
   * @return this builder
   * @throws IllegalArgumentException if {@code stripes} is outside [1, 256]
   */
  public B concurrency(int stripes) {
    requireArgument(stripes >= 1 && stripes <= 256,
        "concurrency must be in [1, 256]: " + stripes);
    this.stripes = Integer.highestOneBit(stripes) == stripes ? stripes
        : Integer.highestOneBit(stripes) << 1;
    return self();
  }

  /**
   * Enables multivariate drift by PCA reconstruction error of the numeric features, fitted on
   * (a seeded sample of at most 10,000 of) these reference rows, keeping the components that
   * explain 65% of the variance.
   *
   * @param referenceRows reference rows with the numeric features by name
   * @return this builder
   * @throws NullPointerException if {@code referenceRows} is null
   * @throws IllegalArgumentException if there are fewer than 2 rows
   */
  public B multivariate(List<? extends Map<String, ?>> referenceRows) {
    Objects.requireNonNull(referenceRows, "reference rows must not be null");
    requireArgument(referenceRows.size() >= 2,
        "reference rows must number at least 2: " + referenceRows.size());
    this.referenceRows = referenceRows;
    return self();
  }

  /**
   * Share of the reference variance the kept principal components explain (default 0.65).
   *
   * @param share in (0, 1]
   * @return this builder
   * @throws IllegalArgumentException if {@code share} is not in (0, 1]
   */
  public B pcaVarianceShare(double share) {
    requireArgument(share > 0 && share <= 1, "PCA variance share must be in (0, 1]: " + share);
    this.varianceShare = share;
    return self();
  }

  /**
   * Rows sampled per window for the multivariate check (default 1,000).
   *
   * @param rows at least 30
   * @return this builder
   * @throws IllegalArgumentException if {@code rows} is less than 30
   */
  public B rowSampleSize(int rows) {
    requireArgument(rows >= 30, "row sample size must be at least 30: " + rows);
    this.rowSampleSize = rows;
    return self();
  }

  /**
   * Adds a KLL quantile sketch (Apache DataSketches) per numeric feature and window, so each
   * report carries quantiles over every value of the window ({@link DriftReport#quantiles()}),
   * not only the reservoir's sample (default: no sketch). The sketch is updated when a stripe
   * flushes its buffer and costs a few KB per feature (about 1.3% rank error at k = 200); it
   * allocates only when it grows a level, O(log n) times per window.
   *
   * @param k the KLL accuracy parameter, in [8, 65535]
   * @return this builder
   * @throws IllegalArgumentException if {@code k} is outside [8, 65535]
   */
  public B quantileSketch(int k) {
    requireArgument(k >= 8 && k <= 65_535, "quantile sketch k must be in [8, 65535]: " + k);
    this.sketchK = k;
    return self();
  }

  /**
   * Adds metrics to compute on each window's labelled predictions, beside the built-in realised
   * ones (accuracy, precision, recall, F1, ROC AUC; macro F1; MAE, RMSE, R2, mean error): a
   * {@link dev.mlops.metrics.CustomMetric} or any other built-in. Each is evaluated by
   * {@link Metric#evaluate(dev.mlops.metrics.MetricData)} on the window's joined pairs: binary data
   * with the predicted probability of class 1 (at {@link #classificationThreshold(double)}) when
   * every pair carries one; multiclass data with the class probabilities when the predictions are
   * recorded as {@link Prediction#ofProbabilities(double[]) probabilities} of 3 to 64 declared
   * {@link #classes(int) classes} (kept beside the pending prediction only when a realised metric
   * is declared, within the pending-label limits); predicted classes otherwise; actual and
   * predicted values for a regressor. The value lands in {@link Performance#realised()} under the metric's key; a metric of
   * the other kind, one undefined on the window, or a user function that fails is listed in
   * {@link Performance#undefined()} with the reason, never failing the window.
   *
   * <pre>{@code
   * DriftMonitor.builder(profile).realisedMetrics(costWeightedError).build();
   * }</pre>
   *
   * @param metrics the metrics, each key at most once over all calls
   * @return this builder
   * @throws NullPointerException if {@code metrics} or one of them is null
   * @throws IllegalArgumentException if a key was already added
   */
  public B realisedMetrics(Metric... metrics) {
    Objects.requireNonNull(metrics, "realised metrics must not be null");
    List<Metric> all = new ArrayList<>(realisedMetrics);
    for (Metric m : metrics) {
      Objects.requireNonNull(m, "realised metric must not be null");
      for (Metric added : all) {
        requireArgument(!added.key().equals(m.key()),
            "realised metric must be added once: " + m.key());
      }
      all.add(m);
    }
    realisedMetrics.clear();
    realisedMetrics.addAll(all);
    return self();
  }

  static void requireArgument(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
