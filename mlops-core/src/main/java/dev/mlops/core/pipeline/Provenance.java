package dev.mlops.core.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.internal.Checks;
import dev.mlops.core.internal.CoreJson;
import dev.mlops.metrics.MlopsException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything needed to know how a run's model came about: run id, pipeline definition
 * fingerprint, data fingerprint, seeds, versions of mlops-java / Smile / the JDK, per-stage
 * timings and row counts, trainer and hyperparameters, metrics and the gate decision.
 *
 * <p>Immutable and thread-safe.
 *
 * @param runId the run id
 * @param pipeline the pipeline name
 * @param definitionFingerprint SHA-256 of the pipeline definition (everything but the data)
 * @param dataFingerprint SHA-256 of the rows read (after sampling, before validation)
 * @param seeds the seeds used, by purpose
 * @param versions library versions ({@code mlops}, {@code smile}, {@code java})
 * @param startedAt when the run started
 * @param finishedAt when it finished
 * @param stages per-stage timings and row counts, in order
 * @param trainer the trainer's name
 * @param hyperparameters the trainer's hyperparameters (the search's choice if one ran)
 * @param metrics the held-out metrics by key
 * @param decision the gate decision
 */
public record Provenance(
    String runId,
    String pipeline,
    String definitionFingerprint,
    String dataFingerprint,
    Map<String, Long> seeds,
    Map<String, String> versions,
    Instant startedAt,
    Instant finishedAt,
    List<StageReport> stages,
    String trainer,
    Map<String, String> hyperparameters,
    Map<String, Double> metrics,
    GateDecision.Decision decision) {

  private static final ObjectMapper JSON = CoreJson.MAPPER;

  /** The reason written beside a metric that is null in {@link #toJson()}. */
  static final String UNDEFINED_METRIC = "undefined on the held-out split (see the ModelTest report)";

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a required field is null
   */
  public Provenance {
    Checks.nonNull("runId", runId, "pipeline", pipeline);
    seeds = Collections.unmodifiableMap(new TreeMap<>(seeds));
    versions = Collections.unmodifiableMap(new TreeMap<>(versions));
    stages = List.copyOf(stages);
    hyperparameters = Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
  }

  /**
   * The provenance as JSON in snake_case: {@code run_id}, {@code pipeline}, {@code
   * definition_fingerprint}, {@code data_fingerprint}, {@code seeds} (purpose to seed), {@code
   * versions}, {@code started_at} and {@code finished_at} (ISO-8601 instants), {@code stages}
   * ({@code stage}, {@code duration_ms}, {@code rows_in}, {@code rows_out}, {@code detail}), {@code
   * trainer}, {@code hyperparameters} (name to text), {@code metrics} (key to number; an undefined
   * metric is {@code null} with {@code <key>_reason} beside it) and {@code decision} (PROMOTE,
   * REJECT or null). {@link #fromJson(String)} reads it back.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_id", runId);
    root.put("pipeline", pipeline);
    root.put("definition_fingerprint", definitionFingerprint);
    root.put("data_fingerprint", dataFingerprint);
    root.set("seeds", JSON.valueToTree(seeds));
    root.set("versions", JSON.valueToTree(versions));
    root.put("started_at", startedAt == null ? null : startedAt.toString());
    root.put("finished_at", finishedAt == null ? null : finishedAt.toString());
    ArrayNode st = root.putArray("stages");
    for (StageReport s : stages) {
      ObjectNode o = st.addObject();
      o.put("stage", s.stage().name());
      o.put("duration_ms", s.duration().toMillis());
      o.put("rows_in", s.rowsIn());
      o.put("rows_out", s.rowsOut());
      o.put("detail", s.detail());
    }
    root.put("trainer", trainer);
    root.set("hyperparameters", JSON.valueToTree(hyperparameters));
    ObjectNode m = root.putObject("metrics");
    metrics.forEach((k, v) -> CoreJson.number(m, k, v, UNDEFINED_METRIC));
    root.put("decision", decision == null ? null : decision.name());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new MlopsException("cannot write provenance as JSON", e);
    }
  }

  /**
   * Reads what {@link #toJson()} wrote (stage durations to the millisecond; a null metric as NaN).
   *
   * @param json the JSON text
   * @return the provenance
   * @throws MlopsException if the text is not a provenance
   */
  public static Provenance fromJson(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      List<StageReport> stages = new java.util.ArrayList<>();
      for (JsonNode st : root.path("stages")) {
        stages.add(new StageReport(Stage.valueOf(st.get("stage").asText()),
            java.time.Duration.ofMillis(st.get("duration_ms").asLong()), st.get("rows_in").asLong(),
            st.get("rows_out").asLong(), st.get("detail").asText()));
      }
      Map<String, Double> metrics = new TreeMap<>();
      JsonNode m = root.path("metrics");
      m.fieldNames().forEachRemaining(k -> {
        if (!(k.endsWith("_reason") && m.get(k).isTextual())) {
          metrics.put(k, CoreJson.number(m, k));
        }
      });
      JsonNode decision = root.get("decision");
      return new Provenance(root.get("run_id").asText(), root.get("pipeline").asText(),
          text(root, "definition_fingerprint"), text(root, "data_fingerprint"),
          JSON.convertValue(root.get("seeds"), new TypeReference<Map<String, Long>>() {}),
          JSON.convertValue(root.get("versions"), new TypeReference<Map<String, String>>() {}),
          instant(root, "started_at"), instant(root, "finished_at"), stages, text(root, "trainer"),
          JSON.convertValue(root.get("hyperparameters"), new TypeReference<Map<String, String>>() {}),
          metrics, decision == null || decision.isNull() ? null : GateDecision.Decision.valueOf(decision.asText()));
    } catch (JsonProcessingException | RuntimeException e) {
      throw new MlopsException("provenance JSON cannot be read: " + e, e);
    }
  }

  private static String text(JsonNode root, String field) {
    JsonNode v = root.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant instant(JsonNode root, String field) {
    String v = text(root, field);
    return v == null ? null : Instant.parse(v);
  }

  /**
   * The total duration of the stages.
   *
   * @return the sum of stage durations
   */
  public java.time.Duration totalStageTime() {
    return stages.stream().map(StageReport::duration).reduce(java.time.Duration.ZERO, java.time.Duration::plus);
  }
}
