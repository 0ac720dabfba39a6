package dev.mlops.examples.demo;

import dev.mlops.core.pipeline.ChampionComparison;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the demo prints the library's verdicts on its console: a gate's comparison of champion and
 * candidate, and a monitor window's drift. Not thread-safe (the demo's thread only).
 */
final class Verdicts {

  private final Console console;
  private final DemoData data;

  Verdicts(Console console, DemoData data) {
    this.console = console;
    this.data = data;
  }

  /**
   * The gate's verdict with both models' numbers on the same held-out rows: one line per gated
   * metric (champion, candidate, difference, its 95% interval, the paired test's p-value).
   */
  void gate(String decision, List<ChampionComparison> comparisons, List<String> reasons) {
    console.kv("gate", decision);
    if (!comparisons.isEmpty()) {
      console.printf("  %-10s %10s %10s %11s  %-22s %9s  %-16s %s%n", "metric", "champion", "candidate", "difference",
          "95% interval", "p-value", "test", "verdict");
      for (ChampionComparison c : comparisons) {
        console.printf("  %-10s %10s %10s %11s  %-22s %9s  %-16s %s%n", c.metric(), Console.num(c.champion()),
            Console.num(c.candidate()), Console.signed(c.difference()),
            Double.isNaN(c.lower()) ? "-" : "[" + Console.signed(c.lower()) + ", " + Console.signed(c.upper()) + "]",
            Console.p(c.pValue()), c.test().isEmpty() ? "-" : c.test(), c.passed() ? "pass" : "fail");
      }
      console.line("  (both models scored on the same " + comparisons.get(0).n() + " held-out rows)");
    }
    reasons.forEach(r -> console.line("  - " + r));
  }

  /** The drifted features with their statistics, largest effect first, at most three. */
  static String drifted(DriftReport window) {
    List<FeatureDrift> drifted = window.driftedFeatures().stream()
        .sorted(Comparator.comparingDouble(FeatureDrift::effectSize).reversed()).toList();
    String shown = drifted.stream().limit(3)
        .map(f -> f.feature() + " (" + fired(f) + ")")
        .collect(Collectors.joining(", "));
    return drifted.size() > 3 ? shown + " +" + (drifted.size() - 3) + " more" : shown;
  }

  /**
   * The checks of a drifted feature that fired, with their numbers: its test's statistic, and the scale check's log sd
   * ratio when that fired (e.g. {@code "scale: log sd ratio -0.1376"}): the test's statistic alone would be below its
   * threshold when only the scale check fired.
   */
  static String fired(FeatureDrift f) {
    List<String> parts = new ArrayList<>(2);
    if (f.testDrifted()) {
      parts.add(f.test() + " " + Console.num(f.statistic()));
    }
    f.scaleCheck().filter(s -> f.scaleDrifted())
        .ifPresent(s -> parts.add("scale: log sd ratio " + Console.num(s.logSdRatio())));
    return String.join(", ", parts);
  }

  /** Label and prediction drift of a window, e.g. {@code "DRIFT / DRIFT"} ("-" where the monitor has no reference). */
  static String targetDrift(DriftReport window) {
    return status(window.label()) + " / " + status(window.prediction());
  }

  private static String status(FeatureDrift f) {
    return f == null ? "-" : f.status().name();
  }

  /** Every feature's test of the first drifted window, then the reasons of those that drifted. */
  void explainDrift(String batch, DriftReport window) {
    console.stage(5, "Drift detected in " + batch);
    console.kv("drifted share", Console.num(window.driftShare()) + " of features (threshold "
        + Console.num(window.driftShareThreshold()) + ")");
    // Each numeric feature has two checks: its test (statistic, threshold) and the scale check (log sd ratio
    // against its calibrated band); "fired" names those that decided.
    console.printf("%-18s %-22s %10s %10s %10s %8s  %-17s %-30s %s%n", "feature", "test", "statistic", "p-value",
        "threshold", "effect", "status", "scale check (log sd ratio)", "fired");
    List<FeatureDrift> rows = new ArrayList<>(window.features());
    // The model's output and the ground truth against the training data's: prediction and label drift.
    Optional.ofNullable(window.prediction()).ifPresent(rows::add);
    Optional.ofNullable(window.label()).ifPresent(rows::add);
    for (FeatureDrift f : rows) {
      console.printf("%-18s %-22s %10s %10s %10s %8s  %-17s %-30s %s%n", name(f), f.test(), Console.num(f.statistic()),
          Console.p(f.pValue()), Console.num(f.threshold()), Console.num(f.effectSize()), f.status(), scale(f),
          f.firedChecks().isEmpty() ? "-" : String.join(", ", f.firedChecks()));
    }
    for (FeatureDrift f : rows) {
      if (f.drifted()) {
        console.line("  " + name(f) + ": " + f.reason());
      }
    }
    window.dataQuality().findings().forEach(q -> console.line("  data quality: " + q));
    console.line("(the HTML report shows every window's histograms against the reference)");
    console.done();
  }

  /** The scale check as "value in/out [lower, upper]", "-" when the feature has none. */
  private static String scale(FeatureDrift f) {
    return f.scaleCheck().map(s -> Console.num(s.logSdRatio()) + (s.drifted() ? " out " : " in ") + "["
        + Console.num(s.lower()) + ", " + Console.num(s.upper()) + "]").orElse("-");
  }

  /** The monitor's internal keys of the label and the prediction, as people say them. */
  private String name(FeatureDrift f) {
    if (f.feature().equals(ReferenceProfile.LABEL)) {
      return "label (" + data.label() + ")";
    }
    return f.feature().equals(ReferenceProfile.PREDICTION) ? "prediction" : f.feature();
  }
}
