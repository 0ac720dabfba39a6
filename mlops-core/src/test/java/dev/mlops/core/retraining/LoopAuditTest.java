package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.RunRecord;
import dev.mlops.core.registry.AuditEvent;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.monitor.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile cases a service meets: restarts, broken models, stray and repeated labels, a full store. */
final class LoopAuditTest {

  private static final String MODEL = "offset";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
  private final List<LoopEvent> events = Collections.synchronizedList(new ArrayList<>());

  private ModelRegistry offsetRegistry() {
    ModelRegistry registry = FileSystemModelRegistry.open(dir.resolve("registry"));
    registry.promote(MODEL, registry.register(MODEL, OffsetModel.parts(0.0), Map.of()).version());
    return registry;
  }

  /** A loop whose retrainer always promotes offset 10 (wrong for y = x), with probation over 20 labels. */
  private ContinuousTraining<OffsetModel> badRetrainLoop(ModelRegistry registry) {
    return ContinuousTraining.<OffsetModel>builder(MODEL, registry, OffsetModel.ADAPTER,
            (data, champion) -> RetrainOutcome.promote(OffsetModel.parts(10.0), Map.of(), List.of("forced")))
        .clock(clock).listener(events::add).executor(Runnable::run)
        .performanceMeasure(OffsetModel.MAE).probation(20, 0.05)
        .build();
  }

  private static void serve(ContinuousTraining<?> loop, String prefix, int n) {
    for (int i = 0; i < n; i++) {
      loop.endpoint().predict(prefix + i, Map.of("x", (double) i));
    }
  }

  private static void label(ContinuousTraining<?> loop, String prefix, int n, double offset) {
    for (int i = 0; i < n; i++) {
      loop.recordLabel(prefix + i, i + offset);
    }
  }

  /** A started loop whose v1 served and labelled 20 rows, then promoted the bad v2 (now on probation). */
  private ContinuousTraining<OffsetModel> servingABadRetrain() {
    ContinuousTraining<OffsetModel> loop = badRetrainLoop(offsetRegistry());
    loop.start();
    serve(loop, "v1-", 20);
    label(loop, "v1-", 20, 0.0);
    loop.retrainNow("try a new model");
    return loop;
  }

  /** Serves every row of the table (its target {@code y} removed) and labels it with y. */
  private static void replay(ContinuousTraining<?> loop, ModelEndpoint endpoint, Table live) {
    for (int i = 0; i < live.rowCount(); i++) {
      Map<String, Object> row = new HashMap<>(live.row(i));
      double y = (double) row.remove("y");
      endpoint.predict("r" + i, row);
      loop.recordLabel("r" + i, y);
    }
  }

  @Test
  void restartInTheMiddleOfProbation_resumesIt_andStillRollsBackAWorseChampion() {
    ContinuousTraining<OffsetModel> first = servingABadRetrain();
    assertThat(first.championVersion()).isEqualTo(2);
    serve(first, "v2-", 10);
    label(first, "v2-", 10, 0.0);        // 10 of the 20 probation labels, then the service restarts
    first.close();

    ContinuousTraining<OffsetModel> second = badRetrainLoop(FileSystemModelRegistry.open(dir.resolve("registry")));
    second.start();
    assertThat(second.championVersion()).isEqualTo(2);
    serve(second, "after-", 20);
    label(second, "after-", 20, 0.0);

    assertThat(second.championVersion()).isEqualTo(1);
    assertThat(events).last().satisfies(e -> {
      assertThat(e.type()).isEqualTo(LoopEvent.Type.ROLLED_BACK);
      assertThat(e.reason()).startsWith("probation failed: mae on the same 20 labelled rows: v2 10.0000, v1 (previous, "
          + "in shadow) 0.00000");
    });
  }

  @Test
  void restartAfterAProbationThatEnded_doesNotStartItAgain() {
    ContinuousTraining<OffsetModel> first = servingABadRetrain();
    first.rollback("operator");            // ends the probation: v1 serves again
    first.retrainNow("again");             // v3 promoted, on probation
    serve(first, "v3-", 20);
    label(first, "v3-", 20, 10.0);         // v3 (offset 10) is right here: probation passed
    assertThat(events).last().extracting(LoopEvent::type).isEqualTo(LoopEvent.Type.PROBATION_PASSED);
    first.close();
    events.clear();

    ContinuousTraining<OffsetModel> second = badRetrainLoop(FileSystemModelRegistry.open(dir.resolve("registry")));
    second.start();
    serve(second, "after-", 20);
    label(second, "after-", 20, 0.0);      // worse than v1 now, but its probation is over

    assertThat(second.championVersion()).isEqualTo(3);
    assertThat(events).extracting(LoopEvent::type).doesNotContain(LoopEvent.Type.ROLLED_BACK);
  }

