package dev.mlops.core.retraining;

/**
 * Trains a candidate on new data and gates it against the champion, then (once accepted) refits it
 * on all rows: the loop's view of the pipeline ({@link PipelineRetrainer} implements it).
 *
 * <p>Called by one retrain at a time. An exception means the retrain failed: the loop logs it,
 * emits {@link LoopEvent.Type#RETRAIN_FAILED}, and the champion keeps serving.
 *
 * @param <M> the loop's model type (e.g. {@code TrainedModel})
 */
@FunctionalInterface
public interface Retrainer<M> {

  /**
   * Trains, evaluates and gates a candidate.
   *
   * @param data the training data assembled by the loop
   * @param champion the model serving now, to gate against
   * @return the candidate's parts and the gate's decision
   */
  RetrainOutcome retrain(TrainingData data, M champion);

  /**
   * Refits an accepted candidate on all its rows, the gate's holdout included (select, then refit),
   * before the loop registers it. The default returns the outcome unchanged (no refit).
   *
   * @param accepted the outcome {@link #retrain} returned, with {@code promote() == true}
   * @param data the same training data
   * @param champion the same champion
   * @return the outcome to register (its reasons should say it was refitted)
   */
  default RetrainOutcome refit(RetrainOutcome accepted, TrainingData data, M champion) {
    return accepted;
  }

  /**
   * Returns a retrainer that selects and gates on the loop's performance measure (the loop calls
   * this with its {@code performanceMeasure}, so that the trigger, the window backtest and the gate
   * judge one metric). The default returns this retrainer unchanged.
   *
   * @param measure the loop's measure
   * @return the retrainer to use
   */
  default Retrainer<M> measuredBy(PerformanceMeasure measure) {
    return this;
  }
}
