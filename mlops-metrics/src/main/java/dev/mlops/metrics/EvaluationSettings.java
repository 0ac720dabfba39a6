package dev.mlops.metrics;

/**
 * How an {@link Evaluation} was computed, kept with it as provenance. Immutable and thread-safe.
 *
 * @param confidenceLevel the level of every confidence interval, in (0, 1)
 * @param bootstrapResamples the number of bootstrap resamples, 0 when no bootstrap was run
 * @param seed the bootstrap seed (meaningless when {@code bootstrapResamples == 0})
 * @param weighted whether sample weights were given
 * @param threshold the decision threshold of a binary classifier ({@code score >= threshold} is
 *     positive); NaN for multiclass and regression
 * @param beta the beta of {@link Metric#F_BETA}; NaN for regression
 * @param topK the k of {@link Metric#TOP_K_ACCURACY}; 0 when not computed
 * @param calibrationBins the number of calibration bins; 0 for regression
 * @param calibrationStrategy how calibration bins are placed; {@code null} for regression
 */
public record EvaluationSettings(double confidenceLevel, int bootstrapResamples, long seed,
    boolean weighted, double threshold, double beta, int topK, int calibrationBins,
    BinStrategy calibrationStrategy) {

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if the level is outside (0, 1) or a count is negative
   */
  public EvaluationSettings {
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1): " + confidenceLevel);
    }
    if (bootstrapResamples < 0) {
      throw new IllegalArgumentException("bootstrap resamples must not be negative: " + bootstrapResamples);
    }
    if (topK < 0 || calibrationBins < 0) {
      throw new IllegalArgumentException("top k and calibration bins must not be negative: " + topK + ", " + calibrationBins);
    }
  }
}
