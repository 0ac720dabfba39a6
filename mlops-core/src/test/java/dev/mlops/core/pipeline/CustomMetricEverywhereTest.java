package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.retraining.ContinuousTraining;
import dev.mlops.core.retraining.DriftMonitoring;
import dev.mlops.core.retraining.LoopEvent;
import dev.mlops.core.retraining.PerformanceMeasure;
import dev.mlops.core.retraining.RetrainOutcome;
import dev.mlops.core.retraining.TrainedModelAdapter;
import dev.mlops.core.retraining.TrainingData;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.drift.monitor.DriftListener;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.DriftStatus;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.stat.DriftStatistic;
import dev.mlops.drift.stat.SampleStatistic;
import dev.mlops.drift.stat.TestResult;
import dev.mlops.metrics.CostMetric;
import dev.mlops.report.HtmlReport;
import dev.mlops.report.MonitoringWindow;
import dev.mlops.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import org.junit.jupiter.api.io.TempDir;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainer;
import dev.mlops.core.train.Trainers;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.CustomMetric;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.modeltest.ExpectationResult;
import dev.mlops.metrics.modeltest.ModelTestReport;
import dev.mlops.metrics.modeltest.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One user-defined metric and one user-defined drift statistic through every path that accepts a
 * metric or a statistic: ModelTest expectations on the metric's value and on its confidence bound,
 * per slice, the significance-tested comparison with the champion inside the model test and in the
 * pipeline's gate (threshold and significance), the JSON round trips, the drift monitor's windows
 * (realised performance; the statistic deciding its feature), the HTML report, and the retraining
 * loop's performance trigger and probation.
 */
final class CustomMetricEverywhereTest {

  /** A missed "yes" (class 1) costs 5, a false alarm costs 1: the mean cost per row (mlops-metrics' fixture). */
  static final CustomMetric COST = CostMetric.COST;

  /** A user's drift distance on two numeric samples: the absolute difference of their means. */
  static final SampleStatistic MEAN_SHIFT = DriftStatistic.ofSamples("mean_shift", false, (ref, cur) ->
      TestResult.ok("mean_shift", Math.abs(mean(cur) - mean(ref)), Double.NaN, ref.length, cur.length));

  /** Between the one-split tree's cost on live data and the logistic regression's (see the loop test). */
  private static final double LOOP_THRESHOLD = 0.22;

  @TempDir Path dir;

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

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

