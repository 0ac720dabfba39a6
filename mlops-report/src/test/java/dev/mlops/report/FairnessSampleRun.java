package dev.mlops.report;

import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.fairness.Disparity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded monitoring run with group fairness, for the report's fairness section tests: 8 monthly
 * windows of 600 loan decisions by a monitor that watches {@code age_group}; from month 5 a new
 * channel brings young applicants whom the model approves far less often, and each month's labels
 * arrive during the next month.
 */
public final class FairnessSampleRun {

  /** The declaration of the run's monitor. */
  public static final SensitiveAttributes ATTRIBUTES = SensitiveAttributes.builder("age_group")
      .favourableClass(0).minGroupSize(30)
      .alertBelow(Disparity.DISPARATE_IMPACT_RATIO, 0.8)
      .alertAbove(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, 0.15)
      .build();

  private FairnessSampleRun() {}

  /**
   * Runs the monitor over the 8 months.
   *
   * @return the reports, oldest first
   */
  public static List<DriftReport> reports() {
    SplittableRandom r = new SplittableRandom(19);
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("income");
    for (int i = 0; i < 1_000; i++) {
      b.add(Map.of("income", 40_000 + 10_000 * r.nextDouble()));
    }
    DriftMonitor monitor = DriftMonitor.builder(b.build()).window(Window.tumblingCount(Integer.MAX_VALUE))
        .fairness(ATTRIBUTES).build();
    List<DriftReport> reports = new ArrayList<>();
    List<String> lastIds = new ArrayList<>();
    List<Integer> lastLabels = new ArrayList<>();
    int request = 0;
    for (int month = 1; month <= 8; month++) {
      List<String> ids = new ArrayList<>();
      List<Integer> truth = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        boolean partner = month >= 5 && r.nextDouble() < 0.3;
        String group = partner ? (r.nextDouble() < 0.8 ? "under 30" : "30-49")
            : new String[] {"under 30", "30-49", "50+"}[r.nextInt(3)];
        double risk = partner ? 0.35 : 0.12;
        int defaulted = r.nextDouble() < risk ? 1 : 0;
        // the model flags most partner applicants as risky (class 1 = default predicted: declined)
        int decision = r.nextDouble() < (defaulted == 1 ? 0.7 : partner ? 0.6 : 0.1) ? 1 : 0;
        String id = "req-" + (++request);
        monitor.record(Map.of("income", 40_000 + 10_000 * r.nextDouble(), "age_group", group),
            Prediction.ofClass(decision), id);
        ids.add(id);
        truth.add(defaulted);
      }
      for (int i = 0; i < lastIds.size(); i++) {
        monitor.recordLabel(lastIds.get(i), lastLabels.get(i));
      }
      lastIds = ids;
      lastLabels = truth;
      reports.add(monitor.closeWindow().orElseThrow());
    }
    return reports;
  }

  /**
   * A run report holding only the fairness section of the run, months as window labels.
   *
   * @return the report
   */
  public static RunReport report() {
    List<DriftReport> reports = reports();
    List<String> months = new ArrayList<>();
    for (int m = 1; m <= reports.size(); m++) {
      months.add("month " + m);
    }
    return RunReport.builder("loan-default: fairness sample run")
        .generatedAt(Instant.parse("2026-12-06T08:00:00Z"))
        .section(FairnessSection.of(reports, ATTRIBUTES, months))
        .build();
  }
}
