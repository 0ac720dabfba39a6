package dev.mlops.metrics;

/**
 * The computation of a user-defined metric: one number from labelled predictions.
 *
 * <p>Throw {@link IllegalArgumentException} (or return NaN) when the metric is undefined on the
 * data; the message becomes the {@link MetricValue#reason() reason}. Must be a pure function of
 * the data (bootstrap intervals call it once per resample) and thread-safe.
 */
@FunctionalInterface
public interface MetricFunction {

  /**
   * Computes the metric.
   *
   * @param data the rows: labels, scores or predictions, or actual and predicted values, and weights
   * @return the value, inside the metric's range, or NaN when undefined
   * @throws IllegalArgumentException when the metric is undefined on this data, with the reason
   */
  double compute(MetricData data);
}
