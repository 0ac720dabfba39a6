package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.RunRecord;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.LoadedVersion;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.serving.InvalidRowException;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.transform.ColumnSelector;
import dev.mlops.metrics.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop around a real pipeline, registry and TrainedModel (tiny forests). */
final class PipelineLoopTest {

  @TempDir Path dir;

  /** n rows: x1, x2 ~ U(0, 1) + shift, colour in {red, green, blue}, y = 3 x1 - 2 x2 + [red] + N(0, 0.1). */
  static Table data(int n, long seed, double shift) {
    return data(n, seed, shift, 1);
  }

  /** The same rows with the linear part's sign: -1 is another concept of the same features. */
  static Table data(int n, long seed, double shift, int sign) {
    return data(n, seed, shift, sign, false);
  }

  /**
   * The same rows; {@code onTheLine}: x1 in [0, 0.66) and x2 = 1.5 x1, where 3 x1 - 2 x2 = 0 and the
   * two signs' concepts give the same values.
   */
  static Table data(int n, long seed, double shift, int sign, boolean onTheLine) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    String[] colour = new String[n];
    double[] y = new double[n];
    String[] colours = {"red", "green", "blue"};
    for (int i = 0; i < n; i++) {
      x1[i] = (onTheLine ? 0.66 : 1.0) * rnd.nextDouble() + shift;
      x2[i] = onTheLine ? 1.5 * (x1[i] - shift) : rnd.nextDouble();
      colour[i] = colours[rnd.nextInt(3)];
      y[i] = sign * (3 * x1[i] - 2 * x2[i]) + (colour[i].equals("red") ? 1 : 0) + 0.1 * (rnd.nextDouble() - 0.5);
    }
    return Table.builder().numeric("x1", x1).numeric("x2", x2).categorical("colour", colour).numeric("y", y).build();
  }

  static Pipeline pipeline(Table source) {
    return Pipeline.builder("loop-test")
        .source(source)
        .target("y")
        .transform(t -> t.oneHot("colour").standardize(ColumnSelector.numeric()))
        .split(Split.random().testFraction(0.25))
        .train(Trainers.randomForestRegressor().trees(8).mtry(2))
        .seed(3)
        .build();
  }

  @Test
  void volumeTrigger_retrainsThroughThePipeline_andServesTheRegisteredCandidate() {
    Table original = data(300, 1, 0.0);
    Pipeline pipeline = pipeline(original);
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    TrainedModel first = pipeline.run().model();
    registry.promote("bike", registry.register("bike", first.toParts(), Map.of()).version());
    List<LoopEvent> events = Collections.synchronizedList(new ArrayList<>());
    List<Integer> trainingRows = new ArrayList<>();
    PipelineRetrainer retrainer = PipelineRetrainer.of(pipeline).withOriginalData(original);
    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("bike", registry, TrainedModelAdapter.create(), (TrainingData d, TrainedModel champion) -> {
          trainingRows.add(d.size());
          return retrainer.retrain(d, champion);
        })
        .volumeTrigger(120)
        .listener(events::add)
        .executor(Runnable::run)
        .build();
    ModelEndpoint endpoint = loop.start();

    // Live traffic has moved: x1 in [1, 2) where the first model never saw data.
    Table live = data(120, 2, 1.0);
    double before = endpoint.predict("probe-1", Map.of("x1", 1.9, "x2", 0.1, "colour", "red")).value();
    for (int i = 0; i < live.rowCount(); i++) {
      Map<String, Object> row = new HashMap<>(live.row(i));
      double y = (double) row.remove("y");
      String id = "live-" + i;
      PredictionResult r = endpoint.predict(id, row);
      assertThat(r.modelVersion()).isEqualTo(1);
      loop.recordLabel(id, y);
    }

    // The loop passes the 120 recent rows; the retrainer appends the 300 original ones.
    assertThat(trainingRows).containsExactly(120);
    assertThat(events).extracting(LoopEvent::type).containsExactly(LoopEvent.Type.TRAINED, LoopEvent.Type.PROMOTED);
    assertThat(loop.championVersion()).isEqualTo(2);
    assertThat(registry.version("bike", 2).metadata()).containsKeys("run_id", "data_fingerprint", "gate");
    PredictionResult after = endpoint.predict("probe-2", Map.of("x1", 1.9, "x2", 0.1, "colour", "red"));
    assertThat(after.modelVersion()).isEqualTo(2);
    // True value 3 * 1.9 - 0.2 + 1 = 6.5; the first model, trained on x1 < 1, cannot exceed its
    // training targets (max about 4); the retrained one saw x1 in [1, 2) and moves towards 6.5
    // (an 8-tree forest on 420 rows, of which 90 train rows are in the new region, gets about 4.9).
    assertThat(before).isLessThan(4.2);
    assertThat(after.value()).isGreaterThan(before + 0.5);
  }

  @Test
  void versionRegisteredByTheLoop_holdsModelTestReportAndRunRecord_andStillLoads() throws Exception {
    Table original = data(300, 1, 0.0);
    Pipeline pipeline = Pipeline.builder("loop-test")
        .source(original)
        .target("y")
        .transform(t -> t.oneHot("colour").standardize(ColumnSelector.numeric()))
        .split(Split.random().testFraction(0.25))
        .train(Trainers.randomForestRegressor().trees(8).mtry(2))
        .evaluateRegressor(t -> t.bootstrap(0).expect(Metric.RMSE).atMost(10.0))
        .seed(3)
        .build();
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    registry.promote("m", registry.register("m", pipeline.run().model().toParts(), Map.of()).version());
    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("m", registry, TrainedModelAdapter.create(),
            PipelineRetrainer.of(pipeline).withOriginalData(original).windows(1.0))
        .executor(Runnable::run)
        .build();
    loop.start();
    Table live = data(60, 2, 0.5);
    for (int i = 0; i < live.rowCount(); i++) {
      Map<String, Object> row = new HashMap<>(live.row(i));
      double y = (double) row.remove("y");
      loop.endpoint().predict("r" + i, row);
      loop.recordLabel("r" + i, y);
    }

    loop.retrainNow("test");

    assertThat(loop.championVersion()).isEqualTo(2);
    LoadedVersion v2 = registry.load("m", 2);
    assertThat(v2.version().partNames()).containsExactlyInAnyOrder(TrainedModel.PART_MODEL,
        TrainedModel.PART_DESCRIPTOR, TrainedModel.PART_TRANSFORMS, TrainedModel.PART_CONTRACT,
        TrainedModel.PART_PROFILE, RunRecord.PART_MODEL_TEST_REPORT, RunRecord.PART_RUN);
    ObjectMapper json = new ObjectMapper();
    JsonNode report = json.readTree(v2.part(RunRecord.PART_MODEL_TEST_REPORT));
    assertThat(report.get("type").asText()).isEqualTo("model_test");
    assertThat(report.get("passed").asBoolean()).isTrue();
    // 360 rows (300 original, then 60 labelled): the holdout is the newest 50 rows (half of the 60
    // rows the champion never saw, raised to the minimum of 50); the registered model is the refit
    // on all 360 rows, carrying that holdout's evaluation.
    assertThat(report.get("n").asLong()).isEqualTo(50);
    JsonNode run = json.readTree(v2.part(RunRecord.PART_RUN));
    Map<String, String> metadata = v2.version().metadata();
    assertThat(run.get("run_id").asText()).isEqualTo(metadata.get("run_id")).isNotEmpty();
    assertThat(run.get("pipeline").asText()).isEqualTo("loop-test");
    assertThat(run.get("data_fingerprint").asText()).isEqualTo(metadata.get("data_fingerprint"));
    assertThat(run.get("definition_fingerprint").asText()).isEqualTo(metadata.get("definition_fingerprint"));
    assertThat(run.get("gate").get("decision").asText()).isEqualTo("PROMOTE").isEqualTo(metadata.get("gate"));
    assertThat(run.get("gate").get("champion_compared").asBoolean()).isTrue();
    assertThat(run.get("metrics").get("rmse").asDouble())
        .isEqualTo(Double.parseDouble(metadata.get("metric.rmse")))
        .isEqualTo(report.get("evaluation").get("metrics").get("rmse").get("value").asDouble());
    assertThat(run.get("validation").get("rows_in").asInt()).isEqualTo(360);
    assertThat(metadata).containsEntry("refit", "true").containsEntry("refit_rows", "360")
        .containsEntry("holdout_rows", "50").containsEntry("window.rows", "310").containsKey("selected_run_id");
    assertThat(run.get("model").get("metadata").get("refit").asText()).isEqualTo("true");
    assertThat(run.get("stages")).isNotEmpty();
    assertThat(run.get("versions").get("java").asText()).isNotEmpty();

    TrainedRegressor loaded = (TrainedRegressor) TrainedModelAdapter.create().load(v2);
    Map<String, Object> probe = Map.of("x1", 0.7, "x2", 0.2, "colour", "red");
    assertThat(loaded.predict(probe)).isEqualTo(((TrainedRegressor) loop.championModel()).predict(probe));
    assertThat(loop.endpoint().predict(probe).modelVersion()).isEqualTo(2);
  }

  @Test
  void assemble_buildsTheChampionsColumnsAndTarget_afterTheOriginalData() {
    Table original = data(30, 1, 0.0);
    Pipeline pipeline = pipeline(original);
    TrainedModel champion = pipeline.run().model();
    TrainingData recent = new TrainingData(
        List.of(Map.of("x1", 0.5, "x2", 0.25, "colour", "red"), Map.of("x1", 1.5, "x2", 0.75, "colour", "blue")),
        new double[] {2.0, 3.5}, 2);

    Table t = PipelineRetrainer.of(pipeline).withOriginalData(original).assemble(recent, champion);

    assertThat(t.names()).containsExactly("x1", "x2", "colour", "y");
    assertThat(t.rowCount()).isEqualTo(32);
    assertThat(t.row(31)).containsEntry("x1", 1.5).containsEntry("colour", "blue").containsEntry("y", 3.5);
    assertThat(t.row(0)).isEqualTo(original.row(0));
  }

  @Test
  void endpoint_refusesRowsBreakingTheTrainedModelsContract_namingTheField() {
    Pipeline pipeline = pipeline(data(200, 5, 0.0));
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    registry.promote("m", registry.register("m", pipeline.run().model().toParts(), Map.of()).version());
    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("m", registry, TrainedModelAdapter.create(), PipelineRetrainer.of(pipeline))
        .executor(Runnable::run).build();
    ModelEndpoint endpoint = loop.start();

    assertThatThrownBy(() -> endpoint.predict(Map.of("x1", "high", "x2", 0.5, "colour", "red")))
        .isInstanceOfSatisfying(InvalidRowException.class, e -> assertThat(e.fields()).containsExactly("x1"))
        .hasMessageContaining("x1 must be a number: \"high\"");
    assertThat(endpoint.stats().invalid()).isEqualTo(1);
    assertThat(endpoint.predict(Map.of("x1", 0.5, "x2", 0.5, "colour", "red")).modelVersion()).isEqualTo(1);
  }

  @Test
  void pipelineSplittingByTime_retrains_withTheTimeColumnKeptThoughNotAModelInput() {
    int n = 240;
    double[] date = new double[n];
    for (int i = 0; i < n; i++) {
      date[i] = 1.7e12 + i * 3_600_000.0;
    }
    Table base = data(n, 4, 0.0);
    Table history = Table.builder().timestamp("date", date).numeric("x1", base.numericColumn("x1"))
        .numeric("x2", base.numericColumn("x2")).categorical("colour", base.categoricalColumn("colour"))
        .numeric("y", base.numericColumn("y")).build();
    Pipeline pipeline = Pipeline.builder("by-time").source(history).target("y")
        .transform(t -> t.oneHot("colour")).split(Split.byTime("date").testFraction(0.2))
        .train(Trainers.randomForestRegressor().trees(8).mtry(2)).seed(3).build();
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    PipelineRun first = pipeline.run();
    registry.promote("t", registry.register("t", RunRecord.registryParts(first), RunRecord.metadata(first)).version());
    List<LoopEvent> events = Collections.synchronizedList(new ArrayList<>());
    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("t", registry, TrainedModelAdapter.create(), PipelineRetrainer.of(pipeline))
        .history(PipelineRetrainer.history(history, first.model()))
        .executor(Runnable::run).listener(events::add).build();
    ModelEndpoint endpoint = loop.start();
    assertThat(first.model().inputs()).extracting(c -> c.name()).doesNotContain("date");
    Table live = data(60, 5, 1.0);
    for (int i = 0; i < live.rowCount(); i++) {
      Map<String, Object> row = new HashMap<>(live.row(i));
      double y = (double) row.remove("y");
      row.put("date", java.time.Instant.ofEpochMilli((long) (1.7e12 + (n + i) * 3_600_000.0)).toString());
      endpoint.predict("r" + i, row);
      loop.recordLabel("r" + i, y);
    }

    loop.retrainNow("by time");

    assertThat(events).extracting(LoopEvent::type).doesNotContain(LoopEvent.Type.RETRAIN_FAILED)
        .contains(LoopEvent.Type.TRAINED);
    assertThat(events.get(0).details()).containsEntry("training_rows", "300").containsEntry("recent_rows", "60")
        .containsEntry("rows_since_champion", "60");
  }

  @Test
  void retrain_afterALocatedChangeShorterThanTheHoldout_doesNotRecordIt_soTheFitIsNotANewConcept() {
    Table history = data(300, 1, 0.0);
    Pipeline pipeline = pipeline(history);
    TrainedModel champion = pipeline.run().model();
    TrainingData all = PipelineRetrainer.history(history.append(data(100, 2, 1.0)), champion);
    TrainingData data = new TrainingData(all.rows(), all.labels(), 100, 100, 30);

    RetrainOutcome outcome = PipelineRetrainer.of(pipeline).measuredBy(PerformanceMeasure.of(Metric.MAE))
        .retrain(data, champion);

    // 30 rows after the change, 50 held out (the minimum): the change is no window of its own
    assertThat(outcome.metadata()).containsEntry("holdout_rows", "50").doesNotContainKey("change_rows")
        .containsEntry("change_rows_unused", "30 (not more than the 50 held-out rows)");
    assertThat(outcome.metadata().get("window.candidates")).doesNotContain("since the change");
    assertThat(ContinuousTraining.fitOf(Map.of("refit_rows", "350", "available_rows", "400"))
        .conceptRows()).isZero();
  }

  @Test
  void retrain_afterALocatedChange_holdsOutItsRows_offersThemAndMultiplesAsWindows_andSelectsAndGatesOnTheLoopsMeasure() {
    Table history = data(300, 1, 0.0);
    Pipeline pipeline = pipeline(history);
    TrainedModel champion = pipeline.run().model();
    Table shifted = data(100, 2, 1.0);
    TrainingData old = PipelineRetrainer.history(history, champion);
    TrainingData recent = PipelineRetrainer.history(shifted, champion);
    List<Map<String, ?>> rows = new ArrayList<>(old.rows());
    rows.addAll(recent.rows());
    double[] y = new double[400];
    System.arraycopy(old.labels(), 0, y, 0, 300);
    System.arraycopy(recent.labels(), 0, y, 300, 100);
    TrainingData data = new TrainingData(rows, y, 100, 100, 80);
    Retrainer<TrainedModel> retrainer = PipelineRetrainer.of(pipeline).measuredBy(PerformanceMeasure.of(Metric.MAE));

    RetrainOutcome outcome = retrainer.retrain(data, champion);

    // the newest half of the 80 rows after the change is held out; the other 40 are a candidate window
    assertThat(outcome.metadata()).containsEntry("holdout_rows", "50").containsEntry("change_rows", "80")
        .containsEntry("available_rows", "400").containsEntry("window.metric", "mae").containsKey("gate.mae.candidate");
    // the change's rows (the floor of 50), and 1.5 and 2 times as many: older rows added to them
    assertThat(outcome.metadata().get("window.candidates")).contains("50 rows (since the change): mae")
        .contains("75 rows (1.5x since the change): mae").contains("100 rows (2x since the change): mae");
  }
}
