package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import dev.mlops.metrics.internal.CustomMetrics;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The settings both evaluation builders share (weights, bootstrap, confidence level, user-defined
 * metrics), each setter validating at once. The public builders are
 * {@link ClassificationEvaluation.Builder} and {@link RegressionEvaluation.Builder}. Not thread-safe.
 *
 * @param <B> the concrete builder
 */
abstract class EvaluationOptions<B extends EvaluationOptions<B>> {

  private final int rows;
  private final MetricKind kind;
  double[] weights;
  int resamples;
  long seed;
  double confidenceLevel = ClassificationEvaluation.DEFAULT_CONFIDENCE_LEVEL;
  List<Metric> customMetrics = List.of();

  EvaluationOptions(int rows, MetricKind kind) {
    this.rows = rows;
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** This builder, typed as the concrete builder. */
  abstract B self();

  /**
   * Sets sample weights (as scikit-learn's {@code sample_weight}; the regression metric
   * {@link Metric#MAX_ERROR} ignores them, as scikit-learn does).
   *
   * @param weights one finite, non-negative weight per row, not all 0
   * @return this builder
   * @throws IllegalArgumentException on a wrong length or a negative or non-finite weight
   */
  public B weights(double[] weights) {
    Checks.weights(weights, rows);
    this.weights = weights.clone();
    return self();
  }

  /**
   * Enables a seeded percentile bootstrap of every metric (class-stratified for a classification).
   *
   * @param resamples the number of resamples B, at least 1 (1000 is usual)
   * @param seed the seed: the same inputs and seed give the same intervals
   * @return this builder
   * @throws IllegalArgumentException if {@code resamples < 1}
   */
  public B bootstrap(int resamples, long seed) {
    Checks.resamples(resamples);
    this.resamples = resamples;
    this.seed = seed;
    return self();
  }

  /**
   * Enables a seeded bootstrap with {@value ClassificationEvaluation#DEFAULT_RESAMPLES} resamples.
   *
   * @param seed the seed
   * @return this builder
   */
  public B bootstrap(long seed) {
    return bootstrap(ClassificationEvaluation.DEFAULT_RESAMPLES, seed);
  }

  /**
   * Sets the confidence level of every interval.
   *
   * @param level in (0, 1); default 0.95
   * @return this builder
   * @throws IllegalArgumentException if outside (0, 1)
   */
  public B confidenceLevel(double level) {
    Checks.level(level);
    this.confidenceLevel = level;
    return self();
  }

  /**
   * Adds user-defined metrics of this evaluation's kind, computed on the same data (threshold,
   * weights) and, when the bootstrap is enabled, given a percentile interval from the same
   * resamples.
   *
   * @param metrics user-defined metrics of this evaluation's {@link MetricKind}, distinct keys
   * @return this builder
   * @throws IllegalArgumentException if one is a built-in (always computed), of the other kind, or
   *     keys repeat
   */
  public B customMetrics(Collection<? extends Metric> metrics) {
    this.customMetrics = CustomMetrics.check(metrics, kind);
    return self();
  }

  /**
   * Adds user-defined metrics (see {@link #customMetrics(Collection)}).
   *
   * @param metrics the metrics
   * @return this builder
   * @throws IllegalArgumentException as {@link #customMetrics(Collection)}
   */
  public B customMetrics(Metric... metrics) {
    return customMetrics(Arrays.asList(metrics));
  }
}
