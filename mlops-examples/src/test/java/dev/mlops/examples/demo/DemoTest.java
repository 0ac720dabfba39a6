package dev.mlops.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.pipeline.RunRecord;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.LoadedVersion;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.registry.ModelVersion;
import dev.mlops.examples.report.ReportBrowserCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end on its generated data: every stage runs on the real library, drift is
 * detected when the generator's rate rise and partner channel start, continuous training retrains
 * and gates, a second run finds the first run's champion, and the run's HTML report renders in a
 * browser with every chart drawn.
 */
final class DemoTest {

  @Test
  void demo_runsTheWholeLoop_andASecondRunGatesAgainstThePreviousChampion(@TempDir Path dir) throws Exception {
    Path registryDir = dir.resolve("registry");
    DemoData data = DemoDataSets.loans(42);

    ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
    DemoRun first = new DemoRun(console(firstOut), data, registryDir, dir.resolve("report.html"), 42);
    first.run();
    String out = firstOut.toString(StandardCharsets.UTF_8);

    assertThat(out).contains("1. Train with the Pipeline", "2. Test with ModelTest", "3. Register and deploy",
        "4. Serve live traffic", "8. HTML report");
    // The generator changes rates and channels in month 8: the monitor must say so, naming them.
    assertThat(out).contains("5. Drift detected in month 8");
    assertThat(out).containsPattern("interest_rate +ks +[0-9.]+ +[0-9.e-]+ +0\\.[0-9]+ +[0-9.]+ +DRIFT");
    assertThat(out).containsPattern("channel +chi_square_homogeneity +[0-9.]+ +[0-9.e-]+ +0\\.[0-9]+ +[0-9.]+ +DRIFT");
    assertThat(out).contains("unseen-category rate", "partner_app");
    // Both checks of a numeric feature in the drift table, and which fired.
    assertThat(out).contains("scale check (log sd ratio)");
    // Label and prediction drift against the training data: in the traffic table and the drift table.
    assertThat(out).containsPattern("month 8 +800 +loan-default:1 +0\\.[0-9]{4} +DRIFT / DRIFT +interest_rate");
    assertThat(out).containsPattern("month 7 +800 +loan-default:1 +0\\.[0-9]{4} +OK / OK +-");
    assertThat(out).containsPattern("prediction +[a-z_]+ +[0-9.]+ +[0-9.e-]+ +0\\.[0-9]+ +[0-9.]+ +DRIFT")
        .containsPattern("label \\(defaulted\\) +[a-z_]+ +[0-9.]+ +[0-9.e-]+ +0\\.[0-9]+ +[0-9.]+ +DRIFT");
    // Two drifted windows (months 8 and 9) trigger continuous training, which gates the candidate.
    assertThat(out).contains("6. Continuous training after month 9").containsPattern("gate +(PROMOTE|REJECT)");
    // The gate shows both models' numbers on the same rows, with the difference's interval and p-value.
    assertThat(out).containsPattern("roc_auc +0\\.[0-9]{4} +0\\.[0-9]{4} +[+-]0\\.[0-9]{4} +\\[[+-]0\\.[0-9]{4}, "
        + "[+-]0\\.[0-9]{4}\\] +[0-9.e-]+ +delong +(pass|fail)");
    // Window labels are the months, never the monitor's sequence numbers.
    assertThat(out).contains("loan-default:1 - month 9 (800 rows)").doesNotContain("window 3");
    // The candidate is selected on the newest 400 of the 1,600 labelled rows (the 600-row training
    // window won the backtest), then refitted on its window plus that holdout before registering.
    assertThat(out).contains("candidate from 1,600 recent labelled rows: read 1,000 rows, trained on 600, tested on 400",
        "the newest 400 labelled rows; training window 600 rows",
        "refit                      on all 1000 rows (holdout included) before registering",
        "labels                     labels matched 4800, unmatched 0, expired 0, pending 0 (timeout 7 days)");
    ModelRegistry registry = FileSystemModelRegistry.open(registryDir);
    int champion = registry.resolve(data.name(), ModelRegistry.CHAMPION).map(ModelVersion::version).orElseThrow();
    assertThat(registry.versions(data.name())).hasSizeGreaterThanOrEqualTo(1);
    // The first model is registered with its ModelTest report and its run record (RunRecord parts).
    LoadedVersion firstVersion = registry.load(data.name(), 1);
    assertThat(firstVersion.version().partNames())
        .contains(RunRecord.PART_MODEL_TEST_REPORT, RunRecord.PART_RUN);
    assertThat(new String(firstVersion.part(RunRecord.PART_RUN), StandardCharsets.UTF_8))
        .contains(firstVersion.version().metadata().get("run_id"));
    assertThat(new String(firstVersion.part(RunRecord.PART_MODEL_TEST_REPORT), StandardCharsets.UTF_8))
        .contains("roc_auc");
    assertThat(first.htmlReport().data().toString()).contains("mlops-java demo: loan-default", "Live traffic",
        "Gate decisions", "retrain after month 9");
    // The monitor watches age_group: the partner app's applicants are all under 30 and default more, so once the
    // retrained model has learned the channel (from month 10) applicants under 30 are approved far less often.
    assertThat(out).contains("Group fairness by age_group (watched by the monitor, not a model feature)");
    assertThat(out).containsPattern("month 7 +0\\.9[0-9]{3} +0\\.9[0-9]{3} +0\\.9[0-9]{3} +0\\.9[0-9]{3} +[0-9.]+ +-\n");
    assertThat(out).containsPattern("month 10 +0\\.9[0-9]{3} +0\\.9[0-9]{3} +0\\.[5-7][0-9]{3} +0\\.[5-7][0-9]{3} +[0-9.]+ +"
        + "disparate_impact_ratio 0\\.[5-7][0-9]{3} \\((30-49|50\\+) vs under 30\\)");
    assertThat(first.htmlReport().data().toString()).contains("Group fairness",
        "age_group: disparities of the predictions per window");
    // The retrained version was refit on every labelled row; its profile keeps out-of-fold predictions of those
    // rows, so the monitor calibrates its label-free estimate on them and every window after the promotion has a
    // band; the console says where the calibration comes from.
    assertThat(out).containsPattern("was refit on every labelled row \\(the gate's holdout included\\); its label-free "
        + "estimate is calibrated on the out-of-fold predictions of [0-9,]+ of those rows kept in its profile, so its "
        + "windows show an interval");
    assertThat(first.htmlReport().data().toString()).doesNotContain("Estimated performance without a band in");

    ByteArrayOutputStream secondOut = new ByteArrayOutputStream();
    new DemoRun(console(secondOut), data, registryDir, dir.resolve("report2.html"), 42).run();
    String second = secondOut.toString(StandardCharsets.UTF_8);

    assertThat(second).containsPattern("previous champion +loan-default:" + champion + " \\(from an earlier run\\)");
    // A rejected model is not registered: only promoted models become versions.
    int versions = registry.versions(data.name()).size();
    if (second.contains("not registered")) {
      assertThat(second).contains("the gate rejected this run's model");
      assertThat(versions).isEqualTo(champion);
    } else {
      assertThat(versions).isGreaterThan(champion);
    }
    // A second run that does not retrain says so, and why.
    if (!second.contains("6. Continuous training after")) {
      assertThat(second).contains("6. Continuous training: no retrain in this run", "the trigger is dataset drift in 2");
    }

    List<String> kinds = ReportBrowserCheck.check(first.htmlReport(), "demo");
    assertThat(kinds).contains("roc", "pr", "confusion", "calibration", "drift-heatmap", "drift-share", "performance",
        "histogram");
    assertThat(kinds.stream().filter("line"::equals).count()).as("the fairness section's charts").isGreaterThanOrEqualTo(3);
  }

