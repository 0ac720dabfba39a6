package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.registry.SafeDeserialization;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.HyperparameterSearch;
import dev.mlops.core.train.RidgeTrainer;
import dev.mlops.core.train.Trainers;
import dev.mlops.metrics.Metric;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class RunRecordTest {

  private static PipelineRun run;

  @BeforeAll
  static void runOnce() {
    run = Pipeline.builder("record")
        .source(TestData.mixed(200, 8))
        .target("y")
        .exclude("label")
        .transform(t -> t.oneHot("colour"))
        .split(Split.random().testFraction(0.25))
        .train(HyperparameterSearch.grid(Trainers.ridge())
            .vary("lambda", List.of(0.001, 1000.0), RidgeTrainer::lambda)
            .folds(3)
            .metric(Metric.RMSE))
        .evaluateRegressor(t -> t.bootstrap(0).expect(Metric.RMSE).atMost(0.5))
        .seed(11)
        .build()
        .run();
  }

  @Test
  void registryParts_areTheModelsPartsPlusReportAndRunRecord_andTheModelStillLoads() throws Exception {
    Map<String, byte[]> parts = RunRecord.registryParts(run);

    assertThat(parts.keySet()).containsExactly(TrainedModel.PART_MODEL, TrainedModel.PART_DESCRIPTOR,
        TrainedModel.PART_TRANSFORMS, TrainedModel.PART_CONTRACT, TrainedModel.PART_PROFILE,
        RunRecord.PART_MODEL_TEST_REPORT, RunRecord.PART_RUN);
    assertThat(new String(parts.get(RunRecord.PART_MODEL_TEST_REPORT), StandardCharsets.UTF_8))
        .isEqualTo(run.report().toJson());
    assertThat(parts.get(RunRecord.PART_RUN)).isEqualTo(RunRecord.toJson(run));
    TrainedRegressor loaded = (TrainedRegressor) TrainedModel.fromParts(parts, SafeDeserialization.filter());
    Map<String, Object> row = Map.of("x1", 0.3, "x2", 0.6, "colour", "blue");
    assertThat(loaded.predict(row)).isEqualTo(((TrainedRegressor) run.model()).predict(row));
  }

  @Test
  void runRecord_holdsProvenanceGateValidationSearchAndModel_asSnakeCaseJson() throws Exception {
    JsonNode json = new ObjectMapper().readTree(RunRecord.toJson(run));
    Provenance p = run.provenance();

    assertThat(json.get("format_version").asInt()).isEqualTo(1);
    assertThat(json.get("run_id").asText()).isEqualTo(run.runId());
    assertThat(json.get("pipeline").asText()).isEqualTo("record");
    assertThat(json.get("definition_fingerprint").asText()).isEqualTo(p.definitionFingerprint()).hasSize(64);
    assertThat(json.get("data_fingerprint").asText()).isEqualTo(p.dataFingerprint()).hasSize(64);
    assertThat(json.get("seeds").get("train").asLong()).isEqualTo(p.seeds().get("train"));
    assertThat(json.get("versions").get("java").asText()).isEqualTo(p.versions().get("java"));
    assertThat(json.get("stages")).hasSize(p.stages().size());
    JsonNode first = json.get("stages").get(0);
    assertThat(first.get("stage").asText()).isEqualTo(p.stages().get(0).stage().name());
    assertThat(first.get("rows_out").asLong()).isEqualTo(p.stages().get(0).rowsOut());
    assertThat(json.get("metrics").get("rmse").asDouble())
        .isEqualTo(run.report().evaluation().orElseThrow().value(Metric.RMSE));
    // No champion: the absolute expectation (RMSE <= 0.5 on an almost exact linear target) decides.
    assertThat(json.get("gate").get("decision").asText()).isEqualTo("PROMOTE");
    assertThat(json.get("gate").get("champion_compared").asBoolean()).isFalse();
    assertThat(json.get("gate").get("checks")).hasSize(run.gate().checks().size());
    assertThat(json.get("validation").get("rows_in").asInt()).isEqualTo(200);
    assertThat(json.get("validation").get("rows_kept").asInt()).isEqualTo(200);
    JsonNode search = json.get("search");
    assertThat(search.get("metric").asText()).isEqualTo("rmse");
    assertThat(search.get("trials")).hasSize(2);
    assertThat(search.get("trials").get(0).get("fold_scores")).hasSize(3);
    // lambda 1000 shrinks the ridge fit towards the mean, so the small lambda wins.
    int best = search.get("best_index").asInt();
    assertThat(search.get("trials").get(best).get("values").get("lambda").asText()).isEqualTo("0.001");
    assertThat(json.get("model").get("task").asText()).isEqualTo(run.model().descriptor().task().name());
    assertThat(json.get("model").get("target").asText()).isEqualTo("y");
    assertThat(json.get("model").get("inputs")).extracting(n -> n.get("name").asText())
        .containsExactly("x1", "x2", "colour");
    assertThat(json.get("model").get("metadata").get("run_id").asText()).isEqualTo(run.runId());
  }

  @Test
  void metadata_addsFingerprintGateAndMetrics_toTheModelsMetadata() {
    Map<String, String> metadata = RunRecord.metadata(run);

    assertThat(metadata).containsAllEntriesOf(run.model().metadata());
    assertThat(metadata).containsEntry("run_id", run.runId())
        .containsEntry("definition_fingerprint", run.provenance().definitionFingerprint())
        .containsEntry("gate", "PROMOTE")
        .containsEntry("metric.rmse", Double.toString(run.provenance().metrics().get("rmse")));
  }
}
