package dev.mlops.metrics.internal;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.ConfusionMatrix;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.SliceEvaluation;
import java.util.List;

/** Text rendering (temporary skeleton). Not API. */
public final class TextTables {
  private TextTables() {}

  /** @param m matrix @return text */
  public static String confusionMatrix(ConfusionMatrix m) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** @param e evaluation @return text */
  public static String classification(ClassificationEvaluation e) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** @param e evaluation @return text */
  public static String regression(RegressionEvaluation e) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** @param s slices @param metrics columns @return text */
  public static String slices(SliceEvaluation<?> s, List<Metric> metrics) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
