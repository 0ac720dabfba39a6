package dev.mlops.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.modeltest.ExpectationResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link RunReport} into the JSON document the page's script renders: the header (title,
 * story, badges) and one entry per section. Stateless apart from the document being built; one
 * instance per rendering.
 */
final class ReportDocument {

  /** Residual plots keep at most this many points (every k-th row), to keep the file small. */
  static final int MAX_SCATTER_POINTS = 2_000;

  private final RunReport report;
  private final ObjectNode doc = Json.object();
  private final ArrayNode sections;

  private ReportDocument(RunReport report) {
    this.report = report;
    sections = doc.putArray("sections");
  }

  static ObjectNode of(RunReport report) {
    return new ReportDocument(report).build();
  }

  private ObjectNode build() {
    RunSummary summary = report.summary();
    doc.put("title", report.title()).put("description", report.description())
        .put("generated", report.generatedAt().toString());
    doc.set("story", Json.texts(summary.story(report)));
    badges(summary);
    modelTests();
    evaluations();
    MonitoringDocument.write(report, sections);
    gates();
    events();
    for (int i = 0; i < report.sections().size(); i++) {
      ReportSection s = report.sections().get(i);
      s.writeTo(new SectionWriter(sections, "section-" + i, s.title()));
    }
    provenance();
    return doc;
  }

  private void badges(RunSummary s) {
    ArrayNode badges = doc.putArray("badges");
    int expectations = s.expectationsPassed() + s.expectationsWarned() + s.expectationsFailed()
        + s.expectationsUndefined();
    if (expectations > 0) {
      String kind = s.expectationsFailed() > 0 ? "bad" : s.expectationsWarned() + s.expectationsUndefined() > 0
          ? "warn" : "ok";
      String text = s.expectationsFailed() == 0 && s.expectationsWarned() == 0 && s.expectationsUndefined() == 0
          ? "all " + expectations + " expectations passed"
          : s.expectationsPassed() + " of " + expectations + " passed, " + s.expectationsWarned() + " warned, "
              + s.expectationsFailed() + " failed" + (s.expectationsUndefined() > 0 ? ", " + s.expectationsUndefined()
              + " undefined" : "");
      badge(badges, kind, "model test", text);
    }
    if (s.windows() > 0) {
      badge(badges, s.driftedWindows().isEmpty() ? "ok" : "warn", "drift",
          s.driftedWindows().size() + " of " + s.windows() + " windows drifted");
    }
    if (s.retrains() + s.promotions() + s.rejections() > 0) {
      badge(badges, "neutral", "retraining", s.retrains() + " retrains, " + s.promotions() + " promoted, "
          + s.rejections() + " rejected, " + s.rollbacks() + " rolled back");
    }
    if (!report.gates().isEmpty()) {
      GateRecord last = report.gates().get(report.gates().size() - 1);
      badge(badges, last.promoted() ? "ok" : "bad", "last gate", last.decision() + " (" + last.label() + ")");
    }
    long findings = report.windows().stream().mapToLong(w -> w.report().dataQuality().findings().size()).sum();
    if (findings > 0) {
      badge(badges, "warn", "data quality", findings + (findings == 1 ? " finding" : " findings"));
    }
  }

  private static void badge(ArrayNode badges, String kind, String label, String text) {
    badges.addObject().put("kind", kind).put("label", label).put("text", text);
  }

  private void modelTests() {
    if (report.modelTests().isEmpty()) {
      return;
    }
    SectionWriter out = new SectionWriter(sections, "model-test", "Model test");
    for (RunReport.TestEntry t : report.modelTests()) {
      out.heading(t.label() + ": " + (t.report().passed() ? "PASSED" : "FAILED") + " on " + t.report().n() + " rows");
      SectionWriter.Table table = out.table(List.of("expectation", "status", "observed", "confidence interval",
          "threshold", "n", "reason"));
      for (ExpectationResult e : t.report().expectations()) {
        Interval ci = e.ci();
        table.row().text(e.name()).status(e.status().name()).number(e.observed())
            .interval(ci == null ? Double.NaN : ci.lower(), ci == null ? Double.NaN : ci.upper())
            .text(e.threshold() == null ? "" : e.threshold().toString()).count(e.n()).text(e.reason());
      }
      t.report().evaluation().ifPresent(ev -> evaluation(out, t.label(), ev));
    }
  }

  private void evaluations() {
    if (report.evaluations().isEmpty()) {
      return;
    }
    SectionWriter out = new SectionWriter(sections, "evaluation", "Evaluation");
    for (RunReport.EvaluationEntry e : report.evaluations()) {
      out.heading(e.label());
      evaluation(out, e.label(), e.evaluation());
    }
  }

