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
 * The settings of {@link DriftMonitor.Builder} about what is recorded and how: the window, clock,
 * listeners, executor, history, samples and sketches, concurrency, multivariate check, ignored
 * fields, data-quality rules and fairness; with the fields of every settings group (the builder's
 * state). Each setter validates its argument at once. Not thread-safe.
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
  boolean logWindows = true;
  int cooldownWindows;
  Baseline baseline = Baseline.REFERENCE;
  final Map<String, DriftStatistic> tests = new HashMap<>();
  final Map<String, Double> thresholds = new HashMap<>();
  final Map<String, String> origins = new HashMap<>();
  final java.util.Set<String> ignoredFields = new java.util.HashSet<>();
  QualityThresholds quality = QualityThresholds.defaults();
  boolean swapCheck = true;
  int maxPending = 100_000;
  long pendingBytes = PendingPredictions.DEFAULT_MAX_BYTES;
  Duration pendingTimeout = Duration.ofDays(1);
  int labelHorizon = DEFAULT_LABEL_HORIZON;
  /** A sampled monitor records 1 row in this many in full (see {@code DriftMonitor.Builder}). */
  int sampleOneIn = 1;
  /** Closed windows that still take late labels by default (see {@code labelHorizon(int)}). */
  static final int DEFAULT_LABEL_HORIZON = 10;
  /**
   * Declared classes, or 0 to take them from the profile (see {@link
   * DriftMonitor.Builder#classes(int)}).
   */
  int classes;
  double classificationThreshold = 0.5;
  int stripes = defaultStripes();
  List<? extends Map<String, ?>> referenceRows;
  double varianceShare = 0.65;
  int sketchK;
  DriftThresholds driftThresholds;
  dev.mlops.drift.decision.PerformanceEstimator estimator;
  /** Whether, without an explicit estimator, one is calibrated on the profile's estimate sample. */
  boolean profileEstimate = true;
  /** A fit in place of the profile estimate's (tests: a fit that waits or fails); null for none. */
  java.util.concurrent.Callable<dev.mlops.drift.decision.PerformanceEstimator> estimatorFit;
  /** Whether a setter of Evidently's fixed rules was called (selects them by default). */
  boolean fixedRuleSet;
  SensitiveAttributes fairness;
  /** The calendar feature of the seasonal label/prediction baseline, null for none. */
  String seasonField;
  /** Whether, without a season field, the reference's calendar gives a month season. */
  boolean defaultSeason = true;
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
   * (bounded by {@link DriftMonitor.Builder#pendingLabels}); fairness counts are not part of
   * snapshots or merges.
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
   * window at a time in window order; {@link DriftMonitor#awaitEvaluation()} waits for them. It
   * also receives, once, the profile estimate's fit started by {@code build()} (see {@link
   * DriftMonitor.Builder#build()}), and the hand-off of recorded buffers. The first window of
   * each size computes every feature's calibrated threshold (and, with the swap check, compares
   * every pair of fields) in parallel: the evaluating task works through the features itself and
   * hands up to one fewer than the available processors helper tasks to this executor, waiting
   * only for features a started helper is computing, never for a queued helper, so a bounded
   * executor (even a single thread, busy with the evaluation) cannot deadlock; a helper that
   * starts after the work is done returns at once. Without an executor these helpers run on the
   * JVM's common fork-join pool.
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
   * Leaves out the check for swapped fields (two columns exchanged upstream, named as one
   * data-quality finding; on by default). The check compares fields pairwise at each window's
   * evaluation, off the request thread; a host that monitors many features of one law and has no
   * use for the finding can save that work. Every other check is unchanged.
   *
   * @return this builder
   */
  public B withoutSwapCheck() {
    this.swapCheck = false;
    return self();
  }

  /** Smallest byte bound on pending labels: every shard holds at least one longest id. */
  static final long MIN_PENDING_BYTES = 1L << 16;
  static final long MAX_PENDING_BYTES = 1L << 40;
  /** Most classes a classifier may declare (the realised performance builds a k x k matrix). */
  static final int MAX_CLASSES = 1_024;

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
   * Checks the rules that span options against the monitor's schema; fairness attributes that
   * are not features become ignored fields.
   *
   * @throws IllegalArgumentException if an override names an unknown feature, a categorical
   *     feature is given a sample statistic, or the classification threshold differs from the
   *     performance estimator's
   */
  void requireConsistent(Schema schema) {
    for (Map.Entry<String, DriftStatistic> e : tests.entrySet()) {
      requireKnown(schema, e.getKey());
      Integer i = schema.index.get(e.getKey());
      requireArgument(i == null || schema.features[i].numeric || !e.getValue().onSamples(),
          "statistic of categorical feature " + e.getKey()
              + " must work on counts, not numeric samples: " + e.getValue().key());
    }
    for (String f : thresholds.keySet()) {
      requireKnown(schema, f);
    }
    requireArgument(estimator == null || estimator.threshold() == classificationThreshold,
        "classification threshold must match the performance estimator's "
            + (estimator == null ? "" : estimator.threshold()) + ": " + classificationThreshold);
    if (seasonField != null) {
      requireArgument(schema.index.containsKey(seasonField),
          "season field must be a monitored feature: " + seasonField);
      requireArgument(profile.chunks().map(c -> c.columns().contains(seasonField)).orElse(false),
          "season field must be in the profile's chunks (a profile built from rows in time "
              + "order): " + seasonField);
      requireArgument(effectiveThresholds().isCalibrated(),
          "season field needs calibrated thresholds (DriftThresholds.calibrated()): "
              + effectiveThresholds());
    }
    if (fairness != null) {
      for (String attribute : fairness.names()) {
        if (!schema.index.containsKey(attribute)) {
          ignoredFields.add(attribute);
        }
      }
    }
  }

  private static void requireKnown(Schema schema, String feature) {
    requireArgument(schema.index.containsKey(feature) || Schema.PREDICTION.equals(feature)
        || Schema.LABEL.equals(feature), "overridden feature must be monitored: " + feature);
  }

  /** The monitor's immutable configuration from these settings. */
  MonitorConfig config() {
    return new MonitorConfig(window, clock, List.copyOf(listeners), executor,
        historySize, reservoirSize, rowSampleSize, seed, minSampleSize, alpha,
        distanceThreshold, minEffectSize, rule, correction, driftShare, alertAfter,
        cooldownWindows, baseline, Map.copyOf(tests), Map.copyOf(thresholds), Map.copyOf(origins),
        java.util.Set.copyOf(ignoredFields), quality,
        maxPending, pendingBytes, pendingTimeout, classificationThreshold, stripes, varianceShare,
        sketchK, classes, List.copyOf(realisedMetrics), effectiveThresholds(),
        estimator != null ? EstimatorFit.of(estimator)
            : estimatorFit != null ? EstimatorFit.later(estimatorFit)
            : profileEstimate && ProfileEstimate.applies(profile, classificationThreshold)
                ? EstimatorFit.later(() -> ProfileEstimate.of(profile, classificationThreshold),
                    ProfileEstimate.basis(profile))
                : EstimatorFit.none(),
        logWindows, seasonField, defaultSeason, swapCheck, labelHorizon, sampleOneIn);
  }

  /** The threshold setting in force: the explicit one, else fixed if a fixed rule was set. */
  DriftThresholds effectiveThresholds() {
    return driftThresholds != null ? driftThresholds
        : fixedRuleSet ? DriftThresholds.evidentlyDefaults() : DriftThresholds.calibrated();
  }

  static void requireArgument(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
