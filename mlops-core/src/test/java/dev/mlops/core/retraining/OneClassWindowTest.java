package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineException;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A candidate window whose target has one class is skipped; the other windows still compete. */
final class OneClassWindowTest {

  /** x ~ U(0, 1), class "b" when x > 0.5; rows in [from, to) drawn with x < 0.5 only (all "a"). */
  private static Table data(int n, int oneClassFrom, int oneClassTo, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] z = new double[n];
    String[] y = new String[n];
    for (int i = 0; i < n; i++) {
      boolean onlyA = i >= oneClassFrom && i < oneClassTo;
      x[i] = onlyA ? 0.5 * rnd.nextDouble() : rnd.nextDouble();
      z[i] = rnd.nextDouble();
      y[i] = x[i] > 0.5 ? "b" : "a";
    }
    return Table.builder().numeric("x", x).numeric("z", z).categorical("y", y).build();
  }

  private static Pipeline pipeline(Table source) {
    return Pipeline.builder("one-class").source(source).target("y").split(Split.random().testFraction(0.2))
        .train(Trainers.randomForestClassifier().trees(5)).seed(3).build();
  }

  @Test
  void windowWithOneClass_isSkippedWithItsReason_andAWiderWindowIsChosen() {
    // 400 rows, the last 100 labelled after the champion: holdout 50, windows of 350, 175, 88 and 50
    // rows before it; rows 250-349 are all "a", so the 88- and 50-row windows have one class
    Table all = data(400, 250, 350, 11);
    Pipeline pipeline = pipeline(all);
    TrainedModel champion = pipeline.run().model();
    TrainingData history = PipelineRetrainer.history(all, champion);
    TrainingData data = new TrainingData(history.rows(), history.labels(), 100, 100);

    RetrainOutcome outcome = PipelineRetrainer.of(pipeline).retrain(data, champion);

    String candidates = outcome.metadata().get("window.candidates");
    assertThat(candidates).containsPattern("88 rows: skipped \\([^;]*training split must hold at least 2 classes of 'y'\\)")
        .containsPattern("50 rows: skipped \\([^;]*training split must hold at least 2 classes of 'y'\\)");
    assertThat(outcome.metadata().get("window.rows")).isIn("350", "175");
    assertThat(outcome.metadata()).containsEntry("holdout_rows", "50");
  }

  @Test
  void noWindowWithTwoClasses_failsTheRetrainWithTheFirstReason() {
    // every row before the 50-row holdout is "a"
    Table all = data(400, 0, 350, 12);
    Table mixed = data(400, 0, 0, 13);
    Pipeline pipeline = pipeline(mixed);
    TrainedModel champion = pipeline.run().model();
    TrainingData history = PipelineRetrainer.history(all, champion);
    TrainingData data = new TrainingData(history.rows(), history.labels(), 100, 100);

    assertThatThrownBy(() -> PipelineRetrainer.of(pipeline).retrain(data, champion))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("training split must hold at least 2 classes of 'y'");
  }
}
