package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import dev.mlops.metrics.internal.EvaluationJson;
import dev.mlops.metrics.internal.MetricMaps;
import dev.mlops.metrics.internal.RegressionEvaluator;
import dev.mlops.metrics.internal.TextTables;
import dev.mlops.metrics.internal.CustomMetrics;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable evaluation of a regression model: every regression {@link Metric} with its
 * confidence interval (when a bootstrap is configured) and sample size, plus the predictions and
 * residuals ({@code actual - predicted}) to plot.
 *
 * <pre>{@code
 * RegressionEvaluation eval = RegressionEvaluation.of(actual, predicted);
 * double rmse = eval.value(Metric.RMSE);
 * RegressionEvaluation withCi = RegressionEvaluation.builder(actual, predicted).bootstrap(1000, 7L).evaluate();
 * }</pre>
 *
 * <p>Immutable (arrays are copied in and out) and thread-safe (the builder is not).
 *
 * @param n the number of rows
 * @param metrics every regression metric, in declaration order
 * @param predicted the predictions (copied out by the accessor)
 * @param residuals {@code actual - predicted} per row (copied out by the accessor)
 * @param settings how the evaluation was computed
 */
public record RegressionEvaluation(long n, Map<Metric, MetricValue> metrics, double[] predicted,
    double[] residuals, EvaluationSettings settings) implements Evaluation {

  /**
   * Validates and freezes the components.
   *
   * @throws IllegalArgumentException if predictions and residuals differ in length
   */
  public RegressionEvaluation {
    Objects.requireNonNull(settings, "settings");
    metrics = MetricMaps.freeze(metrics);
    Checks.sameLength("predicted", predicted.length, "residuals", residuals.length);
    predicted = predicted.clone();
    residuals = residuals.clone();
  }

  /**
   * Evaluates predictions against actual values with default settings (no bootstrap).
   *
   * @param actual the true values, finite
   * @param predicted the predictions, finite
   * @return the evaluation
   * @throws IllegalArgumentException on empty or mismatched arrays or a non-finite value (naming the index)
   */
  public static RegressionEvaluation of(double[] actual, double[] predicted) {
    return builder(actual, predicted).evaluate();
  }

  /**
   * Starts a configurable regression evaluation.
   *
   * @param actual the true values, finite
   * @param predicted the predictions, finite
   * @return a builder
   * @throws IllegalArgumentException on empty or mismatched arrays or a non-finite value (naming the index)
   */
  public static Builder builder(double[] actual, double[] predicted) {
    Checks.finite("actual", actual);
    Checks.finite("predicted", predicted);
    Checks.sameLength("actual", actual.length, "predicted", predicted.length);
    return new Builder(actual, predicted);
  }

  /**
   * Starts an evaluation of a model function on rows with known targets.
   *
   * @param model the model
   * @param rows the rows
   * @param targets their true values
   * @param <T> the row type
   * @return a builder
   * @throws IllegalArgumentException as {@link #builder}, naming the row whose prediction is not finite
   */
  public static <T> Builder builder(Regressor<T> model, List<T> rows, double[] targets) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(targets, "targets");
    Checks.nonEmpty("rows", rows.size());
    Checks.sameLength("rows", rows.size(), "targets", targets.length);
    double[] predicted = new double[rows.size()];
    for (int i = 0; i < predicted.length; i++) {
      predicted[i] = model.predict(rows.get(i));
    }
    return builder(targets, predicted);
  }

  /** @return a copy of the predictions */
  @Override
  public double[] predicted() {
    return predicted.clone();
  }

  /** @return a copy of the residuals {@code actual - predicted} */
  @Override
  public double[] residuals() {
    return residuals.clone();
  }

  @Override
  public MetricValue metric(Metric metric) {
    MetricValue value = metrics.get(Objects.requireNonNull(metric, "metric"));
    if (value == null) {
      throw new IllegalArgumentException("metric must be a regression metric: " + metric.key());
    }
    return value;
  }

  @Override
  public String toText() {
    return TextTables.regression(this);
  }

  @Override
  public String toJson() {
    return EvaluationJson.regression(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegressionEvaluation other && n == other.n && metrics.equals(other.metrics)
        && Arrays.equals(predicted, other.predicted) && Arrays.equals(residuals, other.residuals)
        && settings.equals(other.settings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(n, metrics, Arrays.hashCode(predicted), Arrays.hashCode(residuals), settings);
  }

  @Override
  public String toString() {
    return "RegressionEvaluation[n=" + n + ", metrics=" + metrics + "]";
  }

  /**
   * Configures and runs a regression evaluation. Each setter validates at once. Not thread-safe;
   * the arrays must not be modified until {@link #evaluate()} returns.
   */
  public static final class Builder extends EvaluationOptions<Builder> {
    private final double[] actual;
    private final double[] predicted;

    Builder(double[] actual, double[] predicted) {
      super(actual.length, MetricKind.REGRESSION);
      this.actual = actual;
      this.predicted = predicted;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Computes the evaluation.
     *
     * @return the immutable evaluation
     * @throws IllegalStateException if a custom metric's computation returns a value outside its range
     */
    public RegressionEvaluation evaluate() {
      EvaluationSettings settings = new EvaluationSettings(confidenceLevel, resamples, seed,
          weights != null, Double.NaN, Double.NaN, 0, 0, null);
      RegressionEvaluation builtIn = RegressionEvaluator.evaluate(actual, predicted, weights, settings);
      if (customMetrics.isEmpty()) {
        return builtIn;
      }
      MetricData data = MetricData.regression(actual, predicted);
      if (weights != null) {
        data = data.withWeights(weights);
      }
      Map<Metric, MetricValue> all = new LinkedHashMap<>(builtIn.metrics());
      all.putAll(CustomMetrics.evaluate(customMetrics, data, settings));
      return new RegressionEvaluation(builtIn.n(), all, builtIn.predicted, builtIn.residuals, settings);
    }
  }
}
