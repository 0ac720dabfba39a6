package dev.mlops.metrics.internal;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.SliceEvaluation;

/** JSON rendering (temporary skeleton). Not API. */
public final class EvaluationJson {
  private EvaluationJson() {}

  /** @param e evaluation @return JSON */
  public static String classification(ClassificationEvaluation e) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** @param e evaluation @return JSON */
  public static String regression(RegressionEvaluation e) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** @param s slices @return JSON */
  public static String slices(SliceEvaluation<?> s) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
