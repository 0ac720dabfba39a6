package dev.mlops.core.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.metrics.MlopsException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a required field is null
   */
  public Provenance {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(pipeline, "pipeline");
    seeds = Collections.unmodifiableMap(new TreeMap<>(seeds));
    versions = Collections.unmodifiableMap(new TreeMap<>(versions));
    stages = List.copyOf(stages);
    hyperparameters = Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
    metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
  }

  /**
   * The provenance as JSON (snake_case).
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
    root.put("started_at", String.valueOf(startedAt));
    root.put("finished_at", String.valueOf(finishedAt));
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
    metrics.forEach((k, v) -> {
      if (Double.isFinite(v)) {
        m.put(k, v);
      } else {
        m.putNull(k);
      }
    });
    root.put("decision", decision == null ? null : decision.name());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new MlopsException("cannot write provenance as JSON", e);
    }
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
