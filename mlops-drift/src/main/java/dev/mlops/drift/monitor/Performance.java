package dev.mlops.drift.monitor;

import java.util.Map;

/**
 * Model performance in one window: realised from labels joined during the window, and estimated
 * without labels from the predicted probabilities of a calibrated classifier
 * (confidence-based performance estimation).
 *
 * <p>Realised metrics are computed by mlops-metrics on the labelled predictions joined during the
 * window (a label joins the prediction with its request id whichever window that prediction was
 * recorded in). Keys are the snake_case metric keys of {@link dev.mlops.metrics.Metric}, e.g.
 * {@code "accuracy"}, {@code "roc_auc"}, {@code "mae"}, and the keys of the metrics added with
 * {@code DriftMonitor.Builder.realisedMetrics(...)} (user-defined ones included). Immutable and
 * thread-safe.
 *
 * @param labelled predictions joined with a label during the window
 * @param pending predictions waiting for a label when the window closed
 * @param expired predictions whose label did not arrive in time (or evicted by the pending bound)
 *     during the window
 * @param unmatchedLabels labels whose request id matched no pending prediction
 * @param realised realised metrics (empty without labels)
 * @param estimated estimated metrics (empty unless predictions carry probabilities)
 * @param estimationMethod how {@code estimated} was obtained, empty when not estimated
 * @param undefined realised metrics that could not be computed, each with the reason (e.g. ROC
 *     AUC when the window's labels hold a single class)
 */
public record Performance(
    long labelled,
    long pending,
    long expired,
    long unmatchedLabels,
    Map<String, Double> realised,
    Map<String, Double> estimated,
    String estimationMethod,
    java.util.List<String> undefined) {

  /**
   * Copies the maps.
   *
   * @throws NullPointerException if a component is null
   */
  public Performance {
    realised = Map.copyOf(realised);
    estimated = Map.copyOf(estimated);
    java.util.Objects.requireNonNull(estimationMethod, "estimationMethod");
    undefined = java.util.List.copyOf(undefined);
  }
}
