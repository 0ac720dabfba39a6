package dev.mlops.drift.monitor;

import java.util.List;

/**
 * The label-join part of {@link DriftMonitor}'s API: ground truth joined with the predictions
 * recorded earlier, the labelled performance of closed windows, and the pending-label store's
 * counters. A package-private base of the monitor (as the builder's option classes are of its
 * builder): its public methods are the monitor's, documented here so that the monitor's class
 * holds the recording and window API.
 *
 * <p>Thread-safe, as the monitor.
 */
abstract class MonitorLabels extends MonitorPersistence {

  /** The pending-label store and the late-label ledger. */
  final LabelJoin labels;

  MonitorLabels(MonitorParts parts) {
    super(parts);
    this.labels = parts.labels();
  }

  /**
   * Records the ground truth of an earlier request; the pair counts towards the realised
   * performance of the window its prediction was recorded in: the open window's report when that
   * is the prediction's window, else the closed window's {@link LabelledWindow} (within the label
   * horizon, {@link DriftMonitor.Builder#labelHorizon(int)}; beyond it the label is counted in {@link
   * #labelsBeyondHorizon()} only). The label's distribution (label drift) counts in the window open
   * now. Never throws for bad data.
   *
   * @param requestId the id given to {@link DriftMonitor#record(java.util.Map, Prediction, String)}
   * @param label the true class index or the true value
   * @return {@code true} if a pending prediction was found and joined; {@code false} when the id
   *     is unknown, already labelled or expired (counted as an unmatched label)
   */
  public boolean recordLabel(String requestId, double label) {
    return windows.label(requestId, label);
  }

  /**
   * The labelled performance of the reported windows still in the history, oldest first: each
   * window's realised metrics on every label of its own predictions known so far (those that
   * arrived by its close and those that arrived later within the label horizon, {@link
   * DriftMonitor.Builder#labelHorizon(int)}), and its accuracy estimate with the realised accuracy of those
   * predictions, so {@code accuracyEstimate().error()} compares the estimate with the rows it
   * estimated. Waits for the windows already closed as {@link DriftMonitor#latestReport()} does.
   *
   * <pre>{@code
   * for (LabelledWindow w : monitor.labelledWindows()) {
   *   if (w.accuracyEstimate() != null && w.labelledShare() > 0.9) {
   *     errors.add(w.accuracyEstimate().error());
   *   }
   * }
   * }</pre>
   *
   * @return an immutable list, one per window of {@link DriftMonitor#history()}
   */
  public List<LabelledWindow> labelledWindows() {
    windows.reporter().awaitIfOwnThread();
    return List.copyOf(windows.reporter().labelledWindows());
  }

  /**
   * Labels whose prediction was recorded in a window closed longer ago than the label horizon
   * ({@link DriftMonitor.Builder#labelHorizon(int)}): counted here (and in the window of their arrival, {@link
   * Performance#labelsBeyondHorizon()}) and credited to no window's performance.
   *
   * @return the count since the monitor was built (or restored from a snapshot, which carries it)
   */
  public long labelsBeyondHorizon() {
    return labels.late.beyondHorizon();
  }

  /**
   * Predictions waiting for their label.
   *
   * @return the pending count
   */
  public long pendingLabels() {
    return labels.drained(windows.recorder()).size();
  }

  /**
   * Request ids longer than 256 characters recorded so far: the pending store keeps each as
   * {@code "sha256:"} and the hex SHA-256 of its UTF-8 bytes (a later label with the same long id
   * still joins), so no id can make the store or a {@link DriftMonitor#snapshot()} large or unwritable. The
   * store is also bounded in bytes ({@link DriftMonitor.Builder#pendingLabelBytes(long)}); beyond it the oldest
   * predictions are dropped and counted as expired.
   *
   * @return the count since the monitor was built
   */
  public long hashedRequestIds() {
    return labels.drained(windows.recorder()).hashedIds();
  }

  /**
   * Bytes charged for the predictions waiting for their label: 100 bytes per prediction plus two per character of its (stored)
   * request id. Never more than {@link DriftMonitor.Builder#pendingLabelBytes(long)}.
   *
   * @return the bytes held
   */
  public long pendingLabelBytes() {
    return labels.drained(windows.recorder()).bytes();
  }
}
