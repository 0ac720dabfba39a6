package dev.mlops.core.retraining;

/**
 * Trains a candidate on new data and gates it against the champion: the loop's view of the
 * pipeline (an adapter over the pipeline implements it).
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
}
