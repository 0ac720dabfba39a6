package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.DriftThresholds;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.MutableClock;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop driven by real DriftMonitors: drift in live traffic retrains and re-bases monitoring. */
final class DriftMonitoringTest {

  @TempDir Path dir;

  /**
   * The reference is a ramp of 500 values in order, calibrated on 8 windows of 64 rows whose mean shifts spread 1.30
   * reference sd: at the default 0.2% false alarms the bound (6.54) sits above the first window of traffic moved by
   * 1,000 (6.05), at 1% below it. These tests are about the loop's reaction to drift, so they state 1%.
   */
  private static final DriftThresholds RAMP_RATE = DriftThresholds.calibrated(0.01);

  private static ReferenceProfile uniformX(double from) {
    double[] x = new double[500];
    for (int i = 0; i < x.length; i++) {
      x[i] = from + i;
    }
    return ReferenceProfile.builder().addColumn("x", x).build();
  }

  @Test
  void datasetDriftInTwoConsecutiveWindows_retrainsAndRebasesOnTheNewModelsProfile() {
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    registry.promote("m", registry.register("m", OffsetModel.parts(0.0), Map.of()).version());
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
    List<DriftMonitor> monitors = Collections.synchronizedList(new ArrayList<>());
    List<LoopEvent> events = Collections.synchronizedList(new ArrayList<>());
    // The reference of a model with offset b is x uniform on [b, b + 500): a refit on shifted traffic moves it.
    Monitoring.Factory<OffsetModel> factory = DriftMonitoring.factory(
        model -> uniformX(model.offset()),
        profile -> DriftMonitor.builder(profile).window(Window.tumblingCount(50)).clock(clock).executor(Runnable::run)
            .thresholds(RAMP_RATE));
    ContinuousTraining<OffsetModel> loop = ContinuousTraining
        .<OffsetModel>builder("m", registry, OffsetModel.ADAPTER,
            (data, champion) -> RetrainOutcome.promote(OffsetModel.parts(1000.0), Map.of(), List.of("refit")))
        .monitoring((name, version, model, signal) -> {
          Monitoring m = factory.create(name, version, model, signal);
          monitors.add((DriftMonitor) m.monitor());
          return m;
        })
        .driftTrigger(2)
        .executor(Runnable::run)
        .clock(clock)
        .listener(events::add)
        .build();
    ModelEndpoint endpoint = loop.start();

    for (int i = 0; i < 50; i++) {               // window 1: like the reference, no drift
      endpoint.predict("a" + i, Map.of("x", (double) (i * 10)));
    }
    assertThat(events).isEmpty();
    for (int i = 0; i < 100; i++) {              // windows 2 and 3: x moved to [1000, 1500)
      String id = "b" + i;
      endpoint.predict(id, Map.of("x", 1000.0 + i * 5));
      loop.recordLabel(id, 1000.0 + i * 5);
    }

    assertThat(events).extracting(LoopEvent::type).containsExactly(
        LoopEvent.Type.DRIFT, LoopEvent.Type.DRIFT, LoopEvent.Type.TRAINED, LoopEvent.Type.PROMOTED);
    assertThat(events.get(0).reason()).startsWith("window 2 (50 records): drift share 1.000").contains("drifted: x (");
    assertThat(loop.championVersion()).isEqualTo(2);
    assertThat(monitors).hasSize(2);
    assertThat(monitors.get(0).records()).isEqualTo(150);
    assertThat(monitors.get(0).history()).hasSize(3);
    assertThat(monitors.get(1).profile().feature("x")).isPresent();
    // each drifted feature carries the monitor's own reason: statistic, threshold and its origin
    FeatureDrift x = monitors.get(0).history().get(1).driftedFeatures().get(0);
    assertThat(x.reason()).isNotBlank();
    assertThat(events.get(0).reason())
        .endsWith("drifted: x (fired: " + String.join(", ", x.firedChecks()) + "; " + x.reason() + ")");
    assertThat(loop.championMonitoring()).map(Monitoring::monitor).containsSame(monitors.get(1));

    // Traffic spread like the new model's reference: no further drift.
    for (int i = 0; i < 100; i++) {
      endpoint.predict("c" + i, Map.of("x", 1000.0 + (i * 37 % 100) * 5));
    }
    assertThat(monitors.get(1).records()).isEqualTo(100);
    assertThat(monitors.get(1).history()).hasSize(2).noneMatch(r -> r.datasetDrift());
    assertThat(events).hasSize(4);
  }

