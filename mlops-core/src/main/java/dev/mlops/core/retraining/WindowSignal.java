package dev.mlops.core.retraining;

import java.util.Map;
import java.util.Objects;

/**
 * What a deployment's monitoring reports to the loop when a window closes: dataset-level drift (as
 * the monitor decides it, with calibrated thresholds when the monitor calibrates them), the
 * realised and estimated performance of the window, and the label join's counts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param window the window's number
 * @param records the predictions recorded in the window
 * @param datasetDrift whether the window showed dataset-level drift
 * @param summary a one-line summary (drifted features with their statistics)
 * @param realised realised metrics by key, from labels joined during the window (may be empty)
 * @param estimated label-free estimated metrics by key (may be empty)
 * @param labelled labels joined during the window
 * @param expired predictions whose label did not arrive in time during the window
 * @param unmatchedLabels labels that matched no pending prediction during the window
 */
public record WindowSignal(long window, long records, boolean datasetDrift, String summary,
    Map<String, Double> realised, Map<String, Double> estimated, long labelled, long expired, long unmatchedLabels) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if the summary or a map is null
   */
  public WindowSignal {
    Objects.requireNonNull(summary, "summary must not be null");
    realised = Map.copyOf(realised);
    estimated = Map.copyOf(estimated);
  }

  /**
   * A window with only a drift verdict.
   *
   * @param datasetDrift whether the window drifted
   * @param summary a one-line summary
   * @return the signal
   */
  public static WindowSignal drift(boolean datasetDrift, String summary) {
    return new WindowSignal(0, 0, datasetDrift, summary, Map.of(), Map.of(), 0, 0, 0);
  }
}
