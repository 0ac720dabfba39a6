package dev.mlops.core.retraining;

import dev.mlops.core.serving.PredictionResult;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricData;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.MetricValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
   * Returns the mlops-metrics metric this measure computes, if it is one ({@link #of}): the loop
   * then selects training windows and gates candidates on the same metric.
   *
   * @return the metric, empty for a measure of the host's own
   */
  default Optional<Metric> metric() {
    return Optional.empty();
  }

  /**
   * A measure computed by {@link Metric#evaluate(MetricData)}, for a built-in metric (with its
   * scikit-learn semantics) or a user-defined {@link dev.mlops.metrics.CustomMetric}: for a
   * regression metric on the actual and predicted values; for a classification metric on binary
   * data (the probability of class 1, threshold 0.5) when the model has two classes, on the
   * probability rows otherwise (labels are class indices). No bootstrap; an undefined value is NaN.
   *
   * @param metric the metric, e.g. {@code Metric.RMSE}, {@code Metric.ROC_AUC} or a custom metric
   * @return the measure (its name is the metric's key, its direction the metric's)
   * @throws NullPointerException if the metric is null
   */
  static PerformanceMeasure of(Metric metric) {
    Objects.requireNonNull(metric, "metric must not be null");
    return new PerformanceMeasure() {
      @Override
      public String name() {
        return metric.key();
      }

      @Override
      public Optional<Metric> metric() {
        return Optional.of(metric);
      }

      @Override
      public boolean greaterIsBetter() {
        return metric.greaterIsBetter();
      }

      @Override
      public double measure(double[] labels, List<PredictionResult> predictions) {
        MetricValue value = metric.evaluate(data(metric, labels, predictions));
        return value.defined() ? value.value() : Double.NaN;
      }
    };
  }

  /** The labelled predictions as the {@link MetricData} of the metric's kind. */
  private static MetricData data(Metric metric, double[] labels, List<PredictionResult> predictions) {
    int n = labels.length;
    if (n != predictions.size()) {
      throw new IllegalArgumentException(
          "predictions must have one entry per label: " + predictions.size() + " for " + n + " labels");
    }
    if (metric.kind() == MetricKind.REGRESSION) {
      double[] predicted = new double[n];
      for (int i = 0; i < n; i++) {
        predicted[i] = predictions.get(i).value();
      }
      return MetricData.regression(labels, predicted);
    }
    int[] y = new int[n];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = (int) labels[i];
      if (y[i] != labels[i]) {
        throw new IllegalArgumentException("labels[" + i + "] must be a class index for " + metric.key() + ": "
            + labels[i]);
      }
      p[i] = predictions.get(i).probabilities();
      if (p[i] == null) {
        throw new IllegalArgumentException("predictions[" + i + "] must carry probabilities for " + metric.key()
            + ": " + predictions.get(i).versionLabel() + " is a regressor");
      }
    }
    if (p.length > 0 && p[0].length == 2) {
      double[] scores = new double[n];
      for (int i = 0; i < n; i++) {
        scores[i] = p[i][1];
      }
      return MetricData.binary(y, scores);
    }
    return MetricData.multiclass(y, p);
  }

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
