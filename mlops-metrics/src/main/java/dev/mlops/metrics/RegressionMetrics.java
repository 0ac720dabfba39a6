package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import dev.mlops.metrics.internal.RegressionKernel;

/**
 * Pure regression metrics on primitive arrays, with scikit-learn's semantics (residual =
 * {@code actual - predicted}).
 *
 * <pre>{@code
 * double rmse = RegressionMetrics.rmse(actual, predicted).value();
 * double r2 = RegressionMetrics.metric(Metric.R2, actual, predicted, weights).value();
 * }</pre>
 *
 * <p>R² and explained variance of a constant target follow sklearn's {@code force_finite=True}
 * (1 for a perfect fit, else 0) and are flagged as zero division. The weighted median absolute
 * error is the median of the data expanded by its weights (mean of the lower and upper weighted
 * medians), which equals {@code numpy.median} for unit weights. MAX_ERROR ignores weights, as
 * sklearn. Stateless and thread-safe.
 */
public final class RegressionMetrics {

  private RegressionMetrics() {}

  /**
   * Computes one regression metric.
   *
   * @param metric a {@link MetricKind#REGRESSION} metric
   * @param actual finite true values
   * @param predicted finite predictions
   * @return its value
   * @throws IllegalArgumentException on empty or mismatched arrays, a non-finite value (naming the
   *     index) or a non-regression metric
   */
  public static MetricValue metric(Metric metric, double[] actual, double[] predicted) {
    return metric(metric, actual, predicted, null);
  }

  /**
   * Computes one weighted regression metric.
   *
   * @param metric a {@link MetricKind#REGRESSION} metric
   * @param actual finite true values
   * @param predicted finite predictions
   * @param weights finite non-negative weights, or null
   * @return its value
   * @throws IllegalArgumentException on bad arrays or a non-regression metric
   */
  public static MetricValue metric(Metric metric, double[] actual, double[] predicted, double[] weights) {
    if (metric.kind() != MetricKind.REGRESSION) {
      throw new IllegalArgumentException("metric must be a regression metric: " + metric.key());
    }
    Checks.finite("actual", actual);
    Checks.finite("predicted", predicted);
    Checks.sameLength("actual", actual.length, "predicted", predicted.length);
    if (weights != null) {
      Checks.weights(weights, actual.length);
    }
    return new RegressionKernel(actual, predicted, weights).compute(metric, null);
  }

  /**
   * Mean absolute error ({@code mean_absolute_error}).
   *
   * @param actual true values
   * @param predicted predictions
   * @return MAE
   */
  public static MetricValue mae(double[] actual, double[] predicted) {
    return metric(Metric.MAE, actual, predicted);
  }

  /**
   * Mean squared error ({@code mean_squared_error}).
   *
   * @param actual true values
   * @param predicted predictions
   * @return MSE
   */
  public static MetricValue mse(double[] actual, double[] predicted) {
    return metric(Metric.MSE, actual, predicted);
  }

  /**
   * Root mean squared error ({@code root_mean_squared_error}).
   *
   * @param actual true values
   * @param predicted predictions
   * @return RMSE
   */
  public static MetricValue rmse(double[] actual, double[] predicted) {
    return metric(Metric.RMSE, actual, predicted);
  }

  /**
   * Coefficient of determination ({@code r2_score}).
   *
   * @param actual true values
   * @param predicted predictions
   * @return R²
   */
  public static MetricValue r2(double[] actual, double[] predicted) {
    return metric(Metric.R2, actual, predicted);
  }

  /**
   * Mean absolute percentage error as a fraction ({@code mean_absolute_percentage_error}).
   *
   * @param actual true values
   * @param predicted predictions
   * @return MAPE
   */
  public static MetricValue mape(double[] actual, double[] predicted) {
    return metric(Metric.MAPE, actual, predicted);
  }

  /**
   * Median absolute error ({@code median_absolute_error}).
   *
   * @param actual true values
   * @param predicted predictions
   * @return the median absolute error
   */
  public static MetricValue medianAbsoluteError(double[] actual, double[] predicted) {
    return metric(Metric.MEDIAN_ABSOLUTE_ERROR, actual, predicted);
  }

  /**
   * Largest absolute error ({@code max_error}).
   *
   * @param actual true values
   * @param predicted predictions
   * @return the max error
   */
  public static MetricValue maxError(double[] actual, double[] predicted) {
    return metric(Metric.MAX_ERROR, actual, predicted);
  }

  /**
   * Explained variance ({@code explained_variance_score}).
   *
   * @param actual true values
   * @param predicted predictions
   * @return the explained variance
   */
  public static MetricValue explainedVariance(double[] actual, double[] predicted) {
    return metric(Metric.EXPLAINED_VARIANCE, actual, predicted);
  }

  /**
   * Mean error (bias): the mean of {@code actual - predicted}.
   *
   * @param actual true values
   * @param predicted predictions
   * @return the mean error
   */
  public static MetricValue meanError(double[] actual, double[] predicted) {
    return metric(Metric.MEAN_ERROR, actual, predicted);
  }
}
