package dev.mlops.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.fairness.FairnessAlert;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.metrics.fairness.Disparity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class FairnessSectionTest {

  /** Records what the section writes. */
  private static final class Recorded implements SectionContent {
    final List<String> paragraphs = new ArrayList<>();
    final List<List<List<String>>> tables = new ArrayList<>();
    final Map<String, Map<String, double[]>> charts = new java.util.LinkedHashMap<>();

    @Override
    public SectionContent paragraph(String text) {
      paragraphs.add(text);
      return this;
    }

    @Override
    public SectionContent table(List<String> columns, List<List<String>> rows) {
      tables.add(rows);
      return this;
    }

    @Override
    public SectionContent barChart(String title, List<String> categories, Map<String, double[]> series) {
      charts.put(title, series);
      return this;
    }

    @Override
    public SectionContent lineChart(String title, List<String> x, Map<String, double[]> series) {
      charts.put(title, series);
      return this;
    }
  }

  @Test
  void section_drawsEachWindowsDisparitiesWithTheirBounds_andTheGroupsOverTime() {
    List<DriftReport> reports = FairnessSampleRun.reports();
    Recorded out = new Recorded();
    FairnessSection.of(reports, FairnessSampleRun.ATTRIBUTES).writeTo(out);

    Map<String, double[]> selection = out.charts.get("age_group: disparities of the predictions per window");
    double[] ratio = selection.get("disparate_impact_ratio");
    assertThat(ratio).hasSize(8);
    for (int w = 0; w < 8; w++) {
      double expected = reports.get(w).fairness().selection().attribute("age_group")
          .disparity(Disparity.DISPARATE_IMPACT_RATIO).value();
      assertThat(ratio[w]).isEqualTo(expected);
    }
    assertThat(ratio[0]).isGreaterThan(0.8);
    assertThat(ratio[6]).isLessThan(0.8);
    assertThat(selection.get("disparate_impact_ratio bound (at least 0.800)")).containsOnly(0.8);

    // labels of month m arrive in month m + 1: the last month's predictions have none yet
    double[] eod = out.charts.get("age_group: disparities on labelled rows, per window of the predictions")
        .get("equal_opportunity_difference");
    assertThat(eod[0]).isEqualTo(reports.get(1).fairness().outcomesOf(1).orElseThrow().evaluation()
        .attribute("age_group").disparity(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE).value());
    assertThat(eod[7]).isNaN();

    assertThat(out.charts.get("age_group: selection rate per group")).containsOnlyKeys("under 30", "30-49", "50+");
    List<FairnessAlert> alerts = reports.stream().flatMap(r -> r.fairness().alerts().stream()).toList();
    assertThat(alerts).isNotEmpty();
    List<List<String>> alertTable = out.tables.get(out.tables.size() - 1);
    assertThat(alertTable).hasSize(alerts.size());
    assertThat(alertTable.get(0)).contains("disparate_impact_ratio", "age_group");
    assertThat(out.paragraphs.get(0)).contains("disparate_impact_ratio >= 0.800");
  }

  @Test
  void html_holdsTheFairnessSection() {
    String html = HtmlReport.render(FairnessSampleRun.report()).toHtml();
    assertThat(html).contains("Group fairness").contains("age_group: selection rate per group")
        .contains("disparate_impact_ratio bound (at least 0.800)");
  }

  @Test
  void labelsMustBeOnePerReport() {
    assertThatThrownBy(() -> FairnessSection.of(FairnessSampleRun.reports(), FairnessSampleRun.ATTRIBUTES,
        List.of("one"))).hasMessage("window labels must be one per report (8): 1");
  }
}
