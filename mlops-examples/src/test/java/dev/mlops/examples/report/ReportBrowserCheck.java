package dev.mlops.examples.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mlops.report.HtmlReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks an HTML report in headless Chromium: the page loads without a single console message
 * (errors, warnings or uncaught exceptions) and without a single network request (Chromium's net
 * log), every chart is drawn as a non-empty SVG whose every series holds data, hostile text stayed
 * text, and a screenshot is kept under {@code target/report-check/<name>/} for a person to look at.
 * Used by the report's own browser test and by the demo's end-to-end test.
 */
public final class ReportBrowserCheck {

  private static final Path OUT = Path.of("target", "report-check");
  private static final Pattern CHART = Pattern.compile("<div class=\"chart\"[^>]*>");
  private static final Pattern POINTS = Pattern.compile("data-chart-points=\"(\\d+)\"");
  private static final Pattern KIND = Pattern.compile("data-kind=\"([^\"]*)\"");
  private static final Pattern TOTAL = Pattern.compile("data-charts-total=\"(\\d+)\"");

  private ReportBrowserCheck() {}

  /**
   * Finds chromium. With {@code CI=true} a missing chromium fails the calling test; otherwise the
   * test is skipped (a JUnit assumption).
   *
   * @return the browser
   */
  public static HeadlessChromium requireChromium() {
    Optional<HeadlessChromium> found = HeadlessChromium.find();
    if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("chromium is required on CI (CI=true) to check the HTML report; .ci/run installs it");
    }
    Assumptions.assumeTrue(found.isPresent(), "chromium not on PATH: browser check skipped");
    return found.get();
  }

  /**
   * Renders the report and asserts it loads cleanly with every chart drawn.
   *
   * @param report the report
   * @param name the sub-directory of {@code target/report-check} for the page, DOM, logs and screenshot
   * @return the kinds of the charts drawn, in page order
   * @throws Exception if the browser cannot be run
   */
  public static List<String> check(HtmlReport report, String name) throws Exception {
    return check(report, name, "");
  }

  /**
   * As {@link #check(HtmlReport, String)}, loading the page with a fragment (e.g. {@code "window=3"}
   * opens the drift explorer on the fourth window).
   *
   * @param report the report
   * @param name the sub-directory of {@code target/report-check}
   * @param fragment the URL fragment, empty for none
   * @return the kinds of the charts drawn, in page order
   * @throws Exception if the browser cannot be run
   */
  public static List<String> check(HtmlReport report, String name, String fragment) throws Exception {
    HeadlessChromium chromium = requireChromium();
    Path dir = Files.createDirectories(OUT.resolve(name)).toAbsolutePath();
    Path file = report.writeTo(dir.resolve("report.html"));

    HeadlessChromium.PageLoad load = chromium.load(file, fragment, dir);

    assertThat(load.consoleMessages()).as("console messages while loading %s", file).isEmpty();
    assertThat(load.pageRequests()).as("network requests made by %s", file).isEmpty();
    String dom = load.dom();
    Matcher total = TOTAL.matcher(dom);
    assertThat(total.find()).as("the page's script ran and counted its charts").isTrue();
    int charts = Integer.parseInt(total.group(1));
    assertThat(charts).as("charts on the page").isPositive();
    assertThat(dom).as("every chart drawn").contains("data-charts-rendered=\"" + charts + "\"");
    // Nothing was injected into the page by the report's text (checked before the inlined
    // scripts, whose source legitimately contains markup in strings).
    String page = dom.substring(0, dom.indexOf("<script"));
    assertThat(page).doesNotContain("<img").doesNotContain("onerror=\"");

    List<int[]> spans = new ArrayList<>();
    Matcher m = CHART.matcher(dom);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    assertThat(spans).as("chart elements").hasSize(charts);
    List<String> kinds = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      String tag = dom.substring(spans.get(i)[0], spans.get(i)[1]);
      int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : dom.indexOf("<script", spans.get(i)[1]);
      String content = dom.substring(spans.get(i)[1], end);
      assertThat(tag).as("chart tag").contains("data-chart-rendered=\"true\"");
      assertThat(tag).as("series without data in %s", tag).contains("data-chart-empty-series=\"0\"");
      Matcher points = POINTS.matcher(tag);
      assertThat(points.find()).as("points attribute of %s", tag).isTrue();
      assertThat(Integer.parseInt(points.group(1))).as("data points of %s", tag).isPositive();
      assertThat(content).as("SVG of %s", tag).contains("<svg").contains("<path");
      Matcher kind = KIND.matcher(tag);
      assertThat(kind.find()).isTrue();
      kinds.add(kind.group(1));
    }

    Path png = dir.resolve("screenshot.png");
    chromium.screenshot(file, png, 1280, 5000, dir);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).as("screenshot size").isGreaterThan(20_000);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    return kinds;
  }
}
