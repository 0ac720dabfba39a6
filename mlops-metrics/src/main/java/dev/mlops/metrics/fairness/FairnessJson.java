package dev.mlops.metrics.fairness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.MlopsException;
import dev.mlops.metrics.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON of {@link FairnessEvaluation}, schema version {@value #SCHEMA_VERSION}. Stateless; not API. */
final class FairnessJson {

  static final int SCHEMA_VERSION = 1;
  private static final ObjectMapper MAPPER = Json.MAPPER;  // the module's one configured mapper

  private FairnessJson() {}

  static String write(FairnessEvaluation e) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("type", "group_fairness");
    root.put("rows", e.rows());
    root.put("labelled", e.labelled());
    root.put("confidence_level", e.level());
    root.put("resamples", e.resamples());
    root.put("seed", e.seed());
    ArrayNode attributes = root.putArray("attributes");
    for (AttributeFairness a : e.attributes()) {
      ObjectNode an = attributes.addObject();
      an.put("attribute", a.attribute());
      an.put("min_group_size", a.minGroupSize());
      ArrayNode groups = an.putArray("groups");
      for (GroupRates g : a.groups()) {
        ObjectNode gn = groups.addObject();
        gn.put("group", g.group());
        gn.put("size", g.size());
        gn.put("judged", g.judged());
        gn.put("labelled", g.labelled());
        gn.put("predicted_positives", g.predictedPositives());
        gn.put("true_positives", g.truePositives());
        gn.put("false_positives", g.falsePositives());
        gn.put("true_negatives", g.trueNegatives());
        gn.put("false_negatives", g.falseNegatives());
        Json.number(gn, "selection_rate", g.selectionRate());
        Json.number(gn, "true_positive_rate", g.truePositiveRate());
        Json.number(gn, "false_positive_rate", g.falsePositiveRate());
        Json.number(gn, "precision", g.precision());
        Json.number(gn, "accuracy", g.accuracy());
        ObjectNode metrics = gn.putObject("metrics");
        g.metrics().forEach((k, v) -> Json.number(metrics, k, v));
      }
      ObjectNode disparities = an.putObject("disparities");
      for (DisparityValue d : a.disparities()) {
        ObjectNode dn = disparities.putObject(d.disparity().key());
        Json.number(dn, "value", d.value());
        dn.put("defined", d.defined());
        if (d.reason() != null) {
          dn.put("reason", d.reason());
        }
        if (d.defined()) {
          dn.put("high_group", d.highGroup());
          dn.put("low_group", d.lowGroup());
        }
        if (d.ci() != null) {
          ObjectNode ci = dn.putObject("ci");
          ci.put("lower", d.ci().lower());
          ci.put("upper", d.ci().upper());
          ci.put("level", d.ci().level());
          ci.put("method", d.ci().method());
        }
      }
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException ex) {
      throw new MlopsException("cannot write fairness JSON", ex);
    }
  }

  static FairnessEvaluation read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException("fairness JSON must be valid JSON: " + ex.getOriginalMessage(), ex);
    }
    if (root == null || !"group_fairness".equals(root.path("type").asText())
        || root.path("schema_version").asInt(-1) != SCHEMA_VERSION) {
      throw new IllegalArgumentException("fairness JSON must have type group_fairness and schema_version "
          + SCHEMA_VERSION);
    }
    List<AttributeFairness> attributes = new ArrayList<>();
    for (JsonNode an : root.path("attributes")) {
      List<GroupRates> groups = new ArrayList<>();
      for (JsonNode gn : an.path("groups")) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        gn.path("metrics").fields().forEachRemaining(f ->
            metrics.put(f.getKey(), f.getValue().isNull() ? Double.NaN : f.getValue().asDouble()));
        groups.add(new GroupRates(gn.path("group").asText(), gn.path("size").asLong(),
            gn.path("predicted_positives").asLong(), gn.path("true_positives").asLong(),
            gn.path("false_positives").asLong(), gn.path("true_negatives").asLong(),
            gn.path("false_negatives").asLong(), gn.path("labelled").asBoolean(),
            gn.path("judged").asBoolean(), metrics));
      }
      List<DisparityValue> disparities = new ArrayList<>();
      for (Disparity d : Disparity.values()) {
        JsonNode dn = an.path("disparities").path(d.key());
        if (dn.isMissingNode()) {
          throw new IllegalArgumentException("fairness JSON must hold every disparity: missing " + d.key()
              + " in attribute " + an.path("attribute").asText());
        }
        JsonNode ci = dn.path("ci");
        Interval interval = ci.isObject() ? new Interval(ci.path("lower").asDouble(), ci.path("upper").asDouble(),
            ci.path("level").asDouble(), ci.path("method").asText()) : null;
        boolean defined = dn.path("defined").asBoolean();
        disparities.add(new DisparityValue(d, defined ? dn.path("value").asDouble() : Double.NaN, interval,
            defined ? dn.path("high_group").asText() : null, defined ? dn.path("low_group").asText() : null,
            defined, dn.hasNonNull("reason") ? dn.path("reason").asText() : null));
      }
      attributes.add(new AttributeFairness(an.path("attribute").asText(), groups, disparities,
          an.path("min_group_size").asInt()));
    }
    return new FairnessEvaluation(root.path("rows").asLong(), root.path("labelled").asBoolean(), attributes,
        root.path("confidence_level").asDouble(), root.path("resamples").asInt(), root.path("seed").asLong());
  }
}
