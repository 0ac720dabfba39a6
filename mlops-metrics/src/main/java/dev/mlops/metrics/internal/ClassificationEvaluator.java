package dev.mlops.metrics.internal;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.EvaluationSettings;
import java.util.List;

/** Computes classification evaluations (temporary skeleton). Not API. */
public final class ClassificationEvaluator {
  private ClassificationEvaluator() {}

  /**
   * @param labels labels
   * @param scores scores
   * @param weights weights or null
   * @param classNames names
   * @param settings settings
   * @return the evaluation
   */
  public static ClassificationEvaluation binary(int[] labels, double[] scores, double[] weights,
      List<String> classNames, EvaluationSettings settings) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * @param labels labels
   * @param probabilities probabilities
   * @param weights weights or null
   * @param classNames names
   * @param settings settings
   * @return the evaluation
   */
  public static ClassificationEvaluation multiclass(int[] labels, double[][] probabilities, double[] weights,
      List<String> classNames, EvaluationSettings settings) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
