package dev.mlops.core.loop;

import dev.mlops.core.serving.PredictionResult;
import java.util.List;

/**
 * Computes a realised-performance metric from delayed labels and the predictions they belong to,
 * for the performance-decay trigger and the probation of a new champion.
 *
 * <p>Implementations must be thread-safe (stateless).
 */
public interface PerformanceMeasure {

  /**
   * Returns the metric's name (e.g. {@code "rmse"}), for events and logs.
   *
   * @return the name
   */
  String name();

  /**
   * Tells the metric's direction.
   *
   * @return {@code true} if a greater value is better (accuracy), {@code false} otherwise (RMSE)
   */
  boolean greaterIsBetter();

  /**
   * Computes the metric.
   *
   * @param labels the true values (regression) or class indices (classification)
   * @param predictions the predictions, one per label, in the same order
   * @return the metric value (NaN if undefined on these labels)
   */
  double measure(double[] labels, List<PredictionResult> predictions);

  /**
   * Tells whether {@code value} is worse than {@code reference} by more than {@code tolerance}, in
   * this metric's direction.
   *
   * @param value the observed value
   * @param reference the value to compare with
   * @param tolerance the allowed degradation (absolute, non-negative)
   * @return true if worse by more than the tolerance (false if either value is NaN)
   */
  default boolean worseBy(double value, double reference, double tolerance) {
    if (Double.isNaN(value) || Double.isNaN(reference)) {
      return false;
    }
    return greaterIsBetter() ? reference - value > tolerance : value - reference > tolerance;
  }
}