  @Test
  void demoOnBikeSharingData_runsAsRegression_andItsReportRendersWithAResidualPlot(@TempDir Path dir) throws Exception {
    Path hour = sharedDir().resolve("data/bike-sharing/hour.csv");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(hour), "bike-sharing data not found: " + hour);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DemoRun run = new DemoRun(console(bytes), DemoDataSets.bikes(hour), dir.resolve("registry"),
        dir.resolve("report.html"), 42);

    run.run();

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("bike-demand (regression)", "history rows               8645",
        "12 (Jan 2012 .. Dec 2012)", "5. Drift detected in Jan 2012", "6. Continuous training after");
    // The row counts of a retrain include the history the retrainer adds to the recent labelled rows.
    assertThat(out).containsPattern("candidate from the 8,645 history rows and 2,[0-9]{3} recent labelled rows: "
        + "read 11,[0-9]{3} rows, trained on [0-9,]+, tested on [0-9,]+");
    // 2011 as reference, January 2012 as traffic: temperature is far from the yearly profile
    assertThat(out).containsPattern("temp +ks +[0-9.]+ +[0-9.e-]+ +0\\.[0-9]+ +[0-9.]+ +DRIFT");
    // mnth and season are constant within a monthly window: shown, never flagged, never in the drift share
    assertThat(out).contains("not counted as drift       mnth, season: constant within each monthly window")
        .containsPattern("mnth +total_variation +[0-9.]+ +- +1\\.0000 +[0-9.]+ +OK")
        .containsPattern("season +total_variation +[0-9.]+ +- +1\\.0000 +[0-9.]+ +OK")
        .doesNotContain("mnth (", "season (");
    List<String> kinds = ReportBrowserCheck.check(run.htmlReport(), "demo-bikes");
    assertThat(kinds).contains("residuals", "predicted-actual", "residual-box", "predicted-actual-windows",
        "drift-heatmap", "performance", "histogram");
  }

  private static Path sharedDir() {
    Path configured = Path.of(System.getProperty("mlops.shared.dir", "/work/shared"));
    return Files.isDirectory(configured) ? configured : Path.of("/work/shared");
  }

  private static Console console(ByteArrayOutputStream bytes) {
    return new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }
}
