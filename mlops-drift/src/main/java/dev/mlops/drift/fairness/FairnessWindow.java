package dev.mlops.drift.fairness;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import dev.mlops.metrics.MlopsException;
import dev.mlops.metrics.fairness.FairnessEvaluation;
import java.util.List;
import java.util.Objects;

/**
 * The fairness of one window of served predictions: selection-rate disparities from the
 * predictions alone, and — over the rows whose labels arrived while the window was open — the
 * disparities that need labels (TPR, FPR, precision). Immutable and thread-safe.
 *
 * @param index the window's index, from 0
 * @param rows the predictions recorded in the window
 * @param labelledRows the labels joined to a prediction while the window was open
 * @param selection the evaluation of the predictions (labelled {@code false})
 * @param outcomes the evaluation of the labelled rows, or {@code null} when no label arrived
 * @param alerts the disparities that crossed their bounds
 * @param skipped records refused (missing request id, over-long id) or labels that matched nothing
 */
public record FairnessWindow(long index, long rows, long labelledRows, FairnessEvaluation selection,
    FairnessEvaluation outcomes, List<FairnessAlert> alerts, long skipped) {

  private static final JsonFactory FACTORY = new JsonFactory();

  /**
   * Validates the window.
   *
   * @throws NullPointerException if selection or alerts is null
   */
  public FairnessWindow {
    Objects.requireNonNull(selection, "selection");
    alerts = List.copyOf(alerts);
  }

  /**
   * The window as text: both evaluations and the alerts.
   *
   * @return multi-line text
   */
  public String toText() {
    StringBuilder out = new StringBuilder("Fairness window ").append(index).append(": ").append(rows)
        .append(" predictions, ").append(labelledRows).append(" labelled\n").append(selection.toText());
    if (outcomes != null) {
      out.append("On labelled rows:\n").append(outcomes.toText());
    }
    for (FairnessAlert a : alerts) {
      out.append("ALERT ").append(a.toText()).append('\n');
    }
    return out.toString();
  }

  /**
   * The window as JSON: {@code index}, {@code rows}, {@code labelled_rows}, {@code skipped},
   * {@code selection} and {@code outcomes} (fairness JSON of docs/fairness-json.md, or null) and
   * {@code alerts}.
   *
   * @return the JSON document
   */
  public String toJson() {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", "fairness_window");
      g.writeNumberField("index", index);
      g.writeNumberField("rows", rows);
      g.writeNumberField("labelled_rows", labelledRows);
      g.writeNumberField("skipped", skipped);
      // the evaluations' own JSON is embedded as it is: no write-parse-write round trip
      g.writeFieldName("selection");
      g.writeRawValue(selection.toJson());
      g.writeFieldName("outcomes");
      if (outcomes == null) {
        g.writeNull();
      } else {
        g.writeRawValue(outcomes.toJson());
      }
      g.writeArrayFieldStart("alerts");
      for (FairnessAlert a : alerts) {
        g.writeStartObject();
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
}
