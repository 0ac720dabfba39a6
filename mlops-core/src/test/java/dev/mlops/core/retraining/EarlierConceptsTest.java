package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.metrics.Metric;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a located change, the rows of earlier concepts' fits are offered as candidate windows. */
final class EarlierConceptsTest {

  @TempDir Path dir;

  /** Concept A (sign +1): y = 3 x1 - 2 x2 + [red]; concept B (sign -1): y = -(3 x1 - 2 x2) + [red]. */
  private static Table concept(int n, long seed, int sign) {
    return PipelineLoopTest.data(n, seed, 0.0, sign);
  }

  /** The rows of a table as the loop's label store would give them, the last {@code recent} after a change. */
  private static TrainingData located(Table rows, TrainedModel champion, int recent) {
    TrainingData all = PipelineRetrainer.history(rows, champion);
    return new TrainingData(all.rows(), all.labels(), rows.rowCount(), recent, recent);
  }

  private TrainedModel promoted(ModelRegistry registry, PipelineRetrainer retrainer, TrainingData data,
      TrainedModel champion) {
    RetrainOutcome outcome = retrainer.retrain(data, champion);
    assertThat(outcome.promote()).as("gate of %s", outcome.metadata().get("window.chosen")).isTrue();
    RetrainOutcome refit = retrainer.refit(outcome, data, champion);
    int version = registry.register("m", refit.parts(), refit.metadata()).version();
    return TrainedModelAdapter.create().load(registry.load("m", version));
  }

  @Test
  void aConceptThatComesBack_isServedByTheFitOfItsEarlierRows() {
    Table a = concept(300, 1, 1);
    Table b = concept(300, 2, -1);
    Table aAgain = concept(80, 3, 1);
    Pipeline pipeline = PipelineLoopTest.pipeline(a);
    PipelineRetrainer retrainer = PipelineRetrainer.of(pipeline).measuredBy(PerformanceMeasure.of(Metric.RMSE));
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    PipelineRun first = retrainer.firstRun(a, 60);
    // B arrives: the change is located at its 300 rows, the first fit (A) becomes an earlier concept
    TrainedModel onB = promoted(registry, retrainer, located(a.append(b), first.model(), 300), first.model());

    // A comes back: 80 rows located, 50 held out, 30 to learn from; A's first fit is offered again
    TrainingData back = located(a.append(b).append(aAgain), onB, 80);
    RetrainOutcome outcome = retrainer.retrain(back, onB);

    assertThat(outcome.promote()).isTrue();
    assertThat(outcome.metadata()).containsEntry("window.earlier_concept", "fit 1's rows")
        .containsEntry("window.rows", "300").containsEntry("holdout_rows", "50");
    assertThat(outcome.metadata().get("window.candidates")).contains("300 rows (fit 1's rows: an earlier concept): rmse ");
    // the champion's own fit (B) is not offered; the refit is A's rows plus the 50 held-out ones
    assertThat(outcome.metadata().get("window.candidates")).doesNotContain("fit 2's rows");
    RetrainOutcome refit = retrainer.refit(outcome, back, onB);
    assertThat(refit.reasons()).contains("refit on 350 rows (the 50 held-out rows included)");
    int version = registry.register("m", refit.parts(), refit.metadata()).version();
    TrainedModel onA = TrainedModelAdapter.create().load(registry.load("m", version));
    // concept A at x1 = 0.8, x2 = 0.2, not red: 3 * 0.8 - 2 * 0.2 = 2.0 (B would give -2.0)
    assertThat(((TrainedRegressor) onA).predict(Map.of("x1", 0.8, "x2", 0.2, "colour", "green"))).isBetween(1.5, 2.5);
  }

  @Test
  void withoutEarlierConcepts_onlyTheSuffixWindowsAreOffered() {
    Table a = concept(300, 1, 1);
    Table b = concept(300, 2, -1);
    PipelineRetrainer retrainer = PipelineRetrainer.of(PipelineLoopTest.pipeline(a)).earlierConcepts(0)
        .measuredBy(PerformanceMeasure.of(Metric.RMSE));
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    PipelineRun first = retrainer.firstRun(a, 60);
    TrainedModel onB = promoted(registry, retrainer, located(a.append(b), first.model(), 300), first.model());

    RetrainOutcome outcome = retrainer.retrain(located(a.append(b).append(concept(80, 3, 1)), onB, 80), onB);

    assertThat(outcome.metadata()).doesNotContainKey("window.earlier_concept");
    assertThat(outcome.metadata().get("window.candidates")).doesNotContain("an earlier concept");
  }

  @Test
  void aFollowUp_offersNeitherTheChampionNorTheConceptTheChangeDepartedFrom() {
    Table a = concept(300, 1, 1);
    Table b = concept(300, 2, -1);
    PipelineRetrainer retrainer = PipelineRetrainer.of(PipelineLoopTest.pipeline(a))
        .measuredBy(PerformanceMeasure.of(Metric.RMSE));
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    PipelineRun first = retrainer.firstRun(a, 60);
    TrainedModel onB = promoted(registry, retrainer, located(a.append(b), first.model(), 300), first.model());
    // 150 more rows of B: the change's 450 rows are more than the 150 since the champion (a follow-up)
    Table more = a.append(b).append(concept(150, 4, -1));
    TrainingData all = PipelineRetrainer.history(more, onB);

    RetrainOutcome outcome = retrainer.retrain(new TrainingData(all.rows(), all.labels(), 450, 150, 450), onB);

    // A's fit is the concept the change to B departed from (found failing on B's rows): not offered in
    // the change's follow-up either; B's (the champion's) is not offered
    assertThat(outcome.metadata().get("window.candidates")).doesNotContain("fit 1's rows")
        .doesNotContain("fit 2's rows");
  }

  @Test
  void aFollowUpOfALaterChange_offersTheOlderConcept_butNotTheOneItDepartedFrom() {
    Table a = concept(300, 1, 1);
    Table b = concept(300, 2, -1);
    Table c = concept(300, 3, 1);
    PipelineRetrainer retrainer = PipelineRetrainer.of(PipelineLoopTest.pipeline(a))
        .measuredBy(PerformanceMeasure.of(Metric.RMSE));
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    PipelineRun first = retrainer.firstRun(a, 60);
    TrainedModel onB = promoted(registry, retrainer, located(a.append(b), first.model(), 300), first.model());
    TrainedModel onC = promoted(registry, retrainer, located(a.append(b).append(c), onB, 300), onB);
    Table more = a.append(b).append(c).append(concept(150, 4, 1));
    TrainingData all = PipelineRetrainer.history(more, onC);

    RetrainOutcome outcome = retrainer.retrain(new TrainingData(all.rows(), all.labels(), 750, 150, 450), onC);

    // fit 1 (A) is an earlier concept; fit 2 (B) is the concept the change to C departed from
    assertThat(outcome.metadata().get("window.candidates")).contains("fit 1's rows: an earlier concept")
        .doesNotContain("fit 2's rows").doesNotContain("fit 3's rows");
  }

  @Test
  void earlierConcepts_refusesANegativeCount_withTheValue() {
    PipelineRetrainer retrainer = PipelineRetrainer.of(PipelineLoopTest.pipeline(concept(50, 1, 1)));

    assertThatThrownBy(() -> retrainer.earlierConcepts(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("earlier concepts must be at least 0: -1");
  }
}
