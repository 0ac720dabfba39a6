package dev.mlops.core.pipeline;

import dev.mlops.core.data.Source;
import dev.mlops.core.model.TrainedModel;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-run options: the champion the gate compares against and, for retraining, the source of the
 * new data. Everything else comes from the pipeline definition.
 *
 * <pre>{@code
 * PipelineRun retrain = pipeline.run(RunOptions.champion(current).withSource(Source.of(recentRows)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RunOptions {

  private static final RunOptions NONE = new RunOptions(null, null);

  private final TrainedModel champion;
  private final Source source;

  private RunOptions(TrainedModel champion, Source source) {
    this.champion = champion;
    this.source = source;
  }

  /**
   * No champion, the pipeline's own source.
   *
   * @return the options
   */
  public static RunOptions none() {
    return NONE;
  }

  /**
   * Compare against a champion.
   *
   * @param champion the model in service
   * @return the options
   */
  public static RunOptions champion(TrainedModel champion) {
    return new RunOptions(Objects.requireNonNull(champion, "champion"), null);
  }

  /**
   * Read the rows from another source this run (e.g. recent labelled data for a retrain).
   *
   * @param source the source
   * @return new options
   */
  public RunOptions withSource(Source source) {
    return new RunOptions(champion, Objects.requireNonNull(source, "source"));
  }

  /**
   * Compare against a champion.
   *
   * @param champion the model in service
   * @return new options
   */
  public RunOptions withChampion(TrainedModel champion) {
    return new RunOptions(Objects.requireNonNull(champion, "champion"), source);
  }

  /**
   * The champion, if any.
   *
   * @return the champion
   */
  public Optional<TrainedModel> champion() {
    return Optional.ofNullable(champion);
  }

  /**
   * The source override, if any.
   *
   * @return the source
   */
  public Optional<Source> source() {
    return Optional.ofNullable(source);
  }
}