  @Test
  void labelsOfPredictionsMadeBeforeARestart_stillJoin_andReachTheStore() {
    ModelRegistry registry = offsetRegistry();
    ContinuousTraining<OffsetModel> first = ContinuousTraining.<OffsetModel>builder(MODEL, registry,
        OffsetModel.ADAPTER, (d, c) -> RetrainOutcome.reject(Map.of(), List.of("no"))).clock(clock).build();
    first.start();
    serve(first, "before-", 30);
    label(first, "before-", 10, 1.0);
    first.close();

    ContinuousTraining<OffsetModel> second = ContinuousTraining.<OffsetModel>builder(MODEL,
        FileSystemModelRegistry.open(dir.resolve("registry")), OffsetModel.ADAPTER,
        (d, c) -> RetrainOutcome.reject(Map.of(), List.of("no"))).clock(clock).build();
    second.start();
    for (int i = 10; i < 30; i++) {
      assertThat(second.recordLabel("before-" + i, i + 1.0)).isTrue();
    }

    assertThat(second.labelCounts()).isEqualTo(new LabelCounts(20, 0, 0, 0));
    TrainingData kept = second.labelStore().snapshot(clock.instant(), 0);
    assertThat(kept.size()).isEqualTo(30);
    assertThat(kept.rows().get(29).get("x")).isEqualTo(29.0);
    assertThat(kept.labels()[29]).isEqualTo(30.0);
  }

  @Test
  void predictionsSavedAtShutdown_stillExpireAfterTheTimeout_countedOnce() {
    ModelRegistry registry = offsetRegistry();
    ContinuousTraining<OffsetModel> first = ContinuousTraining.<OffsetModel>builder(MODEL, registry,
        OffsetModel.ADAPTER, (d, c) -> RetrainOutcome.reject(Map.of(), List.of("no"))).clock(clock).build();
    first.start();
    serve(first, "old-", 5);
    first.close();
    clock.advance(Duration.ofDays(8));

    ContinuousTraining<OffsetModel> second = ContinuousTraining.<OffsetModel>builder(MODEL,
        FileSystemModelRegistry.open(dir.resolve("registry")), OffsetModel.ADAPTER,
        (d, c) -> RetrainOutcome.reject(Map.of(), List.of("no"))).clock(clock).build();
    second.start();

    assertThat(second.recordLabel("old-0", 1.0)).isFalse();
    assertThat(second.labelCounts()).isEqualTo(new LabelCounts(0, 1, 5, 0));
  }

  @Test
  void strayAndRepeatedLabels_areCountedInEveryEvent_andNeverStored() {
    ModelRegistry registry = offsetRegistry();
    ContinuousTraining<OffsetModel> loop = badRetrainLoop(registry);
    loop.start();
    serve(loop, "a", 10);
    label(loop, "a", 10, 0.0);
    label(loop, "a", 10, 0.0);             // the same ten labels again
    assertThat(loop.recordLabel("nobody-asked", 3.0)).isFalse();
    loop.retrainNow("audit");

    assertThat(loop.labelStore().size()).isEqualTo(10);
    assertThat(loop.labelCounts()).isEqualTo(new LabelCounts(10, 11, 0, 0));
    assertThat(events).first().satisfies(e -> assertThat(e.details()).containsEntry("labels_matched", "10")
        .containsEntry("labels_unmatched", "11").containsEntry("labels_expired", "0"));
    assertThat(registry.auditLog()).filteredOn(e -> e.type().equals("loop.trained")).singleElement()
        .extracting(AuditEvent::details).satisfies(d -> assertThat(d).containsEntry("labels_unmatched", "11"));
  }

