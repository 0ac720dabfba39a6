package dev.mlops.core.pipeline;

/**
 * Receives a run's progress: stage start and end, and progress inside long stages (fold 3/5,
 * trial 12/40, tree 37/100). Every method has an empty default. Called on the thread running the
 * pipeline, except {@link #onProgress} which may be called from the search executor's threads or
 * the trainer's own threads: implementations must be thread-safe and quick.
 */
public interface PipelineListener {

  /**
   * A stage starts.
   *
   * @param runId the run
   * @param stage the stage
   */
  default void onStageStart(String runId, Stage stage) {}

  /**
   * A stage ended successfully.
   *
   * @param runId the run
   * @param report its timing and row counts
   */
  default void onStageEnd(String runId, StageReport report) {}

  /**
   * Progress inside a stage.
   *
   * @param runId the run
   * @param stage the stage
   * @param what e.g. {@code "fold"}, {@code "trial"} or {@code "tree"} (the trees of a random
   *     forest, one thread's share at a time, during {@link Stage#TRAIN}; other trainers report
   *     only the stage's start and end)
   * @param done how many are done (1-based)
   * @param total how many there are
   */
  default void onProgress(String runId, Stage stage, String what, int done, int total) {}

  /**
   * The run failed; nothing from it may be registered or deployed.
   *
   * @param runId the run
   * @param failure the failure, naming the stage
   */
  default void onFailure(String runId, PipelineException failure) {}
}
