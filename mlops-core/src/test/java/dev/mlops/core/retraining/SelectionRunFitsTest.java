package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.data.Source;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.RunOptions;
import dev.mlops.core.pipeline.Stage;
import dev.mlops.core.pipeline.StageReport;
import dev.mlops.core.registry.SafeDeserialization;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.FittedModel;
import dev.mlops.core.train.Task;
import dev.mlops.core.train.Trainer;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.train.TrainingSet;
import dev.mlops.core.transform.ColumnSelector;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Only the run whose model is registered pays for its profile's out-of-fold predictions: the
 * retrainer's candidate runs are selection runs ({@link RunOptions#forSelection()}), and the refit
 * computes its own profile, the same one as before selection runs existed.
 */
final class SelectionRunFitsTest {

  /** Counts every fit (final models and profile folds alike) of a tiny forest. */
  private static final class CountingTrainer implements Trainer {
    final AtomicInteger fits = new AtomicInteger();
    private final Trainer delegate = Trainers.randomForestRegressor().trees(4).mtry(2);

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public Task task() {
      return delegate.task();
    }

    @Override
    public Map<String, Object> hyperparameters() {
      return delegate.hyperparameters();
    }

    @Override
    public void validate(TrainingSet data) {
      delegate.validate(data);
    }

    @Override
    public FittedModel fit(TrainingSet data, long seed) {
      fits.incrementAndGet();
      return delegate.fit(data, seed);
    }

    @Override
    public FittedModel fit(TrainingSet data, long seed, Progress progress) {
      fits.incrementAndGet();
      return delegate.fit(data, seed, progress);
    }
  }

  private static Pipeline pipeline(Table source, Trainer trainer) {
    return Pipeline.builder("folds-test")
        .source(source)
        .target("y")
        .transform(t -> t.oneHot("colour").standardize(ColumnSelector.numeric()))
        .split(Split.random().testFraction(0.25))
        .train(trainer)
        .seed(3)
        .build();
  }

  /** 300 rows of history, then 200 labelled rows the champion never saw (x1 moved to [0.5, 1.5)). */
  private static TrainingData recent(TrainedModel champion) {
    Table rows = PipelineLoopTest.data(300, 1, 0.0).append(PipelineLoopTest.data(200, 2, 0.5));
    TrainingData all = PipelineRetrainer.history(rows, champion);
    return new TrainingData(all.rows(), all.labels(), rows.rowCount(), 200);
  }

  private static TrainedModel load(Map<String, byte[]> parts) {
    return TrainedModel.fromParts(parts, SafeDeserialization.filter());
  }

  /** The model's predictions of a few fixed rows (the serialised forests hold their fit times). */
  private static double[] predictions(TrainedModel model) {
    Table rows = PipelineLoopTest.data(20, 9, 0.5);
    return IntStream.range(0, rows.rowCount()).mapToDouble(r -> {
      Map<String, Object> row = new java.util.HashMap<>(rows.row(r));
      row.remove("y");
      return ((TrainedRegressor) model).predict(row);
    }).toArray();
  }

  private static String profileDetail(PipelineRun run) {
    return run.stages().stream().filter(r -> r.stage() == Stage.PROFILE).map(StageReport::detail).findFirst()
        .orElseThrow();
  }