  @Test
  void customMetricAndStatistic_workInTheMonitorsWindows_theirJson_andTheHtmlReport() throws Exception {
    TrainedClassifier model = (TrainedClassifier) run(Trainers.logisticRegression().lambda(0.01),
        Gate.expectationsOnly(), RunOptions.none(), null).model();
    assertThat(model.classes()).containsExactly("no", "yes");
    DriftMonitor monitor = DriftMonitor.builder(model.profile())
        .window(Window.tumblingCount(1_000_000)).executor(Runnable::run)
        .realisedMetrics(COST)
        .featureTest("x1", MEAN_SHIFT).featureThreshold("x1", 0.2)
        .build();
    Table live = TestData.mixed(200, 77);
    double cost = 0;
    for (int i = 0; i < live.rowCount(); i++) {
      Map<String, Object> row = new HashMap<>(live.row(i));
      int label = model.classes().indexOf((String) row.remove("label"));
      row.remove("y");
      row.put("x1", (double) row.get("x1") + 0.5);   // live x1 moved up by 0.5
      double[] p = model.probabilities(row);
      monitor.record(row, Prediction.ofProbabilities(p), "r" + i);
      monitor.recordLabel("r" + i, label);
      cost += label == 1 && p[1] < 0.5 ? 5 : label == 0 && p[1] >= 0.5 ? 1 : 0;
    }
    DriftReport report = monitor.closeWindow().orElseThrow();

    // realised performance of the window: the custom metric beside the built-ins, on all 200 labelled rows
    assertThat(report.performance().labelled()).isEqualTo(200);
    assertThat(report.performance().realised()).containsKeys("accuracy", "roc_auc");
    assertThat(report.performance().realised().get("cost_weighted_error")).isCloseTo(cost / 200, within(1e-12));
    assertThat(cost).isPositive();
    // the user's statistic decides the feature it was chosen for, on its own threshold
    FeatureDrift x1 = report.feature("x1").orElseThrow();
    assertThat(x1.test()).isEqualTo("mean_shift");
    assertThat(x1.statistic()).isBetween(0.4, 0.6);   // U(0, 1) against U(0.5, 1.5)
    assertThat(x1.pValue()).isNaN();
    assertThat(x1.status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(x1.reason()).startsWith("mean_shift ").contains(">= 0.2000");
    assertThat(report.feature("x2").orElseThrow().test()).isNotEqualTo("mean_shift");
    assertThat(report.toText()).contains("cost_weighted_error").contains("mean_shift");
    // JSON: both by key; numbers, read back equal
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertThat(json.get("performance").get("realised").get("cost_weighted_error").asDouble())
        .isCloseTo(cost / 200, within(1e-12));
    DriftReport read = DriftReport.fromJson(report.toJson());
    assertThat(read.performance()).isEqualTo(report.performance());
    assertThat(read.feature("x1").orElseThrow().test()).isEqualTo("mean_shift");
    // the HTML report charts the custom metric and shows the user's statistic
    RunReport runReport = RunReport.builder("custom metric and statistic")
        .window(MonitoringWindow.builder("window 1", report).build()).build();
    assertThat(HtmlReport.render(runReport).toHtml()).contains("cost_weighted_error").contains("mean_shift");
  }

  @Test
  void customMetric_drivesTheLoopsPerformanceTrigger_probation_andItsMonitorWindows() {
    TrainedModel stump = run(Trainers.decisionTree().maxDepth(2).maxNodes(2), Gate.expectationsOnly(),
        RunOptions.none(), null).model();
    TrainedModel logistic = run(Trainers.logisticRegression().lambda(0.01), Gate.expectationsOnly(),
        RunOptions.none(), null).model();
    ModelRegistry registry = FileSystemModelRegistry.open(dir.resolve("registry"));
    registry.promote("m", registry.register("m", stump.toParts(), Map.of()).version());
    List<LoopEvent> events = Collections.synchronizedList(new ArrayList<>());
    List<DriftReport> windows = Collections.synchronizedList(new ArrayList<>());
    DriftListener collect = new DriftListener() {
      @Override
      public void onWindowClosed(DriftReport report) {
        windows.add(report);
      }
    };
    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("m", registry, TrainedModelAdapter.create(), (TrainingData data, TrainedModel champion) ->
            RetrainOutcome.promote(logistic.toParts(), Map.of(), List.of("the logistic regression")))
        .monitoring(DriftMonitoring.factory(TrainedModelAdapter::profile, profile -> DriftMonitor.builder(profile)
            .window(Window.tumblingCount(50)).executor(Runnable::run).realisedMetrics(COST).listener(collect)))
        .performanceMeasure(PerformanceMeasure.of(COST))
        .performanceTrigger(LOOP_THRESHOLD, 50)
        .probation(50, 0.05)
        .executor(Runnable::run)
        .listener(events::add)
        .build();
    ModelEndpoint endpoint = loop.start();
    List<String> classes = ((TrainedClassifier) stump).classes();
    Table live = TestData.mixed(200, 99);
    for (int i = 0; i < live.rowCount(); i++) {
      Map<String, Object> row = new HashMap<>(live.row(i));
      int label = classes.indexOf((String) row.remove("label"));
      row.remove("y");
      endpoint.predict("r" + i, row);
      loop.recordLabel("r" + i, label);
    }

    // the one-split tree costs about 0.3 per row, over the threshold: retrained once; the logistic
    // regression (about 0.1) passes its probation and stays under it
    assertThat(events).extracting(LoopEvent::type)
        .containsExactly(LoopEvent.Type.TRAINED, LoopEvent.Type.PROMOTED, LoopEvent.Type.PROBATION_PASSED);
    assertThat(events.get(0).details()).containsEntry("trigger", "PERFORMANCE");
    assertThat(events.get(0).details().get("trigger_reason"))
        .startsWith("cost_weighted_error ").contains("over the last 50 labels is worse than the threshold");
    assertThat(events).filteredOn(e -> e.type() == LoopEvent.Type.PROBATION_PASSED).singleElement()
        .satisfies(e -> assertThat(e.reason()).startsWith("cost_weighted_error on the same 50 labelled rows: v2 ")
            .contains("v1 (previous, in shadow)"));
    assertThat(loop.championVersion()).isEqualTo(2);
    // every window of both deployments' monitors carries the custom metric
    assertThat(windows).isNotEmpty().allSatisfy(w ->
        assertThat(w.performance().realised()).containsKey("cost_weighted_error"));
  }
}