  @Test
  void awaitIdle_waitsForEveryClosedWindowsVerdict_andForTheRetrainItStarts() throws Exception {
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    registry.promote("m", registry.register("m", OffsetModel.parts(0.0), Map.of()).version());
    MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
    List<LoopEvent> events = Collections.synchronizedList(new ArrayList<>());
    // windows are evaluated late, on another thread (as a loaded machine would): the replay must wait for them
    Executor late = CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS);
    ContinuousTraining<OffsetModel> loop = ContinuousTraining
        .<OffsetModel>builder("m", registry, OffsetModel.ADAPTER,
            (data, champion) -> RetrainOutcome.promote(OffsetModel.parts(1000.0), Map.of(), List.of("refit")))
        .monitoring(DriftMonitoring.factory(model -> uniformX(model.offset()),
            profile -> DriftMonitor.builder(profile).window(Window.tumblingCount(50)).clock(clock).executor(late)
                .thresholds(RAMP_RATE)))
        .driftTrigger(2)
        .clock(clock)
        .listener(events::add)
        .build();
    ModelEndpoint endpoint = loop.start();
    for (int i = 0; i < 100; i++) {              // windows 1 and 2: x moved to [1000, 1500)
      endpoint.predict("b" + i, Map.of("x", 1000.0 + i * 5));
      loop.recordLabel("b" + i, 1000.0 + i * 5);
    }

    assertThat(loop.awaitIdle(60_000)).isTrue();

    assertThat(events).extracting(LoopEvent::type).containsExactly(
        LoopEvent.Type.DRIFT, LoopEvent.Type.DRIFT, LoopEvent.Type.TRAINED, LoopEvent.Type.PROMOTED);
    assertThat(loop.championVersion()).isEqualTo(2);
    loop.close();
  }

  @Test
  void driftTriggerEvidence_namesTheScaleCheck_whenOnlyTheSpreadChanged() {
    SplittableRandom random = new SplittableRandom(5);
    ReferenceProfile.Builder profile = ReferenceProfile.builder().numeric("x", "y");
    for (int i = 0; i < 4_000; i++) {
      profile.add(Map.of("x", random.nextDouble(), "y", random.nextDouble()));
    }
    DriftMonitor monitor = DriftMonitor.builder(profile.build()).window(Window.tumblingCount(1_000)).build();
    for (int i = 0; i < 1_000; i++) {       // x keeps its centre, its spread narrows to 0.9
      monitor.record(Map.of("x", 0.05 + 0.9 * random.nextDouble(), "y", random.nextDouble()), null, null);
    }
    monitor.awaitEvaluation();
    DriftReport window = monitor.latestReport().orElseThrow();
    FeatureDrift x = window.feature("x").orElseThrow();
    assertThat(x.firedChecks()).as(x.reason()).containsExactly("scale");

    WindowSignal signal = DriftMonitoring.signal(window);
    assertThat(signal.datasetDrift()).isTrue();
    assertThat(signal.summary()).contains("drifted: x (fired: scale; scale check: log sd ratio -0.")
        .contains(" outside [");
    Firing firing = RetrainPolicy.drift(1).evaluate(new PolicyState(Instant.EPOCH, Instant.EPOCH, 0,
        new double[0], List.of(), 0, null, List.of(signal))).orElseThrow();
    assertThat(firing.reason()).contains("x (fired: scale; scale check: log sd ratio");
  }
}
