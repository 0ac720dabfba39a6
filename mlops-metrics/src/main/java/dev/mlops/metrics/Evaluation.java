package dev.mlops.metrics;

import java.util.Map;

/**
 * An immutable evaluation of a model on labelled data: metric values with confidence intervals
 * and sample sizes. Implemented by {@link ClassificationEvaluation} and {@link RegressionEvaluation}.
 * Implementations are immutable and thread-safe.
 */
public sealed interface Evaluation permits ClassificationEvaluation, RegressionEvaluation {

  /**
   * Returns the value of a metric this evaluation computed (possibly undefined, with the reason).
   *
   * @param metric the metric
   * @return its value
   * @throws IllegalArgumentException if this kind of evaluation does not compute that metric
   *     (e.g. MAE of a classifier, TOP_K_ACCURACY of a binary classifier)
   */
  MetricValue metric(Metric metric);

  /**
   * Returns the number of a metric, NaN when it is undefined.
   *
   * @param metric the metric
   * @return {@code metric(metric).value()}
   * @throws IllegalArgumentException if this kind of evaluation does not compute that metric
   */
  default double value(Metric metric) {
    return metric(metric).value();
  }

  /**
   * Tells whether this evaluation computed a metric.
   *
   * @param metric the metric
   * @return {@code true} if {@link #metric(Metric)} returns a value for it
   */
  default boolean has(Metric metric) {
    return metrics().containsKey(metric);
  }

  /**
   * Returns every metric computed, in {@link Metric} declaration order.
   *
   * @return an unmodifiable map
   */
  Map<Metric, MetricValue> metrics();

  /**
   * Returns the number of rows evaluated.
   *
   * @return the row count
   */
  long n();

  /**
   * Returns how the evaluation was configured (provenance).
   *
   * @return the settings
   */
  EvaluationSettings settings();

  /**
   * Renders the evaluation as aligned text.
   *
   * @return a human-readable table
   */
  String toText();

  /**
   * Renders the evaluation as JSON (snake_case, schema in docs/metrics-json.md).
   *
   * @return a JSON object
   */
  String toJson();
}
