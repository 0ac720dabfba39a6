package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.registry.AuditEvent;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.serving.Deployment;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.PredictionListener;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.MutableClock;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ContinuousTrainingTest {

  private static final String MODEL = "offset";

  @TempDir Path dir;
  private ModelRegistry registry;
  private final List<LoopEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final List<TrainingData> trainedOn = new ArrayList<>();
  private final List<FakeMonitoring> monitorings = new ArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));

  /** Monitoring stand-in: keeps what it recorded; tests close windows through its signal. */
  static final class FakeMonitoring implements Monitoring {
    final int version;
    final DriftSignal signal;
    final List<PredictionResult> recorded = Collections.synchronizedList(new ArrayList<>());
    final List<String> labelled = Collections.synchronizedList(new ArrayList<>());

    FakeMonitoring(int version, DriftSignal signal) {
      this.version = version;
      this.signal = signal;
    }

    @Override
    public PredictionListener recorder() {
      return (row, r) -> recorded.add(r);
    }

    @Override
    public void recordLabel(String requestId, double label) {
      labelled.add(requestId);
    }

    @Override
    public Object monitor() {
      return this;
    }
  }

  /** Fits the offset b = mean(y - x); promotes if its MAE on the data beats the champion's by 0.01. */
  private RetrainOutcome fitOffset(TrainingData data, OffsetModel champion) {
    trainedOn.add(data);
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      sum += data.labels()[i] - ((Number) data.rows().get(i).get("x")).doubleValue();
    }
    double b = sum / data.size();
    double candidateMae = mae(data, b);
    double championMae = mae(data, champion.offset());
    Map<String, String> metadata = Map.of("mae", Double.toString(candidateMae));
    if (candidateMae < championMae - 0.01) {
      return RetrainOutcome.promote(OffsetModel.parts(b), metadata,
          List.of("mae " + candidateMae + " < champion " + championMae));
    }
    return RetrainOutcome.reject(metadata, List.of("mae " + candidateMae + " not better than champion " + championMae));
  }

  private static double mae(TrainingData data, double offset) {
    double s = 0;
    double[] y = data.labels();
    for (int i = 0; i < data.size(); i++) {
      s += Math.abs(y[i] - (((Number) data.rows().get(i).get("x")).doubleValue() + offset));
    }
    return s / data.size();
  }

  @BeforeEach
  void registerFirstChampion() {
    registry = FileSystemModelRegistry.open(dir.resolve("registry"));
    int v = registry.register(MODEL, OffsetModel.parts(0.0), Map.of()).version();
    registry.promote(MODEL, v);
  }

  /** Retrains run on the thread that fires them here, so each test sees their outcome at once. */
  private LoopBuilder<OffsetModel> loop() {
    return ContinuousTraining.builder(MODEL, registry, OffsetModel.ADAPTER, this::fitOffset)
        .executor(Runnable::run)
        .monitoring((name, version, model, signal) -> {
          FakeMonitoring m = new FakeMonitoring(version, signal);
          monitorings.add(m);
          return m;
        })
        .clock(clock)
        .listener(events::add);
  }

  /** Serves n requests x = 0..n-1 and labels each with y = x + offset. */
  private static void serveAndLabel(ContinuousTraining<?> loop, String prefix, int n, double offset) {
    ModelEndpoint endpoint = loop.endpoint();
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      endpoint.predict(id, Map.of("x", (double) i));
      loop.recordLabel(id, i + offset);
    }
  }

  private List<LoopEvent.Type> eventTypes() {
    return events.stream().map(LoopEvent::type).toList();
  }

  private List<String> loopAuditTypes() {
    return registry.auditLog().stream().map(AuditEvent::type).filter(t -> t.startsWith("loop.")).toList();
  }

  @Test
  void start_servesTheRegistryChampion_withItsOwnMonitoring() {
    ContinuousTraining<OffsetModel> loop = loop().build();

    ModelEndpoint endpoint = loop.start();
    PredictionResult r = endpoint.predict("a", Map.of("x", 2.0));

    assertThat(r.modelVersion()).isEqualTo(1);
    assertThat(r.value()).isEqualTo(2.0);
    assertThat(loop.championVersion()).isEqualTo(1);
    assertThat(monitorings).singleElement().satisfies(m -> assertThat(m.recorded).containsExactly(r));
    assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class)
        .hasMessage("loop must not be started twice: offset");
  }

  private static DriftMonitor hostMonitor() {
    double[] x = new double[50];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    return DriftMonitor.builder(ReferenceProfile.builder().addColumn("x", x).build())
        .window(Window.tumblingCount(1_000)).build();
  }

  @Test
  void labels_reachTheOwnMonitorOfAHostConfiguredCanary_andOfAShadow() {
    ContinuousTraining<OffsetModel> loop = loop().build();
    ModelEndpoint endpoint = loop.start();
    DriftMonitor canaryMonitor = hostMonitor();
    endpoint.canary(Deployment.builder(MODEL, 7, new OffsetModel(1.0)).monitor(canaryMonitor).build(), 1.0);

    PredictionResult byCanary = endpoint.predict("c1", Map.of("x", 2.0));

    assertThat(byCanary.modelVersion()).isEqualTo(7);
    assertThat(canaryMonitor.pendingLabels()).isEqualTo(1);
    assertThat(loop.recordLabel("c1", 3.0)).isTrue();
    assertThat(canaryMonitor.pendingLabels()).isZero();
    assertThat(canaryMonitor.closeWindow().orElseThrow().performance().labelled()).isEqualTo(1);

    DriftMonitor shadowMonitor = hostMonitor();
    endpoint.shadow(Deployment.builder(MODEL, 8, new OffsetModel(2.0)).monitor(shadowMonitor).build());
    PredictionResult byChampion = endpoint.predict("s1", Map.of("x", 2.0));

    assertThat(byChampion.modelVersion()).isEqualTo(1);
    assertThat(shadowMonitor.pendingLabels()).isEqualTo(1);
    assertThat(loop.recordLabel("s1", 2.5)).isTrue();
    assertThat(shadowMonitor.pendingLabels()).isZero();
    assertThat(shadowMonitor.closeWindow().orElseThrow().performance().labelled()).isEqualTo(1);
    assertThat(monitorings.get(0).labelled).containsExactly("s1");
  }

  @Test
  void start_refusesModelWithoutChampion() {
    ContinuousTraining<OffsetModel> loop = ContinuousTraining
        .builder("unknown", registry, OffsetModel.ADAPTER, this::fitOffset).build();
    assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class)
        .hasMessage("registry must have a champion for model unknown before the loop starts: no alias champion");
  }

  @Test
  void volumeTrigger_retrainsOnRecentLabelledRows_thenPromotesSwapsAndRebasesMonitoring() {
    ContinuousTraining<OffsetModel> loop = loop().volumeTrigger(50).build();
    loop.start();

    serveAndLabel(loop, "a", 49, 5.0);
    assertThat(trainedOn).isEmpty();
    serveAndLabel(loop, "b", 1, 5.0);

    assertThat(trainedOn).singleElement().satisfies(d -> {
      assertThat(d.size()).isEqualTo(50);
      assertThat(d.recentRows()).isEqualTo(50);
      assertThat(d.labels()[0]).isEqualTo(5.0);
    });
    assertThat(eventTypes()).containsExactly(LoopEvent.Type.TRAINED, LoopEvent.Type.PROMOTED);
    assertThat(loop.championVersion()).isEqualTo(2);
    assertThat(registry.resolve(MODEL, ModelRegistry.CHAMPION)).map(v -> v.version()).contains(2);
    assertThat(loop.championModel().offset()).isEqualTo(5.0);
    PredictionResult after = loop.endpoint().predict("c", Map.of("x", 1.0));
    assertThat(after.modelVersion()).isEqualTo(2);
    assertThat(after.value()).isEqualTo(6.0);
    // Re-based: version 2 has its own monitoring, which sees the new traffic; v1's saw only its own.
    assertThat(monitorings).extracting(m -> m.version).containsExactly(1, 2);
    assertThat(monitorings.get(1).recorded).containsExactly(after);
    assertThat(monitorings.get(0).recorded).hasSize(50).allSatisfy(r -> assertThat(r.modelVersion()).isEqualTo(1));
    assertThat(monitorings.get(0).labelled).hasSize(50);
    assertThat(events.get(1).details()).containsEntry("trigger", "VOLUME").containsEntry("previous_version", "1");
    assertThat(loopAuditTypes()).containsExactly("loop.trained", "loop.promoted");
    assertThat(registry.version(MODEL, 2).metadata()).containsEntry("loop.trigger", "VOLUME");
  }

  @Test
  void history_seedsTheLabelStore_beforeTheLabelledTraffic() {
    TrainingData history = new TrainingData(List.of(Map.of("x", 100.0), Map.of("x", 200.0)), new double[] {105, 205}, 0);
    ContinuousTraining<OffsetModel> loop = loop().volumeTrigger(3).history(history).build();
    loop.start();

    serveAndLabel(loop, "a", 3, 5.0);

    assertThat(trainedOn).singleElement().satisfies(d -> {
      assertThat(d.size()).isEqualTo(5);
      assertThat(d.recentRows()).isEqualTo(3);
      assertThat(d.sinceChampion()).isEqualTo(3);
      assertThat(d.labels()).containsExactly(105.0, 205.0, 5.0, 6.0, 7.0);
    });
  }

  @Test
  void labelStore_isPersistedBesideTheRegistry_andReloadedByARestartedLoop() {
    ContinuousTraining<OffsetModel> first = loop().build();
    first.start();
    serveAndLabel(first, "a", 4, 5.0);
    first.close();
    first.labelStore().close();

    TrainingData history = new TrainingData(List.of(Map.of("x", 100.0)), new double[] {105}, 0);
    ContinuousTraining<OffsetModel> restarted = loop().history(history).build();
    restarted.start();

    assertThat(restarted.labelStore().snapshot(clock.instant(), 0).labels()).containsExactly(5.0, 6.0, 7.0, 8.0);
    assertThat(dir.resolve("registry").resolve("labelled-rows").resolve(MODEL + ".jsonl")).exists();
  }

  @Test
  void recentData_keepsOnlyTheNewestRows_andDropsRowsOlderThanMaxAge() {
    ContinuousTraining<OffsetModel> loop = loop().recentData(4).recentDataMaxAge(Duration.ofHours(1)).build();
    loop.start();
    serveAndLabel(loop, "old", 3, 1.0);
    clock.advance(Duration.ofMinutes(61));
    serveAndLabel(loop, "new", 6, 2.0);

    loop.retrainNow("test");

    assertThat(trainedOn).singleElement().satisfies(d ->
        assertThat(d.labels()).containsExactly(2.0 + 2, 2.0 + 3, 2.0 + 4, 2.0 + 5));
  }

  @Test
  void rejectedCandidate_leavesChampionServing_andIsReportedWithReason() {
    ContinuousTraining<OffsetModel> loop = loop().volumeTrigger(10).build();
    loop.start();

    serveAndLabel(loop, "a", 10, 0.0);

    assertThat(eventTypes()).containsExactly(LoopEvent.Type.TRAINED, LoopEvent.Type.REJECTED);
    assertThat(events.get(1).reason()).isEqualTo("gate rejected the candidate: mae 0.0 not better than champion 0.0");
    assertThat(loop.championVersion()).isEqualTo(1);
    assertThat(loop.endpoint().predict(Map.of("x", 1.0)).modelVersion()).isEqualTo(1);
    assertThat(registry.versions(MODEL)).hasSize(1);
    assertThat(loopAuditTypes()).containsExactly("loop.trained", "loop.rejected");
  }

  @Test
  void failedRetrain_leavesChampionServing_andLaterRetrainsStillRun() {
    List<Integer> calls = new ArrayList<>();
    ContinuousTraining<OffsetModel> loop = ContinuousTraining
        .<OffsetModel>builder(MODEL, registry, OffsetModel.ADAPTER, (data, champion) -> {
          calls.add(data.size());
          if (calls.size() == 1) {
            throw new IllegalStateException("out of memory in the trainer");
          }
          return fitOffset(data, champion);
        })
        .clock(clock).listener(events::add).executor(Runnable::run).volumeTrigger(5).build();
    loop.start();

    serveAndLabel(loop, "a", 5, 3.0);
    assertThat(eventTypes()).containsExactly(LoopEvent.Type.RETRAIN_FAILED);
    assertThat(events.get(0).reason()).isEqualTo("retrainer failed: java.lang.IllegalStateException: out of memory in the trainer");
    assertThat(loop.championVersion()).isEqualTo(1);
    assertThat(loop.isRetraining()).isFalse();

    serveAndLabel(loop, "b", 5, 3.0);
    assertThat(calls).containsExactly(5, 10);
    assertThat(loop.championVersion()).isEqualTo(2);
    assertThat(loopAuditTypes()).containsExactly("loop.retrain_failed", "loop.trained", "loop.promoted");
  }

  @Test
  void tooLittleData_failsTheRetrain_withReason() {
    ContinuousTraining<OffsetModel> loop = loop().minTrainingRows(100).build();
    loop.start();
    serveAndLabel(loop, "a", 3, 1.0);

    assertThat(loop.retrainNow("by hand")).isTrue();

    assertThat(trainedOn).isEmpty();
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(LoopEvent.Type.RETRAIN_FAILED);
      assertThat(e.reason()).isEqualTo("too little training data: 3 rows, at least 100 required");
      assertThat(e.details()).containsEntry("trigger", "MANUAL");
    });
  }

  @Test
  void driftTrigger_retrainsAfterKConsecutiveDriftedWindowsOnly() {
    ContinuousTraining<OffsetModel> loop = loop().driftTrigger(2).build();
    loop.start();
    serveAndLabel(loop, "a", 20, 4.0);
    Monitoring.DriftSignal signal = monitorings.get(0).signal;

    signal.windowClosed(WindowSignal.drift(true, "temp drifted"));
    signal.windowClosed(WindowSignal.drift(false, "ok"));
    signal.windowClosed(WindowSignal.drift(true, "temp drifted"));
    assertThat(trainedOn).isEmpty();
    signal.windowClosed(WindowSignal.drift(true, "temp drifted"));

    assertThat(trainedOn).hasSize(1);
    assertThat(eventTypes()).containsExactly(LoopEvent.Type.DRIFT, LoopEvent.Type.DRIFT, LoopEvent.Type.DRIFT,
        LoopEvent.Type.TRAINED, LoopEvent.Type.PROMOTED);
    assertThat(events.get(4).details()).containsEntry("trigger", "DRIFT")
        .containsEntry("trigger.consecutive_windows", "2")
        .containsEntry("trigger_reason", "dataset drift in 2 consecutive windows: temp drifted");
    // The old deployment's monitoring no longer drives the loop once v2 serves.
    signal.windowClosed(WindowSignal.drift(true, "late window of v1"));
    signal.windowClosed(WindowSignal.drift(true, "late window of v1"));
    assertThat(trainedOn).hasSize(1);
  }

  @Test
  void performanceTrigger_retrainsWhenRealisedMetricCrossesThreshold() {
    ContinuousTraining<OffsetModel> loop = loop().performanceMeasure(OffsetModel.MAE).performanceTrigger(2.0, 10).build();
    loop.start();

    serveAndLabel(loop, "good", 10, 1.5);   // MAE 1.5 <= 2.0: no retrain
    assertThat(trainedOn).isEmpty();
    serveAndLabel(loop, "bad", 10, 3.0);    // MAE 3.0 > 2.0 over the last 10 labels

    assertThat(trainedOn).hasSize(1);
    assertThat(events.get(0).details()).containsEntry("trigger", "PERFORMANCE")
        .containsEntry("trigger_reason", "mae 3.00000 over the last 10 labels is worse than the threshold 2.00000");
  }

  @Test
  void schedule_retrainsWhenThePeriodElapsedOnTheClock_throughTheHostScheduler() {
    List<Runnable> scheduledTasks = new ArrayList<>();
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1) {
      @Override
      public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initial, long delay, TimeUnit unit) {
        scheduledTasks.add(task);
        // a real future that does not run during the test: the test runs the captured task by hand
        return super.scheduleWithFixedDelay(() -> { }, 1, 1, TimeUnit.DAYS);
      }
    };
    try {
      ContinuousTraining<OffsetModel> loop = loop().schedule(Duration.ofHours(6))
          .scheduler(scheduler, Duration.ofMinutes(1)).build();
      loop.start();
      serveAndLabel(loop, "a", 5, 2.0);
      assertThat(scheduledTasks).hasSize(1);

      clock.advance(Duration.ofHours(5));
      scheduledTasks.get(0).run();
      assertThat(trainedOn).isEmpty();
      clock.advance(Duration.ofHours(1));
      scheduledTasks.get(0).run();
      assertThat(trainedOn).hasSize(1);
      assertThat(events.get(0).details()).containsEntry("trigger", "SCHEDULE");
      assertThat(loop.tick()).isFalse();
      clock.advance(Duration.ofHours(6));
      assertThat(loop.tick()).isTrue();
      assertThat(trainedOn).hasSize(2);
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void onlyOneRetrainRunsAtATime() {
    List<Runnable> queued = new ArrayList<>();
    ContinuousTraining<OffsetModel> loop = loop().executor(queued::add).build();
    loop.start();
    serveAndLabel(loop, "a", 5, 2.0);

    assertThat(loop.retrainNow("first")).isTrue();
    assertThat(loop.isRetraining()).isTrue();
    assertThat(loop.retrainNow("second")).isFalse();
    assertThat(queued).hasSize(1);
    queued.get(0).run();

    assertThat(loop.isRetraining()).isFalse();
    assertThat(trainedOn).hasSize(1);
    assertThat(loop.retrainNow("third")).isTrue();
  }

  @Test
  void probation_rollsBackANewChampionThatDoesWorseThanThePrevious() {
    // The retrainer always promotes a model with offset 10, which is wrong for y = x.
    ContinuousTraining<OffsetModel> loop = ContinuousTraining
        .<OffsetModel>builder(MODEL, registry, OffsetModel.ADAPTER,
            (data, champion) -> RetrainOutcome.promote(OffsetModel.parts(10.0), Map.of(), List.of("forced")))
        .clock(clock).listener(events::add).executor(Runnable::run)
        .performanceMeasure(OffsetModel.MAE).probation(20, 0.05)
        .build();
    loop.start();
    serveAndLabel(loop, "v1-", 20, 0.0);     // v1: MAE 0 over its last 20 labels
    loop.retrainNow("try a new model");
    assertThat(loop.championVersion()).isEqualTo(2);

    serveAndLabel(loop, "v2-", 19, 0.0);
    assertThat(loop.championVersion()).isEqualTo(2);
    serveAndLabel(loop, "v2b-", 1, 0.0);     // 20th label: MAE 10 vs the previous champion's 0 on the same rows

    assertThat(loop.championVersion()).isEqualTo(1);
    assertThat(loop.endpoint().predict(Map.of("x", 3.0)).value()).isEqualTo(3.0);
    assertThat(registry.resolve(MODEL, ModelRegistry.CHAMPION)).map(v -> v.version()).contains(1);
    assertThat(events).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo(LoopEvent.Type.ROLLED_BACK);
      assertThat(e.version()).isEqualTo(1);
      assertThat(e.reason()).startsWith("probation failed: mae on the same 20 labelled rows: v2 10.0000, "
          + "v1 (previous, in shadow) 0.00000, difference +10.0000, 95% interval [10.0000, 10.0000], "
          + "one-sided p = 0.000999 by paired bootstrap (alpha 0.0500)");
      assertThat(e.details()).containsEntry("from_version", "2");
    });
    assertThat(loopAuditTypes()).containsExactly("loop.trained", "loop.promoted", "loop.rolled_back");
  }

  @Test
  void probation_passes_whenTheNewChampionIsNotWorse() {
    ContinuousTraining<OffsetModel> loop = loop().performanceMeasure(OffsetModel.MAE).probation(20, 0.05).build();
    loop.start();
    serveAndLabel(loop, "v1-", 10, 5.0);     // v1 (offset 0): MAE 5
    loop.retrainNow("refit");                 // fits offset 5
    assertThat(loop.championVersion()).isEqualTo(2);

    serveAndLabel(loop, "v2-", 19, 5.0);     // v2: MAE 0, v1 in shadow: MAE 5
    assertThat(eventTypes()).doesNotContain(LoopEvent.Type.PROBATION_PASSED);
    serveAndLabel(loop, "v2b-", 1, 5.0);

    assertThat(loop.championVersion()).isEqualTo(2);
    assertThat(events).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo(LoopEvent.Type.PROBATION_PASSED);
      assertThat(e.version()).isEqualTo(2);
      assertThat(e.reason()).startsWith("mae on the same 20 labelled rows: v2 0.00000, v1 (previous, in shadow) 5.00000");
    });
  }

  @Test
  void manualRollback_restoresThePreviousChampionInOneCall() {
    ContinuousTraining<OffsetModel> loop = loop().build();
    loop.start();
    serveAndLabel(loop, "a", 10, 5.0);
    loop.retrainNow("refit");
    assertThat(loop.championVersion()).isEqualTo(2);

    assertThat(loop.rollback("operator saw bad predictions")).isEqualTo(1);

    assertThat(loop.endpoint().predict(Map.of("x", 1.0)).modelVersion()).isEqualTo(1);
    assertThat(registry.resolve(MODEL, ModelRegistry.CHAMPION)).map(v -> v.version()).contains(1);
    assertThat(events).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo(LoopEvent.Type.ROLLED_BACK);
      assertThat(e.reason()).isEqualTo("manual rollback: operator saw bad predictions");
    });
    // The restored deployment keeps its own monitoring (no new monitoring was created for v1).
    assertThat(monitorings).extracting(m -> m.version).containsExactly(1, 2);
  }

  @Test
  void labels_withoutAPendingPrediction_areCountedNotJoined() {
    ContinuousTraining<OffsetModel> loop = loop().maxPendingPredictions(2).build();
    loop.start();
    ModelEndpoint endpoint = loop.endpoint();
    endpoint.predict("p1", Map.of("x", 1.0));
    endpoint.predict("p2", Map.of("x", 1.0));
    endpoint.predict("p3", Map.of("x", 1.0));   // evicts p1

    assertThat(loop.recordLabel("p1", 1.0)).isFalse();
    assertThat(loop.recordLabel("nope", 1.0)).isFalse();
    assertThat(loop.recordLabel("p3", 1.0)).isTrue();
    assertThat(loop.recordLabel("p3", 1.0)).isFalse();
    assertThat(loop.labelCounts()).isEqualTo(new LabelCounts(1, 3, 1, 1));
    assertThat(events).isEmpty();
    assertThatThrownBy(() -> loop.recordLabel("p2", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label must be finite: NaN (request p2)");
  }

  @Test
  void builder_rejectsInconsistentOptions() {
    assertThatThrownBy(() -> ContinuousTraining.builder(MODEL, registry, OffsetModel.ADAPTER, this::fitOffset)
        .driftTrigger(2).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("drift trigger requires monitoring: driftTrigger(...)");
    assertThatThrownBy(() -> loop().probation(20, 0.5).build())
        .hasMessage("probation requires a performance measure: probation(20, 0.5)");
    assertThatThrownBy(() -> loop().probation(10, 0.5))
        .hasMessage("probation labels must be at least 20: 10");
    assertThatThrownBy(() -> loop().labelTimeout(Duration.ZERO))
        .hasMessage("label timeout must be at least 1 ms: PT0S");
    assertThatThrownBy(() -> loop().volumeTrigger(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("volume trigger rows must be at least 1: 0");
    assertThatThrownBy(() -> loop().schedule(Duration.ZERO))
        .hasMessage("schedule period must be positive: PT0S");
  }
}
