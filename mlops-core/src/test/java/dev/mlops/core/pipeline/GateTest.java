package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainer;
import dev.mlops.core.train.Trainers;
import dev.mlops.metrics.CustomMetric;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricKind;
import java.util.function.UnaryOperator;
import dev.mlops.metrics.modeltest.RegressorTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class GateTest {

  private static final Table DATA = TestData.mixed(300, 21);

  private static PipelineRun run(Trainer trainer, Gate gate, RunOptions options,
      UnaryOperator<RegressorTest<Map<String, Object>>> expectations) {
    return Pipeline.builder("gate")
        .source(DATA)
        .target("y")
        .exclude("label")
        .transform(t -> t.oneHot("colour"))
        .split(Split.random().testFraction(0.3))
        .train(trainer)
        .evaluateRegressor(expectations)
        .gate(gate)
        .seed(4)
        .build()
        .run(options);
  }

  // y = 3 x1 - 2 x2 + 1[red] + N(0, 0.1): OLS is near-exact; LASSO with lambda 1000 keeps only the
  // intercept (predicts the mean), whose RMSE is the target's standard deviation (about 1).
  private static final Trainer GOOD = Trainers.ols();
  private static final Trainer MEAN_ONLY = Trainers.lasso().lambda(1000);

  @Test
  void noChampion_absoluteExpectationsDecide() {
    PipelineRun pass = run(GOOD, Gate.againstChampion(), RunOptions.none(), t -> t.expect(Metric.RMSE).atMost(0.5));
    PipelineRun fail = run(MEAN_ONLY, Gate.againstChampion(), RunOptions.none(), t -> t.expect(Metric.RMSE).atMost(0.5));

    assertThat(pass.gate().decision()).isEqualTo(GateDecision.Decision.PROMOTE);
    assertThat(pass.gate().championCompared()).isFalse();
    assertThat(pass.report().evaluation().orElseThrow().value(Metric.RMSE)).isLessThan(0.2);
    assertThat(fail.gate().decision()).isEqualTo(GateDecision.Decision.REJECT);
    assertThat(fail.gate().reasons()).anySatisfy(r -> assertThat(r).contains("expectation failed").contains("rmse"));
  }

  @Test
  void weakerCandidate_isRejected_againstStrongerChampion_andTheReverseIsPromoted() {
    TrainedModel strong = run(GOOD, Gate.againstChampion(), RunOptions.none(), t -> t).model();
    TrainedModel weak = run(MEAN_ONLY, Gate.againstChampion(), RunOptions.none(), t -> t).model();

    PipelineRun weakVsStrong = run(MEAN_ONLY, Gate.againstChampion().minRelativeImprovement(Metric.RMSE, 0.01),
        RunOptions.champion(strong), t -> t);
    PipelineRun strongVsWeak = run(GOOD, Gate.againstChampion().minRelativeImprovement(Metric.RMSE, 0.01).significance(0.05),
        RunOptions.champion(weak), t -> t);

    assertThat(weakVsStrong.gate().decision()).isEqualTo(GateDecision.Decision.REJECT);
    assertThat(weakVsStrong.gate().championCompared()).isTrue();
    assertThat(weakVsStrong.gate().reasons()).anySatisfy(r -> assertThat(r).startsWith("rmse threshold not met: ")
        .containsPattern("\\(rmse: candidate [0-9.]+, champion [0-9.]+, difference \\+[0-9.]+, 95% interval "
            + "\\[[0-9.]+, [0-9.]+\\], p <= 0\\.00200 \\(no resample of 1000 reached 0\\) by paired_bootstrap on 90"
            + " rows\\)"));
    assertThat(strongVsWeak.gate().decision()).isEqualTo(GateDecision.Decision.PROMOTE);
    assertThat(strongVsWeak.gate().checks()).anySatisfy(c -> {
      assertThat(c.name()).startsWith("significance rmse");
      assertThat(c.passed()).isTrue();
      assertThat(c.detail()).contains("paired_bootstrap");
    });
  }

  @Test
  void sameModelAsChampion_passesTheDefaultNotWorseCheck() {
    TrainedModel champion = run(GOOD, Gate.againstChampion(), RunOptions.none(), t -> t).model();

    PipelineRun again = run(GOOD, Gate.againstChampion(), RunOptions.champion(champion), t -> t);

    assertThat(again.gate().decision()).isEqualTo(GateDecision.Decision.PROMOTE);
    assertThat(again.gate().checks()).anySatisfy(c -> assertThat(c.name()).isEqualTo("threshold rmse vs champion"));
  }

  @Test
  void championThatCannotScoreTheHeldOutRows_isInconclusive_neverAPass() {
    Table other = Table.builder().numeric("z", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
        .numeric("y", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}).build();
    TrainedModel foreign = Pipeline.builder("other").source(other).target("y").split(Split.random().testFraction(0.3))
        .train(Trainers.ols()).seed(1).build().run().model();

    PipelineRun run = run(GOOD, Gate.againstChampion(), RunOptions.champion(foreign), t -> t);

    assertThat(run.gate().decision()).isEqualTo(GateDecision.Decision.INCONCLUSIVE);
    assertThat(run.gate().promote()).isFalse();
    assertThat(run.gate().reasons()).singleElement().satisfies(r ->
        assertThat(r).startsWith("champion could not score the 90 held-out rows (").endsWith(
            "): no comparison, the candidate is not promoted"));
    assertThat(run.gate().checks()).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("champion scores the held-out rows");
      assertThat(c.passed()).isFalse();
    });
  }

  @Test
  void holdoutOfTheLastRows_thenRefitOnEveryRow_carriesTheSelectedEvaluation() {
    Pipeline pipeline = Pipeline.builder("refit").source(DATA).target("y").exclude("label")
        .transform(t -> t.oneHot("colour")).split(Split.random().testFraction(0.3)).train(GOOD).seed(4).build();

    PipelineRun selected = pipeline.run(RunOptions.none().withHoldoutLast(40));
    PipelineRun refit = pipeline.run(RunOptions.none().withRefitOf(selected).withMetadata(Map.of("window.rows", "260")));

    assertThat(selected.heldOutRows()).isEqualTo(40);
    assertThat(selected.report().evaluation().orElseThrow().n()).isEqualTo(40);
    assertThat(selected.model().metadata()).containsEntry("holdout_rows", "40").doesNotContainKey("refit");
    assertThat(refit.model().metadata()).containsEntry("refit", "true").containsEntry("refit_rows", "300")
        .containsEntry("holdout_rows", "40").containsEntry("selected_run_id", selected.runId())
        .containsEntry("window.rows", "260");
    assertThat(refit.report()).isSameAs(selected.report());
    assertThat(refit.gate()).isSameAs(selected.gate());
    assertThat(refit.stages()).extracting(StageReport::stage).doesNotContain(Stage.EVALUATE, Stage.GATE);
    // the refit saw the 40 held-out rows: its coefficients differ from the selected model's
    Map<String, Object> probe = DATA.row(299);
    assertThat(((dev.mlops.core.model.TrainedRegressor) refit.model()).predict(probe))
        .isNotEqualTo(((dev.mlops.core.model.TrainedRegressor) selected.model()).predict(probe));
  }

  /** A user-defined regression metric: the mean absolute error, written by hand. */
  private static final CustomMetric MY_MAE = CustomMetric.builder("my_mae", MetricKind.REGRESSION)
      .lowerIsBetter()
      .range(0, Double.POSITIVE_INFINITY)
      .computedBy(d -> {
        double sum = 0;
        for (int i = 0; i < d.size(); i++) {
          sum += Math.abs(d.actual(i) - d.predicted(i));
        }
        return sum / d.size();
      })
      .build();

  @Test
  void customMetricThreshold_decidesLikeABuiltIn_withItsSignificanceTest() {
    TrainedModel strong = run(GOOD, Gate.againstChampion(), RunOptions.none(), t -> t).model();
    TrainedModel weak = run(MEAN_ONLY, Gate.againstChampion(), RunOptions.none(), t -> t).model();

    PipelineRun weakVsStrong = run(MEAN_ONLY, Gate.againstChampion().minRelativeImprovement(MY_MAE, 0.01),
        RunOptions.champion(strong), t -> t);
    PipelineRun strongVsWeak = run(GOOD, Gate.againstChampion().minRelativeImprovement(MY_MAE, 0.01)
        .significance(0.05), RunOptions.champion(weak), t -> t);

    assertThat(weakVsStrong.gate().decision()).isEqualTo(GateDecision.Decision.REJECT);
    assertThat(weakVsStrong.gate().checks()).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("threshold my_mae vs champion");
      assertThat(c.passed()).isFalse();
    });
    assertThat(strongVsWeak.gate().decision()).isEqualTo(GateDecision.Decision.PROMOTE);
    assertThat(strongVsWeak.gate().checks()).anySatisfy(c -> {
      assertThat(c.name()).isEqualTo("significance my_mae vs champion");
      assertThat(c.passed()).isTrue();
      assertThat(c.detail()).contains("paired_bootstrap");
    });
  }
}
