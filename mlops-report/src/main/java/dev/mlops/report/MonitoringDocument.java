package dev.mlops.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.ScaleDrift;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The monitoring section: the feature-by-window drift heat map with each window's histograms, the
 * share of drifted features, label and prediction drift, performance over time (realised and
 * estimated, with intervals), regression residuals and predicted-versus-actual by window, and the
 * data-quality findings. Reference changes and promotions are drawn and labelled on every timeline.
 */
final class MonitoringDocument {

  /** Metrics charted when neither the report nor the monitor names any. */
  static final int DEFAULT_METRICS = 4;

  private final RunReport report;
  private final List<MonitoringWindow> windows;
  private final SectionWriter out;

  private MonitoringDocument(RunReport report, SectionWriter out) {
    this.report = report;
    this.windows = report.windows();
    this.out = out;
  }

  static void write(RunReport report, ArrayNode sections) {
    if (report.windows().isEmpty()) {
      return;
    }
    new MonitoringDocument(report, new SectionWriter(sections, "monitoring", "Monitoring")).write();
  }

  private void write() {
    out.note("Each window is compared with the reference of the model that served it. Click a cell of the heat map "
        + "to see that window's histograms against the reference.");
    explorer();
    out.chart("drift-share", "Share of drifted features per window", driftShare());
    ObjectNode targets = targetDrift();
    if (targets != null) {
      out.chart("target-drift", "Label and prediction drift per window (effect size)", targets);
    }
    performance();
    regression();
    dataQuality();
  }

  /** The x axis, the events and the reference periods shared by every timeline. */
  private ObjectNode timeline() {
    ObjectNode t = Json.object();
    t.set("windows", Json.texts(windows.stream().map(MonitoringWindow::label).toList()));
    // One labelled line per window: the events after it, the most consequential one's kind for the colour.
    Map<String, List<RunEvent>> byWindow = new LinkedHashMap<>();
    Set<String> labels = new LinkedHashSet<>(windows.stream().map(MonitoringWindow::label).toList());
    for (RunEvent e : report.events()) {
      if (labels.contains(e.window()) && e.kind() != RunEvent.Kind.DRIFT && e.kind() != RunEvent.Kind.INFO) {
        byWindow.computeIfAbsent(e.window(), k -> new ArrayList<>()).add(e);
      }
    }
    ArrayNode markers = t.putArray("markers");
    byWindow.forEach((window, events) -> {
      RunEvent.Kind kind = events.stream().map(RunEvent::kind).min(java.util.Comparator.comparingInt(MonitoringDocument::weight))
          .orElseThrow();
      // Short enough to stand above the line: a promotion implies its reference change (the shaded
      // period that starts after it is labelled with the new reference).
      boolean promoted = events.stream().anyMatch(e -> e.kind() == RunEvent.Kind.PROMOTION);
      String text = events.stream().filter(e -> e.kind() != RunEvent.Kind.RETRAIN || events.size() == 1)
          .filter(e -> e.kind() != RunEvent.Kind.REFERENCE_CHANGE || !promoted)
          .map(e -> verb(e.kind()) + (e.subject().isEmpty() ? "" : " " + e.subject()))
          .distinct().collect(java.util.stream.Collectors.joining("; "));
      markers.addObject().put("window", window).put("kind", kind.name()).put("text", text);
    });
    ArrayNode references = t.putArray("references");
    int start = 0;
    for (int i = 1; i <= windows.size(); i++) {
      if (i == windows.size() || !periodKey(windows.get(i)).equals(periodKey(windows.get(start)))) {
        MonitoringWindow w = windows.get(start);
        String label = !w.reference().isEmpty() ? "reference: " + w.reference()
            : !w.servedBy().isEmpty() ? "served by " + w.servedBy() : "";
        references.addObject().put("from", w.label()).put("to", windows.get(i - 1).label()).put("label", label);
        start = i;
      }
    }
    return t;
  }

