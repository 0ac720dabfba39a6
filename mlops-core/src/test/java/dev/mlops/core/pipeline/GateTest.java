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
    assertThat(weakVsStrong.gate().reasons()).anySatisfy(r -> assertThat(r).startsWith("threshold not met"));
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
