package dev.mlops.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mlops.core.report.HtmlReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders an HTML report in headless Chromium: the page must load without a single console message
 * (errors, warnings or uncaught exceptions), every chart must be drawn as a non-empty SVG, and a
 * screenshot is kept under {@code target/} for a person to look at.
 */
final class HtmlReportInChromiumTest {

  private static final Path OUT = Path.of("target", "report-check");
  private static final Pattern CHART = Pattern.compile("<div class=\"chart\"[^>]*>");
  private static final Pattern POINTS = Pattern.compile("data-chart-points=\"(\\d+)\"");

  private static HeadlessChromium chromium;

  @BeforeAll
  static void findChromium() {
    Optional<HeadlessChromium> found = HeadlessChromium.find();
    if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("chromium is required on CI (CI=true) to check the HTML report; .ci/run installs it");
    }
    Assumptions.assumeTrue(found.isPresent(), "chromium not on PATH: browser check skipped");
    chromium = found.get();
  }

  @Test
  void classificationReport_loadsWithoutConsoleMessages_andDrawsEveryChart() throws Exception {
    HtmlReport report = SampleReports.classification();

    List<String> kinds = check(report, "classification");

    assertThat(kinds).contains("roc", "pr", "confusion", "calibration", "dataset-drift", "performance");
    assertThat(kinds).anyMatch(k -> k.startsWith("hist-")).anyMatch(k -> k.startsWith("drift-"));
  }

  @Test
  void regressionReport_loadsWithoutConsoleMessages_andDrawsEveryChart() throws Exception {
    HtmlReport report = SampleReports.regression();

    List<String> kinds = check(report, "regression");

    assertThat(kinds).contains("residuals", "dataset-drift", "performance");
  }

  private static List<String> check(HtmlReport report, String name) throws Exception {
    Path dir = Files.createDirectories(OUT.resolve(name)).toAbsolutePath();
    Path file = report.writeTo(dir.resolve("report.html"));

    HeadlessChromium.PageLoad load = chromium.load(file, dir);

    assertThat(load.consoleMessages()).as("console messages while loading %s", file).isEmpty();
    String dom = load.dom();
    assertThat(dom).as("DOM after scripts ran").contains("data-charts-rendered=\"" + report.chartCount() + "\"");
    // Hostile feature names in the sample must stay text: no element was injected into the page
    // (checked before the inlined scripts, whose source legitimately contains such strings).
    String page = dom.substring(0, dom.indexOf("<script"));
    assertThat(page).doesNotContain("<img").doesNotContain("onerror=\"").contains("&lt;img src=x onerror=alert(1)&gt;");

    List<String> kinds = new ArrayList<>();
    Matcher m = CHART.matcher(dom);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    assertThat(spans).as("chart elements").hasSize(report.chartCount());
    for (int i = 0; i < spans.size(); i++) {
      String tag = dom.substring(spans.get(i)[0], spans.get(i)[1]);
      int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : dom.indexOf("<script", spans.get(i)[1]);
      String content = dom.substring(spans.get(i)[1], end);
      Matcher points = POINTS.matcher(tag);
      assertThat(tag).as("chart tag").contains("data-chart-rendered=\"true\"");
      assertThat(points.find()).as("points attribute of %s", tag).isTrue();
      assertThat(Integer.parseInt(points.group(1))).as("data points of %s", tag).isPositive();
      assertThat(content).as("SVG of %s", tag).contains("<svg").contains("<path");
      Matcher kind = Pattern.compile("data-kind=\"([^\"]*)\"").matcher(tag);
      assertThat(kind.find()).isTrue();
      kinds.add(kind.group(1));
    }

    Path png = dir.resolve("screenshot.png");
    chromium.screenshot(file, png, 1280, 4000, dir);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).as("screenshot size").isGreaterThan(20_000);
    assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    return kinds;
  }
}
