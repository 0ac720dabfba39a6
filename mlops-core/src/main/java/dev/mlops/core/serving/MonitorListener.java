package dev.mlops.core.serving;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Prediction;
import java.util.Map;
import java.util.Objects;

/**
 * Records each prediction of a deployment into a {@link DriftMonitor}: the request row, the
 * prediction (probabilities for a classifier, the value for a regressor) and the request id, so
 * delayed labels can be joined with {@link DriftMonitor#recordLabel(String, double)}.
 *
 * <p>Thread-safe (the monitor is).
 */
public final class MonitorListener implements PredictionListener {

  private final DriftMonitor monitor;
  private final boolean withRequestIds;

  private MonitorListener(DriftMonitor monitor, boolean withRequestIds) {
    this.monitor = monitor;
    this.withRequestIds = withRequestIds;
  }

  /**
   * Wraps a monitor.
   *
   * @param monitor the monitor to record into
   * @return the listener
   * @throws NullPointerException if the monitor is null
   */
  public static MonitorListener of(DriftMonitor monitor) {
    return new MonitorListener(Objects.requireNonNull(monitor, "monitor must not be null"), true);
  }

  /**
   * Wraps a monitor that records features and predictions but not request ids: the monitor keeps
   * no pending prediction, so delayed labels cannot be joined to it (no realised performance in
   * its reports), and recording is cheaper (see docs/benchmarks.md, "Monitored endpoint").
   *
   * @param monitor the monitor to record into
   * @return the listener
   * @throws NullPointerException if the monitor is null
   */
  public static MonitorListener withoutLabels(DriftMonitor monitor) {
    return new MonitorListener(Objects.requireNonNull(monitor, "monitor must not be null"), false);
  }

  /**
   * Returns the monitor.
   *
   * @return the monitor
   */
  public DriftMonitor monitor() {
    return monitor;
  }

  /**
   * Converts an endpoint result into the monitor's prediction type.
   *
   * @param result the result
   * @return probabilities for a classifier, the value for a regressor
   */
  public static Prediction toPrediction(PredictionResult result) {
    double[] p = result.rawProbabilities();
    return p != null ? Prediction.ofProbabilities(p) : Prediction.ofValue(result.value());
  }

  @Override
  public void onPrediction(Map<String, ?> row, PredictionResult result) {
    monitor.record(row, toPrediction(result), withRequestIds ? result.requestId() : null);
  }

  /**
   * Records a prediction whose row values the endpoint has already read, in the monitor's
   * {@link DriftMonitor#featureNames()} order.
   */
  void record(Map<String, ?> row, Object[] monitorValues, PredictionResult result) {
    monitor.record(row, monitorValues, toPrediction(result), withRequestIds ? result.requestId() : null);
  }

  /**
   * Records a vector prediction whose numbers are in the monitor's feature order (all numeric); a
   * regression value or a classifier's probabilities and a generated request id go to the monitor
   * as they are (no prediction object, no id string).
   */
  void recordVector(double[] values, PredictionResult result) {
    double[] p = result.rawProbabilities();
    if (p != null) {
      // the probabilities as they are (read during the call) and the generated id unbuilt
      if (!withRequestIds) {
        monitor.record(values, p, null, -1);
      } else if (result.idNumber() >= 0) {
        monitor.record(values, p, result.idPrefix(), result.idNumber());
      } else {
        monitor.record(values, p, result.requestId(), -1);
      }
    } else if (!withRequestIds) {
      monitor.record(values, result.value(), null, -1);
    } else if (result.idNumber() >= 0) {
      monitor.record(values, result.value(), result.idPrefix(), result.idNumber());
    } else {
      monitor.record(values, result.value(), result.requestId(), -1);
    }
  }
}
