package dev.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.SampleOrigin;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The monitoring section says which reference rows the label-free estimates rest on. */
final class EstimateSampleNoteTest {

  @Test
  void monitoringSection_namesTheEstimateSamplesRowsAndOrigin() {
    SplittableRandom r = new SplittableRandom(11);
    int n = 600;
    double[] x = new double[n];
    double[] score = new double[n];
    double[] label = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextGaussian();
      score[i] = 1 / (1 + Math.exp(-2 * x[i]));
      label[i] = r.nextDouble() < score[i] ? 1 : 0;
    }
    ReferenceProfile built = ReferenceProfile.builder()
        .addColumns(Map.of("x", x, ReferenceProfile.PREDICTION, score, ReferenceProfile.LABEL, label))
        .build();
    EstimateSample s = built.estimateSample().orElseThrow();
    ReferenceProfile profile = built.withEstimateSample(
        s.withOrigin(SampleOrigin.outOfFold(480, 5).plus(SampleOrigin.heldOut(120))));
    DriftMonitor monitor = DriftMonitor.builder(profile).window(Window.tumblingCount(Integer.MAX_VALUE))
        .seed(3).build();
    RunReport.Builder report = RunReport.builder("estimate sample note")
        .generatedAt(Instant.parse("2026-12-07T23:00:00Z"));
    for (int month = 1; month <= 2; month++) {
      for (int i = 0; i < 400; i++) {
        double v = r.nextGaussian();
        double p = 1 / (1 + Math.exp(-2 * v));
        monitor.record(Map.of("x", v), Prediction.ofProbabilities(new double[] {1 - p, p}), "m" + month + "-" + i);
      }
      DriftReport window = monitor.closeWindow().orElseThrow();
      assertThat(window.performance().estimationMethod()).endsWith("; estimate sample: 600 of 600 reference"
          + " rows, 480 training rows' out-of-fold scores (5 folds) and 120 held-out rows");
      report.window(MonitoringWindow.builder("month " + month, window).build());
    }

    List<String> notes = new ArrayList<>();
    for (JsonNode section : HtmlReport.render(report.build()).data().get("sections")) {
      section.get("blocks").forEach(b -> {
        if (b.get("type").asText().equals("note")) {
          notes.add(b.get("text").asText());
        }
      });
    }

    assertThat(notes).contains("Label-free estimates of 2 of 2 windows (month 1, month 2) are calibrated on the"
        + " estimate sample: 600 of 600 reference rows, 480 training rows' out-of-fold scores (5 folds) and 120"
        + " held-out rows.");
  }
}
