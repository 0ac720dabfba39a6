package dev.mlops.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.report.HtmlReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Renders reports with every kind of chart in headless Chromium (see {@link ReportBrowserCheck}):
 * no console message, every chart drawn as a non-empty SVG, a screenshot under {@code target/}.
 */
final class HtmlReportInChromiumTest {

  @Test
  void classificationReport_loadsWithoutConsoleMessages_andDrawsEveryChart() throws Exception {
    HtmlReport report = SampleReports.classification();

    List<String> kinds = ReportBrowserCheck.check(report, "classification");

    assertThat(kinds).contains("roc", "pr", "confusion", "calibration", "dataset-drift", "performance");
    assertThat(kinds).anyMatch(k -> k.startsWith("hist-")).anyMatch(k -> k.startsWith("drift-"));
  }

  @Test
  void regressionReport_loadsWithoutConsoleMessages_andDrawsEveryChart() throws Exception {
    HtmlReport report = SampleReports.regression();

    List<String> kinds = ReportBrowserCheck.check(report, "regression");

    assertThat(kinds).contains("residuals", "dataset-drift", "performance");
  }
}
