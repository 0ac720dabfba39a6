package dev.mlops.metrics.modeltest;

import static dev.mlops.metrics.modeltest.Applicants.LABELS;
import static dev.mlops.metrics.modeltest.Applicants.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.CostMetric;
import dev.mlops.metrics.CustomMetric;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.ProbabilisticClassifier;
import dev.mlops.metrics.Regressor;
import dev.mlops.metrics.modeltest.Applicants.Applicant;
import dev.mlops.metrics.modeltest.ExpectationResult.SliceOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user-defined metric in model tests. At threshold 0.5 the Applicants model misses rows 8 and 12
 * (cost 5 each) and raises false alarms at rows 3 and 11 (cost 1 each): cost 12/15 = 0.8. Per
 * region: north 1/7 (row 3), south (5 + 1)/5 = 1.2 (rows 8, 11), east 5/3 (row 12).
 */
final class CustomMetricModelTestTest {

  static final CustomMetric COST = CostMetric.COST;

  @Test
  void customMetric_valueAndCiBoundExpectations_areCheckedLikeBuiltIns() {
    ModelTestReport report = ModelTest.forClassifier(MODEL).on(Applicants.rows(), LABELS).bootstrap(300)
        .expect(COST).atMost(0.9)
        .expect(COST).atMost(0.7)
        .expect(COST).upperBound(0.95).atMost(5)
        .expect(COST).upperBound(0.95).atMost(0.8)
        .run();

    List<ExpectationResult> results = report.expectations();
    assertThat(results).extracting(ExpectationResult::status)
        .containsExactly(Status.PASSED, Status.FAILED, Status.PASSED, Status.FAILED);
    assertThat(results.get(0).observed()).isCloseTo(0.8, within(1e-12));
    assertThat(results.get(0).metric()).isSameAs(COST);
    assertThat(results.get(0).reason()).isEqualTo("cost_weighted_error 0.8 is <= 0.9");
    // the bootstrap interval of the custom metric decides the bound: its upper end is above 0.8
    assertThat(results.get(2).ci()).isNotNull();
    assertThat(results.get(2).ci().upper()).isGreaterThan(0.8);
    assertThat(results.get(3).reason()).startsWith("95% CI upper bound ");
    assertThat(report.evaluation().orElseThrow().metric(COST).value()).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void customMetric_onEverySlice_evaluatesEachSlice() {
    ModelTestReport report = ModelTest.forClassifier(MODEL).on(Applicants.rows(), LABELS).bootstrap(0)
        .expect(COST).onEverySlice(Applicant::region).minSliceSize(1).atMost(1.0)
        .run();

    ExpectationResult result = report.expectations().get(0);
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.slices()).extracting(SliceOutcome::key).containsExactly("east", "north", "south");
    assertThat(result.slices()).extracting(SliceOutcome::observed)
        .containsExactly(5 / 3.0, 1 / 7.0, 1.2);
    assertThat(result.slices()).extracting(SliceOutcome::status)
        .containsExactly(Status.FAILED, Status.PASSED, Status.FAILED);
  }

