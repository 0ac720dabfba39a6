package dev.mlops.metrics.internal;

import dev.mlops.metrics.EvaluationSettings;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricData;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.MetricValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * User-defined metrics inside an evaluation: their values and their percentile bootstrap intervals
 * (class-stratified for classification, plain for regression, from the evaluation's seed, so the
 * resamples are those of the built-in metrics; resamples where a value is undefined or infinite are
 * left out of its interval). Not API. Stateless, thread-safe.
 */
public final class CustomMetrics {

  private CustomMetrics() {}

  /**
   * Validates the user-defined metrics given to an evaluation or a test.
   *
   * @param metrics the metrics
   * @param kind the kind of data they will see
   * @return an immutable copy
   * @throws IllegalArgumentException if one is built-in, of the other kind, or keys repeat
   * @throws NullPointerException if one is null
   */
  public static List<Metric> check(Collection<? extends Metric> metrics, MetricKind kind) {
    Objects.requireNonNull(metrics, "metrics");
    Set<String> keys = new HashSet<>();
    for (Metric m : metrics) {
      Objects.requireNonNull(m, "custom metric");
      if (m.isBuiltIn()) {
        throw new IllegalArgumentException("custom metric must not be a built-in (built-ins are always computed): "
            + m.key());
      }
      if (m.kind() != kind) {
        throw new IllegalArgumentException("custom metric must be a " + kind.name().toLowerCase(java.util.Locale.ROOT)
            + " metric here: " + m.key());
      }
      if (!keys.add(m.key())) {
        throw new IllegalArgumentException("custom metric keys must be distinct: " + m.key());
      }
    }
    return List.copyOf(metrics);
  }

  /**
   * Computes user-defined metrics and, when the settings enable a bootstrap, their intervals.
   *
   * @param metrics the metrics (checked)
   * @param data the evaluation's data
   * @param settings its settings (resamples, seed, confidence level)
   * @return the values, in the order given
   * @throws IllegalStateException if a computation returns a value outside its metric's range
   */
  public static Map<Metric, MetricValue> evaluate(List<Metric> metrics, MetricData data,
      EvaluationSettings settings) {
    Map<Metric, MetricValue> out = new LinkedHashMap<>();
    List<Metric> defined = new ArrayList<>();
    for (Metric m : metrics) {
      MetricValue v = safe(m, data);
      out.put(m, v);
      if (v.defined()) {
        defined.add(m);
      }
    }
    int b = settings.bootstrapResamples();
    if (b == 0 || defined.isEmpty()) {
      return out;
    }
    int n = data.size();
    Bootstrap resampler = data.kind() == MetricKind.CLASSIFICATION
        ? Bootstrap.stratified(data.labels(), data.classCount(), settings.seed())
        : Bootstrap.plain(n, settings.seed());
    int[] multiplicity = new int[n];
    int[] rows = new int[n];
    double[][] samples = new double[defined.size()][b];
    int[] count = new int[defined.size()];
    for (int r = 0; r < b; r++) {
      resampler.resample(multiplicity);
      MetricData resample = data.select(Bootstrap.expand(multiplicity, rows));
      for (int q = 0; q < defined.size(); q++) {
        MetricValue v = safe(defined.get(q), resample);
        if (v.defined() && Double.isFinite(v.value())) {  // an infinite draw has no percentile
          samples[q][count[q]++] = v.value();
        }
      }
    }
    for (int q = 0; q < defined.size(); q++) {
      if (count[q] > 0) {
        Metric m = defined.get(q);
        out.put(m, out.get(m).withCi(Bootstrap.percentileInterval(samples[q], count[q], settings.confidenceLevel())));
      }
    }
    return out;
  }

  /**
   * Evaluates one metric, an {@link IllegalArgumentException} becoming an undefined value.
   *
   * @param metric the metric
   * @param data the data
   * @return the value, carrying {@code metric}
   */
  public static MetricValue safe(Metric metric, MetricData data) {
    try {
      MetricValue v = metric.evaluate(data);
      if (v.metric() != metric) {
        throw new IllegalStateException(metric.key() + " must return its own value, not one of " + v.metric().key());
      }
      return v;
    } catch (IllegalArgumentException e) {
      return MetricValue.undefined(metric, data.size(), String.valueOf(e.getMessage()));
    }
  }
}
