package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.RunRecord;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.registry.SafeDeserialization;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.monitor.DataQuality;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.metrics.MlopsException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request rows that carry a column of the training table which is not a model input (a date, an id)
 * are not counted as carrying unknown features by the monitor the loop builds for a pipeline's model.
 */
final class NonInputColumnsTest {

  @TempDir Path dir;

  /** x1, x2, colour and y (as PipelineLoopTest), plus a day timestamp and an excluded id. */
  private static Table withDayAndId(int n) {
    Table base = PipelineLoopTest.data(n, 1, 0.0);
    double[] day = new double[n];
    double[] id = new double[n];
    for (int i = 0; i < n; i++) {
      day[i] = 86_400_000.0 * (i / 24);
      id[i] = i;
    }
    return Table.builder().timestamp("day", day).numeric("id", id)
        .numeric("x1", base.numericColumn("x1")).numeric("x2", base.numericColumn("x2"))
        .categorical("colour", base.categoricalColumn("colour")).numeric("y", base.numericColumn("y")).build();
  }

  private static Pipeline pipeline(Table source) {
    return Pipeline.builder("non-inputs")
        .source(source)
        .target("y")
        .exclude("id")
        .transform(t -> t.oneHot("colour"))
        .split(Split.byTime("day").testFraction(0.25))
        .train(Trainers.randomForestRegressor().trees(4).mtry(2))
        .seed(3)
        .build();
  }

  @Test
  void aPipelinesModel_namesTheTrainingColumnsThatAreNotInputs_inTableOrder() {
    PipelineRun run = pipeline(withDayAndId(240)).run();

    assertThat(run.model().nonInputColumns()).containsExactly("day", "id");
    assertThat(RunRecord.metadata(run)).containsEntry(TrainedModel.NON_INPUT_COLUMNS, "[\"day\",\"id\"]");
    TrainedModel loaded = TrainedModel.fromParts(run.model().toParts(), SafeDeserialization.filter());
    assertThat(loaded.nonInputColumns()).containsExactly("day", "id");
  }

  @Test
  void theLoopsMonitor_ignoresTheNonInputColumns_butStillCountsAFieldTheTableNeverHad() {
    Table history = withDayAndId(240);
    PipelineRun run = pipeline(history).run();
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    registry.promote("m", registry.register("m", RunRecord.registryParts(run), RunRecord.metadata(run)).version());
    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("m", registry, TrainedModelAdapter.create(),
            (data, champion) -> RetrainOutcome.reject(Map.of(), List.of("not in this test")))
        .monitoring(DriftMonitoring.factory(TrainedModelAdapter::profile,
            profile -> DriftMonitor.builder(profile).window(Window.tumblingCount(50)).executor(Runnable::run)))
        .executor(Runnable::run)
        .build();
    ModelEndpoint endpoint = loop.start();

    for (int i = 0; i < 50; i++) {
      Map<String, Object> row = new HashMap<>(history.row(i));
      row.remove("y");                       // the request carries day and id, which the model does not read
      if (i % 5 == 0) {
        row.put("source", "web");            // not a column of the training table: still unknown
      }
      endpoint.predict("r" + i, row);
    }

    DriftMonitor monitor = (DriftMonitor) loop.championMonitoring().orElseThrow().monitor();
    DataQuality quality = monitor.latestReport().orElseThrow().dataQuality();
    assertThat(quality.rowsWithUnknownFeatures()).isEqualTo(10);
    assertThat(quality.topUnknownFeatures()).containsOnlyKeys("source");
  }

  @Test
  void aModelWithoutTheKey_hasNoNonInputColumns_andAMalformedValueIsATypedError() {
    TrainedModel model = pipeline(withDayAndId(240)).run().model();
    Map<String, String> without = new LinkedHashMap<>(model.metadata());
    without.remove(TrainedModel.NON_INPUT_COLUMNS);
    Map<String, String> malformed = new LinkedHashMap<>(model.metadata());
    malformed.put(TrainedModel.NON_INPUT_COLUMNS, "day,id");

    assertThat(withMetadata(model, without).nonInputColumns()).isEmpty();
    assertThatThrownBy(() -> withMetadata(model, malformed).nonInputColumns()).isInstanceOf(MlopsException.class)
        .hasMessage("model metadata non_input_columns must be a JSON array of names: day,id");
  }

  /** The model with other metadata, through its descriptor part (as a registry would store it). */
  private static TrainedModel withMetadata(TrainedModel model, Map<String, String> metadata) {
    ObjectMapper json = new ObjectMapper();
    Map<String, byte[]> parts = model.toParts();
    try {
      ObjectNode descriptor = (ObjectNode) json.readTree(parts.get(TrainedModel.PART_DESCRIPTOR));
      descriptor.set("metadata", json.valueToTree(metadata));
      parts.put(TrainedModel.PART_DESCRIPTOR, json.writeValueAsBytes(descriptor));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return TrainedModel.fromParts(parts, SafeDeserialization.filter());
  }
}
