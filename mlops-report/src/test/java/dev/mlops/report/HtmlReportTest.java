package dev.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.drift.decision.AccuracyEstimate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HtmlReportTest {

  private static final RunReport SAMPLE = SampleRuns.classification();
  private static final HtmlReport CLASSIFICATION = HtmlReport.render(SAMPLE);

  private static JsonNode section(HtmlReport report, String id) {
    for (JsonNode s : report.data().get("sections")) {
      if (s.get("id").asText().equals(id)) {
        return s;
      }
    }
    throw new AssertionError("no section " + id);
  }

  private static List<JsonNode> blocks(JsonNode section, String type) {
    List<JsonNode> out = new ArrayList<>();
    section.get("blocks").forEach(b -> {
      if (b.get("type").asText().equals(type)) {
        out.add(b);
      }
      if (b.get("type").asText().equals("grid")) {
        b.get("charts").forEach(c -> {
          if (c.get("kind").asText().equals(type)) {
            out.add(c);
          }
        });
      }
    });
    return out;
  }

  @Test
  void sampleReports_areWrittenUnderTarget_forPeopleToOpen() {
    Path classification = CLASSIFICATION.writeTo(Path.of("target", "sample-reports", "classification.html"));
    Path regression = HtmlReport.render(SampleRuns.regression())
        .writeTo(Path.of("target", "sample-reports", "regression.html"));

    assertThat(classification).exists();
    assertThat(regression).exists();
  }

  @Test
  void page_isSelfContained_withTheChartLibraryInlined_andNoExternalReference() {
    String html = CLASSIFICATION.toHtml();

    assertThat(html).startsWith("<!DOCTYPE html>").contains("echarts").contains("default-src 'none'");
    assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("{{");
  }

  @Test
  void hostileText_staysInsideTheJsonData_escapedForTheScriptElement() {
    String html = CLASSIFICATION.toHtml();
    int data = html.indexOf("id=\"mlops-report-data\">");
    String json = html.substring(data, html.indexOf("</script>", data));

    assertThat(html).doesNotContain(SampleRuns.HOSTILE_FEATURE);
    assertThat(json).doesNotContain("<img").contains("\\u003Cimg");
    JsonNode drift = blocks(section(CLASSIFICATION, "monitoring"), "drift").get(0);
    List<String> features = new ArrayList<>();
    drift.get("features").forEach(f -> features.add(f.asText()));
    assertThat(features).contains(SampleRuns.HOSTILE_FEATURE);
  }

  @Test
  void badge_countsWarnedExpectations_asWarned_notAsMet() {
    JsonNode badge = CLASSIFICATION.data().get("badges").get(0);

    assertThat(badge.get("label").asText()).isEqualTo("model test");
    assertThat(badge.get("kind").asText()).isEqualTo("warn");
    assertThat(badge.get("text").asText()).isEqualTo("3 of 4 passed, 1 warned, 0 failed");
  }

  @Test
  void story_tellsWindowsDriftRetrainsPromotionsAndRejections() {
    List<String> story = new ArrayList<>();
    CLASSIFICATION.data().get("story").forEach(s -> story.add(s.asText()));

    assertThat(story.get(0)).isEqualTo("12 windows monitored (month 1 to month 12), 4,800 rows.");
    assertThat(story).anyMatch(s -> s.startsWith("Drift in ") && s.contains("month 8"));
    // which kind of drift: a window counts as drifted for dataset, prediction or multivariate drift
    List<String> dataset = SAMPLE.windows().stream().filter(w -> w.report().datasetDrift())
        .map(MonitoringWindow::label).toList();
    assertThat(dataset).contains("month 8");
    assertThat(story).anyMatch(s -> s.startsWith("Drift in ") && s.contains(": dataset drift in " + dataset.size()
        + " windows (" + String.join(", ", dataset.subList(0, Math.min(5, dataset.size())))));
    assertThat(story).contains("2 retrains: 1 promotion (loan-default:2 after month 9), 1 rejection (after month 11), "
        + "0 rollbacks.");
  }

  @Test
  void driftExplorer_holdsEveryWindowsCells_andHistogramsForEveryWindow() {
    JsonNode drift = blocks(section(CLASSIFICATION, "monitoring"), "drift").get(0);

    assertThat(drift.get("windows")).hasSize(12);
    assertThat(drift.get("features").toString()).contains("rate", "channel", "prediction", "label");
    for (int w = 0; w < 12; w++) {
      int window = w;
      List<String> features = new ArrayList<>();
      drift.get("histograms").forEach(h -> {
        if (h.get("w").asInt() == window) {
          features.add(h.get("feature").asText());
        }
      });
      assertThat(features).as("histograms of window %d", w).contains("rate", "channel", "income");
    }
    assertThat(drift.get("selected").asInt()).as("the first drifted window is shown first").isEqualTo(7);
  }

  @Test
  void timelines_markThePromotionAndTheReferenceChange_withLabels() {
    JsonNode share = blocks(section(CLASSIFICATION, "monitoring"), "drift-share").get(0);

    assertThat(share.get("markers")).hasSize(2);
    assertThat(share.get("markers").get(0).get("text").asText())
        .isEqualTo("promoted loan-default:2");
    assertThat(share.get("markers").get(0).get("kind").asText()).isEqualTo("PROMOTION");
    assertThat(share.get("markers").get(1).get("text").asText()).isEqualTo("rejected loan-default:3");
    assertThat(share.get("references")).hasSize(2);
    assertThat(share.get("references").get(1).get("from").asText()).isEqualTo("month 10");
    assertThat(share.get("references").get(1).get("label").asText())
        .isEqualTo("reference: training data of loan-default:2");
  }

  @Test
  void performance_hasRealisedValuesWithBands_andEstimates() {
    List<JsonNode> charts = blocks(section(CLASSIFICATION, "monitoring"), "performance");
    JsonNode auc = charts.stream().filter(c -> c.get("title").asText().contains("roc_auc")).findFirst().orElseThrow();
    JsonNode realised = auc.get("series").get(0);

    assertThat(realised.get("name").asText()).isEqualTo("roc_auc realised");
    for (int i = 0; i < 12; i++) {
      double lo = realised.get("lower").get(i).asDouble();
      double hi = realised.get("upper").get(i).asDouble();
      assertThat(realised.get("values").get(i).asDouble()).isBetween(lo, hi);
    }
    JsonNode accuracy = charts.stream().filter(c -> c.get("title").asText().contains(": accuracy")).findFirst()
        .orElseThrow();
    JsonNode estimated = accuracy.get("series").get(1);
    assertThat(estimated.get("name").asText()).isEqualTo("accuracy estimated (no labels)");
    assertThat(estimated.get("estimated").asBoolean()).isTrue();
    // the monitor's calibrated estimator (until month 9; the new reference's monitor has none): its interval is the band
    for (int i = 0; i < 9; i++) {
      AccuracyEstimate e = SAMPLE.windows().get(i).report().performance().accuracyEstimate();
      assertThat(estimated.get("values").get(i).asDouble()).isCloseTo(e.estimate(), within(1e-6));
      assertThat(estimated.get("lower").get(i).asDouble()).as("band, window %d", i).isCloseTo(e.lower(), within(1e-6));
      assertThat(estimated.get("upper").get(i).asDouble()).isCloseTo(e.upper(), within(1e-6));
      assertThat(e.upper() - e.lower()).isPositive();
    }
  }

  @Test
  void performance_saysWhichWindowsEstimatesExtrapolate() {
    List<String> extrapolating = SAMPLE.windows().stream()
        .filter(w -> w.report().performance().accuracyEstimate() != null
            && w.report().performance().accuracyEstimate().extrapolating())
        .map(MonitoringWindow::label).toList();
    List<String> notes = new ArrayList<>();
    blocks(section(CLASSIFICATION, "monitoring"), "note").forEach(n -> notes.add(n.get("text").asText()));
    List<String> said = notes.stream().filter(t -> t.startsWith("Estimated accuracy extrapolating")).toList();

    // the sample's drifted months move the features beyond the reference's range
    assertThat(extrapolating).isNotEmpty();
    assertThat(said).hasSize(1);
    assertThat(said.get(0)).contains(extrapolating.size() + " of 12 windows (" + String.join(", ", extrapolating) + ")")
        .contains("the band is widened by that share");
  }

  @Test
  void estimate_givenToTheWindow_replacesTheMonitorsEstimate() {
    MonitoringWindow w = MonitoringWindow.builder("month 1", SAMPLE.windows().get(0).report())
        .estimate("accuracy", 0.8, 0.76, 0.84).build();

    PerformancePoint p = w.performance().stream().filter(PerformancePoint::estimated)
        .filter(x -> x.metric().equals("accuracy")).findFirst().orElseThrow();
    assertThat(p).isEqualTo(new PerformancePoint("accuracy", true, 0.8, 0.76, 0.84, 400));
  }

  @Test
  void gate_showsChampionAndCandidateOnTheSameRow_withDifferenceIntervalAndPValue() {
    JsonNode gate = section(CLASSIFICATION, "gate");
    JsonNode table = blocks(gate, "table").get(0);

    assertThat(table.get("columns").toString()).isEqualTo("[\"metric\",\"champion\",\"candidate\",\"difference\","
        + "\"interval of the difference\",\"p-value\",\"test\",\"verdict\"]");
    JsonNode row = table.get("rows").get(0);
    assertThat(row.get(0).asText()).isEqualTo("roc_auc");
    double champion = row.get(1).get("n").asDouble();
    double candidate = row.get(2).get("n").asDouble();
    assertThat(row.get(3).get("n").asDouble()).isCloseTo(candidate - champion, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(row.get(5).get("p").isNumber()).isTrue();
    assertThat(row.get(7).get("s").asText()).isEqualTo("pass");
  }

  @Test
  void regression_hasResidualsAndPredictedVersusActualByWindow_andLabelDrift() {
    HtmlReport report = HtmlReport.render(SampleRuns.regression());
    JsonNode monitoring = section(report, "monitoring");

    JsonNode box = blocks(monitoring, "residual-box").get(0);
    assertThat(box.get("quantiles")).hasSize(6);
    assertThat(box.get("quantiles").get(5).get(2).asDouble()).as("median residual after demand grew 60%")
        .isGreaterThan(150);
    assertThat(blocks(monitoring, "predicted-actual-windows").get(0).get("series")).hasSize(6);
    JsonNode target = blocks(monitoring, "target-drift").get(0);
    assertThat(target.get("series").get(0).get("name").asText()).startsWith("label");
    assertThat(target.get("series").get(0).get("flagged").get(5).asBoolean()).isTrue();
    assertThat(target.get("series").get(0).get("flagged").get(0).asBoolean()).isFalse();
  }

  @Test
  void nonFiniteNumbers_areWrittenAsNull_neverAsStrings() {
    String json = CLASSIFICATION.data().toString();

    assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void sectionOfYourOwn_rendersLikeTheBuiltIns() {
    ReportSection fairness = new ReportSection() {
      @Override
      public String title() {
        return "Approval rate by region";
      }

      @Override
      public void writeTo(SectionContent out) {
        out.paragraph("Share approved.").barChart("approval rate", List.of("north", "south"),
            Map.of("approved", new double[] {0.61, Double.NaN}));
      }
    };
    HtmlReport report = HtmlReport.render(RunReport.builder("t").section(fairness).build());

    JsonNode s = section(report, "section-0");
    assertThat(s.get("title").asText()).isEqualTo("Approval rate by region");
    assertThat(blocks(s, "bar").get(0).get("series").get(0).get("values").toString()).isEqualTo("[0.61,null]");
  }

  @Test
  void sectionContent_rejectsASeriesWithTheWrongLength() {
    ReportSection bad = new ReportSection() {
      @Override
      public String title() {
        return "bad";
      }

      @Override
      public void writeTo(SectionContent out) {
        out.lineChart("kpi", List.of("a", "b"), Map.of("x", new double[] {1}));
      }
    };

    assertThatThrownBy(() -> HtmlReport.render(RunReport.builder("t").section(bad).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("chart kpi: series x must have one value per category (2): 1");
  }

  @Test
  void writeTo_writesUtf8_andReturnsTheAbsolutePath(@TempDir Path dir) throws Exception {
    Path written = HtmlReport.render(RunReport.builder("Zürich – 東京").build()).writeTo(dir.resolve("a/b/r.html"));

    assertThat(written).isAbsolute().exists();
    assertThat(Files.readString(written, StandardCharsets.UTF_8)).contains("<title>Zürich – 東京</title>");
    try (var files = Files.list(written.getParent())) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void builders_rejectBadInput_namingTheValue() {
    assertThatThrownBy(() -> RunReport.builder(" ")).hasMessage("report title must not be blank: ' '");
    assertThatThrownBy(() -> new GateComparison("auc", 0.5, 0.6, 0.1, 0, 0.2, 1.5, "delong", "pass"))
        .hasMessage("p-value of auc must be in [0, 1]: 1.5");
    RunReport run = SampleRuns.regression();
    assertThatThrownBy(() -> RunReport.builder("t").window(run.windows().get(0)).window(run.windows().get(0)))
        .hasMessage("window label must be unique: 2012-01");
  }
}
