package dev.mlops.spark;

import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.mlops.metrics.BinaryCounts;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import org.junit.jupiter.api.Test;

final class SparkEvaluationRecordsTest {

  @Test
  void binaryEvaluation_rejectsNullComponents_namingThem() {
    MetricValue auc = MetricValue.of(Metric.ROC_AUC, 0.8, 10);
    BinaryCounts counts = new BinaryCounts(3, 1, 4, 2);
    assertThatNullPointerException()
        .isThrownBy(() -> new SparkEvaluations.Binary(10, 5, auc, auc, null, auc, 0.5, counts))
        .withMessage("logLoss must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new SparkEvaluations.Binary(10, 5, auc, auc, auc, auc, 0.5, null))
        .withMessage("counts must not be null");
  }
}
