package dev.mlops.metrics;

import dev.mlops.metrics.internal.EvaluationJson;
import java.util.Collection;
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
   * Returns every metric computed: the built-ins in declaration order, then the user-defined ones
   * in the order they were given.
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
   * Renders the evaluation as JSON (snake_case, schema in docs/metrics-json.md): non-finite numbers
   * are {@code null}, with the reason beside them.
   *
   * @return a JSON object
   */
  String toJson();

  /**
   * Reads the metric values back from the JSON of an evaluation ({@link #toJson()}). No global
   * registry: the user-defined metrics the document may name are passed in.
   *
   * <pre>{@code
   * Map<Metric, MetricValue> values = Evaluation.metricsFromJson(json, List.of(costWeightedError));
   * }</pre>
   *
   * @param json the JSON written by {@link #toJson()}
   * @param customMetrics the user-defined metrics to resolve keys against (may be empty)
   * @return the metric values with their intervals, in document order
   * @throws IllegalArgumentException if the JSON is invalid or names a metric that is neither built
   *     in nor among {@code customMetrics}
   */
  static Map<Metric, MetricValue> metricsFromJson(String json, Collection<? extends Metric> customMetrics) {
    return EvaluationJson.readMetrics(json, customMetrics);
  }
}
