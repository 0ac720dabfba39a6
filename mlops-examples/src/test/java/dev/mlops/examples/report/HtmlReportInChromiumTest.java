package dev.mlops.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.report.HtmlReport;
import dev.mlops.report.SampleRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renders reports with every kind of chart in headless Chromium (see {@link ReportBrowserCheck}):
 * no console message, no network request, every chart drawn with data in every series, a
 * screenshot under {@code target/report-check/}. The reports come from real DriftMonitor runs
 * built with mlops-metrics and mlops-drift only ({@link dev.mlops.report.SampleRuns}).
 */
final class HtmlReportInChromiumTest {

  @Test
  void classificationReport_loadsWithoutConsoleMessagesOrRequests_andDrawsEveryChart() throws Exception {
    HtmlReport report = HtmlReport.render(SampleRuns.classification());

    List<String> kinds = ReportBrowserCheck.check(report, "classification");

    assertThat(kinds).contains("roc", "pr", "confusion", "calibration", "drift-heatmap", "histogram", "drift-share",
        "target-drift", "performance");
  }

  @Test
  void anyWindowsHistograms_drawWhenTheExplorerOpensOnIt() throws Exception {
    HtmlReport report = HtmlReport.render(SampleRuns.classification());

    List<String> kinds = ReportBrowserCheck.check(report, "classification-window-2", "window=1");

    assertThat(kinds.stream().filter("histogram"::equals).count()).as("histograms of month 2").isGreaterThanOrEqualTo(3);
  }

  @Test
  void regressionReport_loadsWithoutConsoleMessagesOrRequests_andDrawsEveryChart() throws Exception {
    HtmlReport report = HtmlReport.render(SampleRuns.regression());

    List<String> kinds = ReportBrowserCheck.check(report, "regression");

    assertThat(kinds).contains("predicted-actual", "residuals", "residual-box", "predicted-actual-windows",
        "target-drift", "performance", "histogram");
  }

  @Test
  void driftTable_showsBothChecksOfAFeature_andNamesTheScaleCheckWhenItAloneFired() throws Exception {
    HtmlReport report = HtmlReport.render(SampleRuns.narrowedSpread());

    ReportBrowserCheck.check(report, "scale-check", "window=1");

    String dom = Files.readString(Path.of("target", "report-check", "scale-check", "dom.html"), StandardCharsets.UTF_8);
    assertThat(dom).contains("<th>statistic</th>", "<th>threshold</th>", "<th>scale check</th>",
        "<th>scale p-value</th>", "<th>fired by</th>");
    int row = dom.indexOf("<tr><td>x</td>");
    assertThat(row).as("the row of x in week 2's table").isPositive();
    String x = dom.substring(row, dom.indexOf("</tr>", row));
    assertThat(x).contains("log sd ratio -0.1").contains(" outside [").contains("<td>scale</td>");
    int other = dom.indexOf("<tr><td>y</td>");
    String y = dom.substring(other, dom.indexOf("</tr>", other));
    assertThat(y).contains(" inside [").doesNotContain("<td>scale</td>");
  }
}
