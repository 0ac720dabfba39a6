package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainer;
import dev.mlops.core.train.Trainers;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.CustomMetric;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.modeltest.ExpectationResult;
import dev.mlops.metrics.modeltest.ModelTestReport;
import dev.mlops.metrics.modeltest.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One user-defined metric through every path that accepts a metric: ModelTest expectations on its
 * value and on its confidence bound, per slice, the significance-tested comparison with the champion
 * inside the model test and in the pipeline's gate (threshold and significance), and the JSON round trip.
 */
final class CustomMetricEverywhereTest {

  /** A missed "yes" (class 1) costs 5, a false alarm costs 1: the mean cost per row. */
  static final CustomMetric COST = CustomMetric.builder("cost_weighted_error", MetricKind.CLASSIFICATION)
      .lowerIsBetter()
      .range(0, 5)
      .computedBy(data -> {
        double cost = 0;
        double weight = 0;
        for (int i = 0; i < data.size(); i++) {
          int label = data.label(i);
          int predicted = data.prediction(i);
          cost += data.weight(i) * (label == 1 && predicted == 0 ? 5 : label == 0 && predicted == 1 ? 1 : 0);
          weight += data.weight(i);
        }
        return cost / weight;
      })
      .build();

  private static PipelineRun run(Trainer trainer, Gate gate, RunOptions options, TrainedClassifier baseline) {
    return Pipeline.builder("custom-metric").source(TestData.mixed(600, 41)).target("label").exclude("y")
        .transform(t -> t.oneHot("colour")).split(Split.stratified().testFraction(0.3))
        .train(trainer)
        .evaluateClassifier(t -> {
          t.bootstrap(300)
              .expect(COST).atMost(0.5)
              .expect(COST).upperBound(0.95).atMost(1.0)
              .expect(COST).onEverySlice(row -> row.get("colour")).minSliceSize(10).atMost(1.5);
          return baseline == null ? t : t.expectNotWorseThan(baseline).on(COST).byMoreThan(0.05);
        })
        .gate(gate).seed(5).build().run(options);
  }

  @Test
  void customMetric_worksInModelTestSlicesComparisonGateAndJson() {
    TrainedClassifier stump = (TrainedClassifier) run(Trainers.decisionTree().maxDepth(2).maxNodes(2),
        Gate.expectationsOnly(), RunOptions.none(), null).model();

    PipelineRun run = run(Trainers.logisticRegression().lambda(0.01),
        Gate.againstChampion().minAbsoluteImprovement(COST, 0.0).significance(0.05), RunOptions.champion(stump),
        stump);

    ModelTestReport report = run.report();
    ClassificationEvaluation evaluation = (ClassificationEvaluation) report.evaluation().orElseThrow();
    MetricValue cost = evaluation.metric(COST);
    List<ExpectationResult> results = report.expectations();
    // value and confidence bound
    assertThat(results.get(0).metric()).isSameAs(COST);
    assertThat(results.get(0).observed()).isEqualTo(cost.value());
    assertThat(results.get(0).status()).isEqualTo(cost.value() <= 0.5 ? Status.PASSED : Status.FAILED);
    assertThat(cost.value()).isBetween(0.0, 0.5);
    assertThat(results.get(1).ci()).isEqualTo(cost.ci());
    assertThat(cost.ci().lower()).isLessThanOrEqualTo(cost.value());
    assertThat(cost.ci().upper()).isGreaterThanOrEqualTo(cost.value());
    // slices: one outcome per colour, each the metric on that colour's rows
    assertThat(results.get(2).slices()).extracting(ExpectationResult.SliceOutcome::key)
        .containsExactly("blue", "green", "red");
    assertThat(results.get(2).slices()).allSatisfy(s -> assertThat(s.observed()).isBetween(0.0, 5.0));
    // comparison with the champion inside the model test: a paired bootstrap on the custom metric
    ComparisonResult vsStump = results.get(3).comparison();
    assertThat(vsStump.metric()).isSameAs(COST);
    assertThat(vsStump.test()).isEqualTo(ComparisonResult.PAIRED_BOOTSTRAP);
    assertThat(vsStump.candidate()).isCloseTo(cost.value(), within(1e-12));
    assertThat(vsStump.difference()).isNegative();  // logistic regression errs less than a one-split tree
    assertThat(results.get(3).status()).isEqualTo(Status.PASSED);
    // the gate: a threshold and a significance test on the custom metric against the champion
    assertThat(run.gate().checks()).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("threshold cost_weighted_error vs champion");
      assertThat(c.passed()).isTrue();
    });
    assertThat(run.gate().checks()).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("significance cost_weighted_error vs champion");
      assertThat(c.detail()).contains("by paired_bootstrap");
    });
    assertThat(run.gate().decision()).as(run.gate().toText()).isEqualTo(GateDecision.Decision.PROMOTE);
    // JSON: written with its key, read back with the custom metric passed to the reader
    Map<Metric, MetricValue> read = Evaluation.metricsFromJson(evaluation.toJson(), List.of(COST));
    assertThat(read.get(COST)).isEqualTo(cost);
    assertThat(read).containsExactlyEntriesOf(evaluation.metrics());
    assertThat(report.toJson()).contains("\"metric\":\"cost_weighted_error\"");
  }
}
