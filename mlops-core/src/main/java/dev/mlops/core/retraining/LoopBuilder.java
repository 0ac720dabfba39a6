package dev.mlops.core.retraining;

import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.serving.ModelEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Builds a {@link ContinuousTraining}. Setters validate at once; rules spanning options are checked
 * in {@link #build()}. Triggers given by several setters are combined with {@link RetrainPolicy#anyOf}.
 *
 * <p>Defaults: no trigger (only {@link ContinuousTraining#retrainNow}; with triggers, a champion
 * fitted on a short window is also retrained as its rows accumulate, see {@link
 * #followUpShortWindows}); the retrainer selects and gates on the {@link #performanceMeasure} when
 * there is one ({@link Retrainer#measuredBy}); retrains on a loop-owned
 * daemon thread; labels awaited 7 days (at most 100,000 pending); a label store of 50,000 rows,
 * persisted beside a {@link FileSystemModelRegistry}'s models ({@code labelled-rows/<model>.jsonl})
 * and in memory otherwise. Not thread-safe.
 *
 * @param <M> the model type
 */
public final class LoopBuilder<M> {

  /** The default label timeout. */
  public static final Duration DEFAULT_LABEL_TIMEOUT = Duration.ofDays(7);

  private final String modelName;
  private final ModelRegistry registry;
  private final ModelAdapter<M> adapter;
  private final Retrainer<M> retrainer;
  private Monitoring.Factory<M> monitoringFactory;
  private final List<RetrainPolicy> policies = new ArrayList<>();
  private PerformanceMeasure measure;
  private double thresholdValue = Double.NaN;
  private int thresholdLabels;
  private ScheduledExecutorService scheduler;
  private Duration scheduleCheck;
  private LabelStore labelStore;
  private int storeRows = 50_000;
  private Duration storeMaxAge;
  private TrainingData history;
  private int minTrainingRows = 1;
  private int probationLabels;
  private double probationAlpha;
  private int maxPending = 100_000;
  private Duration labelTimeout = DEFAULT_LABEL_TIMEOUT;
  private Clock clock = Clock.systemUTC();
  private Executor executor;
  private final List<LoopListener> listeners = new ArrayList<>();
  private Consumer<ModelEndpoint.Builder> endpointOptions = b -> { };
  private boolean driftPolicy;
  private boolean followUpShortWindows = true;

  LoopBuilder(String modelName, ModelRegistry registry, ModelAdapter<M> adapter, Retrainer<M> retrainer) {
    this.modelName = Objects.requireNonNull(modelName, "model name must not be null");
    this.registry = Objects.requireNonNull(registry, "registry must not be null");
    this.adapter = Objects.requireNonNull(adapter, "adapter must not be null");
    this.retrainer = Objects.requireNonNull(retrainer, "retrainer must not be null");
  }

  /**
   * Gives every deployment monitoring (e.g. a {@code DriftMonitor} on the model's reference
   * profile); required for window-based triggers.
   *
   * @param factory creates the monitoring of each deployed version (it receives the version)
   * @return this builder
   */
  public LoopBuilder<M> monitoring(Monitoring.Factory<M> factory) {
    this.monitoringFactory = Objects.requireNonNull(factory, "monitoring factory must not be null");
    return this;
  }

  /**
   * Adds a retrain policy (several are combined with {@link RetrainPolicy#anyOf}).
   *
   * @param policy the policy
   * @return this builder
   */
  public LoopBuilder<M> policy(RetrainPolicy policy) {
    policies.add(Objects.requireNonNull(policy, "retrain policy must not be null"));
    return this;
  }

  /**
   * Retrains after dataset-level drift in this many consecutive windows ({@link RetrainPolicy#drift}).
   *
   * @param consecutiveWindows k, at least 1
   * @return this builder
   */
  public LoopBuilder<M> driftTrigger(int consecutiveWindows) {
    driftPolicy = true;
    return policy(RetrainPolicy.drift(consecutiveWindows));
  }

  /**
   * Measures realised performance with this metric: the reference performance (the champion's
   * {@code metric.<key>} metadata), the probation and {@link #performanceTrigger}.
   *
   * @param measure the metric
   * @return this builder
   */
  public LoopBuilder<M> performanceMeasure(PerformanceMeasure measure) {
    this.measure = Objects.requireNonNull(measure, "performance measure must not be null");
    return this;
  }

  /**
   * Retrains when the realised metric over a block of labels is worse than a fixed threshold
   * ({@link RetrainPolicy#performanceThreshold}); requires {@link #performanceMeasure}.
   *
   * @param threshold the bound
   * @param labels the block size, at least 1
   * @return this builder
   */
  public LoopBuilder<M> performanceTrigger(double threshold, int labels) {
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("performance threshold must be finite: " + threshold);
    }
    if (labels < 1) {
      throw new IllegalArgumentException("performance trigger labels must be at least 1: " + labels);
    }
    this.thresholdValue = threshold;
    this.thresholdLabels = labels;
    return this;
  }

  /**
   * Whether the loop retrains a champion fitted on a short window as the rows of its concept
   * accumulate ({@link RetrainPolicy#windowGrowth} with factor 0.5, added to the configured triggers;
   * default on). Without it, a champion promoted right after a change keeps the few rows it was
   * fitted on until the next trigger.
   *
   * @param enabled false to retrain only on the configured triggers
   * @return this builder
   */
  public LoopBuilder<M> followUpShortWindows(boolean enabled) {
    this.followUpShortWindows = enabled;
    return this;
  }

  /**
   * Retrains every {@code period} ({@link RetrainPolicy#schedule}); checked on windows, labels and
   * {@link ContinuousTraining#tick()}.
   *
   * @param period positive
   * @return this builder
   */
  public LoopBuilder<M> schedule(Duration period) {
    return policy(RetrainPolicy.schedule(period));
  }

  /**
   * Lets a host scheduler call {@link ContinuousTraining#tick()} every {@code checkEvery}.
   *
   * @param scheduler the host's scheduler (the loop never shuts it down)
   * @param checkEvery at least 1 ms
   * @return this builder
   */
  public LoopBuilder<M> scheduler(ScheduledExecutorService scheduler, Duration checkEvery) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
    Objects.requireNonNull(checkEvery, "schedule check interval must not be null");
    if (checkEvery.toMillis() < 1) {
      throw new IllegalArgumentException("schedule check interval must be at least 1 ms: " + checkEvery);
    }
    this.scheduleCheck = checkEvery;
    return this;
  }

  /**
   * Retrains once this many new labelled rows arrived since the last retrain ({@link RetrainPolicy#volume}).
   *
   * @param rows at least 1
   * @return this builder
   */
  public LoopBuilder<M> volumeTrigger(int rows) {
    return policy(RetrainPolicy.volume(rows));
  }

  /**
   * Keeps at most this many labelled rows for retraining (default 50,000), in the default store.
   *
   * @param maxRows at least 1
   * @return this builder
   */
  public LoopBuilder<M> recentData(int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("recent data rows must be at least 1: " + maxRows);
    }
    this.storeRows = maxRows;
    return this;
  }

  /**
   * Also drops labelled rows older than this (labelling time, on the clock), in the default store.
   *
   * @param maxAge positive
   * @return this builder
   */
  public LoopBuilder<M> recentDataMaxAge(Duration maxAge) {
    Objects.requireNonNull(maxAge, "recent data max age must not be null");
    if (maxAge.isZero() || maxAge.isNegative()) {
      throw new IllegalArgumentException("recent data max age must be positive: " + maxAge);
    }
    this.storeMaxAge = maxAge;
    return this;
  }

  /**
   * Uses the host's label store (its bounds and persistence) instead of the default one.
   *
   * @param store the store
   * @return this builder
   */
  public LoopBuilder<M> labelStore(LabelStore store) {
    this.labelStore = Objects.requireNonNull(store, "label store must not be null");
    return this;
  }

  /**
   * Seeds the label store with the champion's training history at start (unless it already holds
   * rows, e.g. reloaded after a restart); see {@link PipelineRetrainer#history}.
   *
   * @param history the labelled training rows, oldest first
   * @return this builder
   */
  public LoopBuilder<M> history(TrainingData history) {
    this.history = Objects.requireNonNull(history, "history must not be null");
    return this;
  }

  /**
   * Same as {@link #history(TrainingData)} (kept for earlier callers).
   *
   * @param data the original labelled rows
   * @return this builder
   */
  public LoopBuilder<M> originalData(TrainingData data) {
    return history(data);
  }

  /**
   * Fails a retrain (leaving the champion) when fewer rows than this are available (default 1).
   *
   * @param rows at least 1
   * @return this builder
   */
  public LoopBuilder<M> minTrainingRows(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("min training rows must be at least 1: " + rows);
    }
    this.minTrainingRows = rows;
    return this;
  }

  /**
   * Puts each new champion on probation: the previous champion scores its next {@code labels}
   * labelled rows in shadow, and the loop rolls back when the new one is worse on those same rows
   * with a one-sided paired-bootstrap p-value below {@code alpha}. Requires {@link #performanceMeasure}.
   *
   * @param labels the probation window, at least 20
   * @param alpha in (0, 1)
   * @return this builder
   */
  public LoopBuilder<M> probation(int labels, double alpha) {
    if (labels < 20) {
      throw new IllegalArgumentException("probation labels must be at least 20: " + labels);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("probation alpha must be in (0, 1): " + alpha);
    }
    this.probationLabels = labels;
    this.probationAlpha = alpha;
    return this;
  }

  /**
   * Bounds the predictions waiting for a label (default 100,000; the oldest expire first, counted).
   *
   * @param max at least 1
   * @return this builder
   */
  public LoopBuilder<M> maxPendingPredictions(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max pending predictions must be at least 1: " + max);
    }
    this.maxPending = max;
    return this;
  }

  /**
   * How long a prediction waits for its label (default 7 days), in the loop and in the monitors
   * that {@link DriftMonitoring#factory} builds.
   *
   * @param timeout at least 1 ms
   * @return this builder
   */
  public LoopBuilder<M> labelTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "label timeout must not be null");
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException("label timeout must be at least 1 ms: " + timeout);
    }
    this.labelTimeout = timeout;
    return this;
  }

  /**
   * Sets the clock for the schedule, data age, label timeout and event times (default UTC system clock).
   *
   * @param clock the clock
   * @return this builder
   */
  public LoopBuilder<M> clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
    return this;
  }

  /**
   * Runs retrains on the host's executor instead of the loop's own daemon thread (never pass a
   * direct executor: the retrain would run on the thread that fired the trigger).
   *
   * @param executor the host's executor (the loop never shuts it down)
   * @return this builder
   */
  public LoopBuilder<M> executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor, "executor must not be null");
    return this;
  }

  /**
   * Adds a listener for the loop's events.
   *
   * @param listener the listener
   * @return this builder
   */
  public LoopBuilder<M> listener(LoopListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    return this;
  }

  /**
   * Configures the endpoint the loop creates (canary seed, shadow executor, listeners...).
   *
   * @param options applied to the endpoint builder at {@link ContinuousTraining#start()}
   * @return this builder
   */
  public LoopBuilder<M> endpoint(Consumer<ModelEndpoint.Builder> options) {
    this.endpointOptions = Objects.requireNonNull(options, "endpoint options must not be null");
    return this;
  }

  /**
   * Builds the loop (not started).
   *
   * @return the loop
   * @throws IllegalStateException if the drift trigger lacks monitoring, or the performance
   *     trigger or probation lacks a performance measure
   */
  public ContinuousTraining<M> build() {
    if (driftPolicy && monitoringFactory == null) {
      throw new IllegalStateException("drift trigger requires monitoring: driftTrigger(...)");
    }
    if (thresholdLabels > 0 && measure == null) {
      throw new IllegalStateException("performance trigger requires a performance measure: performanceTrigger("
          + thresholdValue + ", " + thresholdLabels + ")");
    }
    if (probationLabels > 0 && measure == null) {
      throw new IllegalStateException("probation requires a performance measure: probation(" + probationLabels + ", "
          + probationAlpha + ")");
    }
    List<RetrainPolicy> all = new ArrayList<>(policies);
    if (thresholdLabels > 0) {
      all.add(RetrainPolicy.performanceThreshold(measure, thresholdValue, thresholdLabels));
    }
    if (!all.isEmpty() && followUpShortWindows) {
      all.add(RetrainPolicy.windowGrowth(0.5));
    }
    RetrainPolicy policy = all.isEmpty() ? s -> java.util.Optional.empty()
        : all.size() == 1 ? all.get(0) : RetrainPolicy.anyOf(all.toArray(RetrainPolicy[]::new));
    LabelStore store = labelStore;
    if (store == null) {
      LabelStore.Builder b = LabelStore.builder().maxRows(storeRows);
      if (storeMaxAge != null) {
        b.maxAge(storeMaxAge);
      }
      if (registry instanceof FileSystemModelRegistry fs) {
        b.persistTo(fs.root().resolve("labelled-rows").resolve(modelName + ".jsonl"));
      }
      store = b.build();
    }
    Retrainer<M> measured = measure == null ? retrainer
        : Objects.requireNonNull(retrainer.measuredBy(measure), "retrainer measuredBy returned null");
    return new ContinuousTraining<>(new LoopConfig<>(modelName, registry, adapter, measured, monitoringFactory, policy,
        measure, scheduler, scheduleCheck, store, history, minTrainingRows, probationLabels, probationAlpha, maxPending,
        labelTimeout, clock, executor, List.copyOf(listeners), endpointOptions));
  }
}