  @Test
  void fullLabelStore_keepsTheNewestRowsAcrossARestart_withABoundedFile() throws Exception {
    Path file = dir.resolve("store.jsonl");
    ModelRegistry registry = offsetRegistry();
    ContinuousTraining<OffsetModel> loop = ContinuousTraining.<OffsetModel>builder(MODEL, registry,
            OffsetModel.ADAPTER, (d, c) -> RetrainOutcome.reject(Map.of(), List.of("no")))
        .labelStore(LabelStore.builder().maxRows(50).persistTo(file).build()).clock(clock).build();
    loop.start();
    for (int i = 0; i < 3_000; i++) {
      loop.endpoint().predict("r" + i, Map.of("x", (double) i));
      loop.recordLabel("r" + i, i);
    }
    loop.close();

    LabelStore reloaded = LabelStore.builder().maxRows(50).persistTo(file).build();
    TrainingData kept = reloaded.snapshot(clock.instant(), 0);
    assertThat(kept.size()).isEqualTo(50);
    assertThat(kept.rows().get(0).get("x")).isEqualTo(2_950.0);
    assertThat(kept.labels()[49]).isEqualTo(2_999.0);
    assertThat(Files.readAllLines(file)).hasSizeLessThanOrEqualTo(2 * 50 + 1_000 + 1);
  }

  @Test
  void monitoringFactory_receivesEveryDeployedVersion() {
    ModelRegistry registry = offsetRegistry();
    List<Integer> versions = new ArrayList<>();
    ContinuousTraining<OffsetModel> loop = ContinuousTraining.<OffsetModel>builder(MODEL, registry,
            OffsetModel.ADAPTER, (d, c) -> RetrainOutcome.promote(OffsetModel.parts(1.0), Map.of(), List.of("ok")))
        .monitoring((name, version, model, signal) -> {
          versions.add(version);
          return new ContinuousTrainingTest.FakeMonitoring(version, signal);
        })
        .executor(Runnable::run).clock(clock).build();
    loop.start();
    serve(loop, "a", 5);
    label(loop, "a", 5, 1.0);
    loop.retrainNow("one");
    loop.retrainNow("two");

    assertThat(versions).containsExactly(1, 2, 3);
  }

  @Test
  void allOfTriggers_fireOnlyWhenEveryPartHolds_andTheVersionRecordsEachPartsEvidence() {
    ModelRegistry registry = offsetRegistry();
    ContinuousTraining<OffsetModel> loop = ContinuousTraining.<OffsetModel>builder(MODEL, registry,
            OffsetModel.ADAPTER, (d, c) -> RetrainOutcome.promote(OffsetModel.parts(1.0), Map.of(), List.of("ok")))
        .policy(RetrainPolicy.allOf(RetrainPolicy.volume(30), RetrainPolicy.schedule(Duration.ofDays(1))))
        .followUpShortWindows(false)
        .executor(Runnable::run).clock(clock).listener(events::add).build();
    loop.start();
    serve(loop, "a", 40);
    label(loop, "a", 40, 1.0);             // volume reached, the day not over
    assertThat(events).isEmpty();
    clock.advance(Duration.ofHours(25));
    assertThat(loop.tick()).isTrue();

    assertThat(loop.championVersion()).isEqualTo(2);
    Map<String, String> metadata = registry.version(MODEL, 2).metadata();
    assertThat(metadata.get("loop.trigger_reason")).contains("40").contains("PT24H");
    assertThat(metadata).containsKey("loop.trigger");
  }

  @Test
  void retrainFiredByALabel_runsOnTheLoopsOwnDaemonThread_notTheCallers() throws Exception {
    ModelRegistry registry = offsetRegistry();
    List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
    ContinuousTraining<OffsetModel> loop = ContinuousTraining.<OffsetModel>builder(MODEL, registry,
            OffsetModel.ADAPTER, (d, c) -> {
              ranOn.add(Thread.currentThread());
              return RetrainOutcome.reject(Map.of(), List.of("no"));
            })
        .volumeTrigger(10).clock(clock).build();
    loop.start();
    serve(loop, "a", 10);
    label(loop, "a", 10, 1.0);             // the 10th label fires the volume trigger on this thread
    assertThat(loop.awaitIdle(60_000)).isTrue();

    assertThat(ranOn).singleElement().satisfies(t -> {
      assertThat(t).isNotSameAs(Thread.currentThread());
      assertThat(t.isDaemon()).isTrue();
      assertThat(t.getName()).isEqualTo("mlops-retrain-" + MODEL);
    });
    loop.close();
  }

  // ---------------------------------------------------------------- through a pipeline

