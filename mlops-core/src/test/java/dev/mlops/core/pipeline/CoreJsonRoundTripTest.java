package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.contract.AnomalyKind;
import dev.mlops.core.contract.DataContract;
import dev.mlops.core.contract.Policy;
import dev.mlops.core.data.Table;
import dev.mlops.core.internal.CoreJson;
import dev.mlops.core.model.ModelDescriptor;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.transform.ColumnSelector;
import dev.mlops.core.transform.FittedTransforms;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every JSON that mlops-core writes follows one rule (snake_case, numbers never as strings, an
 * undefined number null with its reason beside it) and reads back to what was written.
 */
final class CoreJsonRoundTripTest {

  private static PipelineRun run;

  @BeforeAll
  static void runOnce() {
    run = Pipeline.builder("json")
        .source(TestData.mixed(160, 4))
        .target("y")
        .exclude("label")
        .transform(t -> t.oneHot("colour").clip(ColumnSelector.named("x1"), 0, Double.POSITIVE_INFINITY))
        .split(Split.random().testFraction(0.25))
        .train(Trainers.ridge().lambda(0.1))
        .seed(3)
        .build()
        .run();
  }

  /** No number anywhere in the text is written as a string. */
  private static void assertNoNumberAsString(String json) {
    assertThat(json).doesNotContain("\"NaN\"", "\"Infinity\"", "\"-Infinity\"");
  }

  @Test
  void contractJson_writesAbsentBoundsAsNull_andReadsBackEqual() throws Exception {
    DataContract contract = DataContract.builder()
        .numeric("a", 0, 1)
        .numeric("b")
        .categorical("c", List.of("x", "y"))
        .timestamp("t")
        .maxMissingRate("b", 0.1)
        .policy(AnomalyKind.OUT_OF_RANGE, Policy.WARN)
        .build();

    byte[] json = contract.toJson();
    JsonNode tree = CoreJson.MAPPER.readTree(json);

    assertNoNumberAsString(new String(json, StandardCharsets.UTF_8));
    assertThat(tree.get("format_version").asInt()).isEqualTo(DataContract.FORMAT_VERSION);
    assertThat(tree.get("fields").get(0).get("max").asDouble()).isEqualTo(1.0);
    assertThat(tree.get("fields").get(1).get("min").isNull()).isTrue();
    assertThat(tree.get("fields").get(1).get("max").isNull()).isTrue();
    assertThat(tree.get("fields").get(1).get("max_missing_rate").asDouble()).isEqualTo(0.1);
    assertThat(DataContract.fromJson(json)).isEqualTo(contract);
  }

  @Test
  void contractJson_ofFormatVersion1_withInfinityStrings_isStillRead() {
    String v1 = "{\"format_version\":1,\"fields\":[{\"name\":\"b\",\"type\":\"NUMERIC\",\"min\":\"-Infinity\","
        + "\"max\":\"Infinity\",\"categories\":[],\"max_missing_rate\":0.0}],\"policies\":{}}";

    DataContract read = DataContract.fromJson(v1.getBytes(StandardCharsets.UTF_8));

    assertThat(read.fields().get(0).min()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(read.fields().get(0).max()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(read).isEqualTo(DataContract.builder().numeric("b").build());
  }

  @Test
  void transformsJson_writesAnOpenClipBoundAsNull_andReadsBackTheSameTransforms() throws Exception {
    FittedTransforms transforms = run.model().transforms();

    byte[] json = transforms.toJson();
    String text = new String(json, StandardCharsets.UTF_8);
    FittedTransforms read = FittedTransforms.fromJson(json, Map.of());

    assertNoNumberAsString(text);
    JsonNode clip = null;
    for (JsonNode step : CoreJson.MAPPER.readTree(json).get("steps")) {
      if ("elementwise".equals(step.get("kind").asText())) {
        clip = step;
      }
    }
    assertThat(clip).isNotNull();
    assertThat(clip.get("low").asDouble()).isEqualTo(0.0);
    assertThat(clip.get("high").isNull()).isTrue();
    assertThat(read.toJson()).isEqualTo(json);
    Table probe = TestData.mixed(20, 9);
    for (int r = 0; r < probe.rowCount(); r++) {
      Map<String, Object> row = probe.row(r);
      row.put("x1", 1e300); // beyond any finite bound a wrongly read clip would have
      assertThat(read.apply(row)).containsExactly(transforms.apply(row));
    }
  }

  @Test
  void modelJson_readsBackToTheSameDescriptor() throws Exception {
    byte[] json = run.model().toParts().get(TrainedModel.PART_DESCRIPTOR);

    ModelDescriptor read = CoreJson.MAPPER.readValue(json, ModelDescriptor.class);

    assertNoNumberAsString(new String(json, StandardCharsets.UTF_8));
    assertThat(CoreJson.MAPPER.readTree(json).has("feature_names")).isTrue();
    assertThat(read).isEqualTo(run.model().descriptor());
  }

  @Test
  void runRecord_andProvenance_readBack_withNumbersNeverAsStrings() throws Exception {
    String record = new String(RunRecord.toJson(run), StandardCharsets.UTF_8);
    Provenance p = run.provenance();

    Provenance read = Provenance.fromJson(p.toJson());

    assertNoNumberAsString(record);
    assertThat(CoreJson.MAPPER.readTree(record).get("run_id").asText()).isEqualTo(p.runId());
    assertThat(read.metrics()).isEqualTo(p.metrics());
    assertThat(read.seeds()).isEqualTo(p.seeds());
    assertThat(read.startedAt()).isEqualTo(p.startedAt());
    assertThat(read.stages()).extracting(StageReport::stage).isEqualTo(p.stages().stream().map(StageReport::stage).toList());
    assertThat(read.stages()).extracting(StageReport::duration)
        .isEqualTo(p.stages().stream().map(s -> Duration.ofMillis(s.duration().toMillis())).toList());
    assertThat(read).usingRecursiveComparison().ignoringFields("stages").isEqualTo(p);
  }

  @Test
  void undefinedMetric_isNull_withItsReasonBeside_andReadsBackAsNaN() throws Exception {
    Provenance p = new Provenance("r1", "p", "d", "f", Map.of("split", 1L), Map.of("java", "17"),
        Instant.parse("2026-01-01T00:00:00Z"), null, List.of(), "t", Map.of(),
        Map.of("roc_auc", Double.NaN, "accuracy", 0.75), null);

    String json = p.toJson();
    JsonNode metrics = CoreJson.MAPPER.readTree(json).get("metrics");

    assertNoNumberAsString(json);
    assertThat(metrics.get("roc_auc").isNull()).isTrue();
    assertThat(metrics.get("roc_auc_reason").asText()).isEqualTo(Provenance.UNDEFINED_METRIC);
    assertThat(metrics.get("accuracy").asDouble()).isEqualTo(0.75);
    assertThat(CoreJson.MAPPER.readTree(json).get("finished_at").isNull()).isTrue();
    Provenance read = Provenance.fromJson(json);
    assertThat(read.metrics().get("roc_auc")).isNaN();
    assertThat(read.metrics()).containsEntry("accuracy", 0.75).doesNotContainKey("roc_auc_reason");
    assertThat(read.finishedAt()).isNull();
  }
}
