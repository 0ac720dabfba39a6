package dev.mlops.report;

import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.metrics.modeltest.ExpectationResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run's story in numbers: how many windows, which drifted, how many retrains, promotions,
 * rejections and rollbacks, and how the model tests ended. The top of the HTML report tells it in
 * these words ({@link #story()}).
 *
 * <p>Retrains, promotions and rejections are counted from the report's {@link RunEvent}s; when no
 * event of those kinds was given, from its gate decisions made after a window.
 *
 * <p>Immutable and thread-safe.
 *
 * @param windows the number of windows
 * @param records the rows recorded over all windows
 * @param driftedWindows the labels of the windows that counted as drifted
 * @param labelDriftWindows the labels of the windows with label drift
 * @param driftedFeatures per feature, in how many windows it drifted (most often first)
 * @param retrains retrains started
 * @param promotions candidates promoted
 * @param rejections candidates rejected
 * @param rollbacks rollbacks
 * @param failedRetrains retrains that failed
 * @param expectationsPassed model-test expectations that passed
 * @param expectationsWarned model-test expectations that failed as warnings
 * @param expectationsFailed model-test expectations that failed
 * @param expectationsUndefined model-test expectations whose metric was undefined
 */
public record RunSummary(int windows, long records, List<String> driftedWindows, List<String> labelDriftWindows,
    Map<String, Integer> driftedFeatures, int retrains, int promotions, int rejections, int rollbacks,
    int failedRetrains, int expectationsPassed, int expectationsWarned, int expectationsFailed,
    int expectationsUndefined) {

  /**
   * Copies the collections.
   *
   * @throws NullPointerException if a collection is null
   */
  public RunSummary {
    driftedWindows = List.copyOf(driftedWindows);
    labelDriftWindows = List.copyOf(labelDriftWindows);
    driftedFeatures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(driftedFeatures));
  }

  static RunSummary of(RunReport r) {
    List<String> drifted = new ArrayList<>();
    List<String> labelDrift = new ArrayList<>();
    Map<String, Integer> features = new LinkedHashMap<>();
    long records = 0;
    for (MonitoringWindow w : r.windows()) {
      DriftReport d = w.report();
      records += d.records();
      if (d.drifted()) {
        drifted.add(w.label());
      }
      if (d.label() != null && d.label().drifted()) {
        labelDrift.add(w.label());
      }
      for (FeatureDrift f : d.driftedFeatures()) {
        features.merge(f.feature(), 1, Integer::sum);
      }
    }
    Map<String, Integer> sorted = features.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    int retrains = count(r, RunEvent.Kind.RETRAIN);
    int promotions = count(r, RunEvent.Kind.PROMOTION);
    int rejections = count(r, RunEvent.Kind.REJECTION);
    if (retrains + promotions + rejections == 0) {
      List<GateRecord> retrainGates = r.gates().stream().filter(g -> !g.window().isEmpty()).toList();
      retrains = retrainGates.size();
      promotions = (int) retrainGates.stream().filter(GateRecord::promoted).count();
      rejections = retrains - promotions;
    }
    int[] status = new int[4];
    for (RunReport.TestEntry t : r.modelTests()) {
      for (ExpectationResult e : t.report().expectations()) {
        switch (e.status().name()) {
          case "PASSED" -> status[0]++;
          case "WARNED" -> status[1]++;
          case "FAILED" -> status[2]++;
          default -> status[3]++;
        }
      }
    }
    return new RunSummary(r.windows().size(), records, drifted, labelDrift, sorted, retrains, promotions, rejections,
        count(r, RunEvent.Kind.ROLLBACK), count(r, RunEvent.Kind.RETRAIN_FAILED), status[0], status[1], status[2],
        status[3]);
  }

  private static int count(RunReport r, RunEvent.Kind kind) {
    return (int) r.events().stream().filter(e -> e.kind() == kind).count();
  }

  /**
   * The story in plain sentences, one per line: windows, drift, retraining, model tests.
   *
   * @param report the report the summary was made from (for labels and versions)
   * @return the sentences
   */
  public List<String> story(RunReport report) {
    List<String> lines = new ArrayList<>();
    List<MonitoringWindow> ws = report.windows();
    if (windows > 0) {
      lines.add(windows + (windows == 1 ? " window" : " windows") + " monitored (" + ws.get(0).label()
          + (windows > 1 ? " to " + ws.get(ws.size() - 1).label() : "") + "), " + String.format(java.util.Locale.ROOT, "%,d", records)
          + " rows.");
      if (driftedWindows.isEmpty()) {
        lines.add("No window drifted.");
      } else {
        String top = driftedFeatures.entrySet().stream().limit(3)
            .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
        // A window counts as drifted for dataset, prediction or multivariate drift: say which.
        List<String> dataset = ws.stream().filter(w -> w.report().datasetDrift()).map(MonitoringWindow::label).toList();
        lines.add("Drift in " + driftedWindows.size() + " of " + windows + " windows (" + list(driftedWindows)
            + "): dataset drift in " + count(dataset, "window") + (dataset.isEmpty() ? "" : " (" + list(dataset) + ")")
            + (top.isEmpty() ? "." : "; features drifting most often: " + top + "."));
      }
      List<String> prediction = ws.stream().filter(w -> w.report().prediction() != null
          && w.report().prediction().drifted()).map(MonitoringWindow::label).toList();
      if (!prediction.isEmpty()) {
        lines.add("Prediction drift in " + count(prediction, "window") + " (" + list(prediction) + ").");
      }
      if (!labelDriftWindows.isEmpty()) {
        lines.add("Label drift in " + count(labelDriftWindows, "window") + " (" + list(labelDriftWindows) + ").");
      }
    }
    if (retrains + promotions + rejections + rollbacks + failedRetrains > 0) {
      StringBuilder s = new StringBuilder();
      s.append(retrains).append(retrains == 1 ? " retrain: " : " retrains: ")
          .append(promotions).append(promotions == 1 ? " promotion" : " promotions");
      List<String> promoted = report.events().stream().filter(e -> e.kind() == RunEvent.Kind.PROMOTION)
          .map(e -> e.subject() + (e.window().isEmpty() ? "" : " after " + e.window())).toList();
      if (!promoted.isEmpty()) {
        s.append(" (").append(String.join(", ", promoted)).append(')');
      }
      s.append(", ").append(rejections).append(rejections == 1 ? " rejection" : " rejections");
      List<String> rejected = report.events().stream().filter(e -> e.kind() == RunEvent.Kind.REJECTION)
          .map(e -> e.window().isEmpty() ? e.subject() : "after " + e.window()).toList();
      if (!rejected.isEmpty()) {
        s.append(" (").append(String.join(", ", rejected)).append(')');
      }
      s.append(", ").append(rollbacks).append(rollbacks == 1 ? " rollback" : " rollbacks");
      if (failedRetrains > 0) {
        s.append(", ").append(failedRetrains).append(" failed");
      }
      lines.add(s.append('.').toString());
    } else if (windows > 0) {
      lines.add("No retrain, promotion or rollback.");
    }
    int expectations = expectationsPassed + expectationsWarned + expectationsFailed + expectationsUndefined;
    if (expectations > 0) {
      lines.add("Model tests: " + expectationsPassed + " passed, " + expectationsWarned + " warned, "
          + expectationsFailed + " failed" + (expectationsUndefined > 0 ? ", " + expectationsUndefined + " undefined"
          : "") + " (of " + expectations + " expectations).");
    }
    return lines;
  }

  private static String count(List<String> items, String noun) {
    return items.size() + " " + noun + (items.size() == 1 ? "" : "s");
  }

  private static String list(List<String> labels) {
    return labels.size() <= 6 ? String.join(", ", labels)
        : String.join(", ", labels.subList(0, 5)) + " and " + (labels.size() - 5) + " more";
  }
}