  /** x1, x2 ~ U(0, 1) + shift; a store id and a sex column that are no model inputs; y = 3 x1 - 2 x2 (+1 in store s0). */
  private static Table shop(int n, long seed, double shift) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    String[] store = new String[n];
    String[] sex = new String[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x1[i] = rnd.nextDouble() + shift;
      x2[i] = rnd.nextDouble();
      store[i] = "s" + rnd.nextInt(6);
      sex[i] = rnd.nextBoolean() ? "f" : "m";
      y[i] = 3 * x1[i] - 2 * x2[i] + (store[i].equals("s0") ? 1 : 0) + 0.1 * rnd.nextDouble();
    }
    return Table.builder().numeric("x1", x1).numeric("x2", x2).categorical("store", store).categorical("sex", sex)
        .numeric("y", y).build();
  }

  @Test
  void pipelineRetrainer_keepsExcludedColumnsItsExpectationsRead_besideTheGroupSplitColumn() {
    Table history = shop(300, 1, 0.0);
    List<Object> sexesSeen = Collections.synchronizedList(new ArrayList<>());
    Pipeline pipeline = Pipeline.builder("shop").source(history).target("y").exclude("store", "sex")
        .split(Split.byGroup("store").testFraction(0.34))
        .train(Trainers.randomForestRegressor().trees(8).mtry(2))
        .evaluateRegressor(t -> t.bootstrap(0).expectInvariance("sex", row -> {
          sexesSeen.add(row.get("sex"));
          return row;
        }))
        .seed(3).build();
    PipelineRun first = pipeline.run();
    assertThat(first.model().inputs()).extracting(c -> c.name()).containsExactly("x1", "x2");
    ModelRegistry registry = FileSystemModelRegistry.open(dir.resolve("shop"));
    registry.promote("shop", registry.register("shop", RunRecord.registryParts(first), RunRecord.metadata(first))
        .version());
    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("shop", registry, TrainedModelAdapter.create(), PipelineRetrainer.of(pipeline))
        .history(PipelineRetrainer.history(history, first.model()))
        .executor(Runnable::run).listener(events::add).clock(clock).build();
    ModelEndpoint endpoint = loop.start();
    replay(loop, endpoint, shop(120, 2, 1.0));
    sexesSeen.clear();

    loop.retrainNow("audit");

    assertThat(events).extracting(LoopEvent::type).doesNotContain(LoopEvent.Type.RETRAIN_FAILED)
        .contains(LoopEvent.Type.TRAINED);
    assertThat(sexesSeen).isNotEmpty().doesNotContainNull();
    assertThat(loop.championModel().inputs()).extracting(c -> c.name()).containsExactly("x1", "x2");
  }

  @Test
  void championThatThrowsWhileScoring_neverLetsTheCandidateThrough() {
    DoubleUnaryOperator square = x -> x * x;
    AtomicBoolean broken = new AtomicBoolean();
    Table history = PipelineLoopTest.data(300, 1, 0.0);
    Pipeline pipeline = Pipeline.builder("fn").source(history).target("y")
        .transform(t -> t.map("square", "x1", square).oneHot("colour"))
        .split(Split.random().testFraction(0.25)).train(Trainers.randomForestRegressor().trees(8).mtry(2))
        .seed(3).build();
    PipelineRun first = pipeline.run();
    ModelRegistry registry = FileSystemModelRegistry.open(dir.resolve("fn"));
    registry.promote("fn", registry.register("fn", RunRecord.registryParts(first), RunRecord.metadata(first)).version());
    TrainedModelAdapter adapter = TrainedModelAdapter.create().withUserFunction("square", x -> {
      if (broken.get()) {
        throw new IllegalStateException("feature service down");
      }
      return x * x;
    });
    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("fn", registry, adapter, PipelineRetrainer.of(pipeline))
        .history(PipelineRetrainer.history(history, first.model()))
        .executor(Runnable::run).listener(events::add).clock(clock).build();
    ModelEndpoint endpoint = loop.start();
    replay(loop, endpoint, PipelineLoopTest.data(120, 2, 1.0));
    broken.set(true);

    loop.retrainNow("audit");

    assertThat(loop.championVersion()).isEqualTo(1);
    assertThat(events).extracting(LoopEvent::type).doesNotContain(LoopEvent.Type.PROMOTED);
    assertThat(events).filteredOn(e -> e.type() == LoopEvent.Type.REJECTED).singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("champion could not score"));
  }
}
