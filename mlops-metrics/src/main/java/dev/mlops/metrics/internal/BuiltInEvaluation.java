package dev.mlops.metrics.internal;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricData;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.RegressionEvaluation;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@link Metric#evaluate(MetricData)} of a built-in metric: the same computation as the
 * evaluations (it runs one, without bootstrap). Predicted classes without scores are evaluated as
 * one-hot probabilities, the metrics that need real scores being undefined. Not API. Stateless,
 * thread-safe.
 */
final class BuiltInEvaluation {

  /** The metrics that rank or weigh probabilities: meaningless on predicted classes alone. */
  private static final Set<BuiltInMetric> NEED_SCORES = EnumSet.of(BuiltInMetric.LOG_LOSS, BuiltInMetric.BRIER,
      BuiltInMetric.ROC_AUC, BuiltInMetric.AVERAGE_PRECISION, BuiltInMetric.TOP_K_ACCURACY,
      BuiltInMetric.ROC_AUC_OVR_MACRO, BuiltInMetric.ROC_AUC_OVR_WEIGHTED,
      BuiltInMetric.EXPECTED_CALIBRATION_ERROR, BuiltInMetric.MAXIMUM_CALIBRATION_ERROR);

  private BuiltInEvaluation() {}

  static MetricValue evaluate(BuiltInMetric metric, MetricData data) {
    Objects.requireNonNull(data, "data");
    if (data.kind() != metric.kind()) {
      throw new IllegalArgumentException("data must be " + metric.kind().name().toLowerCase(java.util.Locale.ROOT)
          + " data for " + metric.key() + ": " + data);
    }
    if (metric.kind() == MetricKind.REGRESSION) {
      RegressionEvaluation.Builder b = RegressionEvaluation.builder(data.actual(), data.predicted());
      if (data.isWeighted()) {
        b.weights(data.weights());
      }
      return b.evaluate().metric(metric);
    }
    if (!data.hasScores() && NEED_SCORES.contains(metric)) {
      return MetricValue.undefined(metric, data.size(), metric.key() + " needs scores: the data carries predicted"
          + " classes only");
    }
    ClassificationEvaluation.Builder b;
    if (data.isBinary()) {
      double[] scores = new double[data.size()];
      double threshold = data.hasScores() ? data.threshold() : 0.5;
      for (int i = 0; i < scores.length; i++) {
        scores[i] = data.hasScores() ? data.score(i) : data.prediction(i);
      }
      b = ClassificationEvaluation.binary(data.labels(), scores).threshold(threshold);
    } else if (data.hasScores()) {
      b = ClassificationEvaluation.multiclass(data.labels(), data.probabilities());
    } else {
      double[][] oneHot = new double[data.size()][data.classCount()];
      for (int i = 0; i < oneHot.length; i++) {
        oneHot[i][data.prediction(i)] = 1;
      }
      b = ClassificationEvaluation.multiclass(data.labels(), oneHot);
    }
    if (data.isWeighted()) {
      b.weights(data.weights());
    }
    return b.evaluate().metric(metric);
  }
}