  @Test
  void aRetrainWithNCandidateWindows_fitsNPlusOnePlusTheRefitsFiveFolds() {
    CountingTrainer trainer = new CountingTrainer();
    Table history = PipelineLoopTest.data(300, 1, 0.0);
    PipelineRetrainer retrainer = PipelineRetrainer.of(pipeline(history, trainer));

    PipelineRun first = retrainer.firstRun(history, 60);
    // one selection run, then the refit and its 5 profile folds (was 6 + 6)
    assertThat(trainer.fits.get()).isEqualTo(1 + 1 + 5);
    assertThat(profileDetail(first)).contains("out-of-fold predictions (5 folds of 4 interleaved blocks)");

    trainer.fits.set(0);
    TrainingData data = recent(first.model());
    RetrainOutcome outcome = retrainer.retrain(data, first.model());
    int windows = outcome.metadata().get("window.candidates").split("; ").length;
    assertThat(windows).isEqualTo(4); // all, half, quarter and tenth of the 400 rows before the holdout
    assertThat(trainer.fits.get()).isEqualTo(windows);
    assertThat(outcome.promote()).as("gate: %s", outcome.reasons()).isTrue();

    RetrainOutcome refit = retrainer.refit(outcome, data, first.model());
    // N + 1 + 5 fits for the whole retrain (6N + 6 when every candidate paid the profile folds)
    assertThat(trainer.fits.get()).isEqualTo(windows + 1 + 5);
    assertThat(refit.metadata()).containsEntry("refit", "true").doesNotContainKey("selection_run");
    assertThat(outcome.metadata()).containsEntry("selection_run", "true");
  }

  @Test
  void theRegisteredRefit_carriesTheProfileItWouldHaveWithoutSelectionRuns_notTheWindowRuns() {
    Table history = PipelineLoopTest.data(300, 1, 0.0);
    Pipeline pipeline = pipeline(history, Trainers.randomForestRegressor().trees(4).mtry(2));
    PipelineRetrainer retrainer = PipelineRetrainer.of(pipeline);
    TrainedModel champion = retrainer.firstRun(history, 60).model();
    TrainingData data = recent(champion);

    RetrainOutcome outcome = retrainer.retrain(data, champion);
    RetrainOutcome refit = retrainer.refit(outcome, data, champion);

    // the same window and holdout, selected by a plain run that pays for its profile folds
    int window = Integer.parseInt(outcome.metadata().get("window.rows"));
    int holdout = Integer.parseInt(outcome.metadata().get("holdout_rows"));
    Table table = retrainer.assemble(data, champion);
    int n = table.rowCount();
    Source rows = Source.of(table.rows(IntStream.range(n - holdout - window, n).toArray()));
    PipelineRun plain = pipeline.run(RunOptions.champion(champion).withSource(rows).withHoldoutLast(holdout));
    PipelineRun plainRefit = pipeline.run(RunOptions.champion(champion).withSource(rows).withRefitOf(plain));
    byte[] registered = refit.parts().get(TrainedModel.PART_PROFILE);
    assertThat(registered).isEqualTo(plainRefit.model().profileBytes());
    assertThat(predictions(load(refit.parts()))).containsExactly(predictions(plainRefit.model()));
    // the selection run's own profile holds the holdout's predictions: it is not the one registered
    assertThat(outcome.parts().get(TrainedModel.PART_PROFILE)).isNotEqualTo(registered);
    assertThat(predictions(load(outcome.parts()))).containsExactly(predictions(plain.model()));
  }

  @Test
  void aSelectionRun_profilesTheHoldoutsPredictions_andIsOtherwiseThePlainRun() {
    CountingTrainer trainer = new CountingTrainer();
    Table history = PipelineLoopTest.data(300, 1, 0.0);
    Pipeline pipeline = pipeline(history, trainer);

    PipelineRun plain = pipeline.run(RunOptions.none().withHoldoutLast(60));
    int plainFits = trainer.fits.getAndSet(0);
    PipelineRun selection = pipeline.run(RunOptions.none().withHoldoutLast(60).forSelection());

    assertThat(plainFits).isEqualTo(1 + 5);
    assertThat(trainer.fits.get()).isEqualTo(1);
    assertThat(RunOptions.none().forSelection().selection()).isTrue();
    assertThat(RunOptions.none().selection()).isFalse();
    assertThat(profileDetail(selection)).contains("held-out predictions (a selection run: no out-of-fold fits)");
    assertThat(selection.model().metadata()).containsEntry("selection_run", "true");
    assertThat(plain.model().metadata()).doesNotContainKey("selection_run");
    assertThat(predictions(selection.model())).containsExactly(predictions(plain.model()));
    assertThat(selection.report().toJson()).isEqualTo(plain.report().toJson());
    assertThat(selection.gate().decision()).isEqualTo(plain.gate().decision());
  }
}
