package dev.mlops.examples.demo;

import dev.mlops.drift.fairness.FairnessAlert;
import dev.mlops.drift.fairness.FairnessWindow;
import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.metrics.fairness.AttributeFairness;
import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.fairness.GroupRates;
import dev.mlops.report.FairnessSection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's fairness log: each window's group fairness of the sensitive attribute (from the
 * monitor's reports), printed as one table on the console and given to the report as its fairness
 * section. Not thread-safe (the demo's thread only).
 */
final class FairnessLog {

  private final SensitiveAttributes attributes;
  private final List<String> windows = new ArrayList<>();
  private final List<DriftReport> reports = new ArrayList<>();

  FairnessLog(SensitiveAttributes attributes) {
    this.attributes = attributes;
  }

  /** Adds one closed window (its report carries the fairness part when the monitor declared it). */
  void add(String window, DriftReport report) {
    if (report.fairness() != null) {
      windows.add(window);
      reports.add(report);
    }
  }

  /** Prints, per window, the approval rate of every group, the disparate impact ratio and the alerts. */
  void print(Console console) {
    if (reports.isEmpty()) {
      return;
    }
    for (String attribute : attributes.names()) {
      Set<String> groups = new LinkedHashSet<>();
      reports.forEach(r -> r.fairness().selection().attribute(attribute).groups().forEach(g -> groups.add(g.group())));
      List<String> sorted = groups.stream().sorted().toList();
      console.line("approval rate (favourable decision) by " + attribute + ", disparate impact ratio (four-fifths "
          + "rule: at least 0.8) and equal opportunity difference on the window's labelled rows:");
      StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-10s", "window"));
      sorted.forEach(g -> header.append(String.format(Locale.ROOT, " %9s", g)));
      console.line(header.append(String.format(Locale.ROOT, " %9s %9s  %s", "ratio", "EOD", "alerts")).toString());
      for (int i = 0; i < reports.size(); i++) {
        FairnessWindow f = reports.get(i).fairness();
        AttributeFairness a = f.selection().attribute(attribute);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s", windows.get(i)));
        for (String g : sorted) {
          GroupRates rates = a.groups().stream().filter(x -> x.group().equals(g)).findFirst().orElse(null);
          line.append(String.format(Locale.ROOT, " %9s", rates == null ? "-" : Console.num(rates.selectionRate())));
        }
        double eod = f.outcomesOf(f.window()).map(o -> o.evaluation().attribute(attribute)
            .disparity(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE).value()).orElse(Double.NaN);
        String alerts = f.alerts().stream().filter(x -> x.attribute().equals(attribute))
            .map(FairnessLog::alert).collect(Collectors.joining("; "));
        line.append(String.format(Locale.ROOT, " %9s %9s  %s",
            num(a.disparity(Disparity.DISPARATE_IMPACT_RATIO).value()), num(eod), alerts.isEmpty() ? "-" : alerts));
        console.line(line.toString());
      }
    }
  }

  /** The report's fairness section over the logged windows. */
  FairnessSection section() {
    return FairnessSection.of(reports, attributes, windows);
  }

  private static String alert(FairnessAlert a) {
    return String.format(Locale.ROOT, "%s %s (%s vs %s)", a.disparity().key(), Console.num(a.value()), a.highGroup(),
        a.lowGroup());
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "n/a" : Console.num(v);
  }
}
