package dev.mlops.drift.fairness;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.mlops.drift.internal.DriftJson;
import dev.mlops.metrics.MlopsException;
import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.fairness.FairnessEvaluation;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The group fairness part of one window's {@code DriftReport}: the selection-rate disparities of
 * the window's predictions, and the disparities that need labels for every recent window whose
 * predictions received labels while this window was open (a label counts in the window of its
 * prediction, so a window's TPR and FPR gaps are re-evaluated in later reports as its labels
 * arrive). Immutable and thread-safe.
 *
 * @param window the window's number (as the report's)
 * @param rows the predictions of the window counted for fairness
 * @param selection the evaluation of the window's predictions (not labelled)
 * @param outcomes the windows whose predictions received labels since the previous report, oldest
 *     first, each over all of its labels so far (empty when no label arrived)
 * @param alerts the disparities that crossed their bounds (each raised once per window)
 * @param skipped rows not counted for fairness: no prediction, or a prediction without a class (a
 *     regression value)
 * @param unmatchedLabels labels that found no prediction to judge: unknown or dropped request id,
 *     or a prediction older than the label windows
 */
@JsonSerialize(using = FairnessWindow.Writer.class)
@JsonDeserialize(using = FairnessWindow.Reader.class)
public record FairnessWindow(long window, long rows, FairnessEvaluation selection, List<LabelledFairness> outcomes,
    List<FairnessAlert> alerts, long skipped, long unmatchedLabels) {

  /**
   * Validates the window.
   *
   * @throws NullPointerException if selection, outcomes or alerts is null
   */
  public FairnessWindow {
    Objects.requireNonNull(selection, "selection");
    outcomes = List.copyOf(outcomes);
    alerts = List.copyOf(alerts);
  }

  /**
   * The label-based evaluation of one window's predictions, if its labels arrived while this
   * window was open.
   *
   * @param predictionWindow the window the predictions were made in
   * @return the evaluation, or empty
   */
  public Optional<LabelledFairness> outcomesOf(long predictionWindow) {
    return outcomes.stream().filter(o -> o.window() == predictionWindow).findFirst();
  }

  /**
   * The value of a disparity for one attribute: from the selection for a disparity of the
   * predictions alone, from the latest labelled window otherwise.
   *
   * @param attribute the attribute
   * @param disparity the disparity
   * @return the value, NaN when undefined or no label arrived
   * @throws IllegalArgumentException if the attribute is not watched
   */
  public double value(String attribute, Disparity disparity) {
    FairnessEvaluation e = disparity.needsLabels()
        ? outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1).evaluation() : selection;
    if (e == null) {
      selection.attribute(attribute);
      return Double.NaN;
    }
    return e.attribute(attribute).disparity(disparity).value();
  }

  /**
   * The window as text: the selection, each labelled window and the alerts.
   *
   * @return multi-line text
   */
  public String toText() {
    StringBuilder out = new StringBuilder("Fairness, window ").append(window).append(": ").append(rows)
        .append(" predictions");
    if (skipped > 0) {
      out.append(" (").append(skipped).append(" without a class, not counted)");
    }
    out.append('\n').append(selection.toText());
    for (LabelledFairness o : outcomes) {
      out.append("On the ").append(o.labelledRows()).append(" labelled predictions of window ").append(o.window())
          .append(":\n").append(o.evaluation().toText());
    }
    if (unmatchedLabels > 0) {
      out.append(unmatchedLabels).append(" labels matched no watched prediction\n");
    }
    for (FairnessAlert a : alerts) {
      out.append("FAIRNESS ALERT ").append(a.toText()).append('\n');
    }
    return out.toString();
  }

  /**
   * The window as JSON: {@code type} ({@code "fairness_window"}), {@code window}, {@code rows},
   * {@code skipped}, {@code unmatched_labels}, {@code selection} (fairness JSON of
   * docs/fairness-json.md), {@code outcomes} (array of {@code window}, {@code labelled_rows},
   * {@code evaluation}) and {@code alerts}. {@link #fromJson(String)} reads it back.
   *
   * @return the JSON document
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = DriftJson.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "fairness_window");
      g.writeNumberField("window", window);
      g.writeNumberField("rows", rows);
      g.writeNumberField("skipped", skipped);
      g.writeNumberField("unmatched_labels", unmatchedLabels);
      // the evaluations' own JSON is embedded as it is: no write-parse-write round trip
      g.writeFieldName("selection");
      g.writeRawValue(selection.toJson());
      g.writeArrayFieldStart("outcomes");
      for (LabelledFairness o : outcomes) {
        g.writeStartObject();
        g.writeNumberField("window", o.window());
        g.writeNumberField("labelled_rows", o.labelledRows());
        g.writeFieldName("evaluation");
        g.writeRawValue(o.evaluation().toJson());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("alerts");
      for (FairnessAlert a : alerts) {
        g.writeStartObject();
        g.writeNumberField("window", a.window());
        g.writeStringField("attribute", a.attribute());
        g.writeStringField("disparity", a.disparity().key());
        g.writeNumberField("value", a.value());
        g.writeNumberField("bound", a.bound());
        g.writeStringField("high_group", a.highGroup());
        g.writeStringField("low_group", a.lowGroup());
        g.writeBooleanField("from_labels", a.fromLabels());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new MlopsException("cannot write fairness window JSON", e);
    }
    return out.toString();
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @param json the document
   * @return the window, equal to the one written
   * @throws IllegalArgumentException if the document is not a fairness window
   * @throws NullPointerException if {@code json} is null
   */
  public static FairnessWindow fromJson(String json) {
    Objects.requireNonNull(json, "json must not be null");
    try {
      return read(DriftJson.MAPPER.readTree(json));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("json must be a fairness window written by toJson(): " + e.getMessage(), e);
    }
  }

  /**
   * Reads a fairness window from a parsed document (what {@link #toJson()} wrote).
   *
   * @param node the document's root
   * @return the window
   * @throws IllegalArgumentException if the node is not a fairness window
   */
  public static FairnessWindow read(JsonNode node) {
    if (!"fairness_window".equals(node.path("type").asText())) {
      throw new IllegalArgumentException("type must be fairness_window: " + node.path("type"));
    }
    List<LabelledFairness> outcomes = new ArrayList<>();
    for (JsonNode o : node.path("outcomes")) {
      outcomes.add(new LabelledFairness(o.path("window").asLong(), o.path("labelled_rows").asLong(),
          FairnessEvaluation.fromJson(o.path("evaluation").toString())));
    }
    List<FairnessAlert> alerts = new ArrayList<>();
    for (JsonNode a : node.path("alerts")) {
      alerts.add(new FairnessAlert(a.path("window").asLong(), a.path("attribute").asText(),
          Disparity.fromKey(a.path("disparity").asText()), a.path("value").asDouble(), a.path("bound").asDouble(),
          a.path("high_group").asText(), a.path("low_group").asText(), a.path("from_labels").asBoolean()));
    }
    return new FairnessWindow(node.path("window").asLong(), node.path("rows").asLong(),
        FairnessEvaluation.fromJson(node.path("selection").toString()), outcomes, alerts,
        node.path("skipped").asLong(), node.path("unmatched_labels").asLong());
  }

  /**
   * Writes a fairness window inside a report's JSON as its own documented JSON
   * (docs/fairness-json.md). Not API; stateless.
   */
  static final class Writer extends JsonSerializer<FairnessWindow> {
    @Override
    public void serialize(FairnessWindow v, JsonGenerator g, SerializerProvider p)
        throws IOException {
      g.writeRawValue(v.toJson());
    }
  }

  /** Reads what {@link Writer} wrote. Not API; stateless. */
  static final class Reader extends JsonDeserializer<FairnessWindow> {
    @Override
    public FairnessWindow deserialize(JsonParser p, DeserializationContext c) throws IOException {
      return read(p.readValueAsTree());
    }
  }
}