  private static String verb(RunEvent.Kind kind) {
    return switch (kind) {
      case PROMOTION -> "promoted";
      case REJECTION -> "rejected";
      case ROLLBACK -> "rolled back";
      case RETRAIN -> "retrained";
      case RETRAIN_FAILED -> "retrain failed";
      case REFERENCE_CHANGE -> "new reference";
      default -> kind.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Lower first: the event that names a window's marker. */
  private static int weight(RunEvent.Kind kind) {
    return switch (kind) {
      case ROLLBACK -> 0;
      case PROMOTION -> 1;
      case REJECTION -> 2;
      case RETRAIN_FAILED -> 3;
      case REFERENCE_CHANGE -> 4;
      default -> 5;
    };
  }

  private static String periodKey(MonitoringWindow w) {
    return w.reference() + "\u0000" + w.servedBy();
  }

  private void explorer() {
    List<String> features = new ArrayList<>();
    for (MonitoringWindow w : windows) {
      for (FeatureDrift f : all(w.report())) {
        String name = MonitoringWindow.display(f.feature());
        if (!features.contains(name)) {
          features.add(name);
        }
      }
    }
    ObjectNode block = out.block("drift");
    block.setAll(timeline());
    block.set("features", Json.texts(features));
    ArrayNode info = block.putArray("info");
    ArrayNode cells = block.putArray("cells");
    ArrayNode histograms = block.putArray("histograms");
    int selected = -1;
    for (int wi = 0; wi < windows.size(); wi++) {
      MonitoringWindow w = windows.get(wi);
      DriftReport d = w.report();
      info.addObject().put("label", w.label()).put("servedBy", w.servedBy()).put("reference", w.reference())
          .put("records", d.records()).put("drifted", d.drifted()).put("start", d.start().toString())
          .put("end", d.end().toString());
      if (selected < 0 && d.drifted()) {
        selected = wi;
      }
      for (FeatureDrift f : all(d)) {
        ObjectNode c = cells.addObject();
        c.put("w", wi).put("f", features.indexOf(MonitoringWindow.display(f.feature())))
            .put("status", f.status().name()).put("test", f.test()).put("reason", f.reason())
            .put("n", f.nCurrent());
        c.set("effect", Json.num(f.effectSize()));
        c.set("statistic", Json.num(f.statistic()));
        c.set("p", Json.num(f.pValue()));
        c.set("threshold", Json.num(f.threshold()));
        c.set("fired", Json.texts(f.firedChecks()));
        c.set("scale", scale(f.scale()));
      }
      for (FeatureHistogram h : w.histograms()) {
        ObjectNode o = histograms.addObject();
        o.put("w", wi).put("feature", h.feature()).put("kind", h.kind()).put("n", h.currentCount())
            .put("source", h.source());
        o.set("bins", Json.texts(h.bins()));
        o.set("reference", Json.nums(h.reference()));
        o.set("current", Json.nums(h.current()));
      }
    }
    block.put("selected", selected < 0 ? windows.size() - 1 : selected);
  }

  /** A feature's scale check for the table and the tooltip, null when it did not run. */
  private static JsonNode scale(ScaleDrift s) {
    if (s == null) {
      return Json.NODES.nullNode();
    }
    ObjectNode o = Json.object().put("status", s.status().name()).put("origin", s.origin());
    o.set("logSdRatio", Json.num(s.logSdRatio()));
    o.set("lower", Json.num(s.lower()));
    o.set("upper", Json.num(s.upper()));
    o.set("p", Json.num(s.pValue()));
    o.set("alpha", Json.num(s.alpha()));
    return o;
  }

  private static List<FeatureDrift> all(DriftReport d) {
    List<FeatureDrift> all = new ArrayList<>(d.features());
    if (d.prediction() != null) {
      all.add(d.prediction());
    }
    if (d.label() != null) {
      all.add(d.label());
    }
    return all;
  }

  private ObjectNode driftShare() {
    ObjectNode c = timeline();
    double[] share = new double[windows.size()];
    ArrayNode drifted = c.putArray("flagged");
    double threshold = Double.NaN;
    for (int i = 0; i < windows.size(); i++) {
      DriftReport d = windows.get(i).report();
      share[i] = d.driftShare();
      drifted.add(d.drifted());
      threshold = d.driftShareThreshold();
    }
    ArrayNode series = c.putArray("series");
    series.addObject().put("name", "share of drifted features").set("values", Json.nums(share));
    c.set("threshold", Json.num(threshold));
    return c;
  }

  private ObjectNode targetDrift() {
    Map<String, double[]> series = new LinkedHashMap<>();
    Map<String, boolean[]> flags = new LinkedHashMap<>();
    for (int i = 0; i < windows.size(); i++) {
      DriftReport d = windows.get(i).report();
      for (FeatureDrift f : new FeatureDrift[] {d.label(), d.prediction()}) {
        if (f == null) {
          continue;
        }
        // Named by what is plotted, the effect size, not by the test: a new reference may judge the
        // label with another test, and one line per quantity keeps the periods comparable.
        String name = MonitoringWindow.display(f.feature()) + " ("
            + ("numeric".equals(f.kind()) ? "normed Wasserstein" : "Jensen-Shannon") + ")";
        double[] values = series.computeIfAbsent(name, k -> nans(windows.size()));
        values[i] = f.effectSize();
        flags.computeIfAbsent(name, k -> new boolean[windows.size()])[i] = f.drifted();
      }
    }
    if (series.isEmpty()) {
      return null;
    }
    ObjectNode c = timeline();
    ArrayNode s = c.putArray("series");
    series.forEach((name, values) -> {
      ObjectNode o = s.addObject().put("name", name);
      o.set("values", Json.nums(values));
      ArrayNode f = o.putArray("flagged");
      for (boolean b : flags.get(name)) {
        f.add(b);
      }
    });
    return c;
  }

  private void performance() {
    Map<String, PerformancePoint[][]> byMetric = new LinkedHashMap<>(); // metric -> [realised, estimated][window]
    for (int i = 0; i < windows.size(); i++) {
      for (PerformancePoint p : windows.get(i).performance()) {
        byMetric.computeIfAbsent(p.metric(), k -> new PerformancePoint[2][windows.size()])[p.estimated() ? 1 : 0][i] = p;
      }
    }
    Set<String> shown = shownMetrics(byMetric.keySet());
    byMetric.forEach((metric, points) -> {
      if (!shown.contains(metric)) {
        return;
      }
      ObjectNode c = timeline();
      ArrayNode series = c.putArray("series");
      String[] names = {"realised", "estimated (no labels)"};
      for (int k = 0; k < 2; k++) {
        boolean any = false;
        double[] v = nans(windows.size());
        double[] lo = nans(windows.size());
        double[] hi = nans(windows.size());
        for (int i = 0; i < windows.size(); i++) {
          PerformancePoint p = points[k][i];
          if (p != null) {
            any = true;
            v[i] = p.value();
            lo[i] = p.lower();
            hi[i] = p.upper();
          }
        }
        if (any) {
          ObjectNode s = series.addObject().put("name", metric + " " + names[k]).put("estimated", k == 1);
          s.set("values", Json.nums(v));
          s.set("lower", Json.nums(lo));
          s.set("upper", Json.nums(hi));
        }
      }
      out.chart("performance", "Performance over time: " + metric + " (bands: confidence intervals)", c);
    });
    estimateSamples();
    unbandedEstimates();
    extrapolatingEstimates();
    lateLabels();
  }

  /** Says which windows' realised performance counts labels that arrived after they closed. */
  private void lateLabels() {
    List<String> labels = new ArrayList<>();
    long late = 0;
    for (MonitoringWindow w : windows) {
      var l = w.labelled().orElse(null);
      if (l != null && l.lateLabels() > 0) {
        labels.add(w.label());
        late += l.lateLabels();
      }
    }
    if (!labels.isEmpty()) {
      out.note(String.format(java.util.Locale.ROOT, "Realised performance of %d of %d windows (%s)"
          + " counts %,d labels that arrived after the window closed, credited to the window of"
          + " their prediction.", labels.size(), windows.size(), String.join(", ", labels), late));
    }
  }

  /**
   * Says which reference rows the label-free estimates rest on (the monitor's method text ends with
   * "; estimate sample: " and the sample's rows and origin: held-out rows, training rows'
   * out-of-fold scores, both, or unknown), once per distinct sample, with the windows.
   */
  private void estimateSamples() {
    Map<String, List<String>> bySample = new LinkedHashMap<>();
    for (MonitoringWindow w : windows) {
      String method = w.report().performance().estimationMethod();
      int at = method.lastIndexOf(SAMPLE);
      if (at >= 0) {
        bySample.computeIfAbsent(method.substring(at + SAMPLE.length()), k -> new ArrayList<>())
            .add(w.label());
      }
    }
    bySample.forEach((sample, labels) -> out.note("Label-free estimates of " + labels.size()
        + " of " + windows.size() + " windows (" + String.join(", ", labels)
        + ") are calibrated on the estimate sample: " + sample + "."));
  }

  /** What the monitor's method text says before the estimate sample's rows and origin. */
  private static final String SAMPLE = "; estimate sample: ";

  /**
   * Says which windows' label-free estimates reach beyond the reference (their band is widened by
   * the share of rows outside the reference's range, where no label-free estimate is known).
   */
  private void extrapolatingEstimates() {
    List<String> labels = new ArrayList<>();
    double most = 0;
    for (MonitoringWindow w : windows) {
      var e = w.report().performance().accuracyEstimate();
      if (e != null && e.extrapolating()) {
        labels.add(w.label());
        most = Math.max(most, e.extrapolated());
      }
    }
    if (!labels.isEmpty()) {
      out.note(String.format(java.util.Locale.ROOT, "Estimated accuracy extrapolating in %d of %d"
          + " windows (%s): up to %.1f%% of rows beyond the reference's range, where no label-free"
          + " estimate is known; the band is widened by that share.", labels.size(), windows.size(),
          String.join(", ", labels), 100 * most));
    }
  }

  /**
   * Says which windows' label-free estimates have no band and why (the monitor's own words): e.g. a
   * retrained version refit on every labelled row has no held-out rows to calibrate an estimator on.
   */
  private void unbandedEstimates() {
    List<String> labels = new ArrayList<>();
    String method = null;
    for (MonitoringWindow w : windows) {
      var p = w.report().performance();
      if (!p.estimated().isEmpty() && p.accuracyEstimate() == null) {
        labels.add(w.label());
        method = method == null ? p.estimationMethod() : method;
      }
    }
    if (!labels.isEmpty()) {
      out.note("Estimated performance without a band in " + labels.size() + " of " + windows.size()
          + " windows (" + String.join(", ", labels) + "): " + method + ".");
    }
  }

  /**
   * The metrics to chart: those the report names, else those the monitor itself reported (realised or
   * estimated) or that were estimated explicitly, else the first {@link #DEFAULT_METRICS} evaluated.
   */
  private Set<String> shownMetrics(Set<String> available) {
    if (!report.performanceMetrics().isEmpty()) {
      return report.performanceMetrics();
    }
    Set<String> fromMonitor = new LinkedHashSet<>();
    for (MonitoringWindow w : windows) {
      fromMonitor.addAll(w.report().performance().realised().keySet());
      fromMonitor.addAll(w.report().performance().estimated().keySet());
      w.performance().stream().filter(PerformancePoint::estimated).forEach(p -> fromMonitor.add(p.metric()));
    }
    if (!fromMonitor.isEmpty()) {
      return fromMonitor;
    }
    return available.stream().limit(DEFAULT_METRICS).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
  }

  private void regression() {
    boolean any = windows.stream().anyMatch(w -> w.predictionCount() > 0);
    if (!any) {
      return;
    }
    ObjectNode box = timeline();
    ArrayNode quantiles = box.putArray("quantiles");
    ObjectNode scatter = Json.object();
    ArrayNode series = scatter.putArray("series");
    for (MonitoringWindow w : windows) {
      double[] q = w.residualQuantiles();
      quantiles.add(q.length == 0 ? Json.NODES.nullNode() : Json.nums(q));
      if (w.predictionCount() > 0) {
        double[] a = w.sampleActual();
        double[] p = w.samplePredicted();
        ArrayNode points = Json.array();
        for (int i = 0; i < a.length; i++) {
          if (Double.isFinite(a[i]) && Double.isFinite(p[i])) {
            points.add(Json.array().add(Json.num(p[i])).add(Json.num(a[i])));
          }
        }
        series.addObject().put("name", w.label()).set("points", points);
      }
    }
    out.chart("residual-box", "Residuals (actual - predicted) by window: 5th, 25th, 50th, 75th, 95th percentiles", box);
    out.chart("predicted-actual-windows", "Predicted vs actual by window (pick windows in the legend)", scatter);
  }

  private void dataQuality() {
    boolean any = windows.stream().anyMatch(w -> !w.report().dataQuality().findings().isEmpty());
    if (!any) {
      out.note("No data-quality finding in any window.");
      return;
    }
    out.heading("Data quality");
    SectionWriter.Table t = out.table(List.of("window", "finding"));
    for (MonitoringWindow w : windows) {
      w.report().dataQuality().findings().forEach(f -> t.row().text(w.label()).text(f));
    }
  }

  private static double[] nans(int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, Double.NaN);
    return a;
  }
}
