package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class CustomMetricEvaluationTest {

  private static final int[] Y = BinaryMetricsTest.Y;
  private static final double[] S = BinaryMetricsTest.S;
  private static final double[] W = BinaryMetricsTest.W;

  /** Weighted accuracy written by hand: must agree with the built-in, interval included. */
  private static final CustomMetric MY_ACCURACY = CustomMetric.builder("my_accuracy", MetricKind.CLASSIFICATION)
      .greaterIsBetter().range(0, 1)
      .computedBy(d -> {
        double hit = 0;
        double total = 0;
        for (int i = 0; i < d.size(); i++) {
          hit += d.label(i) == d.prediction(i) ? d.weight(i) : 0;
          total += d.weight(i);
        }
        return hit / total;
      })
      .build();

  private static final CustomMetric MY_MAE = CustomMetric.builder("my_mae", MetricKind.REGRESSION)
      .lowerIsBetter().range(0, Double.POSITIVE_INFINITY)
      .computedBy(d -> {
        double sum = 0;
        double total = 0;
        for (int i = 0; i < d.size(); i++) {
          sum += d.weight(i) * Math.abs(d.actual(i) - d.predicted(i));
          total += d.weight(i);
        }
        return sum / total;
      })
      .build();

  @Test
  void customMetric_getsTheSameBootstrapIntervalAsTheBuiltInItReimplements() {
    // weighted data: the built-in accuracy has a bootstrap interval too, from the same resamples
    ClassificationEvaluation e = ClassificationEvaluation.binary(Y, S).threshold(0.4).weights(W)
        .bootstrap(400, 11L).customMetrics(MY_ACCURACY).evaluate();
    MetricValue mine = e.metric(MY_ACCURACY);
    MetricValue builtIn = e.metric(Metric.ACCURACY);
    assertThat(mine.value()).isCloseTo(builtIn.value(), within(1e-12));
    assertThat(mine.ci().lower()).isCloseTo(builtIn.ci().lower(), within(1e-12));
    assertThat(mine.ci().upper()).isCloseTo(builtIn.ci().upper(), within(1e-12));
    assertThat(mine.ci().lower()).isLessThan(mine.value());
    assertThat(e.metrics().keySet()).last().isSameAs(MY_ACCURACY);
  }

  @Test
  void customRegressionMetric_matchesBuiltInMaeWithWeightsAndInterval() {
    double[] a = {3, -0.5, 2, 7, 4.2, 1.1, 0, 5};
    double[] p = {2.5, 0, 2, 8, 4, 1.5, -0.3, 6.1};
    double[] w = {1, 2, 1, 0.5, 1, 3, 1, 1};
    RegressionEvaluation e = RegressionEvaluation.builder(a, p).weights(w).bootstrap(300, 5L)
        .customMetrics(MY_MAE).evaluate();
    assertThat(e.value(MY_MAE)).isCloseTo(e.value(Metric.MAE), within(1e-12));
    assertThat(e.metric(MY_MAE).ci().lower()).isCloseTo(e.metric(Metric.MAE).ci().lower(), within(1e-12));
    assertThat(e.metric(MY_MAE).ci().upper()).isCloseTo(e.metric(Metric.MAE).ci().upper(), within(1e-12));
  }

  @Test
  void customMetrics_areCheckedAtOnce() {
    ClassificationEvaluation.Builder b = ClassificationEvaluation.binary(Y, S);
    assertThatThrownBy(() -> b.customMetrics(Metric.ROC_AUC))
        .hasMessage("custom metric must not be a built-in (built-ins are always computed): roc_auc");
    assertThatThrownBy(() -> b.customMetrics(MY_MAE)).hasMessage("custom metric must be a classification metric here: my_mae");
    assertThatThrownBy(() -> b.customMetrics(MY_ACCURACY, MY_ACCURACY))
        .hasMessage("custom metric keys must be distinct: my_accuracy");
  }

  @Test
  void customMetric_undefinedOnTheData_isReportedWithTheReasonAndNoInterval() {
    CustomMetric needsTwoPositives = CustomMetric.builder("needs_two_positives", MetricKind.CLASSIFICATION)
        .greaterIsBetter().range(0, 1)
        .computedBy(d -> {
          throw new IllegalArgumentException("needs two positives");
        })
        .build();
    ClassificationEvaluation e = ClassificationEvaluation.binary(Y, S).bootstrap(50, 1L)
        .customMetrics(needsTwoPositives).evaluate();
    assertThat(e.metric(needsTwoPositives).defined()).isFalse();
    assertThat(e.metric(needsTwoPositives).reason()).isEqualTo("needs two positives");
    assertThat(e.metric(needsTwoPositives).hasCi()).isFalse();
  }
}