  @Test
  void customMetric_comparisonWithBaseline_isAPairedBootstrapInTheMetricsDirection() {
    List<Applicant> rows = Applicants.generated(400, 3L);
    int[] labels = Applicants.labels(rows);
    // the baseline predicts "approved" for everyone: no miss, a false alarm on every negative (cheaper)
    ProbabilisticClassifier<Applicant> approveAll = a -> new double[] {0.1, 0.9};
    ModelTestReport report = ModelTest.forClassifier(MODEL).on(rows, labels)
        .expectNotWorseThan(MODEL).on(COST).byMoreThan(0.01)
        .expectNotWorseThan(approveAll).on(COST).byMoreThan(0.01)
        .run();

    ExpectationResult same = report.expectations().get(0);
    assertThat(same.status()).isEqualTo(Status.PASSED);
    assertThat(same.comparison().difference()).isEqualTo(0.0);
    ExpectationResult other = report.expectations().get(1);
    ComparisonResult c = other.comparison();
    assertThat(c.metric()).isSameAs(COST);
    assertThat(c.test()).isEqualTo(ComparisonResult.PAIRED_BOOTSTRAP);
    assertThat(c.candidate()).isCloseTo(report.evaluation().orElseThrow().value(COST), within(1e-12));
    // the approve-all baseline costs 1 per negative: cost = negatives / n
    long negatives = java.util.Arrays.stream(labels).filter(y -> y == 0).count();
    assertThat(c.baseline()).isCloseTo(negatives / 400.0, within(1e-12));
    // expected costs: model 5 * 0.125 + 0.125 = 0.75 (misses are expensive), approve-all 0.5: worse, significantly
    assertThat(c.difference()).isGreaterThan(0.1);
    assertThat(c.differenceCi().lower()).isGreaterThan(0.01);
    assertThat(c.pValue()).isLessThan(0.05);
    assertThat(other.status()).isEqualTo(Status.FAILED);
    // no resample reached 0: the p-value is the bound 2 / (B + 1), stated as one in text and JSON
    assertThat(c.pValueIsBound()).isTrue();
    assertThat(c.pValue()).isEqualTo(2.0 / (c.resamples() + 1));
    assertThat(other.reason()).contains("p <= ").contains("(no resample of " + c.resamples());
    assertThat(report.toJson()).contains("\"p_value_bound\":true", "\"resamples\":" + c.resamples());
  }

  @Test
  void customRegressionMetric_worksInRegressorTests() {
    CustomMetric underPrediction = CustomMetric.builder("under_prediction_share", MetricKind.REGRESSION)
        .lowerIsBetter().range(0, 1)
        .computedBy(d -> {
          int under = 0;
          for (int i = 0; i < d.size(); i++) {
            under += d.predicted(i) < d.actual(i) ? 1 : 0;
          }
          return under / (double) d.size();
        })
        .build();
    Regressor<double[]> model = row -> row[0] * 2;
    List<double[]> rows = List.of(new double[] {1}, new double[] {2}, new double[] {3}, new double[] {4});
    ModelTestReport report = ModelTest.forRegressor(model).on(rows, new double[] {2.5, 3, 6.5, 8}).bootstrap(0)
        .expect(underPrediction).atMost(0.5)
        .run();
    // predictions 2, 4, 6, 8: under at rows 0 and 2
    assertThat(report.expectations().get(0).observed()).isCloseTo(0.5, within(1e-12));
    assertThat(report.passed()).isTrue();
  }

  @Test
  void reportJson_roundTrip_keepsTheCustomMetricsValuesAndExpectations() throws Exception {
    ModelTestReport report = ModelTest.forClassifier(MODEL).on(Applicants.rows(), LABELS).bootstrap(100)
        .expect(COST).atMost(0.9)
        .expect(COST).onEverySlice(Applicant::region).minSliceSize(1).atMost(1.0)
        .run();
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode root = mapper.readTree(report.toJson());

    assertThat(dev.mlops.metrics.Evaluation.metricsFromJson(mapper.writeValueAsString(root.get("evaluation")),
        List.of(COST))).containsExactlyEntriesOf(report.evaluation().orElseThrow().metrics());
    for (int i = 0; i < report.expectations().size(); i++) {
      ExpectationResult e = report.expectations().get(i);
      com.fasterxml.jackson.databind.JsonNode node = root.get("expectations").get(i);
      assertThat(node.get("metric").asText()).isEqualTo("cost_weighted_error");
      assertThat(node.get("observed").asDouble()).isEqualTo(e.observed());
      assertThat(node.get("status").asText()).isEqualTo(e.status().name().toLowerCase(java.util.Locale.ROOT));
      assertThat(node.get("reason").asText()).isEqualTo(e.reason());
    }
    assertThat(root.at("/expectations/1/slices/2/observed").asDouble()).isEqualTo(1.2);
  }
}
