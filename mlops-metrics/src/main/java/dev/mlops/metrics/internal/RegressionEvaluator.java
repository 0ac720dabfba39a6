package dev.mlops.metrics.internal;

import dev.mlops.metrics.EvaluationSettings;
import dev.mlops.metrics.RegressionEvaluation;

/** Computes regression evaluations (temporary skeleton). Not API. */
public final class RegressionEvaluator {
  private RegressionEvaluator() {}

  /**
   * @param actual actual
   * @param predicted predicted
   * @param weights weights or null
   * @param settings settings
   * @return the evaluation
   */
  public static RegressionEvaluation evaluate(double[] actual, double[] predicted, double[] weights,
      EvaluationSettings settings) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
