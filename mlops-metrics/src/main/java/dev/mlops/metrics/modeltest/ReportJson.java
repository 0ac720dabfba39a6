package dev.mlops.metrics.modeltest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.internal.EvaluationJson;
import dev.mlops.metrics.internal.Json;
import dev.mlops.metrics.modeltest.ExpectationResult.RowFinding;
import dev.mlops.metrics.modeltest.ExpectationResult.SliceOutcome;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ModelTestReport} as JSON through Jackson (package-private), schema in
 * docs/model-test-json.md: snake_case names, NaN and infinities as null, intervals as
 * {@code {"lower", "upper", "level", "method"}} like the evaluation JSON it embeds.
 */
final class ReportJson {

  /** The schema version written in every document (docs/model-test-json.md). */
  static final int SCHEMA_VERSION = 1;

  private ReportJson() {}

  static String render(ModelTestReport report) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("type", "model_test");
    root.put("passed", report.passed());
    root.put("kind", report.kind().name().toLowerCase(Locale.ROOT));
    root.put("n", report.n());
    root.put("predicted_rows", report.predictedRows());
    root.put("seed", report.seed());
    ObjectNode counts = root.putObject("counts");
    for (Status status : Status.values()) {
      counts.put(status.name().toLowerCase(Locale.ROOT), report.withStatus(status).size());
    }
    ArrayNode expectations = root.putArray("expectations");
    for (ExpectationResult e : report.expectations()) {
      expectations.add(expectation(e));
    }
    if (report.evaluation().isPresent()) {
      root.set("evaluation", EvaluationJson.node(report.evaluation().get()));
    } else {
      root.putNull("evaluation");
    }
    return Json.write(root, "model test report");
  }

  private static ObjectNode expectation(ExpectationResult e) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("name", e.name());
    node.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
    node.put("status", e.status().name().toLowerCase(Locale.ROOT));
    if (e.metric() == null) {
      node.putNull("metric");
    } else {
      node.put("metric", e.metric().key());
    }
    number(node, "observed", e.observed());
    node.set("ci", interval(e.ci()));
    ObjectNode threshold = node.putObject("threshold");
    threshold.put("comparison", e.threshold().comparison().key());
    number(threshold, "lower", e.threshold().lower());
    number(threshold, "upper", e.threshold().upper());
    node.put("n", e.n());
    node.put("reason", e.reason());
    node.put("warning", e.warning());
    if (!e.slices().isEmpty()) {
      ArrayNode slices = node.putArray("slices");
      for (SliceOutcome slice : e.slices()) {
        ObjectNode s = slices.addObject();
        s.put("key", slice.key());
        s.put("n", slice.n());
        number(s, "observed", slice.observed());
        s.set("ci", interval(slice.ci()));
        s.put("status", slice.status().name().toLowerCase(Locale.ROOT));
        s.put("skipped", slice.skipped());
        s.put("reason", slice.reason());
      }
    }
    if (e.comparison() != null) {
      ComparisonResult c = e.comparison();
      ObjectNode comparison = node.putObject("comparison");
      comparison.put("test", c.test());
      number(comparison, "candidate", c.candidate());
      number(comparison, "baseline", c.baseline());
      number(comparison, "difference", c.difference());
      comparison.set("difference_ci", interval(c.differenceCi()));
      number(comparison, "p_value", c.pValue());
      comparison.put("p_value_bound", c.pValueIsBound());
      comparison.put("resamples", c.resamples());
    }
    if (e.kind() != ExpectationKind.METRIC && e.kind() != ExpectationKind.METRIC_PER_SLICE
        && e.kind() != ExpectationKind.COMPARISON && e.kind() != ExpectationKind.FAIRNESS) {
      node.put("failed_rows", e.failedRows());
      node.set("failing_rows", rows(e.failingRows()));
      node.set("worst_rows", rows(e.worstRows()));
    }
    return node;
  }

  private static ArrayNode rows(List<RowFinding> findings) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (RowFinding finding : findings) {
      ObjectNode row = array.addObject();
      row.put("index", finding.index());
      row.put("row", finding.row());
      number(row, "before", finding.before());
      number(row, "after", finding.after());
      row.put("detail", finding.detail());
    }
    return array;
  }

  private static JsonNode interval(Interval ci) {
    if (ci == null) {
      return Json.MAPPER.nullNode();
    }
    ObjectNode node = Json.MAPPER.createObjectNode();
    number(node, "lower", ci.lower());
    number(node, "upper", ci.upper());
    node.put("level", ci.level());
    node.put("method", ci.method());
    return node;
  }

  private static void number(ObjectNode node, String field, double value) {
    Json.number(node, field, value);
  }
}
