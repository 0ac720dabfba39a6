package dev.mlops.core.retraining;

import dev.mlops.core.registry.LoadedVersion;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.registry.ModelVersion;
import dev.mlops.core.serving.Deployment;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.PredictionListener;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.serving.ServingMode;
import dev.mlops.drift.monitor.DriftMonitor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuous-training loop around one registered model: it serves the registry's champion
 * through a {@link ModelEndpoint}, watches it, and when a trigger fires retrains, gates, registers,
 * promotes, hot-swaps the endpoint and re-bases monitoring on the new model.
 *
 * <p><b>Triggers</b> (any combination): dataset-level drift in {@code k} consecutive windows of the
 * champion's monitoring; the champion's realised metric from delayed labels crossing a threshold;
 * a schedule (a period measured on the injected {@link Clock}, checked by {@link #tick()}, which a
 * host-provided {@link ScheduledExecutorService} calls); a volume of new labelled rows; and
 * {@link #retrainNow(String)}.
 *
 * <p><b>A retrain</b> assembles the most recent labelled rows (request rows joined with their labels
 * by {@link #recordLabel}, bounded by count and optionally age) plus, optionally, the original
 * training data, and passes them with the champion to the {@link Retrainer}. A rejected or failed
 * retrain leaves the champion serving and is reported with its reason. An accepted candidate is
 * registered, loaded back from the registry (so the served bytes are the verified registered ones),
 * given fresh monitoring on its own reference profile, promoted in the registry and swapped into
 * the endpoint. Only one retrain runs at a time; triggers firing meanwhile are skipped (logged).
 *
 * <p><b>Probation.</b> After a promotion, once the new champion has {@code n} labelled predictions,
 * its realised metric is compared with the previous champion's over its last {@code n}; if worse by
 * more than the tolerance, the loop rolls back (registry and endpoint). {@link #rollback(String)}
 * does the same by hand.
 *
 * <p>Every event goes to the {@link LoopListener}s and to the registry's audit log as
 * {@code "loop.<type>"}. Retrains run on the configured executor (by default the thread that fired
 * the trigger; services should pass their own). Thread-safe.
 *
 * <pre>{@code
 * ContinuousTraining<TrainedModel> loop = ContinuousTraining
 *     .builder("bike-demand", registry, adapter, retrainer)
 *     .monitoring(monitoringFactory)
 *     .driftTrigger(2)
 *     .volumeTrigger(5_000)
 *     .performanceTrigger(rmse, 60.0, 500)
 *     .probation(500, 2.0)
 *     .executor(retrainExecutor)
 *     .build();
 * ModelEndpoint endpoint = loop.start();
 * PredictionResult r = endpoint.predict(requestId, row);
 * loop.recordLabel(requestId, observedValue);   // later
 * }</pre>
 *
 * @param <M> the model type (e.g. {@code TrainedModel})
 */
public final class ContinuousTraining<M> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ContinuousTraining.class);

  /** A deployed version with its model and monitoring. */
  private final class Served {
    final int version;
    final M model;
    final Deployment deployment;
    final Monitoring monitoring;

    Served(int version, M model, Deployment deployment, Monitoring monitoring) {
      this.version = version;
      this.model = model;
      this.deployment = deployment;
      this.monitoring = monitoring;
    }
  }

  /**
   * A prediction waiting for its label: the loop's monitoring of the version that answered, or,
   * for a version the host deployed itself (e.g. a canary), that deployment's own monitor.
   */
  private record Pending(Map<String, ?> row, PredictionResult result, Monitoring monitoring, DriftMonitor hostMonitor) {}

  private record Labelled(Map<String, ?> row, double label, Instant at) {}

  /** The last labelled predictions of one version, for realised performance. */
  private static final class VersionLabels {
    final ArrayDeque<double[]> labels = new ArrayDeque<>();
    final ArrayDeque<PredictionResult> predictions = new ArrayDeque<>();
    long sinceCheck;
    long total;

    void add(double label, PredictionResult p, int capacity) {
      labels.addLast(new double[] {label});
      predictions.addLast(p);
      while (labels.size() > capacity) {
        labels.removeFirst();
        predictions.removeFirst();
      }
      sinceCheck++;
      total++;
    }

    double measure(PerformanceMeasure m, int last) {
      int n = Math.min(last, labels.size());
      double[] y = new double[n];
      List<PredictionResult> p = new ArrayList<>(n);
      Iterator<double[]> li = labels.descendingIterator();
      Iterator<PredictionResult> pi = predictions.descendingIterator();
      for (int i = n - 1; i >= 0; i--) {
        y[i] = li.next()[0];
        p.add(pi.next());
      }
      Collections.reverse(p);
      return m.measure(y, p);
    }
  }

  private final class Probation {
    final Served previous;
    final double baseline;
    final int labels;

    Probation(Served previous, double baseline, int labels) {
      this.previous = previous;
      this.baseline = baseline;
      this.labels = labels;
    }
  }

  private final String modelName;
  private final ModelRegistry registry;
  private final ModelAdapter<M> adapter;
  private final Retrainer<M> retrainer;
  private final Monitoring.Factory<M> monitoringFactory;
  private final int driftWindows;
  private final PerformanceMeasure measure;
  private final double performanceThreshold;
  private final int performanceLabels;
  private final Duration schedulePeriod;
  private final ScheduledExecutorService scheduler;
  private final Duration scheduleCheck;
  private final int volumeRows;
  private final int recentRows;
  private final Duration recentMaxAge;
  private final TrainingData originalData;
  private final int minTrainingRows;
  private final int probationLabels;
  private final double probationTolerance;
  private final int maxPending;
  private final Clock clock;
  private final Executor executor;
  private final List<LoopListener> listeners;
  private final Consumer<ModelEndpoint.Builder> endpointOptions;

  private final Object stateLock = new Object();
  private final Object labelLock = new Object();
  private final AtomicBoolean retraining = new AtomicBoolean();
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> pendingOrder = new ConcurrentLinkedQueue<>();
  private final AtomicLong unmatchedLabels = new AtomicLong();
  private final AtomicLong expiredPredictions = new AtomicLong();

  private volatile Served current;
  /** The versions this loop deployed and may still see predictions or labels from (bounded). */
  private final Map<Integer, Served> deployed = new ConcurrentHashMap<>();
  private volatile ModelEndpoint endpoint;
  private ScheduledFuture<?> scheduled;
  // guarded by labelLock
  private final ArrayDeque<Labelled> recent = new ArrayDeque<>();
  private final Map<Integer, VersionLabels> byVersion = new HashMap<>();
  private long newLabelled;
  private Probation probation;
  // guarded by stateLock
  private int consecutiveDrift;
  private Instant nextScheduled;

  private ContinuousTraining(Builder<M> b) {
    this.modelName = b.modelName;
    this.registry = b.registry;
    this.adapter = b.adapter;
    this.retrainer = b.retrainer;
    this.monitoringFactory = b.monitoringFactory;
    this.driftWindows = b.driftWindows;
    this.measure = b.measure;
    this.performanceThreshold = b.performanceThreshold;
    this.performanceLabels = b.performanceLabels;
    this.schedulePeriod = b.schedulePeriod;
    this.scheduler = b.scheduler;
    this.scheduleCheck = b.scheduleCheck;
    this.volumeRows = b.volumeRows;
    this.recentRows = b.recentRows;
    this.recentMaxAge = b.recentMaxAge;
    this.originalData = b.originalData;
    this.minTrainingRows = b.minTrainingRows;
    this.probationLabels = b.probationLabels;
    this.probationTolerance = b.probationTolerance;
    this.maxPending = b.maxPending;
    this.clock = b.clock;
    this.executor = b.executor;
    this.listeners = List.copyOf(b.listeners);
    this.endpointOptions = b.endpointOptions;
  }

  /**
   * Starts a loop around a registered model.
   *
   * @param modelName the registered model name; its {@code champion} alias is served
   * @param registry the registry holding the model
   * @param adapter reads registry versions into models and servable views
   * @param retrainer trains and gates candidates
   * @param <M> the model type
   * @return a builder
   * @throws NullPointerException if an argument is null
   */
  public static <M> Builder<M> builder(String modelName, ModelRegistry registry, ModelAdapter<M> adapter, Retrainer<M> retrainer) {
    return new Builder<>(modelName, registry, adapter, retrainer);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Loads the registry's champion, creates the endpoint serving it (with monitoring) and starts the
   * schedule, if one is configured.
   *
   * @return the endpoint
   * @throws IllegalStateException if already started, or the model has no champion in the registry
   */
  public ModelEndpoint start() {
    synchronized (stateLock) {
      if (endpoint != null) {
        throw new IllegalStateException("loop must not be started twice: " + modelName);
      }
      ModelVersion champion = registry.resolve(modelName, ModelRegistry.CHAMPION)
          .orElseThrow(() -> new IllegalStateException(
              "registry must have a champion for model " + modelName + " before the loop starts: no alias "
                  + ModelRegistry.CHAMPION));
      Served served = load(champion.version());
      ModelEndpoint.Builder eb = ModelEndpoint.builder(served.deployment).listener(pendingRecorder());
      endpointOptions.accept(eb);
      current = served;
      endpoint = eb.build();
      if (schedulePeriod != null) {
        nextScheduled = clock.instant().plus(schedulePeriod);
        if (scheduler != null) {
          long every = scheduleCheck.toMillis();
          scheduled = scheduler.scheduleWithFixedDelay(this::tickSafely, every, every, TimeUnit.MILLISECONDS);
        }
      }
      LOG.info("continuous training of {} started, serving v{}", modelName, served.version);
      return endpoint;
    }
  }

  /**
   * Returns the endpoint created by {@link #start()}.
   *
   * @return the endpoint
   * @throws IllegalStateException if the loop is not started
   */
  public ModelEndpoint endpoint() {
    ModelEndpoint e = endpoint;
    if (e == null) {
      throw new IllegalStateException("loop must be started first: " + modelName);
    }
    return e;
  }

  /**
   * Returns the version being served.
   *
   * @return the champion version
   * @throws IllegalStateException if the loop is not started
   */
  public int championVersion() {
    endpoint();
    return current.version;
  }

  /**
   * Returns the model being served.
   *
   * @return the champion model
   * @throws IllegalStateException if the loop is not started
   */
  public M championModel() {
    endpoint();
    return current.model;
  }

  /**
   * Returns the champion's monitoring (e.g. to read its {@code DriftMonitor}).
   *
   * @return the monitoring, empty if no monitoring factory was configured
   * @throws IllegalStateException if the loop is not started
   */
  public Optional<Monitoring> championMonitoring() {
    endpoint();
    return Optional.ofNullable(current.monitoring);
  }

  /**
   * Tells whether a retrain is running now.
   *
   * @return true while a retrain runs
   */
  public boolean isRetraining() {
    return retraining.get();
  }

  /**
   * Returns the number of labels whose request id matched no pending prediction, and of
   * predictions dropped from the pending set (bounded) before their label arrived.
   *
   * @return {@code [unmatched labels, expired predictions]}
   */
  public long[] unmatchedAndExpired() {
    return new long[] {unmatchedLabels.get(), expiredPredictions.get()};
  }

  /** Cancels the schedule (the host owns and shuts down its scheduler and executor). */
  @Override
  public void close() {
    synchronized (stateLock) {
      if (scheduled != null) {
        scheduled.cancel(false);
        scheduled = null;
      }
    }
  }

  // ------------------------------------------------------------------ inputs

  private PredictionListener pendingRecorder() {
    return (row, result) -> {
      Served s = deployed.get(result.modelVersion());
      Monitoring m = s == null ? null : s.monitoring;
      DriftMonitor host = s == null ? challengerMonitor(result) : null;
      if (pending.put(result.requestId(), new Pending(new HashMap<>(row), result, m, host)) == null) {
        pendingOrder.add(result.requestId());
        while (pending.size() > maxPending) {
          String oldest = pendingOrder.poll();
          if (oldest == null) {
            break;
          }
          if (pending.remove(oldest) != null) {
            expiredPredictions.incrementAndGet();
          }
        }
      }
    };
  }

  /**
   * The monitor of the endpoint's challenger, when a host-configured challenger (a canary) answered
   * this request: the loop did not deploy it, so its labels go to the deployment's own monitor.
   */
  private DriftMonitor challengerMonitor(PredictionResult result) {
    ModelEndpoint e = endpoint;
    if (e == null) {
      return null;
    }
    return e.challenger()
        .filter(d -> d.version() == result.modelVersion() && d.modelName().equals(result.modelName()))
        .flatMap(Deployment::monitor)
        .orElse(null);
  }

  /**
   * A shadow challenger predicted on the same request, under the same id, into its own monitor
   * (its predictions never reach the loop): the label goes there too, so its realised performance
   * can be compared with the champion's.
   */
  private void forwardToShadow(String requestId, double label) {
    ModelEndpoint e = endpoint;
    if (e == null || e.mode() != ServingMode.SHADOW) {
      return;
    }
    e.challenger().flatMap(Deployment::monitor).ifPresent(m -> {
      try {
        m.recordLabel(requestId, label);
      } catch (RuntimeException ex) {
        LOG.warn("shadow monitor of {} refused label of request {}", modelName, requestId, ex);
      }
    });
  }

  /**
   * Joins a delayed label to the prediction made under the same request id: passes it to the
   * monitoring that recorded the prediction (the loop's monitoring of that version, or the own
   * monitor of a canary challenger the host set on the endpoint) and, while a shadow challenger runs,
   * to the shadow's own monitor as well (it predicted on the same request id); adds the labelled
   * row to the recent training data, and
   * updates realised performance, the volume trigger and probation (any of which may start a
   * retrain or a rollback).
   *
   * @param requestId the prediction's request id
   * @param label the true value (regression) or class index (classification)
   * @return true if a pending prediction matched; false if none did (counted)
   * @throws NullPointerException if the request id is null
   * @throws IllegalArgumentException if the label is not finite
   */
  public boolean recordLabel(String requestId, double label) {
    Objects.requireNonNull(requestId, "requestId must not be null");
    if (!Double.isFinite(label)) {
      throw new IllegalArgumentException("label must be finite: " + label + " (request " + requestId + ")");
    }
    Pending p = pending.remove(requestId);
    if (p == null) {
      unmatchedLabels.incrementAndGet();
      return false;
    }
    if (p.monitoring != null) {
      try {
        p.monitoring.recordLabel(requestId, label);
      } catch (RuntimeException e) {
        LOG.warn("monitoring of {} v{} refused label of request {}", modelName, p.result.modelVersion(), requestId, e);
      }
    } else if (p.hostMonitor != null) {
      try {
        p.hostMonitor.recordLabel(requestId, label);
      } catch (RuntimeException e) {
        LOG.warn("monitor of {} v{} refused label of request {}", modelName, p.result.modelVersion(), requestId, e);
      }
    }
    forwardToShadow(requestId, label);
    Trigger fire = null;
    String why = null;
    Probation failedProbation = null;
    String probationText = null;
    boolean probationPassed = false;
    Instant now = clock.instant();
    synchronized (labelLock) {
      recent.addLast(new Labelled(p.row, label, now));
      trimRecent(now);
      newLabelled++;
      int version = p.result.modelVersion();
      VersionLabels vl = byVersion.computeIfAbsent(version, v -> new VersionLabels());
      vl.add(label, p.result, Math.max(1, Math.max(performanceLabels, probationLabels)));
      Served champ = current;
      if (measure != null && version == champ.version) {
        if (probation != null && vl.total >= probation.labels) {
          double value = vl.measure(measure, probation.labels);
          probationText = String.format(Locale.ROOT, "%s %.6g of v%d over %d labels vs %.6g of v%d (tolerance %.6g)",
              measure.name(), value, version, probation.labels, probation.baseline, probation.previous.version,
              probationTolerance);
          if (measure.worseBy(value, probation.baseline, probationTolerance)) {
            failedProbation = probation;
          } else {
            probationPassed = true;
          }
          probation = null;
        } else if (performanceLabels > 0 && vl.sinceCheck >= performanceLabels) {
          vl.sinceCheck = 0;
          double value = vl.measure(measure, performanceLabels);
          if (measure.worseBy(value, performanceThreshold, 0.0)) {
            fire = Trigger.PERFORMANCE;
            why = String.format(Locale.ROOT, "%s %.6g over the last %d labels is worse than the threshold %.6g",
                measure.name(), value, performanceLabels, performanceThreshold);
          }
        }
      }
      if (fire == null && volumeRows > 0 && newLabelled >= volumeRows) {
        fire = Trigger.VOLUME;
        why = newLabelled + " new labelled rows (threshold " + volumeRows + ")";
      }
    }
    if (failedProbation != null) {
      rollbackAfterProbation(failedProbation, probationText);
    } else if (probationPassed) {
      emit(LoopEvent.Type.PROBATION_PASSED, current.version, probationText, Map.of());
    }
    if (fire != null) {
      requestRetrain(fire, why);
    }
    return true;
  }

  private void trimRecent(Instant now) {
    while (recent.size() > recentRows) {
      recent.removeFirst();
    }
    if (recentMaxAge != null) {
      Instant oldest = now.minus(recentMaxAge);
      while (!recent.isEmpty() && recent.peekFirst().at.isBefore(oldest)) {
        recent.removeFirst();
      }
    }
  }

  /**
   * Checks the schedule against the clock and starts a retrain if the period has elapsed since
   * the start or the last retrain. Called by the host's scheduler when one was given; tests call
   * it directly after moving the clock.
   *
   * @return true if a retrain was started
   */
  public boolean tick() {
    if (schedulePeriod == null) {
      return false;
    }
    Instant now = clock.instant();
    synchronized (stateLock) {
      if (nextScheduled == null || now.isBefore(nextScheduled)) {
        return false;
      }
      nextScheduled = now.plus(schedulePeriod);
    }
    return requestRetrain(Trigger.SCHEDULE, "scheduled every " + schedulePeriod);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.error("scheduled check of {} failed", modelName, e);
    }
  }

  /**
   * Starts a retrain now (on the loop's executor), unless one is running.
   *
   * @param reason why, for the events
   * @return true if a retrain was started, false if one was already running
   * @throws IllegalStateException if the loop is not started
   */
  public boolean retrainNow(String reason) {
    endpoint();
    return requestRetrain(Trigger.MANUAL, Objects.requireNonNull(reason, "reason must not be null"));
  }

  private void onWindowClosed(int version, boolean datasetDrift, String summary) {
    boolean fire = false;
    int count;
    synchronized (stateLock) {
      if (current == null || current.version != version) {
        return;
      }
      consecutiveDrift = datasetDrift ? consecutiveDrift + 1 : 0;
      count = consecutiveDrift;
      if (datasetDrift && driftWindows > 0 && consecutiveDrift >= driftWindows) {
        consecutiveDrift = 0;
        fire = true;
      }
    }
    if (!datasetDrift) {
      return;
    }
    emit(LoopEvent.Type.DRIFT, version, summary, Map.of("consecutive_windows", Integer.toString(count)));
    if (fire) {
      requestRetrain(Trigger.DRIFT, "dataset drift in " + count + " consecutive windows: " + summary);
    }
  }

  // ------------------------------------------------------------------ retrain

  private boolean requestRetrain(Trigger trigger, String why) {
    if (endpoint == null) {
      return false;
    }
    if (!retraining.compareAndSet(false, true)) {
      LOG.info("retrain of {} on {} skipped: a retrain is already running ({})", modelName, trigger, why);
      return false;
    }
    LOG.info("retrain of {} triggered by {}: {}", modelName, trigger, why);
    try {
      executor.execute(() -> {
        try {
          retrain(trigger, why);
        } catch (RuntimeException e) {
          LOG.error("retrain of {} failed unexpectedly", modelName, e);
        } finally {
          retraining.set(false);
        }
      });
    } catch (RejectedExecutionException e) {
      retraining.set(false);
      emit(LoopEvent.Type.RETRAIN_FAILED, 0, "retrain executor refused the task: " + e.getMessage(),
          Map.of("trigger", trigger.name()));
      return false;
    }
    return true;
  }

  private void retrain(Trigger trigger, String why) {
    Served champion = current;
    TrainingData data;
    synchronized (labelLock) {
      trimRecent(clock.instant());
      List<Map<String, ?>> rows = new ArrayList<>(recent.size());
      double[] y = new double[recent.size()];
      int i = 0;
      for (Labelled l : recent) {
        rows.add(l.row);
        y[i++] = l.label;
      }
      data = new TrainingData(rows, y, rows.size());
      newLabelled = 0;
    }
    synchronized (stateLock) {
      consecutiveDrift = 0;
      if (schedulePeriod != null) {
        nextScheduled = clock.instant().plus(schedulePeriod);
      }
    }
    if (originalData != null) {
      data = data.append(originalData);
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("trigger", trigger.name());
    details.put("trigger_reason", why);
    details.put("champion_version", Integer.toString(champion.version));
    details.put("training_rows", Integer.toString(data.size()));
    details.put("recent_rows", Integer.toString(data.recentRows()));
    if (data.size() < minTrainingRows) {
      emit(LoopEvent.Type.RETRAIN_FAILED, 0, "too little training data: " + data.size() + " rows, at least "
          + minTrainingRows + " required", details);
      return;
    }
    RetrainOutcome outcome;
    try {
      outcome = Objects.requireNonNull(retrainer.retrain(data, champion.model), "retrainer returned null");
    } catch (RuntimeException e) {
      LOG.warn("retrain of {} failed", modelName, e);
      emit(LoopEvent.Type.RETRAIN_FAILED, 0, "retrainer failed: " + e, details);
      return;
    }
    Map<String, String> trained = new LinkedHashMap<>(details);
    outcome.metadata().forEach((k, v) -> trained.putIfAbsent("candidate." + k, v));
    emit(LoopEvent.Type.TRAINED, 0, "candidate trained on " + data.size() + " rows after " + trigger, trained);
    String reasons = String.join("; ", outcome.reasons());
    if (!outcome.promote()) {
      emit(LoopEvent.Type.REJECTED, 0, "gate rejected the candidate: " + reasons, trained);
      return;
    }
    try {
      Map<String, String> metadata = new LinkedHashMap<>(outcome.metadata());
      metadata.put("loop.trigger", trigger.name());
      metadata.put("loop.previous_champion", Integer.toString(champion.version));
      ModelVersion registered = registry.register(modelName, outcome.parts(), metadata);
      Served next = load(registered.version());
      synchronized (stateLock) {
        if (current != champion) {
          emit(LoopEvent.Type.RETRAIN_FAILED, registered.version(),
              "champion changed during the retrain (now v" + current.version + "); candidate registered, not promoted",
              details);
          return;
        }
        registry.promote(modelName, registered.version());
        endpoint.swap(next.deployment);
        current = next;
        consecutiveDrift = 0;
        forgetOlderThan(champion, next);
      }
      startProbation(champion, next);
      Map<String, String> promoted = new LinkedHashMap<>(details);
      promoted.put("previous_version", Integer.toString(champion.version));
      emit(LoopEvent.Type.PROMOTED, next.version, "promoted after " + trigger + ": " + reasons, promoted);
    } catch (RuntimeException e) {
      LOG.warn("promotion of the retrained {} failed", modelName, e);
      emit(LoopEvent.Type.RETRAIN_FAILED, 0, "registering or promoting the candidate failed: " + e, details);
    }
  }

  private void startProbation(Served previous, Served next) {
    synchronized (labelLock) {
      byVersion.keySet().removeIf(v -> v != previous.version && v != next.version);
      probation = null;
      if (measure == null || probationLabels <= 0) {
        return;
      }
      VersionLabels prev = byVersion.get(previous.version);
      if (prev == null || prev.labels.size() < probationLabels) {
        LOG.info("no probation for {} v{}: previous champion v{} has fewer than {} labelled predictions",
            modelName, next.version, previous.version, probationLabels);
        return;
      }
      probation = new Probation(previous, prev.measure(measure, probationLabels), probationLabels);
    }
  }

  // ------------------------------------------------------------------ rollback

  /**
   * Rolls the champion back to the version it pointed at before (registry and endpoint), in one
   * call. The restored version gets its previous deployment back if the loop still holds it (with
   * its own monitoring), otherwise it is loaded from the registry with fresh monitoring.
   *
   * @param reason why, for the events
   * @return the version now served
   * @throws IllegalStateException if there is no previous version, or the loop is not started
   */
  public int rollback(String reason) {
    Objects.requireNonNull(reason, "reason must not be null");
    endpoint();
    Probation p;
    synchronized (labelLock) {
      p = probation;
      probation = null;
    }
    return doRollback(p == null ? null : p.previous, "manual rollback: " + reason);
  }

  private void rollbackAfterProbation(Probation failed, String text) {
    try {
      doRollback(failed.previous, "probation failed: " + text);
    } catch (RuntimeException e) {
      LOG.error("automatic rollback of {} failed", modelName, e);
    }
  }

  private int doRollback(Served knownPrevious, String reason) {
    int from;
    int to;
    synchronized (stateLock) {
      from = current.version;
      ModelVersion restored = registry.rollback(modelName);
      Served kept = knownPrevious != null && knownPrevious.version == restored.version()
          ? knownPrevious : deployed.get(restored.version());
      Served back = kept != null ? kept : load(restored.version());
      Served was = current;
      endpoint.swap(back.deployment);
      current = back;
      consecutiveDrift = 0;
      forgetOlderThan(was, back);
      to = back.version;
    }
    emit(LoopEvent.Type.ROLLED_BACK, to, reason, Map.of("from_version", Integer.toString(from)));
    return to;
  }

  // ------------------------------------------------------------------ helpers

  private Served load(int version) {
    LoadedVersion parts = registry.load(modelName, version);
    M model = adapter.load(parts);
    Monitoring monitoring = monitoringFactory == null ? null
        : monitoringFactory.create(modelName, version, model, (drift, summary) -> onWindowClosed(version, drift, summary));
    Deployment.Builder db = Deployment.builder(modelName, version, adapter.servable(model)).attach(model);
    if (monitoring != null) {
      db.listener(monitoring.recorder());
    }
    Served served = new Served(version, model, db.build(), monitoring);
    deployed.put(version, served);
    return served;
  }

  /** Keeps the deployments of the champion and the version it replaced; forgets older ones. */
  private void forgetOlderThan(Served keepA, Served keepB) {
    deployed.keySet().removeIf(v -> v != keepA.version && v != keepB.version);
  }

  private void emit(LoopEvent.Type type, int version, String reason, Map<String, String> details) {
    LoopEvent event = new LoopEvent(type, clock.instant(), modelName, version, reason, details);
    if (type == LoopEvent.Type.RETRAIN_FAILED || type == LoopEvent.Type.ROLLED_BACK || type == LoopEvent.Type.DRIFT) {
      LOG.warn("{}", event.toText());
    } else {
      LOG.info("{}", event.toText());
    }
    Map<String, String> audit = new LinkedHashMap<>(details);
    audit.put("reason", reason);
    try {
      registry.appendEvent("loop." + type.key(), modelName, version, audit);
    } catch (RuntimeException e) {
      LOG.error("could not append {} to the audit log of {}", type.key(), modelName, e);
    }
    for (LoopListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("loop listener failed on {}", type.key(), e);
      }
    }
  }

  /**
   * Builds a {@link ContinuousTraining}. Setters validate at once; rules spanning options are
   * checked in {@link #build()}. Not thread-safe.
   *
   * @param <M> the model type
   */
  public static final class Builder<M> {
    private final String modelName;
    private final ModelRegistry registry;
    private final ModelAdapter<M> adapter;
    private final Retrainer<M> retrainer;
    private Monitoring.Factory<M> monitoringFactory;
    private int driftWindows;
    private PerformanceMeasure measure;
    private double performanceThreshold = Double.NaN;
    private int performanceLabels;
    private Duration schedulePeriod;
    private ScheduledExecutorService scheduler;
    private Duration scheduleCheck;
    private int volumeRows;
    private int recentRows = 10_000;
    private Duration recentMaxAge;
    private TrainingData originalData;
    private int minTrainingRows = 1;
    private int probationLabels;
    private double probationTolerance;
    private int maxPending = 100_000;
    private Clock clock = Clock.systemUTC();
    private Executor executor = Runnable::run;
    private final List<LoopListener> listeners = new ArrayList<>();
    private Consumer<ModelEndpoint.Builder> endpointOptions = b -> { };

    private Builder(String modelName, ModelRegistry registry, ModelAdapter<M> adapter, Retrainer<M> retrainer) {
      this.modelName = Objects.requireNonNull(modelName, "model name must not be null");
      this.registry = Objects.requireNonNull(registry, "registry must not be null");
      this.adapter = Objects.requireNonNull(adapter, "adapter must not be null");
      this.retrainer = Objects.requireNonNull(retrainer, "retrainer must not be null");
    }

    /**
     * Gives every deployment monitoring (e.g. a {@code DriftMonitor} on the model's reference
     * profile); required for the drift trigger.
     *
     * @param factory creates the monitoring of each deployed version
     * @return this builder
     */
    public Builder<M> monitoring(Monitoring.Factory<M> factory) {
      this.monitoringFactory = Objects.requireNonNull(factory, "monitoring factory must not be null");
      return this;
    }

    /**
     * Retrains after dataset-level drift in this many consecutive windows of the champion.
     *
     * @param consecutiveWindows k, at least 1
     * @return this builder
     */
    public Builder<M> driftTrigger(int consecutiveWindows) {
      if (consecutiveWindows < 1) {
        throw new IllegalArgumentException("drift trigger consecutive windows must be at least 1: " + consecutiveWindows);
      }
      this.driftWindows = consecutiveWindows;
      return this;
    }

    /**
     * Measures realised performance with this metric (for the performance trigger and probation).
     *
     * @param measure the metric
     * @return this builder
     */
    public Builder<M> performanceMeasure(PerformanceMeasure measure) {
      this.measure = Objects.requireNonNull(measure, "performance measure must not be null");
      return this;
    }

    /**
     * Retrains when the champion's realised metric over a block of {@code labels} labelled
     * predictions is worse than {@code threshold} (below it for a greater-is-better metric, above
     * it otherwise). Requires {@link #performanceMeasure}.
     *
     * @param threshold the metric threshold
     * @param labels the block size, at least 1
     * @return this builder
     */
    public Builder<M> performanceTrigger(double threshold, int labels) {
      if (!Double.isFinite(threshold)) {
        throw new IllegalArgumentException("performance threshold must be finite: " + threshold);
      }
      if (labels < 1) {
        throw new IllegalArgumentException("performance trigger labels must be at least 1: " + labels);
      }
      this.performanceThreshold = threshold;
      this.performanceLabels = labels;
      return this;
    }

    /**
     * Retrains every {@code period} (measured on the clock from the start or the last retrain).
     * Without a scheduler, the host calls {@link ContinuousTraining#tick()}.
     *
     * @param period the period, positive
     * @return this builder
     */
    public Builder<M> schedule(Duration period) {
      Objects.requireNonNull(period, "schedule period must not be null");
      if (period.isZero() || period.isNegative()) {
        throw new IllegalArgumentException("schedule period must be positive: " + period);
      }
      this.schedulePeriod = period;
      return this;
    }

    /**
     * Lets a host scheduler call {@link ContinuousTraining#tick()} every {@code checkEvery}.
     *
     * @param scheduler the host's scheduler (the loop never shuts it down)
     * @param checkEvery how often to check the schedule, positive
     * @return this builder
     */
    public Builder<M> scheduler(ScheduledExecutorService scheduler, Duration checkEvery) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
      Objects.requireNonNull(checkEvery, "schedule check interval must not be null");
      if (checkEvery.toMillis() < 1) {
        throw new IllegalArgumentException("schedule check interval must be at least 1 ms: " + checkEvery);
      }
      this.scheduleCheck = checkEvery;
      return this;
    }

    /**
     * Retrains once this many new labelled rows arrived since the last retrain.
     *
     * @param rows the number of rows, at least 1
     * @return this builder
     */
    public Builder<M> volumeTrigger(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("volume trigger rows must be at least 1: " + rows);
      }
      this.volumeRows = rows;
      return this;
    }

    /**
     * Keeps at most this many recent labelled rows for retraining (default 10,000).
     *
     * @param maxRows the maximum, at least 1
     * @return this builder
     */
    public Builder<M> recentData(int maxRows) {
      if (maxRows < 1) {
        throw new IllegalArgumentException("recent data rows must be at least 1: " + maxRows);
      }
      this.recentRows = maxRows;
      return this;
    }

    /**
     * Also drops recent labelled rows older than this (labelling time, on the clock).
     *
     * @param maxAge the maximum age, positive
     * @return this builder
     */
    public Builder<M> recentDataMaxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "recent data max age must not be null");
      if (maxAge.isZero() || maxAge.isNegative()) {
        throw new IllegalArgumentException("recent data max age must be positive: " + maxAge);
      }
      this.recentMaxAge = maxAge;
      return this;
    }

    /**
     * Appends the original training data to every retrain's recent data.
     *
     * @param data the original labelled rows
     * @return this builder
     */
    public Builder<M> originalData(TrainingData data) {
      this.originalData = Objects.requireNonNull(data, "original data must not be null");
      return this;
    }

    /**
     * Fails a retrain (leaving the champion) when fewer rows than this are available (default 1).
     *
     * @param rows the minimum, at least 1
     * @return this builder
     */
    public Builder<M> minTrainingRows(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("min training rows must be at least 1: " + rows);
      }
      this.minTrainingRows = rows;
      return this;
    }

    /**
     * Puts each new champion on probation: after {@code labels} labelled predictions, if its
     * realised metric is worse than the previous champion's over its last {@code labels} by more
     * than {@code tolerance}, the loop rolls back. Requires {@link #performanceMeasure}.
     *
     * @param labels the probation window, at least 1
     * @param tolerance the allowed degradation (absolute), non-negative
     * @return this builder
     */
    public Builder<M> probation(int labels, double tolerance) {
      if (labels < 1) {
        throw new IllegalArgumentException("probation labels must be at least 1: " + labels);
      }
      if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
        throw new IllegalArgumentException("probation tolerance must be finite and non-negative: " + tolerance);
      }
      this.probationLabels = labels;
      this.probationTolerance = tolerance;
      return this;
    }

    /**
     * Bounds the predictions waiting for a label (default 100,000; the oldest are dropped and counted).
     *
     * @param max the maximum, at least 1
     * @return this builder
     */
    public Builder<M> maxPendingPredictions(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("max pending predictions must be at least 1: " + max);
      }
      this.maxPending = max;
      return this;
    }

    /**
     * Sets the clock for the schedule, data age and event times (default UTC system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder<M> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Runs retrains on this executor (default: the thread that fired the trigger).
     *
     * @param executor the host's executor (the loop never shuts it down)
     * @return this builder
     */
    public Builder<M> executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor must not be null");
      return this;
    }

    /**
     * Adds a listener for the loop's events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder<M> listener(LoopListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
      return this;
    }

    /**
     * Configures the endpoint the loop creates (canary seed, shadow executor, listeners...).
     *
     * @param options applied to the endpoint builder at {@link ContinuousTraining#start()}
     * @return this builder
     */
    public Builder<M> endpoint(Consumer<ModelEndpoint.Builder> options) {
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
      if (driftWindows > 0 && monitoringFactory == null) {
        throw new IllegalStateException("drift trigger requires monitoring: driftTrigger(" + driftWindows + ")");
      }
      if (performanceLabels > 0 && measure == null) {
        throw new IllegalStateException("performance trigger requires a performance measure: performanceTrigger("
            + performanceThreshold + ", " + performanceLabels + ")");
      }
      if (probationLabels > 0 && measure == null) {
        throw new IllegalStateException("probation requires a performance measure: probation(" + probationLabels + ", "
            + probationTolerance + ")");
      }
      if (scheduler != null && schedulePeriod == null) {
        throw new IllegalStateException("scheduler requires a schedule period: schedule(Duration)");
      }
      return new ContinuousTraining<>(this);
    }
  }
}
