package dev.mlops.drift.monitor;

import java.util.Map;

/**
 * Model performance in one window at its close: realised from the labels of the window's own
 * predictions that arrived by then, and estimated without labels from the predicted probabilities
 * of a calibrated classifier (confidence-based performance estimation).
 *
 * <p>Realised metrics are computed by mlops-metrics on the window's predictions whose label was
 * joined before the window closed. A label that arrives after its prediction's window closed is
 * credited to that window (within the label horizon, {@code DriftMonitor.Builder.labelHorizon}),
 * not to the window open when it arrives: it is counted here in {@link #lateLabels()}, and the
 * earlier window's updated performance is a {@link LabelledWindow}. Keys are the snake_case metric keys of {@link dev.mlops.metrics.Metric}, e.g.
 * {@code "accuracy"}, {@code "roc_auc"}, {@code "mae"}, and the keys of the metrics added with
 * {@code DriftMonitor.Builder.realisedMetrics(...)} (user-defined ones included). Immutable and
 * thread-safe.
 *
 * @param labelled predictions of this window joined with their label before it closed
 * @param pending predictions waiting for a label when the window closed
 * @param expired predictions whose label did not arrive in time (or evicted by the pending bound)
 *     during the window
 * @param unmatchedLabels labels whose request id matched no pending prediction
 * @param realised realised metrics (empty without labels)
 * @param estimated estimated metrics (empty unless predictions carry probabilities)
 * @param estimationMethod how {@code estimated} was obtained, empty when not estimated
 * @param undefined realised metrics that could not be computed, each with the reason (e.g. ROC
 *     AUC when the window's labels hold a single class)
 * @param accuracyEstimate with a {@code performanceEstimator} on the monitor (binary
 *     probabilities): the estimated accuracy from isotonic-calibrated probabilities with its
 *     interval, and, when the window has labels, the realised accuracy of its predictions
 *     labelled by its close and the estimate's error; {@code null} otherwise. Labels that arrive
 *     later complete it in the window's {@link LabelledWindow}
 * @param lateLabels labels joined during the window for predictions of earlier windows (within
 *     the label horizon), credited to those windows ({@link LabelledWindow#lateLabels()})
 * @param labelsBeyondHorizon labels joined during the window for predictions of windows closed
 *     longer ago than the label horizon: counted, credited to no window
 */
public record Performance(
    long labelled,
    long pending,
    long expired,
    long unmatchedLabels,
    Map<String, Double> realised,
    Map<String, Double> estimated,
    String estimationMethod,
    java.util.List<String> undefined,
    dev.mlops.drift.decision.AccuracyEstimate accuracyEstimate,
    long lateLabels,
    long labelsBeyondHorizon) {

  /**
   * Performance without late labels.
   *
   * @param labelled predictions of this window joined with their label before it closed
   * @param pending predictions waiting for a label when the window closed
   * @param expired predictions whose label did not arrive in time during the window
   * @param unmatchedLabels labels whose request id matched no pending prediction
   * @param realised realised metrics
   * @param estimated estimated metrics
   * @param estimationMethod how {@code estimated} was obtained
   * @param undefined realised metrics that could not be computed, with the reason
   * @param accuracyEstimate the accuracy estimate with its interval, or {@code null}
   * @throws NullPointerException if a component other than {@code accuracyEstimate} is null
   */
  public Performance(long labelled, long pending, long expired, long unmatchedLabels,
      Map<String, Double> realised, Map<String, Double> estimated, String estimationMethod,
      java.util.List<String> undefined, dev.mlops.drift.decision.AccuracyEstimate accuracyEstimate) {
    this(labelled, pending, expired, unmatchedLabels, realised, estimated, estimationMethod,
        undefined, accuracyEstimate, 0, 0);
  }

  /**
   * Performance without an accuracy interval.
   *
   * @param labelled predictions joined with a label during the window
   * @param pending predictions waiting for a label when the window closed
   * @param expired predictions whose label did not arrive in time during the window
   * @param unmatchedLabels labels whose request id matched no pending prediction
   * @param realised realised metrics
   * @param estimated estimated metrics
   * @param estimationMethod how {@code estimated} was obtained
   * @param undefined realised metrics that could not be computed, with the reason
   * @throws NullPointerException if a component is null
   */
  public Performance(long labelled, long pending, long expired, long unmatchedLabels,
      Map<String, Double> realised, Map<String, Double> estimated, String estimationMethod,
      java.util.List<String> undefined) {
    this(labelled, pending, expired, unmatchedLabels, realised, estimated, estimationMethod,
        undefined, null, 0, 0);
  }

  /**
   * Copies the maps.
   *
   * @throws NullPointerException if a component other than {@code accuracyEstimate} is null
   * @throws IllegalArgumentException if a count is negative
   */
  public Performance {
    if (labelled < 0 || lateLabels < 0 || labelsBeyondHorizon < 0) {
      throw new IllegalArgumentException("label counts must not be negative: labelled " + labelled
          + ", late " + lateLabels + ", beyond the horizon " + labelsBeyondHorizon);
    }
    realised = Map.copyOf(realised);
    estimated = Map.copyOf(estimated);
    java.util.Objects.requireNonNull(estimationMethod, "estimationMethod");
    undefined = java.util.List.copyOf(undefined);
  }
}
