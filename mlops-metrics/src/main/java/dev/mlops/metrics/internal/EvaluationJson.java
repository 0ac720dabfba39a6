package dev.mlops.metrics.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.ConfusionMatrix;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.EvaluationSettings;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.PrecisionRecallCurve;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.ReliabilityCurve;
import dev.mlops.metrics.RocCurve;
import dev.mlops.metrics.SliceEvaluation;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * JSON rendering of evaluations with Jackson, schema version {@value #SCHEMA_VERSION}, documented
 * in docs/metrics-json.md. Non-finite numbers are written as {@code null}. Not API. Stateless,
 * thread-safe.
 */
public final class EvaluationJson {

  /** The schema version written in every document. */
  public static final int SCHEMA_VERSION = 1;
  /** Curves are thinned to at most this many points (first and last kept, evenly spaced indices). */
  public static final int MAX_CURVE_POINTS = 1001;

  private static final String INFINITE = "value is +Infinity";
  private static final String NEGATIVE_INFINITE = "value is -Infinity";

  private EvaluationJson() {}

  /**
   * Renders a classification evaluation.
   *
   * @param e the evaluation
   * @return the JSON
   */
  public static String classification(ClassificationEvaluation e) {
    return write(classificationNode(e));
  }

  /**
   * Renders a regression evaluation.
   *
   * @param e the evaluation
   * @return the JSON
   */
  public static String regression(RegressionEvaluation e) {
    return write(regressionNode(e));
  }

  /**
   * Renders per-slice evaluations.
   *
   * @param s the slices
   * @return the JSON
   */
  public static String slices(SliceEvaluation<?> s) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("type", "slices");
    root.set("overall", node(s.overall()));
    ArrayNode slices = root.putArray("slices");
    for (SliceEvaluation.Slice<?> slice : s.slices()) {
      ObjectNode o = slices.addObject();
      o.put("key", slice.key());
      o.put("n", slice.n());
      o.set("evaluation", node(slice.evaluation()));
    }
    return write(root);
  }

  /**
   * The JSON tree of an evaluation (for embedding in another document without a text round trip).
   *
   * @param e a classification or regression evaluation
   * @return its tree
   */
  public static ObjectNode node(Evaluation e) {
    return e instanceof ClassificationEvaluation c ? classificationNode(c) : regressionNode((RegressionEvaluation) e);
  }

  private static ObjectNode classificationNode(ClassificationEvaluation e) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("type", "classification");
    root.put("task", e.isBinary() ? "binary" : "multiclass");
    root.put("n", e.n());
    ArrayNode names = root.putArray("class_names");
    e.classNames().forEach(names::add);
    root.set("settings", settings(e.settings()));
    root.set("metrics", metrics(e.metrics()));
    ArrayNode perClass = root.putArray("per_class");
    for (int c = 0; c < e.classCount(); c++) {
      ObjectNode o = perClass.addObject();
      o.put("class_name", e.classNames().get(c));
      o.put("support", e.confusionMatrix().support(c));
      o.set("metrics", metrics(e.classMetrics().get(c)));
    }
    root.set("confusion_matrix", confusion(e.confusionMatrix()));
    ObjectNode curves = root.putObject("curves");
    e.rocCurve().ifPresent(r -> curves.set("roc", roc(r)));
    e.precisionRecallCurve().ifPresent(p -> curves.set("precision_recall", pr(p)));
    e.reliabilityCurve().ifPresent(r -> curves.set("reliability", reliability(r)));
    return root;
  }

  private static ObjectNode regressionNode(RegressionEvaluation e) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("type", "regression");
    root.put("n", e.n());
    root.set("settings", settings(e.settings()));
    root.set("metrics", metrics(e.metrics()));
    double[] residuals = e.residuals();
    Arrays.sort(residuals);
    ObjectNode summary = root.putObject("residual_quantiles");
    put(summary, "min", residuals[0]);
    put(summary, "p05", Calibration.percentile(residuals, 0.05));
    put(summary, "p25", Calibration.percentile(residuals, 0.25));
    put(summary, "p50", Calibration.percentile(residuals, 0.5));
    put(summary, "p75", Calibration.percentile(residuals, 0.75));
    put(summary, "p95", Calibration.percentile(residuals, 0.95));
    put(summary, "max", residuals[residuals.length - 1]);
    return root;
  }

  private static ObjectNode settings(EvaluationSettings s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    put(o, "confidence_level", s.confidenceLevel());
    o.put("bootstrap_resamples", s.bootstrapResamples());
    if (s.bootstrapResamples() > 0) {
      o.put("seed", s.seed());
    } else {
      o.putNull("seed");
    }
    o.put("weighted", s.weighted());
    put(o, "threshold", s.threshold());
    put(o, "beta", s.beta());
    o.put("top_k", s.topK());
    o.put("calibration_bins", s.calibrationBins());
    if (s.calibrationStrategy() == null) {
      o.putNull("calibration_strategy");
    } else {
      o.put("calibration_strategy", s.calibrationStrategy().name().toLowerCase(Locale.ROOT));
    }
    return o;
  }

  private static ObjectNode metrics(Map<Metric, MetricValue> metrics) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    for (MetricValue v : metrics.values()) {
      ObjectNode m = o.putObject(v.metric().key());
      put(m, "value", v.value());
      m.put("defined", v.defined());
      m.put("n", v.n());
      m.put("zero_division", v.zeroDivision());
      String reason = v.reason();
      if (reason == null && v.defined() && !Double.isFinite(v.value())) {
        reason = v.value() > 0 ? INFINITE : NEGATIVE_INFINITE;  // null beside its reason, never a string number
      }
      if (reason == null) {
        m.putNull("reason");
      } else {
        m.put("reason", reason);
      }
      Interval ci = v.ci();
      if (ci == null) {
        m.putNull("ci");
      } else {
        ObjectNode c = m.putObject("ci");
        put(c, "lower", ci.lower());
        put(c, "upper", ci.upper());
        put(c, "level", ci.level());
        c.put("method", ci.method());
      }
    }
    return o;
  }

  /**
   * Reads the {@code "metrics"} object of an evaluation's JSON back into metric values. User-defined
   * metrics are resolved among {@code custom} (no global registry); the order is the document's.
   *
   * @param json the JSON of an evaluation (or of a document whose root has a {@code "metrics"} object)
   * @param custom the user-defined metrics that may appear
   * @return the values, in document order
   * @throws IllegalArgumentException if the JSON is invalid, a key is unknown, or a value is malformed
   */
  public static Map<Metric, MetricValue> readMetrics(String json, Collection<? extends Metric> custom) {
    JsonNode root = Json.read(json, "evaluation");
    JsonNode metrics = root.get("metrics");
    if (metrics == null || !metrics.isObject()) {
      throw new IllegalArgumentException("evaluation JSON must have a \"metrics\" object: " + root.getNodeType());
    }
    return readMetrics(metrics, custom);
  }

  /**
   * Reads a metrics object (see {@link #readMetrics(String, Collection)}).
   *
   * @param metrics the object keyed by metric key
   * @param custom the user-defined metrics that may appear
   * @return the values, in document order
   * @throws IllegalArgumentException if a key is unknown or a value is malformed
   */
  public static Map<Metric, MetricValue> readMetrics(JsonNode metrics, Collection<? extends Metric> custom) {
    Map<Metric, MetricValue> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = metrics.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      Metric metric = Metric.fromKey(field.getKey(), custom);
      JsonNode m = field.getValue();
      boolean defined = m.path("defined").asBoolean(true);
      String reason = m.path("reason").isTextual() ? m.get("reason").asText() : null;
      double value = Json.number(m, "value");
      if (defined && Double.isNaN(value)) {
        if (INFINITE.equals(reason) || NEGATIVE_INFINITE.equals(reason)) {
          value = INFINITE.equals(reason) ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
          reason = null;
        } else {
          throw new IllegalArgumentException("value of the defined metric " + metric.key() + " must be a number: null");
        }
      }
      Interval ci = null;
      JsonNode c = m.get("ci");
      if (c != null && c.isObject()) {
        ci = new Interval(Json.number(c, "lower"), Json.number(c, "upper"), Json.number(c, "level"),
            c.path("method").asText());
      }
      out.put(metric, new MetricValue(metric, value, ci, m.path("n").asLong(), defined, reason,
          m.path("zero_division").asBoolean(false)));
    }
    return out;
  }

  private static ObjectNode confusion(ConfusionMatrix m) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    ArrayNode names = o.putArray("class_names");
    m.classNames().forEach(names::add);
    ArrayNode counts = o.putArray("counts");
    for (long[] row : m.counts()) {
      ArrayNode r = counts.addArray();
      for (long c : row) {
        r.add(c);
      }
    }
    return o;
  }

  private static ObjectNode roc(RocCurve r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    int[] idx = thin(r.size());
    o.put("points", r.size());
    array(o, "fpr", r.fpr(), idx);
    array(o, "tpr", r.tpr(), idx);
    array(o, "thresholds", r.thresholds(), idx);
    return o;
  }

  private static ObjectNode pr(PrecisionRecallCurve p) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    int[] idx = thin(p.size());
    o.put("points", p.size());
    array(o, "precision", p.precision(), idx);
    array(o, "recall", p.recall(), idx);
    double[] thresholds = Arrays.copyOf(p.thresholds(), p.size());
    thresholds[p.size() - 1] = Double.NaN; // the final (recall 0, precision 1) point has no threshold
    array(o, "thresholds", thresholds, idx);
    return o;
  }

  private static ObjectNode reliability(ReliabilityCurve r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    int[] idx = thin(r.size());
    array(o, "mean_predicted", r.meanPredicted(), idx);
    array(o, "fraction_positive", r.fractionPositive(), idx);
    ArrayNode counts = o.putArray("counts");
    for (long c : r.counts()) {
      counts.add(c);
    }
    return o;
  }

  private static int[] thin(int size) {
    if (size <= MAX_CURVE_POINTS) {
      int[] all = new int[size];
      for (int i = 0; i < size; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] idx = new int[MAX_CURVE_POINTS];
    for (int i = 0; i < MAX_CURVE_POINTS; i++) {
      idx[i] = (int) Math.round((double) i * (size - 1) / (MAX_CURVE_POINTS - 1));
    }
    return idx;
  }

  private static void array(ObjectNode o, String name, double[] values, int[] idx) {
    ArrayNode a = o.putArray(name);
    for (int i : idx) {
      double v = values[i];
      if (Double.isFinite(v)) {
        a.add(v);
      } else {
        a.addNull();
      }
    }
  }

  private static void put(ObjectNode o, String name, double v) {
    Json.number(o, name, v);
  }

  private static String write(ObjectNode node) {
    return Json.write(node, "evaluation");
  }
}
