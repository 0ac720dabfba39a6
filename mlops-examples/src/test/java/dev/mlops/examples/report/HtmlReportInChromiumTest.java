package dev.mlops.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.report.HtmlReport;
import dev.mlops.report.SampleRuns;
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
}
