package dev.mlops.core.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.internal.CoreJson;
import dev.mlops.core.contract.Anomaly;
import dev.mlops.core.contract.ValidationResult;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.train.HyperparameterSearch;
import dev.mlops.metrics.MlopsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a model registry should hold for one pipeline run: the model's own parts ({@link
 * TrainedModel#toParts()}: artifact, fitted transforms, data contract, reference profile) plus the
 * held-out ModelTest report ({@value #PART_MODEL_TEST_REPORT}) and the run record ({@value
 * #PART_RUN}), and the metadata to register them with.
 *
 * <p>The run record is JSON (snake_case): the {@link Provenance} (run id, pipeline, definition and
 * data fingerprints, seeds, library / Smile / JDK versions, start and end, per-stage timings and
 * row counts, trainer, hyperparameters, held-out metrics, decision), the gate ({@code decision},
 * {@code champion_compared}, {@code reasons}, every {@code check}), the data validation (rows in and
 * kept, every anomaly), the hyperparameter search if one ran (metric, best trial, every trial's
 * fold scores) and the model's descriptor (task, target, classes, inputs, metadata). A number
 * that is undefined (a metric on a split where it has no value, a fold score) is {@code null} with
 * the reason beside it in {@code <field>_reason}; numbers are never written as strings.
 *
 * <p>Usage: {@code registry.register(name, RunRecord.registryParts(run), RunRecord.metadata(run))}.
 *
 * <p>Stateless and thread-safe.
 */
public final class RunRecord {

  /** Part name of the held-out ModelTest report ({@code ModelTestReport.toJson()}, UTF-8). */
  public static final String PART_MODEL_TEST_REPORT = "model_test_report.json";

  /** Part name of the run record (UTF-8 JSON). */
  public static final String PART_RUN = "run.json";

  /** Format version written as {@code format_version} in the run record. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON = CoreJson.MAPPER;

  /** The reason written beside a search score that is null in the run record. */
  private static final String UNDEFINED_SCORE = "the metric is undefined on a validation fold";

  private RunRecord() {}

  /**
   * The parts to register for a run: {@link TrainedModel#toParts()} followed by {@value
   * #PART_MODEL_TEST_REPORT} and {@value #PART_RUN}. {@link TrainedModel#fromParts} ignores the two
   * extra parts, so a version registered with them loads as before.
   *
   * @param run the run
   * @return a new mutable map of new arrays, in that order
   * @throws NullPointerException if the run is null
   * @throws MlopsException if a part cannot be written
   */
  public static Map<String, byte[]> registryParts(PipelineRun run) {
    Objects.requireNonNull(run, "run must not be null");
    Map<String, byte[]> parts = run.model().toParts();
    parts.put(PART_MODEL_TEST_REPORT, run.report().toJson().getBytes(StandardCharsets.UTF_8));
    parts.put(PART_RUN, toJson(run));
    return parts;
  }

  /**
   * The metadata to register a run's model with: the model's own metadata ({@code run_id}, {@code
   * pipeline}, {@code data_fingerprint}, {@code seed}, {@code trainer}, {@code trained_at}, the
   * {@code *_version}s), plus {@code definition_fingerprint}, {@code gate} (PROMOTE / REJECT) and
   * every held-out metric as {@code metric.<key>}.
   *
   * @param run the run
   * @return a new mutable map
   * @throws NullPointerException if the run is null
   */
  public static Map<String, String> metadata(PipelineRun run) {
    Objects.requireNonNull(run, "run must not be null");
    Map<String, String> metadata = new LinkedHashMap<>(run.model().metadata());
    metadata.put("run_id", run.runId());
    metadata.put("pipeline", run.provenance().pipeline());
    metadata.put("definition_fingerprint", run.provenance().definitionFingerprint());
    metadata.put("data_fingerprint", run.provenance().dataFingerprint());
    metadata.put("gate", run.gate().decision().name());
    run.provenance().metrics().forEach((k, v) -> metadata.put("metric." + k, Double.toString(v)));
    run.gate().comparisons().forEach(c -> c.writeTo(metadata));
    for (StageReport s : run.stages()) {
      // Rows as each stage saw them: read (the whole table, history included), trained on, tested on.
      switch (s.stage()) {
        case READ -> metadata.put("rows.read", Long.toString(s.rowsOut()));
        case TRAIN -> metadata.put("rows.train", Long.toString(s.rowsIn()));
        case EVALUATE -> metadata.put("rows.test", Long.toString(s.rowsIn()));
        default -> { }
      }
    }
    return metadata;
  }

  /**
   * The run record as UTF-8 JSON (see the class description for its fields).
   *
   * @param run the run
   * @return the JSON bytes
   * @throws NullPointerException if the run is null
   * @throws MlopsException if the record cannot be written
   */
  public static byte[] toJson(PipelineRun run) {
    Objects.requireNonNull(run, "run must not be null");
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    try {
      // The provenance has its own JSON form; embed it as is so the two never disagree.
      ObjectNode provenance = (ObjectNode) JSON.readTree(run.provenance().toJson());
      root.setAll(provenance);
    } catch (IOException | ClassCastException e) {
      throw new MlopsException("cannot read the run's provenance JSON: " + e.getMessage(), e);
    }
    root.set("gate", gate(run.gate()));
    root.set("validation", validation(run.validation()));
    run.search().ifPresent(s -> root.set("search", search(s)));
    ObjectNode model = root.putObject("model");
    TrainedModel m = run.model();
    model.put("task", m.descriptor().task().name());
    model.put("target", m.target());
    model.put("trainer", m.descriptor().trainer());
    model.set("classes", JSON.valueToTree(m.descriptor().classes()));
    ArrayNode inputs = model.putArray("inputs");
    m.inputs().forEach(c -> inputs.addObject().put("name", c.name()).put("type", c.type().name()));
    model.set("encoded_features", JSON.valueToTree(m.encodedFeatureNames()));
    model.set("metadata", JSON.valueToTree(m.metadata()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new MlopsException("cannot write the run record as JSON", e);
    }
  }

  private static ObjectNode gate(GateDecision gate) {
    ObjectNode g = JSON.createObjectNode();
    g.put("decision", gate.decision().name());
    g.put("champion_compared", gate.championCompared());
    g.set("reasons", JSON.valueToTree(gate.reasons()));
    ArrayNode checks = g.putArray("checks");
    for (GateCheck c : gate.checks()) {
      checks.addObject().put("name", c.name()).put("passed", c.passed()).put("detail", c.detail());
    }
    return g;
  }

  private static ObjectNode validation(ValidationResult v) {
    ObjectNode o = JSON.createObjectNode();
    o.put("passed", v.passed());
    o.put("rows_in", v.rowsIn());
    o.put("rows_kept", v.keptRows().length);
    ArrayNode anomalies = o.putArray("anomalies");
    for (Anomaly a : v.anomalies()) {
      ObjectNode n = anomalies.addObject();
      n.put("column", a.column());
      n.put("kind", a.kind().name());
      n.put("observed", a.observed());
      n.put("allowed", a.allowed());
      n.put("rows", a.rows());
      n.set("example_rows", JSON.valueToTree(a.exampleRows()));
      n.put("policy", a.policy().name());
    }
    return o;
  }

  private static ObjectNode search(HyperparameterSearch.SearchResult<?> s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("metric", s.metric().key());
    o.put("best_index", s.bestIndex());
    ArrayNode trials = o.putArray("trials");
    for (HyperparameterSearch.Trial t : s.trials()) {
      ObjectNode n = trials.addObject();
      n.put("trial", t.trial());
      ObjectNode values = n.putObject("values");
      t.values().forEach((k, val) -> values.put(k, String.valueOf(val)));
      CoreJson.number(n, "mean_score", t.meanScore(), UNDEFINED_SCORE);
      CoreJson.number(n, "std_score", t.stdScore(), UNDEFINED_SCORE);
      ArrayNode folds = n.putArray("fold_scores");
      for (double d : t.foldScores()) {
        CoreJson.add(folds, d);
      }
    }
    return o;
  }

}
