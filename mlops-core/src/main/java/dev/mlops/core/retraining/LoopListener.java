package dev.mlops.core.retraining;

/**
 * Receives the continuous-training loop's events. Called synchronously on the thread that caused
 * the event (a retrain thread, a recording thread, a caller of the loop); implementations must be
 * thread-safe and return quickly. An exception thrown by a listener is logged and ignored.
 */
@FunctionalInterface
public interface LoopListener {

  /**
   * Called once per event, after it was appended to the registry's audit log.
   *
   * @param event the event
   */
  void onEvent(LoopEvent event);
}
