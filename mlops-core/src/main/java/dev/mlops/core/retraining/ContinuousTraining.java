package dev.mlops.core.retraining;

import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.registry.ModelVersion;
import dev.mlops.core.retraining.Deployments.Served;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.PredictionListener;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.drift.monitor.DriftMonitor;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The continuous-training loop around one registered model: it serves the registry's champion
 * through a {@link ModelEndpoint}, joins delayed labels to its predictions, asks its {@link
 * RetrainPolicy} when to retrain, and runs each retrain (retrain → gate → refit → register → swap)
 * on its own daemon thread (or the host's executor), never on a request thread.
 *
 * <p><b>Labels.</b> {@link #recordLabel} joins a label to the prediction made under the same request
 * id (predictions wait up to the label timeout, 7 days by default); the labelled row goes to the
 * {@link LabelStore} (seeded with the training history, optionally persisted) and to the champion's
 * monitoring. Matched, unmatched and expired counts are in {@link #labelCounts()}, in every event's
 * details and in a WARN once per monitoring window when more than 1% of labels are lost.
 *
 * <p><b>Probation.</b> After a promotion, the previous champion keeps scoring in shadow the rows the
 * new one labels; after {@code n} such rows a paired bootstrap on those same rows rolls back a new
 * champion that is significantly worse. {@link #rollback(String)} does the same by hand.
 *
 * <p><b>Restarts.</b> With a persisted label store, {@link #close()} saves the predictions still
 * waiting for their labels beside it and {@link #start()} takes them back (they expire on their
 * original time); a champion the loop promoted whose probation had no verdict (no {@code
 * loop.probation_passed} or rollback in the audit log) starts its probation again from zero rows.
 *
 * <p>Every event goes to the {@link LoopListener}s and to the registry's audit log as
 * {@code "loop.<type>"}. Thread-safe.
 *
 * <pre>{@code
 * ContinuousTraining<TrainedModel> loop = ContinuousTraining
 *     .builder("bike-demand", registry, TrainedModelAdapter.create(), PipelineRetrainer.of(pipeline))
 *     .monitoring(monitoringFactory)
 *     .history(PipelineRetrainer.history(trainingTable, champion))
 *     .performanceMeasure(PerformanceMeasure.of(Metric.RMSE))
 *     .policy(RetrainPolicy.anyOf(RetrainPolicy.realisedPerformance(PerformanceMeasure.of(Metric.RMSE), 168),
 *         RetrainPolicy.drift(3)))
 *     .probation(500, 0.01)
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

  /**
   * A prediction waiting for its label: the loop's monitoring of the version that answered, or,
   * for a version the host deployed itself (e.g. a canary), that deployment's own monitor.
   */
  private record Pending(Map<String, ?> row, PredictionResult result, Monitoring monitoring, DriftMonitor hostMonitor) {}

  final LoopConfig<M> config;
  private final RetrainCycle<M> cycle;
  private final LabelJoin<Pending> join;
  private final LabelStore store;
  private final ChampionTrack track;
  private final Deployments<M> deployments;
  private final LoopEvents events;
  private final ExecutorService ownExecutor;

  private final Object stateLock = new Object();
  private final AtomicBoolean retraining = new AtomicBoolean();
  private volatile Served<M> current;
  private volatile ModelEndpoint endpoint;
  private ScheduledFuture<?> scheduled;

  ContinuousTraining(LoopConfig<M> config) {
    this.config = config;
    this.join = new LabelJoin<>(config.maxPending(), config.labelTimeout(), config.clock());
    this.store = config.labelStore();
    this.track = new ChampionTrack(config.policy(), config.measure(), config.probationLabels());
    this.deployments = new Deployments<>(config, this::onWindowClosed);
    this.events = new LoopEvents(config.modelName(), config.registry(), config.clock(), config.listeners(), join::counts);
    this.cycle = new RetrainCycle<>(config.modelName(), config.registry(), config.retrainer(), config.minTrainingRows(),
        new RetrainCycle.Loop<M>() {
          @Override
          public void emit(LoopEvent.Type type, int version, String reason, Map<String, String> details) {
            events.emit(type, version, reason, details);
          }

          @Override
          public boolean promote(int championVersion, int registeredVersion, RetrainOutcome outcome,
              Map<String, String> details) {
            return ContinuousTraining.this.promote(championVersion, registeredVersion, outcome, details);
          }
        });
    this.ownExecutor = config.executor() != null ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "mlops-retrain-" + config.modelName());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Starts a loop around a registered model.
   *
   * @param modelName the registered model name; its {@code champion} alias is served
   * @param registry the registry holding the model
   * @param adapter reads registry versions into models and servable views
   * @param retrainer trains, gates and refits candidates
   * @param <M> the model type
   * @return a builder
   * @throws NullPointerException if an argument is null
   */
  public static <M> LoopBuilder<M> builder(String modelName, ModelRegistry registry, ModelAdapter<M> adapter,
      Retrainer<M> retrainer) {
    return new LoopBuilder<>(modelName, registry, adapter, retrainer);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Loads the registry's champion, creates the endpoint serving it (with monitoring), seeds the
   * label store with the history (unless it already holds rows) and starts the schedule check, if a
   * scheduler is configured.
   *
   * @return the endpoint
   * @throws IllegalStateException if already started, or the model has no champion in the registry
   */
  public ModelEndpoint start() {
    synchronized (stateLock) {
      if (endpoint != null) {
        throw new IllegalStateException("loop must not be started twice: " + config.modelName());
      }
      ModelVersion champion = config.registry().resolve(config.modelName(), ModelRegistry.CHAMPION)
          .orElseThrow(() -> new IllegalStateException(
              "registry must have a champion for model " + config.modelName() + " before the loop starts: no alias "
                  + ModelRegistry.CHAMPION));
      Served<M> served = deployments.load(champion.version());
      ModelEndpoint.Builder eb = ModelEndpoint.builder(served.deployment()).listener(pendingRecorder());
      config.endpointOptions().accept(eb);
      Instant now = config.clock().instant();
      track.start(champion.version(), now, referenceOf(champion.metadata(), champion.version()),
          fitOf(champion.metadata()), resumedProbation(champion));
      List<LoopRestart.Saved> saved = LoopRestart.load(LoopRestart.pendingFile(store), config.modelName());
      for (LoopRestart.Saved p : saved) {
        join.restore(p.requestId(), new Pending(p.row(), p.result(), null, null), p.at());
      }
      if (config.history() != null && store.seed(config.history(), now)) {
        LOG.info("label store of {} seeded with {} rows of history", config.modelName(), config.history().size());
      }
      current = served;
      endpoint = eb.build();
      if (config.scheduler() != null) {
        long every = config.scheduleCheck().toMillis();
        scheduled = config.scheduler().scheduleWithFixedDelay(this::tickSafely, every, every, TimeUnit.MILLISECONDS);
      }
      LOG.info("continuous training of {} started, serving v{}, {} labelled rows kept, {} predictions still waiting "
          + "for their labels", config.modelName(), served.version(), store.size(), saved.size());
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
      throw new IllegalStateException("loop must be started first: " + config.modelName());
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
    return current.version();
  }

  /**
   * Returns the model being served.
   *
   * @return the champion model
   * @throws IllegalStateException if the loop is not started
   */
  public M championModel() {
    endpoint();
    return current.model();
  }

  /**
   * Returns the champion's monitoring (e.g. to read its {@code DriftMonitor}).
   *
   * @return the monitoring, empty if no monitoring factory was configured
   * @throws IllegalStateException if the loop is not started
   */
  public Optional<Monitoring> championMonitoring() {
    endpoint();
    return Optional.ofNullable(current.monitoring());
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
   * Returns the label join's counts so far.
   *
   * @return matched, unmatched, expired and pending
   */
  public LabelCounts labelCounts() {
    return join.counts();
  }

  /**
   * Returns the labelled rows kept for retraining.
   *
   * @return the store
   */
  public LabelStore labelStore() {
    return store;
  }

  /**
   * Cancels the schedule, stops the loop's own retrain thread (a running retrain finishes), flushes
   * the label store and, if it is persisted, saves the predictions waiting for their labels beside
   * it (the host owns and shuts down its scheduler and executor).
   */
  @Override
  public void close() {
    synchronized (stateLock) {
      if (scheduled != null) {
        scheduled.cancel(false);
        scheduled = null;
      }
    }
    if (ownExecutor != null) {
      ownExecutor.shutdown();
    }
    store.flush();
    if (endpoint != null) {
      LoopRestart.save(LoopRestart.pendingFile(store), join.waiting().stream()
          .map(e -> new LoopRestart.Saved(e.getKey(), e.getValue().value().row, e.getValue().value().result,
              e.getValue().at()))
          .toList());
    }
  }

  /**
   * Waits until the loop is idle: every monitoring window closed so far has been evaluated and its
   * verdict given to the policy, and no retrain is running (the one such a verdict started included).
   * A host replaying recorded traffic calls it after each request (and after each label it records)
   * so that every run takes the same decisions at the same rows: windows are otherwise evaluated on
   * the monitor's own thread, and under load a verdict could reach the policy some requests later, with
   * other labels joined, than on an idle machine. A live service need not call it: there a window's
   * evaluation takes milliseconds and the next labels come in real time, which is what the replay
   * reproduces. Not to be called from a {@link LoopListener} or a monitor listener (it would wait for
   * itself); with a monitor on a host executor, the host must run the evaluations while this waits.
   *
   * @param timeoutMillis the longest wait for a running retrain
   * @return true if idle, false on timeout
   * @throws InterruptedException if interrupted
   */
  public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      // a verdict evaluated here may start a retrain (its listener runs before this wait returns)
      deployments.awaitEvaluation();
      if (!retraining.get()) {
        return true;
      }
      while (retraining.get()) {
        if (System.nanoTime() > end) {
          return false;
        }
        Thread.sleep(1);
      }
    }
  }

  // ------------------------------------------------------------------ inputs

  private PredictionListener pendingRecorder() {
    return (row, result) -> {
      Served<M> s = deployments.get(result.modelVersion());
      Monitoring m = s == null ? null : s.monitoring();
      DriftMonitor host = s == null ? Deployments.challengerMonitor(endpoint, result) : null;
      join.put(result.requestId(), new Pending(new HashMap<>(row), result, m, host));
    };
  }

  /**
   * Joins a delayed label to the prediction made under the same request id: passes it to the
   * monitoring that recorded the prediction (and to a shadow challenger's monitor), adds the
   * labelled row (every field of the request) to the label store, updates the champion's realised
   * performance and probation, and asks the policy every {@link RetrainPolicy#labelBlock()} labels.
   *
   * @param requestId the prediction's request id
   * @param label the true value (regression) or class index (classification)
   * @return true if a waiting prediction matched; false if none did (counted as unmatched)
   * @throws NullPointerException if the request id is null
   * @throws IllegalArgumentException if the label is not finite
   */
  public boolean recordLabel(String requestId, double label) {
    Objects.requireNonNull(requestId, "requestId must not be null");
    if (!Double.isFinite(label)) {
      throw new IllegalArgumentException("label must be finite: " + label + " (request " + requestId + ")");
    }
    Pending p = join.take(requestId);
    if (p == null) {
      return false;
    }
    recordLabelTo(p, requestId, label);
    Deployments.forwardToShadow(endpoint, config.modelName(), requestId, label);
    Instant now = config.clock().instant();
    store.add(p.row, label, now);
    ChampionTrack.LabelOutcome outcome = track.onLabel(p.result.modelVersion(), p.row, p.result, label);
    Probation.Verdict verdict = outcome.verdict();
    if (verdict != null) {
      if (verdict.failed()) {
        try {
          doRollback(outcome.probation().previousVersion, "probation failed: " + verdict.text());
        } catch (RuntimeException e) {
          LOG.error("automatic rollback of {} failed", config.modelName(), e);
        }
      } else {
        events.emit(LoopEvent.Type.PROBATION_PASSED, outcome.probation().newVersion, verdict.text(), Map.of());
      }
    }
    if (outcome.askPolicy()) {
      askPolicy();
    }
    return true;
  }

  private void recordLabelTo(Pending p, String requestId, double label) {
    try {
      if (p.monitoring != null) {
        p.monitoring.recordLabel(requestId, label);
      } else if (p.hostMonitor != null) {
        p.hostMonitor.recordLabel(requestId, label);
      }
    } catch (RuntimeException e) {
      LOG.warn("monitoring of {} v{} refused label of request {}", config.modelName(), p.result.modelVersion(), requestId, e);
    }
  }

  /**
   * Asks the policy now (a schedule is checked here). Called by the host's scheduler when one was
   * given; tests call it directly after moving the clock.
   *
   * @return true if a retrain was started
   */
  public boolean tick() {
    return endpoint != null && askPolicy();
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.error("scheduled check of {} failed", config.modelName(), e);
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
    return requestRetrain(new Firing(Trigger.MANUAL, Objects.requireNonNull(reason, "reason must not be null"), Map.of()));
  }

  private void onWindowClosed(int version, WindowSignal window) {
    if (current == null || !track.onWindow(version, window)) {
      return;
    }
    store.flush();
    LabelCounts delta = track.countsSinceLastWindow(join.counts());
    if (delta.lostShare() > 0.01) {
      LOG.warn("{} v{} window {}: {} of labels lost ({}); labels arriving after the timeout of {} or with unknown "
          + "request ids are not used", config.modelName(), version, window.window(), percent(delta.lostShare()),
          delta.toText(), config.labelTimeout());
    }
    if (window.datasetDrift()) {
      events.emit(LoopEvent.Type.DRIFT, version, window.summary(), Map.of("window", Long.toString(window.window())));
    }
    askPolicy();
  }

  private boolean askPolicy() {
    if (current == null) {
      return false;
    }
    Optional<Firing> firing;
    try {
      firing = config.policy().evaluate(track.policyState(config.clock().instant()));
      for (Firing f : config.policy().drainUnconfirmed()) {
        LOG.info("retrain of {} not triggered: {}", config.modelName(), f.reason());
        Map<String, String> details = new java.util.TreeMap<>(f.evidence());
        details.put("trigger", f.trigger().name());
        events.emit(LoopEvent.Type.UNCONFIRMED, 0, f.reason(), details);
      }
    } catch (RuntimeException e) {
      LOG.warn("retrain policy of {} failed", config.modelName(), e);
      return false;
    }
    return firing.isPresent() && requestRetrain(firing.get());
  }

  // ------------------------------------------------------------------ retrain

  private boolean requestRetrain(Firing firing) {
    if (endpoint == null) {
      return false;
    }
    if (!retraining.compareAndSet(false, true)) {
      LOG.debug("retrain of {} on {} skipped: a retrain is already running ({})", config.modelName(), firing.trigger(),
          firing.reason());
      return false;
    }
    LOG.info("retrain of {} triggered by {}: {}", config.modelName(), firing.trigger(), firing.reason());
    try {
      (ownExecutor != null ? ownExecutor : config.executor()).execute(() -> {
        try {
          retrain(firing);
        } catch (RuntimeException e) {
          LOG.error("retrain of {} failed unexpectedly", config.modelName(), e);
        } finally {
          retraining.set(false);
        }
      });
    } catch (RejectedExecutionException e) {
      retraining.set(false);
      events.emit(LoopEvent.Type.RETRAIN_FAILED, 0, "retrain executor refused the task: " + e.getMessage(),
          Map.of("trigger", firing.trigger().name()));
      return false;
    }
    return true;
  }

  private void retrain(Firing firing) {
    Served<M> champion = current;
    store.flush();
    Instant now = config.clock().instant();
    long sinceChampion = track.beginRetrain(now);
    TrainingData data = store.snapshot(now, sinceChampion);
    if (firing.changeRows() > 0) {
      data = data.withChangeRows(Math.min(firing.changeRows(), data.size()));
    }
    cycle.run(firing, champion.version(), champion.model(), data, Map.of());
  }

  private boolean promote(int championVersion, int registeredVersion, RetrainOutcome outcome, Map<String, String> details) {
    Served<M> next = deployments.load(registeredVersion);
    Served<M> previous;
    synchronized (stateLock) {
      previous = current;
      if (previous.version() != championVersion) {
        events.emit(LoopEvent.Type.RETRAIN_FAILED, registeredVersion, "champion changed during the retrain (now v"
            + previous.version() + "); candidate registered, not promoted", details);
        return false;
      }
      config.registry().promote(config.modelName(), registeredVersion);
      endpoint.swap(next.deployment());
      current = next;
      deployments.keepOnly(previous, next);
    }
    Probation probation = config.probationLabels() > 0 && config.measure() != null
        ? probation(previous.version(), previous.model(), next.version()) : null;
    track.promoted(next.version(), referenceOf(outcome.metadata(), registeredVersion),
        fitOf(outcome.metadata()), probation);
    Map<String, String> promoted = new LinkedHashMap<>(details);
    promoted.put("previous_version", Integer.toString(previous.version()));
    events.emit(LoopEvent.Type.PROMOTED, next.version(), "promoted after " + details.get("trigger") + ": "
        + String.join("; ", outcome.reasons()), promoted);
    return true;
  }

  private Probation probation(int previousVersion, M previousModel, int newVersion) {
    return new Probation(previousVersion, config.adapter().servable(previousModel), newVersion, config.measure(),
        config.probationLabels(), config.probationAlpha());
  }

  /** A probation the champion had not finished when the loop stopped starts again from zero rows. */
  private Probation resumedProbation(ModelVersion champion) {
    int previous = config.probationLabels() > 0 && config.measure() != null
        ? LoopRestart.undecidedProbation(config.registry(), config.modelName(), champion) : 0;
    if (previous == 0) {
      return null;
    }
    try {
      M model = config.adapter().load(config.registry().load(config.modelName(), previous));
      LOG.info("{} v{} was on probation against v{} when the loop stopped: its probation starts again",
          config.modelName(), champion.version(), previous);
      return probation(previous, model, champion.version());
    } catch (RuntimeException e) {
      LOG.warn("probation of {} v{} cannot resume: v{} does not load", config.modelName(), champion.version(), previous, e);
      return null;
    }
  }

  private PolicyState.ReferencePerformance referenceOf(Map<String, String> metadata, int version) {
    return ChampionMetadata.reference(config.measure(), metadata, version);
  }

  /** The champion's fit, from a retrainer's metadata; null if absent (see {@link ChampionMetadata#fit}). */
  static PolicyState.ChampionFit fitOf(Map<String, String> metadata) {
    return ChampionMetadata.fit(metadata);
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
    track.endProbation();
    return doRollback(0, "manual rollback: " + reason);
  }

  private int doRollback(int expectedPrevious, String reason) {
    int from;
    int to;
    synchronized (stateLock) {
      from = current.version();
      ModelVersion restored = config.registry().rollback(config.modelName());
      Served<M> back = deployments.keptOrLoad(restored.version());
      Served<M> was = current;
      endpoint.swap(back.deployment());
      current = back;
      deployments.keepOnly(was, back);
      to = back.version();
      if (expectedPrevious > 0 && expectedPrevious != to) {
        LOG.warn("rollback of {} restored v{}, not the previous champion v{}", config.modelName(), to, expectedPrevious);
      }
    }
    Optional<ModelVersion> champion = config.registry().resolve(config.modelName(), ModelRegistry.CHAMPION);
    track.rolledBack(to, config.clock().instant(), champion.map(v -> referenceOf(v.metadata(), v.version())).orElse(null),
        champion.map(v -> fitOf(v.metadata())).orElse(null));
    events.emit(LoopEvent.Type.ROLLED_BACK, to, reason, Map.of("from_version", Integer.toString(from)));
    return to;
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }
}
