package dev.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.ClassificationEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's report example: mlops-metrics, mlops-drift and mlops-report only, no Smile. */
final class SmileFreeReportTest {

  @Test
  void aServiceWithoutSmile_writesTheSameReport(@TempDir Path dir) throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    ReferenceProfile.Builder reference = ReferenceProfile.builder().numeric("amount").categorical("country");
    for (int i = 0; i < 2_000; i++) {
      reference.add(Map.of("amount", 50 + 10 * random.nextGaussian(), "country", i % 3 == 0 ? "DE" : "FR"));
    }
    ReferenceProfile profile = reference.build();
    DriftMonitor monitor = DriftMonitor.builder(profile).window(Window.tumblingCount(Integer.MAX_VALUE)).build();

    RunReport.Builder report = RunReport.builder("fraud-scorer")
        .description("Any model library: the service scores, mlops-drift watches, mlops-report tells.");
    for (int week = 1; week <= 4; week++) {
      List<Object> amounts = new ArrayList<>();
      int[] labels = new int[500];
      double[] scores = new double[500];
      for (int i = 0; i < 500; i++) {
        double amount = 50 + (week >= 3 ? 15 : 0) + 10 * random.nextGaussian();
        scores[i] = Math.min(1, Math.max(0, (amount - 30) / 60));
        labels[i] = random.nextDouble() < scores[i] ? 1 : 0;
        monitor.record(Map.of("amount", amount, "country", "DE"), Prediction.ofProbabilities(
            new double[] {1 - scores[i], scores[i]}), "w" + week + "-" + i);
        amounts.add(amount);
      }
      DriftReport closed = monitor.closeWindow().orElseThrow();
      report.window(MonitoringWindow.builder("week " + week, closed)
          .servedBy("fraud-scorer:7")
          .reference("training data of fraud-scorer:7", profile)
          .values("amount", amounts)                                  // histograms against the reference
          .realised(ClassificationEvaluation.binary(labels, scores).evaluate())
          .build());
    }
    Path file = HtmlReport.render(report.build()).writeTo(dir.resolve("fraud-scorer.html"));

    assertThat(Files.readString(file)).contains("<title>fraud-scorer</title>");
    assertThat(HtmlReport.render(report.build()).data().get("story").get(0).asText())
        .isEqualTo("4 windows monitored (week 1 to week 4), 2,000 rows.");
  }
}
