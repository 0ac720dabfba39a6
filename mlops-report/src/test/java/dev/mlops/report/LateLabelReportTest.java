package dev.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.LabelledWindow;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Labels that arrive after their window closed show in that window's realised performance. */
final class LateLabelReportTest {

  @Test
  void realisedPerformance_ofWindowsLabelledLate_isDrawnFromTheirLabelledWindows() {
    SplittableRandom random = new SplittableRandom(11);
    ReferenceProfile.Builder reference = ReferenceProfile.builder().numeric("amount");
    for (int i = 0; i < 1_000; i++) {
      reference.add(Map.of("amount", 50 + 10 * random.nextGaussian()));
    }
    ReferenceProfile profile = reference.build();
    DriftMonitor monitor = DriftMonitor.builder(profile)
        .window(Window.tumblingCount(Integer.MAX_VALUE)).build();
    List<DriftReport> closed = new ArrayList<>();
    List<int[]> labels = new ArrayList<>();
    for (int week = 1; week <= 3; week++) {
      int[] y = new int[200];
      for (int i = 0; i < 200; i++) {
        double amount = 50 + 10 * random.nextGaussian();
        double score = Math.min(1, Math.max(0, (amount - 30) / 40));
        // the truth drifts week by week; the model does not
        monitor.record(Map.of("amount", amount),
            Prediction.ofProbabilities(new double[] {1 - score, score}), week + "-" + i);
        y[i] = random.nextDouble() < 0.3 * week ? 1 : 0;
      }
      labels.add(y);
      closed.add(monitor.closeWindow().orElseThrow());
      if (week > 1) {
        // last week's labels arrive a week late
        int[] late = labels.get(week - 2);
        for (int i = 0; i < late.length; i++) {
          monitor.recordLabel((week - 1) + "-" + i, late[i]);
        }
      }
    }
    List<LabelledWindow> labelled = monitor.labelledWindows();
    RunReport.Builder report = RunReport.builder("late-labels");
    for (int w = 0; w < 3; w++) {
      assertThat(closed.get(w).performance().realised()).isEmpty();
      report.window(MonitoringWindow.builder("week " + (w + 1), closed.get(w))
          .labelled(labelled.get(w)).build());
    }
    RunReport run = report.build();
    // weeks 1 and 2: realised accuracy of their own predictions, from labels a week late
    for (int w = 0; w < 2; w++) {
      double accuracy = labelled.get(w).realised().get("accuracy");
      assertThat(run.windows().get(w).performance())
          .filteredOn(p -> !p.estimated() && p.metric().equals("accuracy"))
          .singleElement().satisfies(p -> {
            assertThat(p.value()).isEqualTo(accuracy);
            assertThat(p.n()).isEqualTo(200);
          });
    }
    assertThat(run.windows().get(2).performance()).noneMatch(p -> !p.estimated());
    List<String> notes = new ArrayList<>();
    for (JsonNode s : HtmlReport.render(run).data().get("sections")) {
      s.get("blocks").forEach(b -> {
        if (b.get("type").asText().equals("note")) {
          notes.add(b.get("text").asText());
        }
      });
    }
    assertThat(notes).contains("Realised performance of 2 of 3 windows (week 1, week 2) counts 400"
        + " labels that arrived after the window closed, credited to the window of their"
        + " prediction.");
    assertThatThrownBy(() -> MonitoringWindow.builder("week 1", closed.get(0))
        .labelled(labelled.get(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labelled window must be the report's window 1: 2");
  }
}
