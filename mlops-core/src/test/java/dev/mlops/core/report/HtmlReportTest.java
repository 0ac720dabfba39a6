package dev.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.modeltest.ModelTest;
import dev.mlops.metrics.modeltest.ModelTestReport;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.NumericProfile;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HtmlReportTest {

  private static final String HOSTILE = "</script><script>alert(1)</script><!-- \u2028 & 'x' \"y\"";
  private static final Pattern DATA = Pattern.compile(
      "<script type=\"application/json\" id=\"mlops-chart-data\">(.*?)</script>", Pattern.DOTALL);

  @Test
  void hostileText_isEscapedInHtmlAndInChartData() throws Exception {
    HtmlReport report = HtmlReport.builder()
        .title(HOSTILE)
        .summary(HOSTILE)
        .expectation(new HtmlReport.Expectation(HOSTILE, "PASSED", 0.9, Double.NaN, Double.NaN, HOSTILE, 10, HOSTILE))
        .featureComparison(new HtmlReport.FeatureComparison(HOSTILE, HOSTILE, "ks", 0.5, 0.01, 0.05, "DRIFT",
            List.of(HOSTILE, "b"), new double[] {0.5, 0.5}, new double[] {0.2, 0.8}))
        .driftScore(HOSTILE, HOSTILE, 0.5, 0.1, true)
        .finding(new HtmlReport.Finding("WARN", HOSTILE, HOSTILE, HOSTILE))
        .gate("REJECT", List.of(HOSTILE))
        .provenance(HOSTILE, HOSTILE)
        .generatedAt(Instant.parse("2026-11-30T08:00:00Z"))
        .build();
    String html = report.toHtml();

    // The only <script elements are the three the report writes itself.
    assertThat(count(html, "<script")).isEqualTo(3);
    assertThat(count(html, "</script>")).isEqualTo(3);
    assertThat(html).doesNotContain("<!-- ");
    Matcher data = DATA.matcher(html);
    assertThat(data.find()).isTrue();
    // JavaScript line terminators and markup characters appear only as \\uXXXX escapes in the data.
    assertThat(data.group(1)).doesNotContain("\u2028", "<", ">", "&").contains("\\u003C/script\\u003E");
    assertThat(html).contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");

    // The chart data is valid JSON and round-trips the hostile text exactly.
    JsonNode specs = chartData(html);
    List<String> titles = new ArrayList<>();
    specs.forEach(s -> titles.add(s.path("option").path("title").path("text").asText()));
    assertThat(titles).contains(HOSTILE + ": reference vs " + HOSTILE, HOSTILE + ": drift score per window");
  }

  @Test
  void nonFiniteValues_becomeNullInChartData() throws Exception {
    HtmlReport report = HtmlReport.builder()
        .driftScore("x", "w1", Double.NaN, 0.1, false)
        .driftScore("x", "w2", Double.POSITIVE_INFINITY, 0.1, true)
        .driftScore("x", "w3", 0.25, 0.1, true)
        .build();

    JsonNode data = chartData(report.toHtml()).get(0).path("option").path("series").get(0).path("data");

    assertThat(data).hasSize(3);
    assertThat(data.get(0).path("value").isNull()).isTrue();
    assertThat(data.get(1).path("value").isNull()).isTrue();
    assertThat(data.get(2).path("value").asDouble()).isEqualTo(0.25);
  }

  @Test
  void everyKindOfChart_getsAnElementAndASpec() throws Exception {
    HtmlReport report = HtmlReport.builder()
        .rocCurve(new double[] {0, 0.2, 1}, new double[] {0, 0.7, 1}, 0.75)
        .precisionRecallCurve(new double[] {1, 0.6, 0.3}, new double[] {0, 0.5, 1}, 0.6, 0.3)
        .confusionMatrix(new long[][] {{5, 1}, {2, 3}}, List.of("no", "yes"))
        .calibrationCurve(new double[] {0.1, 0.9}, new double[] {0.2, 0.8}, new long[] {6, 5})
        .residuals(new double[] {1, 2, 3}, new double[] {1.5, 2, 2})
        .featureComparison(new HtmlReport.FeatureComparison("f", "w1", "psi", 0.3, Double.NaN, 0.1, "DRIFT",
            List.of("a", "b"), new double[] {0.5, 0.5}, new double[] {0.1, 0.9}))
        .driftScore("f", "w1", 0.3, 0.1, true)
        .datasetDrift("w1", 1.0, 0.5)
        .performance("w1", "roc_auc", 0.8)
        .build();

    JsonNode specs = chartData(report.toHtml());
    List<String> kinds = new ArrayList<>();
    specs.forEach(s -> kinds.add(s.path("kind").asText()));

    assertThat(kinds).containsExactly("roc", "pr", "confusion", "calibration", "residuals", "dataset-drift",
        "performance", "hist-f", "drift-f");
    assertThat(report.chartCount()).isEqualTo(9);
    assertThat(count(report.toHtml(), "<div class=\"chart\"")).isEqualTo(9);
    // confusion matrix cells as [predicted, actual, count]
    assertThat(specs.get(2).path("option").path("series").get(0).path("data").toString())
        .isEqualTo("[[0,0,5],[1,0,1],[0,1,2],[1,1,3]]");
    // residual = actual - predicted
    assertThat(specs.get(4).path("option").path("series").get(0).path("data").toString())
        .isEqualTo("[[1.5,-0.5],[2.0,0.0],[2.0,1.0]]");
  }

  @Test
  void report_isSelfContained() {
    String html = HtmlReport.builder().rocCurve(new double[] {0, 1}, new double[] {0, 1}, 0.5).build().toHtml();

    assertThat(html).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link[^>]+href=");
    assertThat(html).contains("echarts").contains("renderer: 'svg'");
    assertThat(html.length()).isGreaterThan(900_000); // the inlined library
  }

  @Test
  void emptyReport_saysWhatIsMissing() {
    String html = HtmlReport.builder().build().toHtml();

    assertThat(html).contains("No model test in this run.", "No evaluation curves in this run.",
        "No monitoring data in this run.", "No gate decision in this run.", "No provenance recorded.");
    assertThat(HtmlReport.builder().build().chartCount()).isZero();
  }

  @Test
  void writeTo_createsDirectoriesAndWritesUtf8(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a/b/report.html");

    Path written = HtmlReport.builder().title("Zürich – 東京").build().writeTo(file);

    assertThat(written).isEqualTo(file.toAbsolutePath());
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("<title>Zürich – 東京</title>");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void curveOutsideUnitInterval_isRejectedNamingIndexAndValue() {
    assertThatThrownBy(() -> HtmlReport.builder().rocCurve(new double[] {0, 1.5}, new double[] {0, 1}, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("roc curve: fpr[1] must be in [0, 1]: 1.5");
    assertThatThrownBy(() -> HtmlReport.builder().rocCurve(new double[] {0, 1}, new double[] {0}, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("roc curve: fpr and tpr must have the same non-zero length: 2 and 1");
  }

  @Test
  void malformedConfusionMatrix_isRejected() {
    assertThatThrownBy(() -> HtmlReport.builder().confusionMatrix(new long[][] {{1, 2}, {3}}, List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("confusion matrix row 1 must have 2 columns: 1");
    assertThatThrownBy(() -> HtmlReport.builder().confusionMatrix(new long[][] {{1, -2}, {3, 4}}, List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("confusion matrix count [0][1] must not be negative: -2");
  }

  @Test
  void featureComparison_rejectsSharesThatDoNotMatchTheBins() {
    assertThatThrownBy(() -> new HtmlReport.FeatureComparison("age", "w", "ks", 0, 0, 0, "OK", List.of("a", "b"),
        new double[] {1}, new double[] {0.5, 0.5}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feature age: share arrays must have one value per bin (2): reference 1, current 2");
    assertThatThrownBy(() -> new HtmlReport.FeatureComparison("age", "w", "ks", 0, 0, 0, "OK", List.of("a"),
        new double[] {Double.NaN}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("feature age: referenceShare[0] must be in [0, 1]: NaN");
  }

  @Test
  void featureComparisonOfNumericProfile_countsLiveValuesInTheReferenceBins() {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x").bins(4);
    for (int i = 1; i <= 8; i++) {
      b.add(Map.of("x", i));
    }
    NumericProfile reference = (NumericProfile) b.build().feature("x").orElseThrow();
    List<Object> live = new ArrayList<>(List.of(0.0, 100.0, 100.0, Double.NaN));
    live.add(null);

    HtmlReport.FeatureComparison c = HtmlReport.FeatureComparison.of("w1", reference, live);

    assertThat(c.bins()).hasSize(4).first().asString().startsWith("< ");
    assertThat(c.bins().get(3)).startsWith(">= ");
    assertThat(c.referenceShare()).containsExactly(0.25, 0.25, 0.25, 0.25);
    // 0 falls in the open lower bin, 100 twice in the open upper bin; NaN and null are missing.
    assertThat(c.currentShare()).containsExactly(1 / 3.0, 0, 0, 2 / 3.0);
    assertThat(c.withTest("ks", 0.9, 0.001, 0.05, "DRIFT").status()).isEqualTo("DRIFT");
  }

  @Test
  void featureComparisonOfCategoricalProfile_putsUnseenCategoriesInTheOtherBin() {
    ReferenceProfile.Builder b = ReferenceProfile.builder().categorical("channel");
    for (String v : List.of("web", "web", "web", "branch")) {
      b.add(Map.of("channel", v));
    }
    CategoricalProfile reference = (CategoricalProfile) b.build().feature("channel").orElseThrow();
    List<Object> live = new ArrayList<>(List.of("web", "partner_app", "partner_app"));
    live.add(null);

    HtmlReport.FeatureComparison c = HtmlReport.FeatureComparison.of("w1", reference, live);

    assertThat(c.bins()).containsExactly("web", "branch", "(other)");
    assertThat(c.referenceShare()).containsExactly(0.75, 0.25, 0.0);
    assertThat(c.currentShare()).containsExactly(1 / 3.0, 0.0, 2 / 3.0);
  }

  @Test
  void table_isEscapedAndRejectsRaggedRows() {
    String html = HtmlReport.builder()
        .table("Live <traffic>", List.of("window", "rows"), List.of(List.of("<b>w1</b>", "300")))
        .build().toHtml();

    assertThat(html).contains("<h2>Live &lt;traffic&gt;</h2>", "<td>&lt;b&gt;w1&lt;/b&gt;</td><td>300</td>");
    assertThatThrownBy(() -> HtmlReport.builder().table("t", List.of("a", "b"), List.of(List.of("1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("table t: row 0 must have 2 cells: 1");
  }

  @Test
  void driftReport_becomesScoresDatasetShareAndComparisons() throws Exception {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x").categorical("c");
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    for (int i = 0; i < 500; i++) {
      b.add(Map.of("x", random.nextDouble(), "c", i % 2 == 0 ? "a" : "b"));
    }
    ReferenceProfile profile = b.build();
    DriftMonitor monitor = DriftMonitor.builder(profile).window(Window.tumblingCount(100_000)).build();
    List<Object> live = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      double x = 3 + random.nextDouble(); // far outside the reference range
      live.add(x);
      monitor.record(Map.of("x", x, "c", i % 2 == 0 ? "a" : "b"), Prediction.ofValue(0), null);
    }
    DriftReport report = monitor.closeWindow().orElseThrow();
    FeatureDrift x = report.feature("x").orElseThrow();
    assertThat(x.drifted()).as("x drifted: %s", x).isTrue();

    HtmlReport html = HtmlReport.builder()
        .drift("w1", report)
        .featureComparison(HtmlReport.FeatureComparison.of("w1", profile.feature("x").orElseThrow(), live, x))
        .build();

    JsonNode specs = chartData(html.toHtml());
    List<String> kinds = new ArrayList<>();
    specs.forEach(s -> kinds.add(s.path("kind").asText()));
    assertThat(kinds).contains("dataset-drift", "drift-x", "drift-c", "hist-x");
    JsonNode xScore = specs.get(kinds.indexOf("drift-x")).path("option").path("series").get(0).path("data").get(0);
    // chart values keep six significant digits
    assertThat(xScore.path("value").asDouble()).isCloseTo(x.effectSize(), org.assertj.core.data.Percentage.withPercentage(1e-3));
    assertThat(xScore.path("itemStyle").path("color").asText()).isEqualTo("#ee6666");
    JsonNode hist = specs.get(kinds.indexOf("hist-x")).path("option").path("series");
    // every live value lies above the reference maximum: all in the open upper bin
    JsonNode current = hist.get(1).path("data");
    assertThat(current.get(current.size() - 1).asDouble()).isEqualTo(1.0);
    assertThat(html.toHtml()).contains(">DRIFT</span>");
  }

  @Test
  void severalGateDecisions_areAllListed_andTheHeaderShowsTheLast() {
    String html = HtmlReport.builder()
        .gate("first training: m v1", "PROMOTE", List.of("no champion yet"))
        .gate("retrain after w3: m v2", "REJECT", List.of("not significant: p = 0.31"))
        .build().toHtml();

    assertThat(html).contains("<h2>Gate decisions</h2>", "first training: m v1", "retrain after w3: m v2",
        "<li>not significant: p = 0.31</li>", "<b>gate</b> REJECT");
  }

  @Test
  void niceCeiling_roundsUpToHalfAPowerOfTen() {
    assertThat(HtmlReport.niceCeiling(0.4125)).isEqualTo(0.45);
    assertThat(HtmlReport.niceCeiling(2.3)).isEqualTo(2.5);
    assertThat(HtmlReport.niceCeiling(0.1)).isEqualTo(0.1);
    assertThat(HtmlReport.niceCeiling(117)).isEqualTo(150);
  }

  @Test
  void classificationEvaluation_becomesMetricsAndItsFourCharts() throws Exception {
    int[] labels = {0, 0, 1, 1, 0, 1, 0, 1, 1, 0};
    double[] scores = {0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.6, 0.7, 0.55, 0.3};
    ClassificationEvaluation evaluation = ClassificationEvaluation.binary(labels, scores).evaluate();

    HtmlReport report = HtmlReport.builder().evaluation(evaluation).build();

    JsonNode specs = chartData(report.toHtml());
    List<String> kinds = new ArrayList<>();
    specs.forEach(s -> kinds.add(s.path("kind").asText()));
    assertThat(kinds).containsExactly("roc", "pr", "confusion", "calibration");
    JsonNode roc = specs.get(0).path("option").path("series").get(0);
    double[] fpr = evaluation.rocCurve().orElseThrow().fpr();
    assertThat(roc.path("data")).hasSize(fpr.length);
    assertThat(roc.path("data").get(fpr.length - 1).get(0).asDouble()).isEqualTo(fpr[fpr.length - 1]);
    // legend carries the AUC: 22 of 25 positive-negative pairs ordered correctly = 0.88
    // (python: np.mean([(p > n) + 0.5 * (p == n) for p in pos for n in neg]))
    assertThat(roc.path("name").asText()).isEqualTo("model (AUC 0.880)");
    assertThat(report.toHtml().contains("<td>roc_auc</td><td class=\"num\">0.8800</td>")).isTrue();
  }

  @Test
  void regressionEvaluation_becomesAResidualPlot() throws Exception {
    RegressionEvaluation evaluation = RegressionEvaluation.of(new double[] {3, 5, 7}, new double[] {2.5, 5, 8});

    JsonNode specs = chartData(HtmlReport.builder().evaluation(evaluation).build().toHtml());

    assertThat(specs.get(0).path("kind").asText()).isEqualTo("residuals");
    assertThat(specs.get(0).path("option").path("series").get(0).path("data").toString())
        .isEqualTo("[[2.5,0.5],[5.0,0.0],[8.0,-1.0]]");
  }

  @Test
  void modelTestReport_becomesOneRowPerExpectation() {
    int[] labels = {0, 0, 1, 1, 0, 1, 0, 1, 1, 0};
    double[] scores = {0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.6, 0.7, 0.55, 0.3};
    List<Integer> rows = java.util.stream.IntStream.range(0, labels.length).boxed().toList();
    ModelTestReport test = ModelTest.<Integer>forClassifier(i -> new double[] {1 - scores[i], scores[i]})
        .on(rows, labels)
        .expect(Metric.ROC_AUC).atLeast(0.8)
        .expect(Metric.ACCURACY).atLeast(0.95)
        .run();

    String html = HtmlReport.builder().modelTest(test).build().toHtml();

    // ROC AUC 0.88 passes; accuracy at threshold 0.5 is 8 of 10 = 0.8 and fails
    assertThat(html.contains("<b>model test</b> 1 of 2 expectations failed")).isTrue();
    assertThat(html.contains("<td>roc_auc &gt;= 0.8</td><td><span class=\"status ok\">PASSED</span>")).isTrue();
    assertThat(html.contains("<td>accuracy &gt;= 0.95</td><td><span class=\"status bad\">FAILED</span></td>"
        + "<td class=\"num\">0.8000</td>")).isTrue();
  }

  private static JsonNode chartData(String html) throws Exception {
    Matcher m = DATA.matcher(html);
    assertThat(m.find()).as("chart data element").isTrue();
    return new ObjectMapper().readTree(m.group(1));
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
