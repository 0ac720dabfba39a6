package dev.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A broken pipeline's data-quality finding (a feature imputed with a constant inside the reference
 * range) is listed in the report's data-quality table under its window, and counted in the badges.
 */
final class DataQualityReportTest {

  @Test
  void aConstantImputedFeature_isListedUnderItsWindow_andCountedInTheBadges() {
    SplittableRandom random = new SplittableRandom(3);
    ReferenceProfile.Builder reference = ReferenceProfile.builder().numeric("x", "y");
    for (int i = 0; i < 2_000; i++) {
      reference.add(Map.of("x", random.nextDouble(), "y", random.nextDouble()));
    }
    DriftMonitor monitor = DriftMonitor.builder(reference.build())
        .window(Window.tumblingCount(Integer.MAX_VALUE)).build();
    RunReport.Builder report = RunReport.builder("imputed pipeline");
    for (int week = 1; week <= 2; week++) {
      for (int i = 0; i < 500; i++) {
        double x = week == 2 ? 0.5 : random.nextDouble();   // week 2: x imputed with a constant
        monitor.record(Map.of("x", x, "y", random.nextDouble()), null, null);
      }
      report.window(MonitoringWindow.builder("week " + week, monitor.closeWindow().orElseThrow()).build());
    }

    JsonNode data = HtmlReport.render(report.build()).data();

    List<List<String>> rows = new ArrayList<>();
    for (JsonNode s : data.get("sections")) {
      for (JsonNode b : s.get("blocks")) {
        if (b.get("type").asText().equals("table") && b.get("rows").size() > 0
            && b.get("rows").get(0).size() == 2 && b.get("rows").get(0).get(1).asText().contains(": constant")) {
          b.get("rows").forEach(r -> rows.add(List.of(r.get(0).asText(), r.get(1).asText())));
        }
      }
    }
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get(0)).isEqualTo("week 2");
    assertThat(rows.get(0).get(1)).startsWith("x: constant 0.5000 in the window (500 values) where the reference varied");
    assertThat(data.toString()).contains("data quality", "1 finding");
  }
}
