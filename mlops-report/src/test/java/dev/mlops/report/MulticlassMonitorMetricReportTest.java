package dev.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.CustomMetric;
import dev.mlops.metrics.MetricKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A user-defined multiclass metric that needs the class probabilities (a cost-weighted log loss),
 * declared on the monitor, is charted over the windows of the report like a built-in realised
 * metric.
 */
final class MulticlassMonitorMetricReportTest {

  /** Class weights of the cost-weighted log loss: missing class 2 costs three times class 0. */
  private static final double[] WEIGHTS = {1, 2, 3};

  /** A user-defined metric that needs the probabilities: {@code mean(w[y] * -log p[y])}. */
  private static final CustomMetric WEIGHTED_LOG_LOSS = CustomMetric.builder("weighted_log_loss",
      MetricKind.CLASSIFICATION).lowerIsBetter().computedBy(data -> {
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
          sum += WEIGHTS[data.label(i)] * -Math.log(data.probability(i, data.label(i)));
        }
        return sum / data.size();
      }).build();

  @Test
  void aCustomMetricNeedingProbabilities_isChartedFromTheMonitorsWindows() {
    SplittableRandom random = new SplittableRandom(11);
    ReferenceProfile.Builder reference = ReferenceProfile.builder().numeric("x");
    for (int i = 0; i < 1_000; i++) {
      reference.add(Map.of("x", random.nextGaussian()));
    }
    DriftMonitor monitor = DriftMonitor.builder(reference.build()).classes(3)
        .window(Window.tumblingCount(Integer.MAX_VALUE)).realisedMetrics(WEIGHTED_LOG_LOSS).build();
    RunReport.Builder report = RunReport.builder("three-class model");
    List<Double> expected = new ArrayList<>();
    for (int week = 1; week <= 3; week++) {
      double loss = 0;
      for (int i = 0; i < 200; i++) {
        double[] p = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
        double sum = p[0] + p[1] + p[2];
        for (int c = 0; c < 3; c++) {
          p[c] /= sum;
        }
        int label = random.nextInt(3);
        String id = week + "-" + i;
        monitor.record(Map.of("x", random.nextGaussian()), Prediction.ofProbabilities(p), id);
        monitor.recordLabel(id, label);
        loss += WEIGHTS[label] * -Math.log(p[label]);
      }
      expected.add(loss / 200);
      DriftReport closed = monitor.closeWindow().orElseThrow();
      report.window(MonitoringWindow.builder("week " + week, closed).build());
    }

    JsonNode chart = performance(HtmlReport.render(report.build()), "weighted_log_loss");

    JsonNode values = chart.get("series").get(0).get("values");
    for (int w = 0; w < 3; w++) {
      assertThat(values.get(w).asDouble()).as("week %d", w + 1).isCloseTo(expected.get(w), within(1e-5));   // the report keeps 6 digits
    }
  }

  private static JsonNode performance(HtmlReport report, String metric) {
    for (JsonNode s : report.data().get("sections")) {
      for (JsonNode b : s.get("blocks")) {
        if (b.get("type").asText().equals("grid")) {
          for (JsonNode c : b.get("charts")) {
            if (c.get("kind").asText().equals("performance") && c.get("title").asText().contains(": " + metric + " ")) {
              return c;
            }
          }
        }
      }
    }
    throw new AssertionError("no performance chart of " + metric);
  }
}
