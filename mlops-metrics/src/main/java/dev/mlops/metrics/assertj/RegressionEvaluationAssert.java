package dev.mlops.metrics.assertj;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.RegressionEvaluation;
import org.assertj.core.api.AbstractDoubleAssert;

/**
 * Assertions on a {@link RegressionEvaluation}; obtain one with
 * {@link MlopsAssertions#assertThat(RegressionEvaluation)}.
 *
 * <pre>{@code
 * assertThat(evaluation).hasRmseAtMost(60).hasR2AtLeast(0.7);
 * assertThat(evaluation).mae().isLessThan(45);
 * }</pre>
 *
 * <p>Failure messages carry the value, its confidence interval, n and the threshold. Not thread-safe.
 */
public class RegressionEvaluationAssert
    extends AbstractEvaluationAssert<RegressionEvaluationAssert, RegressionEvaluation> {

  /**
   * Creates the assertion (public so that soft assertions and subclasses can create it).
   *
   * @param actual the evaluation under test
   */
  public RegressionEvaluationAssert(RegressionEvaluation actual) {
    super(actual, RegressionEvaluationAssert.class);
  }

  /**
   * Verifies that RMSE is at most a value.
   *
   * @param expected the largest accepted RMSE
   * @return this assertion
   * @throws AssertionError if RMSE is higher
   */
  public RegressionEvaluationAssert hasRmseAtMost(double expected) {
    return hasMetricAtMost(Metric.RMSE, expected);
  }

  /**
   * Verifies that MAE is at most a value.
   *
   * @param expected the largest accepted MAE
   * @return this assertion
   * @throws AssertionError if MAE is higher
   */
  public RegressionEvaluationAssert hasMaeAtMost(double expected) {
    return hasMetricAtMost(Metric.MAE, expected);
  }

  /**
   * Verifies that R² is at least a value.
   *
   * @param expected the smallest accepted R²
   * @return this assertion
   * @throws AssertionError if R² is lower or undefined
   */
  public RegressionEvaluationAssert hasR2AtLeast(double expected) {
    return hasMetricAtLeast(Metric.R2, expected);
  }

  /**
   * Navigates to RMSE.
   *
   * @return an assertion on RMSE
   */
  public AbstractDoubleAssert<?> rmse() {
    return metric(Metric.RMSE);
  }

  /**
   * Navigates to MAE.
   *
   * @return an assertion on MAE
   */
  public AbstractDoubleAssert<?> mae() {
    return metric(Metric.MAE);
  }

  /**
   * Navigates to R².
   *
   * @return an assertion on R²
   */
  public AbstractDoubleAssert<?> r2() {
    return metric(Metric.R2);
  }
}
