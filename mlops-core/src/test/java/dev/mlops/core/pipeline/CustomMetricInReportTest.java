package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.report.RunReports;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.metrics.CostMetric;
import dev.mlops.report.HtmlReport;
import dev.mlops.report.RunReport;
import org.junit.jupiter.api.Test;

/**
 * A user-defined metric gated against the champion by a real pipeline reaches the HTML report the
 * way a built-in does: in the model test's expectations, the evaluation's metrics and the gate's
 * champion-versus-candidate table (the report-level checks are in mlops-report's
 * {@code CustomMetricReportTest}).
 */
final class CustomMetricInReportTest {

  private static PipelineRun run(dev.mlops.core.train.Trainer trainer, Gate gate, RunOptions options) {
    return Pipeline.builder("custom-metric").source(TestData.mixed(600, 41)).target("label").exclude("y")
        .transform(t -> t.oneHot("colour")).split(Split.stratified().testFraction(0.3))
        .train(trainer)
        .evaluateClassifier(t -> t.bootstrap(200).expect(CostMetric.COST).atMost(0.5))
        .gate(gate).seed(5).build().run(options);
  }

  @Test
  void gateOnACustomMetric_showsInTheReportsGateTable_withBothModelsOnTheSameRows() {
    TrainedClassifier stump = (TrainedClassifier) run(Trainers.decisionTree().maxDepth(2).maxNodes(2),
        Gate.expectationsOnly(), RunOptions.none()).model();
    PipelineRun run = run(Trainers.logisticRegression().lambda(0.01),
        Gate.againstChampion().minAbsoluteImprovement(CostMetric.COST, 0.0)
            .minAbsoluteImprovement(dev.mlops.metrics.Metric.ROC_AUC, 0.0).significance(0.05),
        RunOptions.champion(stump));

    RunReport.Builder builder = RunReport.builder("custom-metric");
    RunReports.addRun(builder, "custom-metric:2", run, "custom-metric:1");
    JsonNode doc = HtmlReport.render(builder.build()).data();

    ChampionComparison cost = run.gate().comparisons().stream()
        .filter(c -> c.metric().equals("cost_weighted_error")).findFirst().orElseThrow();
    JsonNode gate = table(doc, "gate", 0);
    JsonNode row = row(gate, "cost_weighted_error");
    JsonNode auc = row(gate, "roc_auc");
    assertThat(row.get(1).get("n").asDouble()).isCloseTo(cost.champion(), within(1e-6));
    assertThat(row.get(2).get("n").asDouble()).isCloseTo(cost.candidate(), within(1e-6));
    assertThat(row.get(3).get("n").asDouble()).isCloseTo(cost.difference(), within(1e-6));
    assertThat(row.get(4).get("ci").get(0).asDouble()).isCloseTo(cost.lower(), within(1e-6));
    assertThat(row.get(5).get("p").asDouble()).isCloseTo(cost.pValue(), within(1e-6));
    assertThat(row.get(6).asText()).isEqualTo("paired_bootstrap");
    assertThat(row.size()).isEqualTo(auc.size());
    // the model test and its evaluation, as for roc_auc
    assertThat(row(table(doc, "model-test", 0), "cost_weighted_error <= 0.5").get(2).get("n").isNumber()).isTrue();
    JsonNode metric = row(table(doc, "model-test", 1), "cost_weighted_error");
    assertThat(metric.get(2).get("ci").get(0).isNumber()).isTrue();
    assertThat(metric.size()).isEqualTo(row(table(doc, "model-test", 1), "roc_auc").size());
  }

  private static JsonNode table(JsonNode doc, String section, int index) {
    for (JsonNode s : doc.get("sections")) {
      if (s.get("id").asText().equals(section)) {
        int i = 0;
        for (JsonNode b : s.get("blocks")) {
          if (b.get("type").asText().equals("table") && i++ == index) {
            return b;
          }
        }
      }
    }
    throw new AssertionError("no table " + index + " in " + section);
  }

  private static JsonNode row(JsonNode table, String first) {
    for (JsonNode r : table.get("rows")) {
      if (r.get(0).asText().equals(first)) {
        return r;
      }
    }
    throw new AssertionError("no row " + first + " in " + table.get("rows"));
  }
}
