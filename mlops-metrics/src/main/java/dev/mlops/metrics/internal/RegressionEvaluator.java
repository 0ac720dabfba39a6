package dev.mlops.metrics.internal;

import dev.mlops.metrics.EvaluationSettings;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.RegressionEvaluation;
import java.util.Map;

/**
 * Computes {@link RegressionEvaluation}s, with a seeded percentile bootstrap (plain, not
 * stratified) when configured. Not API. Stateless, thread-safe.
 */
public final class RegressionEvaluator {

  private RegressionEvaluator() {}

  /**
   * Evaluates (inputs already validated).
   *
   * @param actual true values
   * @param predicted predictions
   * @param weights weights or null
   * @param settings the settings
   * @return the evaluation
   */
  public static RegressionEvaluation evaluate(double[] actual, double[] predicted, double[] weights,
      EvaluationSettings settings) {
    RegressionKernel kernel = new RegressionKernel(actual, predicted, weights);
    Map<Metric, MetricValue> values = kernel.computeAll(null);
    int b = settings.bootstrapResamples();
    if (b > 0) {
      Metric[] metrics = RegressionKernel.METRICS;
      double[][] samples = new double[metrics.length][b];
      int[] defined = new int[metrics.length];
      Bootstrap resampler = Bootstrap.plain(actual.length, settings.seed());
      int[] multiplicity = new int[actual.length];
      for (int r = 0; r < b; r++) {
        resampler.resample(multiplicity);
        Map<Metric, MetricValue> resampled = kernel.computeAll(multiplicity);
        for (int q = 0; q < metrics.length; q++) {
          MetricValue v = resampled.get(metrics[q]);
          if (v.defined()) {
            samples[q][defined[q]++] = v.value();
          }
        }
      }
      for (int q = 0; q < metrics.length; q++) {
        MetricValue v = values.get(metrics[q]);
        if (v.defined() && defined[q] > 0) {
          values.put(metrics[q], v.withCi(
              Bootstrap.percentileInterval(samples[q], defined[q], settings.confidenceLevel())));
        }
      }
    }
    return new RegressionEvaluation(actual.length, values, predicted, kernel.residuals(), settings);
  }
}
