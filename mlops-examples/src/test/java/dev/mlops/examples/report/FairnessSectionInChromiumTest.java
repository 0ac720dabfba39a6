package dev.mlops.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.report.FairnessSampleRun;
import dev.mlops.report.HtmlReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's group fairness section in headless Chromium (see {@link ReportBrowserCheck}): loads
 * without console messages or requests, and every chart — disparities of the predictions with their
 * bounds, disparities on labelled rows, selection rate per group — is drawn with data in every series.
 */
final class FairnessSectionInChromiumTest {

  @Test
  void fairnessSection_drawsEveryChartWithData() throws Exception {
    HtmlReport report = HtmlReport.render(FairnessSampleRun.report());

    List<String> kinds = ReportBrowserCheck.check(report, "fairness");

    assertThat(kinds).as("the section's three line charts").hasSize(3).containsOnly("line");
  }
}