  /** The metrics table and the charts of one evaluation. */
  static void evaluation(SectionWriter out, String label, Evaluation evaluation) {
    SectionWriter.Table table = out.table(List.of("metric", "value", "confidence interval", "n", "note"));
    for (Map.Entry<Metric, MetricValue> m : evaluation.metrics().entrySet()) {
      MetricValue v = m.getValue();
      Interval ci = v.ci();
      table.row().text(m.getKey().key()).number(v.defined() ? v.value() : Double.NaN)
          .interval(ci == null ? Double.NaN : ci.lower(), ci == null ? Double.NaN : ci.upper()).count(v.n())
          .text(v.defined() ? "" : v.reason());
    }
    if (evaluation instanceof ClassificationEvaluation c) {
      c.rocCurve().ifPresent(r -> {
        ObjectNode d = Json.object().put("area", areaLabel("AUC", defined(c, Metric.ROC_AUC)));
        d.set("x", Json.nums(r.fpr()));
        d.set("y", Json.nums(r.tpr()));
        out.chart("roc", "ROC curve: " + label, d);
      });
      c.precisionRecallCurve().ifPresent(p -> {
        ObjectNode d = Json.object().put("area", areaLabel("AP", defined(c, Metric.AVERAGE_PRECISION)));
        d.set("x", Json.nums(p.recall()));
        d.set("y", Json.nums(p.precision()));
        d.set("prevalence", Json.num(defined(c, Metric.PREVALENCE)));
        out.chart("pr", "Precision-recall curve: " + label, d);
      });
      ObjectNode cm = Json.object();
      cm.set("classes", Json.texts(c.classNames()));
      ArrayNode counts = cm.putArray("counts");
      for (long[] row : c.confusionMatrix().counts()) {
        counts.add(Json.nums(row));
      }
      out.chart("confusion", "Confusion matrix (rows: actual, columns: predicted): " + label, cm);
      c.reliabilityCurve().ifPresent(r -> {
        ObjectNode d = Json.object();
        d.set("x", Json.nums(r.meanPredicted()));
        d.set("y", Json.nums(r.fractionPositive()));
        d.set("counts", Json.nums(r.counts()));
        out.chart("calibration", "Calibration: " + label, d);
      });
    } else if (evaluation instanceof RegressionEvaluation r) {
      double[] predicted = r.predicted();
      double[] residuals = r.residuals();
      if (predicted.length > 0) {
        int step = Math.max(1, (predicted.length + MAX_SCATTER_POINTS - 1) / MAX_SCATTER_POINTS);
        ArrayNode pa = Json.array();
        ArrayNode res = Json.array();
        for (int i = 0; i < predicted.length; i += step) {
          if (Double.isFinite(predicted[i]) && Double.isFinite(residuals[i])) {
            pa.add(Json.array().add(Json.num(predicted[i])).add(Json.num(predicted[i] + residuals[i])));
            res.add(Json.array().add(Json.num(predicted[i])).add(Json.num(residuals[i])));
          }
        }
        String shown = step > 1 ? " (" + pa.size() + " of " + predicted.length + " rows)" : "";
        out.chart("predicted-actual", "Predicted vs actual: " + label + shown, (ObjectNode) Json.object().set("points", pa));
        out.chart("residuals", "Residuals (actual - predicted): " + label + shown,
            (ObjectNode) Json.object().set("points", res));
      }
    }
  }

  private static double defined(Evaluation e, Metric metric) {
    if (!e.has(metric)) {
      return Double.NaN;
    }
    MetricValue v = e.metric(metric);
    return v.defined() ? v.value() : Double.NaN;
  }

  private static String areaLabel(String name, double value) {
    return Double.isFinite(value) ? name + " " + String.format(Locale.ROOT, "%.3f", value) : "";
  }

  private void gates() {
    if (report.gates().isEmpty()) {
      return;
    }
    SectionWriter out = new SectionWriter(sections, "gate", report.gates().size() > 1 ? "Gate decisions" : "Gate decision");
    for (GateRecord g : report.gates()) {
      String versus = g.champion().isEmpty() ? g.candidate() + " (no champion: absolute expectations only)"
          : "candidate " + g.candidate() + " vs champion " + g.champion();
      out.heading(g.decision() + ": " + g.label() + " — " + versus);
      if (!g.comparisons().isEmpty()) {
        SectionWriter.Table t = out.table(List.of("metric", "champion", "candidate", "difference",
            "interval of the difference", "p-value", "test", "verdict"));
        for (GateComparison c : g.comparisons()) {
          t.row().text(c.metric()).number(c.champion()).number(c.candidate()).number(c.difference())
              .interval(c.lower(), c.upper()).pValue(c.pValue()).text(c.test()).status(c.verdict());
        }
      }
      out.list(g.reasons());
    }
  }

  private void events() {
    if (report.events().isEmpty()) {
      return;
    }
    SectionWriter out = new SectionWriter(sections, "events", "Loop events");
    SectionWriter.Table t = out.table(List.of("after window", "event", "version", "what happened"));
    for (RunEvent e : report.events()) {
      t.row().text(e.window()).status(e.kind().name()).text(e.subject()).text(e.text());
    }
  }

  private void provenance() {
    if (report.provenance().isEmpty()) {
      return;
    }
    SectionWriter out = new SectionWriter(sections, "provenance", "Provenance");
    SectionWriter.Table t = out.table(List.of("key", "value"));
    report.provenance().forEach((k, v) -> t.row().text(k).text(v));
  }
}
