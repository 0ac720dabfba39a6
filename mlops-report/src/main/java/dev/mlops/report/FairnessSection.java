package dev.mlops.report;

import dev.mlops.drift.fairness.FairnessAlert;
import dev.mlops.drift.fairness.FairnessWindow;
import dev.mlops.drift.fairness.LabelledFairness;
import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.metrics.fairness.AttributeFairness;
import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.fairness.DisparityValue;
import dev.mlops.metrics.fairness.FairnessEvaluation;
import dev.mlops.metrics.fairness.GroupRates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The report's group fairness section, from the {@code DriftReport}s of a monitor that declared
 * {@link SensitiveAttributes}: per attribute, the disparities of the predictions window by window
 * with their alert bounds, the disparities that need labels per window of the predictions (from the
 * latest evaluation of each window's labels), every group's selection rate over time, the per-group
 * table of the latest window, the groups that define each disparity of every window, and the
 * alerts.
 *
 * <pre>{@code
 * RunReport.builder("loans").section(FairnessSection.of(monitor.history(), attributes, monthLabels));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FairnessSection implements ReportSection {

  private final List<FairnessWindow> windows;
  private final List<String> labels;
  private final SensitiveAttributes attributes;

  private FairnessSection(List<FairnessWindow> windows, List<String> labels, SensitiveAttributes attributes) {
    this.windows = windows;
    this.labels = labels;
    this.attributes = attributes;
  }

  /**
   * A section over reports labelled {@code "window <n>"}.
   *
   * @param reports the monitor's reports, oldest first (reports without fairness are left out)
   * @param attributes the monitor's declaration (attributes and alert bounds)
   * @return the section
   * @throws NullPointerException if an argument is null
   */
  public static FairnessSection of(List<DriftReport> reports, SensitiveAttributes attributes) {
    return of(reports, attributes, reports.stream().map(r -> "window " + r.window()).toList());
  }

  /**
   * A section over reports with labels of your own (e.g. months).
   *
   * @param reports the monitor's reports, oldest first (reports without fairness are left out)
   * @param attributes the monitor's declaration (attributes and alert bounds)
   * @param windowLabels one label per report
   * @return the section
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the labels are not one per report
   */
  public static FairnessSection of(List<DriftReport> reports, SensitiveAttributes attributes,
      List<String> windowLabels) {
    Objects.requireNonNull(reports, "reports must not be null");
    Objects.requireNonNull(attributes, "attributes must not be null");
    if (windowLabels.size() != reports.size()) {
      throw new IllegalArgumentException("window labels must be one per report (" + reports.size() + "): "
          + windowLabels.size());
    }
    List<FairnessWindow> windows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      FairnessWindow f = reports.get(i).fairness();
      if (f != null) {
        windows.add(f);
        labels.add(Objects.requireNonNull(windowLabels.get(i), "window label"));
      }
    }
    return new FairnessSection(List.copyOf(windows), List.copyOf(labels), attributes);
  }

  @Override
  public String title() {
    return "Group fairness";
  }

  @Override
  public void writeTo(SectionContent out) {
    if (windows.isEmpty()) {
      out.paragraph("No window carries a fairness evaluation: the monitor declared no sensitive attribute.");
      return;
    }
    out.paragraph(String.format(Locale.ROOT, "Sensitive attributes %s; favourable class %d (a decision of it is a "
        + "selection); groups under %d rows are reported, not judged. Alert bounds: %s. Disparities that need "
        + "labels are shown per window of the predictions, from all the labels received for them.",
        attributes.names(), attributes.favourableClass(), attributes.minGroupSize(), bounds()));
    Map<Long, String> labelOf = new HashMap<>();
    for (int i = 0; i < windows.size(); i++) {
      labelOf.put(windows.get(i).window(), labels.get(i));
    }
    Map<Long, FairnessEvaluation> outcomes = latestOutcomes();
    for (String attribute : attributes.names()) {
      writeAttribute(out, attribute, labelOf, outcomes);
    }
    List<List<String>> alertRows = new ArrayList<>();
    for (FairnessWindow w : windows) {
      for (FairnessAlert a : w.alerts()) {
        alertRows.add(List.of(labelOf.getOrDefault(w.window(), "window " + w.window()),
            labelOf.getOrDefault(a.window(), "window " + a.window()), a.attribute(), a.disparity().key(),
            fmt(a.value()), fmt(a.bound()), a.highGroup() + " vs " + a.lowGroup(),
            a.fromLabels() ? "labels" : "predictions"));
      }
    }
    if (alertRows.isEmpty()) {
      out.paragraph("No fairness alert.");
    } else {
      out.table(List.of("reported in", "predictions of", "attribute", "disparity", "value", "bound", "groups",
          "basis"), alertRows);
    }
  }

  private void writeAttribute(SectionContent out, String attribute, Map<Long, String> labelOf,
      Map<Long, FairnessEvaluation> outcomes) {
    out.paragraph("Attribute " + attribute + ".");
    Map<String, double[]> selection = new LinkedHashMap<>();
    for (Disparity d : Disparity.values()) {
      if (!d.needsLabels()) {
        double[] v = new double[windows.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = value(windows.get(i).selection(), attribute, d);
        }
        put(selection, d.key(), v);
        putBound(selection, d, v.length);
      }
    }
    if (!selection.isEmpty()) {
      out.lineChart(attribute + ": disparities of the predictions per window", labels, selection);
    }
    Map<String, double[]> labelled = new LinkedHashMap<>();
    for (Disparity d : Disparity.values()) {
      if (d.needsLabels()) {
        double[] v = new double[windows.size()];
        for (int i = 0; i < v.length; i++) {
          FairnessEvaluation e = outcomes.get(windows.get(i).window());
          v[i] = e == null ? Double.NaN : value(e, attribute, d);
        }
        put(labelled, d.key(), v);
        if (labelled.containsKey(d.key())) {
          putBound(labelled, d, v.length);
        }
      }
    }
    if (labelled.isEmpty()) {
      out.paragraph("No disparity that needs labels is defined yet for " + attribute + ".");
    } else {
      out.lineChart(attribute + ": disparities on labelled rows, per window of the predictions", labels, labelled);
    }
    Set<String> groups = new LinkedHashSet<>();
    for (FairnessWindow w : windows) {
      w.selection().attribute(attribute).groups().forEach(g -> groups.add(g.group()));
    }
    Map<String, double[]> rates = new LinkedHashMap<>();
    for (String g : groups) {
      double[] v = new double[windows.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = rate(windows.get(i).selection().attribute(attribute), g);
      }
      put(rates, g, v);
    }
    if (!rates.isEmpty()) {
      out.lineChart(attribute + ": selection rate per group", labels, rates);
    }
    groupTable(out, attribute, outcomes);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      FairnessWindow w = windows.get(i);
      FairnessEvaluation e = outcomes.get(w.window());
      for (Disparity d : Disparity.values()) {
        FairnessEvaluation source = d.needsLabels() ? e : w.selection();
        if (source == null) {
          continue;
        }
        DisparityValue v = source.attribute(attribute).disparity(d);
        rows.add(List.of(labels.get(i), d.key(), v.defined() ? fmt(v.value()) : "-",
            v.defined() ? v.highGroup() : "", v.defined() ? v.lowGroup() : "",
            v.defined() ? "" : v.reason()));
      }
    }
    out.table(List.of("window", "disparity", "value", "highest group", "lowest group", "note"), rows);
  }

  /** The per-group table of the latest window (labelled rates from its latest labels, if any). */
  private void groupTable(SectionContent out, String attribute, Map<Long, FairnessEvaluation> outcomes) {
    FairnessWindow last = windows.get(windows.size() - 1);
    AttributeFairness sel = last.selection().attribute(attribute);
    FairnessEvaluation e = outcomes.get(last.window());
    AttributeFairness lab = e == null ? null : e.attribute(attribute);
    List<List<String>> rows = new ArrayList<>();
    for (GroupRates g : sel.groups()) {
      GroupRates l = lab == null ? null : lab.groups().stream().filter(x -> x.group().equals(g.group())).findFirst()
          .orElse(null);
      rows.add(List.of(g.group(), Long.toString(g.size()), fmt(g.selectionRate()),
          l == null ? "-" : Long.toString(l.size()), l == null ? "-" : fmt(l.truePositiveRate()),
          l == null ? "-" : fmt(l.falsePositiveRate()), l == null ? "-" : fmt(l.precision()),
          g.judged() ? "yes" : "no (too small)"));
    }
    out.paragraph("Groups of " + attribute + " in " + labels.get(labels.size() - 1) + ":");
    out.table(List.of("group", "predictions", "selection rate", "labelled", "TPR", "FPR", "precision", "judged"),
        rows);
  }

  /** For each window of predictions, the evaluation of its latest (most complete) labels. */
  private Map<Long, FairnessEvaluation> latestOutcomes() {
    Map<Long, FairnessEvaluation> latest = new HashMap<>();
    for (FairnessWindow w : windows) {
      for (LabelledFairness o : w.outcomes()) {
        latest.put(o.window(), o.evaluation());
      }
    }
    return latest;
  }

  private void putBound(Map<String, double[]> series, Disparity d, int n) {
    Double below = attributes.alertsBelow().get(d);
    Double above = attributes.alertsAbove().get(d);
    if (below != null && Double.isFinite(below)) {
      double[] v = new double[n];
      Arrays.fill(v, below);
      series.put(d.key() + " bound (at least " + fmt(below) + ")", v);
    }
    if (above != null && Double.isFinite(above)) {
      double[] v = new double[n];
      Arrays.fill(v, above);
      series.put(d.key() + " bound (at most " + fmt(above) + ")", v);
    }
  }

  /** Adds a series only when it holds at least one value (a chart draws no empty series). */
  private static void put(Map<String, double[]> series, String name, double[] values) {
    if (Arrays.stream(values).anyMatch(Double::isFinite)) {
      series.put(name, values);
    }
  }

  private static double value(FairnessEvaluation e, String attribute, Disparity d) {
    DisparityValue v = e.attribute(attribute).disparity(d);
    return v.defined() ? v.value() : Double.NaN;
  }

  private static double rate(AttributeFairness a, String group) {
    for (GroupRates g : a.groups()) {
      if (g.group().equals(group)) {
        return g.size() == 0 ? Double.NaN : g.selectionRate();
      }
    }
    return Double.NaN;
  }

  private String bounds() {
    List<String> out = new ArrayList<>();
    attributes.alertsBelow().forEach((d, b) -> out.add(d.key() + " >= " + fmt(b)));
    attributes.alertsAbove().forEach((d, b) -> out.add(d.key() + " <= " + fmt(b)));
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  private static String fmt(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
  }
}
