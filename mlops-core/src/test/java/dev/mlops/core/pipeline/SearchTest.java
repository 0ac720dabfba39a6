package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.train.HyperparameterSearch;
import dev.mlops.core.train.LassoTrainer;
import dev.mlops.core.train.RandomForestRegressorTrainer;
import dev.mlops.core.train.Trainers;
import dev.mlops.metrics.Metric;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

final class SearchTest {

  private static Pipeline.Builder base() {
    return Pipeline.builder("search").source(TestData.mixed(240, 31)).target("y").exclude("label")
        .transform(t -> t.oneHot("colour")).seed(9);
  }

  @Test
  void gridSearch_picksTheCandidateWithTheBestCrossValidatedScore_andReportsProgress() {
    // LASSO with lambda 1000 predicts the mean; 0.001 is near least squares on a linear target.
    HyperparameterSearch<LassoTrainer> search = HyperparameterSearch.grid(Trainers.lasso())
        .vary("lambda", List.of(1000.0, 0.001), LassoTrainer::lambda)
        .folds(3)
        .metric(Metric.RMSE);
    ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    PipelineRun run = base().train(search).listener(new PipelineListener() {
      @Override
      public void onProgress(String runId, Stage stage, String what, int done, int total) {
        events.add(stage + " " + what + " " + done + "/" + total);
      }
    }).build().run();

    HyperparameterSearch.SearchResult<?> result = run.search().orElseThrow();
    assertThat(result.trials()).hasSize(2);
    assertThat(result.bestTrial().values()).containsEntry("lambda", 0.001);
    assertThat(result.trials().get(0).meanScore()).isGreaterThan(result.trials().get(1).meanScore());
    assertThat(run.provenance().hyperparameters()).containsEntry("lambda", "0.001");
    assertThat(events).contains("SEARCH trial 1/2", "SEARCH trial 2/2", "SEARCH trial 2/2 fold 3/3");
  }

  @Test
  void searchOnABoundedPool_givesTheSameScoresAsOnTheCallingThread() {
    HyperparameterSearch<RandomForestRegressorTrainer> search =
        HyperparameterSearch.random(Trainers.randomForestRegressor().trees(5).threads(1), 3)
            .vary("max_depth", List.of(3, 6, 12), RandomForestRegressorTrainer::maxDepth)
            .vary("mtry", List.of(1, 2, 3), RandomForestRegressorTrainer::mtry)
            .folds(3);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      PipelineRun serial = base().train(search).build().run();
      PipelineRun parallel = base().train(search).executor(pool).build().run();

      assertThat(parallel.search().orElseThrow().trials())
          .usingRecursiveFieldByFieldElementComparator()
          .isEqualTo(serial.search().orElseThrow().trials());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void hyperparameterOutOfRange_failsWhenTheSearchIsDefined() {
    assertThatThrownBy(() -> HyperparameterSearch.grid(Trainers.randomForestRegressor())
        .vary("max_depth", List.of(4, 1), RandomForestRegressorTrainer::maxDepth))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max_depth must be >= 2: 1");
    assertThatThrownBy(() -> Trainers.gradientBoostingRegressor().shrinkage(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shrinkage must be in (0.0, 1.0]: 0.0");
  }
}
