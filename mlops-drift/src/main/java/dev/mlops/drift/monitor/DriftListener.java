package dev.mlops.drift.monitor;

/**
 * Receives the monitor's reports. Called on the thread that evaluates windows — the monitor's own
 * daemon thread, or the host's executor when one was given — never on a recording thread, one
 * window at a time in window order; {@link DriftMonitor#closeWindow()}, {@link
 * DriftMonitor#tick()} and {@link DriftMonitor#awaitEvaluation()} return after the listeners of
 * the windows they wait for have returned. Implementations must be thread-safe; a slow listener
 * delays the evaluation of later windows, not recording. An exception thrown by a listener is
 * logged and never reaches the recording path.
 */
public interface DriftListener {

  /**
   * Called once for every closed window, with its report.
   *
   * @param report the immutable report
   */
  default void onWindowClosed(DriftReport report) {}

  /**
   * Called when a window raises an alert (drift held for the configured number of consecutive
   * windows and no cooldown is running), after {@link #onWindowClosed}.
   *
   * @param report the report that raised the alert
   */
  default void onDrift(DriftReport report) {}

  /**
   * Called when a window's data quality crossed a {@link QualityThresholds threshold} (see
   * {@link DataQuality#findings()}), after {@link #onWindowClosed} and {@link #onDrift}.
   *
   * @param report the report whose data quality has findings
   */
  default void onDataQuality(DriftReport report) {}

  /**
   * Called when a window's group fairness raised alerts (see {@link DriftReport#fairness()} and
   * {@link DriftMonitor.Builder#fairness}), after the other callbacks of the window.
   *
   * @param report the report whose {@code fairness().alerts()} are not empty
   */
  default void onFairness(DriftReport report) {}

  /**
   * Called when labels that arrived after a window closed changed that window's labelled
   * performance (see {@link DriftMonitor.Builder#labelHorizon(int)}): after the callbacks of the
   * next window's report, once per changed earlier window, oldest first; and once more, {@linkplain
   * LabelledWindow#settled() settled}, when a window that had late labels leaves the horizon.
   *
   * @param update the window's labelled performance with every label of its predictions so far
   */
  default void onLabelledWindow(LabelledWindow update) {}
}
