package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RegressionEvaluationTest {

  @Test
  void evaluation_holdsEveryMetricAndTheResiduals() {
    RegressionEvaluation e = RegressionEvaluation.of(RegressionMetricsTest.A, RegressionMetricsTest.P);
    assertThat(e.n()).isEqualTo(8);
    assertThat(e.value(Metric.RMSE)).isCloseTo(0.8351646544245033, within(1e-15));
    assertThat(e.value(Metric.R2)).isCloseTo(0.9377648895828686, within(1e-15));
    assertThat(e.residuals()).containsExactly(new double[] {0.5, -0.5, -0.1, -0.8, 0.3, -0.3, 0.5, 2.0},
        within(1e-12));
    assertThat(e.metric(Metric.MAE).ci()).isNull();
    assertThat(e.metrics()).hasSize(9);
  }

  @Test
  void bootstrap_givesSeededIntervalsContainingTheValue() {
    RegressionEvaluation e = RegressionEvaluation.builder(RegressionMetricsTest.A, RegressionMetricsTest.P)
        .bootstrap(300, 5L).evaluate();
    for (MetricValue v : e.metrics().values()) {
      assertThat(v.ci()).as(v.metric().key()).isNotNull();
    }
    assertThat(e.metric(Metric.MAE).ci().contains(0.625)).isTrue();
    assertThat(RegressionEvaluation.builder(RegressionMetricsTest.A, RegressionMetricsTest.P).bootstrap(300, 5L)
        .evaluate().metrics()).isEqualTo(e.metrics());
  }

  @Test
  void modelFunction_andTextAndJson() throws Exception {
    List<Integer> rows = List.of(0, 1, 2, 3, 4, 5, 6, 7);
    Regressor<Integer> model = i -> RegressionMetricsTest.P[i];
    RegressionEvaluation e = RegressionEvaluation.builder(model, rows, RegressionMetricsTest.A).evaluate();
    assertThat(e.value(Metric.MAE)).isCloseTo(0.625, within(1e-15));
    assertThat(e.toText()).contains("Regression evaluation (n = 8)").contains("median_absolute_error");
    JsonNode json = new ObjectMapper().readTree(e.toJson());
    assertThat(json.get("type").asText()).isEqualTo("regression");
    assertThat(json.at("/metrics/max_error/value").asDouble()).isEqualTo(2.0);
    assertThat(json.at("/residual_quantiles/max").asDouble()).isCloseTo(2.0, within(1e-12));
  }
}
