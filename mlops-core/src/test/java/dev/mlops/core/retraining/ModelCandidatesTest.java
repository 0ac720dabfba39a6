package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.data.Source;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.RunOptions;
import dev.mlops.core.pipeline.RunRecord;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.train.Trainers;
import dev.mlops.metrics.Metric;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Candidate model specs compared on the retrainer's time-ordered holdout, at the first fit and at retrains. */
final class ModelCandidatesTest {

  @TempDir Path dir;

  /** y = 3 x1 - 2 x2 + [red] + small noise, x1 ~ U(0, 1) + shift: linear, so OLS extrapolates and a forest cannot. */
  private static Table data(int n, long seed, double shift) {
    return PipelineLoopTest.data(n, seed, shift);
  }

  /** An 8-tree forest regressor pipeline. */
  private static Pipeline forest(Table source) {
    return PipelineLoopTest.pipeline(source);
  }

  @Test
  void firstRun_withoutCandidates_isTheHoldoutRunRefittedOnEveryRow() {
    Table history = data(300, 1, 0.0);
    Pipeline pipeline = forest(history);

    PipelineRun first = PipelineRetrainer.of(pipeline).firstRun(history, 60);

    PipelineRun selected = pipeline.run(RunOptions.none().withSource(Source.of(history)).withHoldoutLast(60));
    PipelineRun refit = pipeline.run(RunOptions.none().withSource(Source.of(history)).withRefitOf(selected));
    Map<String, Object> row = Map.of("x1", 0.3, "x2", 0.6, "colour", "red");
    assertThat(((TrainedRegressor) first.model()).predict(row)).isEqualTo(((TrainedRegressor) refit.model()).predict(row));
    assertThat(RunRecord.metadata(first)).containsEntry("refit", "true").containsEntry("refit_rows", "300")
        .containsEntry("holdout_rows", "60").doesNotContainKey("model.chosen");
  }

  @Test
  void firstRun_withCandidates_keepsTheSpecThatWinsTheTimeOrderedHoldout_andRecordsEveryCandidate() {
    // the last 60 rows have drifted to x1 in [1, 2): the forest cannot extrapolate, OLS can
    Table history = data(240, 1, 0.0).append(data(60, 2, 1.0));
    PipelineRetrainer retrainer = PipelineRetrainer.of(forest(history)).candidates(Trainers.ols());

    PipelineRun first = retrainer.firstRun(history, 60);

    Map<String, String> metadata = RunRecord.metadata(first);
    assertThat(first.model().descriptor().trainer()).isEqualTo("smile.ols");
    assertThat(metadata).containsEntry("model.chosen", "smile.ols").containsEntry("model.metric", "rmse")
        .containsEntry("refit", "true").containsEntry("refit_rows", "300");
    assertThat(metadata.get("model.candidates")).contains("smile.random_forest_regressor: rmse ")
        .contains("smile.ols: rmse ").contains("(240 rows)");
    // the refitted OLS model saw the drifted rows: it predicts 3 * 1.5 - 2 * 0.5 + 1 = 4.5 closely
    double p = ((TrainedRegressor) first.model()).predict(Map.of("x1", 1.5, "x2", 0.5, "colour", "red"));
    assertThat(p).isBetween(4.4, 4.6);
  }

  @Test
  void firstRun_withCandidates_keepsThePipelinesOwnTrainer_whenItWins() {
    // y depends on the colour only through a step in x1: a forest fits it, a straight line does not
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 300;
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    String[] colour = new String[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x1[i] = rnd.nextDouble();
      x2[i] = rnd.nextDouble();
      colour[i] = i % 2 == 0 ? "red" : "blue";
      y[i] = (x1[i] > 0.5) == (x2[i] > 0.5) ? 5 : 0;
    }
    Table history = Table.builder().numeric("x1", x1).numeric("x2", x2).categorical("colour", colour)
        .numeric("y", y).build();

    PipelineRun first = PipelineRetrainer.of(forest(history)).candidates(Trainers.ols()).firstRun(history, 60);

    assertThat(first.model().descriptor().trainer()).isEqualTo("smile.random_forest_regressor");
    assertThat(RunRecord.metadata(first)).containsEntry("model.chosen", "smile.random_forest_regressor");
  }

  @Test
  void retrain_withCandidates_comparesEveryModelOnEveryWindow_andRefitsTheChosenSpec() {
    Table history = data(300, 1, 0.0);
    Pipeline pipeline = forest(history);
    TrainedModel champion = pipeline.run().model();
    TrainingData all = PipelineRetrainer.history(history.append(data(200, 2, 1.0)), champion);
    TrainingData data = new TrainingData(all.rows(), all.labels(), 200, 200);
    PipelineRetrainer retrainer = PipelineRetrainer.of(pipeline).candidates(Trainers.ols())
        .measuredBy(PerformanceMeasure.of(Metric.RMSE));

    RetrainOutcome outcome = retrainer.retrain(data, champion);
    RetrainOutcome refit = retrainer.refit(outcome, data, champion);

    assertThat(outcome.promote()).isTrue();
    assertThat(outcome.metadata()).containsEntry("model.chosen", "smile.ols").containsEntry("holdout_rows", "100");
    assertThat(outcome.metadata().get("window.candidates")).contains(", smile.ols: rmse ")
        .contains(", smile.random_forest_regressor: rmse ");
    // the refit trains the chosen spec (not the pipeline's own forest) on the window plus the holdout
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    int version = registry.register("m", refit.parts(), refit.metadata()).version();
    assertThat(registry.version("m", version).metadata()).containsEntry("trainer", "smile.ols")
        .containsEntry("refit", "true").containsEntry("model.chosen", "smile.ols");
    TrainedModel registered = TrainedModelAdapter.create().load(registry.load("m", version));
    double p = ((TrainedRegressor) registered).predict(Map.of("x1", 1.5, "x2", 0.5, "colour", "red"));
    assertThat(p).isBetween(4.4, 4.6);
  }

  @Test
  void candidates_refuseNoneAndAnotherTask_withTheValue() {
    PipelineRetrainer retrainer = PipelineRetrainer.of(forest(data(50, 1, 0.0)));

    assertThatThrownBy(retrainer::candidates).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("candidate trainers must not be empty: []");
    assertThatThrownBy(() -> retrainer.candidates(Trainers.logisticRegression()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("candidate trainer task must be REGRESSION: smile.logistic_regression (CLASSIFICATION)");
    assertThatThrownBy(() -> retrainer.firstRun(data(50, 1, 0.0), 50)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("holdout rows must be in [1, 50): 50");
  }

  @Test
  void pipelineWithTrainer_changesTheModelAndTheDefinition_only() {
    Pipeline pipeline = forest(data(50, 1, 0.0));

    Pipeline ols = pipeline.withTrainer(Trainers.ols());

    assertThat(ols.trainer().name()).isEqualTo("smile.ols");
    assertThat(ols.name()).isEqualTo(pipeline.name());
    assertThat(ols.definitionFingerprint()).isNotEqualTo(pipeline.definitionFingerprint());
    assertThat(pipeline.withTrainer(pipeline.trainer()).definitionFingerprint()).isEqualTo(pipeline.definitionFingerprint());
    assertThatThrownBy(() -> pipeline.withTrainer(Trainers.decisionTree())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("trainer task must be REGRESSION: ");
  }
}
