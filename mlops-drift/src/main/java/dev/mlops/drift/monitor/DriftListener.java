package dev.mlops.drift.monitor;

/**
 * Receives the monitor's reports. Called on the thread that closed the window (a recording
 * thread, a caller of {@link DriftMonitor#closeWindow()} / {@link DriftMonitor#tick()}, or the
 * host's executor when one was given); implementations must be thread-safe and should return
 * quickly. An exception thrown by a listener is logged and never reaches the recording path.
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
}
