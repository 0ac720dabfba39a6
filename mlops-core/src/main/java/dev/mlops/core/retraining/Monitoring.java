package dev.mlops.core.retraining;

import dev.mlops.core.serving.PredictionListener;

/**
 * The monitoring of one deployment as the loop sees it: it records the deployment's predictions,
 * receives the delayed labels of those predictions, and reports closed windows to the loop through
 * the {@link DriftSignal} it was created with. {@link DriftMonitoring} adapts a
 * {@code dev.mlops.drift.monitor.DriftMonitor}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Monitoring {

  /**
   * Returns the listener that records each prediction of the deployment (its inputs and output).
   *
   * @return the recording listener
   */
  PredictionListener recorder();

  /**
   * Passes on a delayed label for a prediction this monitoring recorded.
   *
   * @param requestId the prediction's request id
   * @param label the true value (regression) or class index (classification)
   */
  void recordLabel(String requestId, double label);

  /**
   * Returns the underlying monitor, for the host (e.g. to read its reports).
   *
   * @return the monitor object, or null
   */
  Object monitor();

  /**
   * Waits until every window this monitoring closed so far is evaluated and reported to the loop
   * (its {@link DriftSignal} called), so that a replay of recorded traffic sees each window's
   * verdict at the same point of the traffic on every run. The default returns at once (monitoring
   * that reports synchronously, or none).
   */
  default void awaitEvaluation() {
  }

  /** How a deployment's monitoring tells the loop that a window closed. Thread-safe. */
  @FunctionalInterface
  interface DriftSignal {

    /**
     * Reports one closed monitoring window.
     *
     * @param window what the window showed
     */
    void windowClosed(WindowSignal window);
  }

  /**
   * Creates the monitoring of a new deployment, on the deployed model's own reference profile
   * (this is how the loop re-bases monitoring after a promotion).
   *
   * @param <M> the model type
   */
  @FunctionalInterface
  interface Factory<M> {

    /**
     * Creates monitoring for one deployment.
     *
     * @param modelName the model name
     * @param version the version deployed
     * @param model the model deployed (holds its reference profile)
     * @param signal where to report closed windows
     * @return the monitoring
     */
    Monitoring create(String modelName, int version, M model, DriftSignal signal);

    /**
     * Creates monitoring for one deployment whose labels the loop waits for up to {@code labelTimeout};
     * the default ignores the timeout (a factory building a monitor should apply it to the
     * monitor's own label join, as {@link DriftMonitoring#factory} does).
     *
     * @param modelName the model name
     * @param version the version deployed
     * @param model the model deployed
     * @param signal where to report closed windows
     * @param labelTimeout how long a prediction waits for its label
     * @return the monitoring
     */
    default Monitoring create(String modelName, int version, M model, DriftSignal signal, java.time.Duration labelTimeout) {
      return create(modelName, version, model, signal);
    }
  }
}
