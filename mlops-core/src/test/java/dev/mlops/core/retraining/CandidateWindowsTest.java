package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.metrics.Metric;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a located change, windows made mostly of the rows before it are not candidates. */
final class CandidateWindowsTest {

  @TempDir Path dir;

  @Test
  void afterALocatedChange_aHoldoutThatCannotTellTheConceptsApart_stillGetsAModelOfTheNewConcept() {
    Table a = PipelineLoopTest.data(600, 1, 0.0, 1);
    // the change: 66 rows of B to learn from, then 64 held out on the line where A and B give the same values
    Table change = PipelineLoopTest.data(66, 2, 0.0, -1).append(PipelineLoopTest.data(64, 3, 0.0, -1, true));
    Pipeline pipeline = PipelineLoopTest.pipeline(a);
    PipelineRetrainer retrainer = PipelineRetrainer.of(pipeline).measuredBy(PerformanceMeasure.of(Metric.RMSE));
    TrainedModel champion = retrainer.firstRun(a, 120).model();
    TrainingData all = PipelineRetrainer.history(a.append(change), champion);
    TrainingData located = new TrainingData(all.rows(), all.labels(), 130, 130, 130);

    RetrainOutcome outcome = retrainer.retrain(located, champion);

    assertThat(outcome.promote()).isTrue();
    RetrainOutcome refit = retrainer.refit(outcome, located, champion);
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    TrainedModel served = TrainedModelAdapter.create().load(registry.load("m",
        registry.register("m", refit.parts(), refit.metadata()).version()));
    // off the line the concepts differ: at x1 = 0.8, x2 = 0.2, not red, B gives -2.0 (A would give 2.0)
    assertThat(((TrainedRegressor) served).predict(Map.of("x1", 0.8, "x2", 0.2, "colour", "green"))).isNegative();
    // 65 rows held out (the newest half of the change), 65 since the change before them; the default
    // windows of 665, 333 and 166 rows are mostly concept A's rows and are not offered
    assertThat(outcome.metadata()).containsEntry("holdout_rows", "65")
        .containsEntry("window.excluded", "[665, 333, 166] rows (more rows from before the change than after it)");
    assertThat(Integer.parseInt(outcome.metadata().get("window.rows"))).isLessThanOrEqualTo(130);
    assertThat(outcome.metadata().get("window.candidates")).doesNotContain("665 rows").contains("67 rows: rmse")
        .contains("65 rows (since the change): rmse");
  }

  @Test
  void withoutALocatedChange_everyDefaultWindowIsOffered() {
    CandidateWindows.Windows w = CandidateWindows.of(new double[] {1.0, 0.5, 0.25, 0.1}, 1_000, 50, 0, 100);

    assertThat(w.sizes()).containsExactly(1_000, 500, 250, 100);
    assertThat(w.excluded()).isEmpty();
    assertThat(w.sinceChange()).isEqualTo(-1);
  }

  @Test
  void afterALocatedChange_theChangesWindowsAndTheDefaultsNoLongerThanTwiceItsRowsAreOffered() {
    // a change of 300 rows, 100 held out: 200 since the change before the holdout
    CandidateWindows.Windows w = CandidateWindows.of(new double[] {1.0, 0.5, 0.25, 0.1}, 1_000, 50, 300, 100);

    assertThat(w.sizes()).containsExactly(250, 100, 200, 300, 400);
    assertThat(w.excluded()).isEqualTo(List.of(1_000, 500));
    assertThat(w.label(300)).isEqualTo(" (1.5x since the change)");
    assertThat(w.label(100)).isEmpty();
  }
}
