package dev.mlops.metrics.assertj;

import static dev.mlops.metrics.assertj.MlopsAssertions.assertThat;
import static dev.mlops.metrics.assertj.MlopsAssertions.then;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.ProbabilisticClassifier;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.modeltest.ModelTest;
import dev.mlops.metrics.modeltest.ModelTestReport;
import dev.mlops.metrics.modeltest.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AssertJ-style tests of {@link ModelTestReportAssert}, {@link ExpectationResultAssert} and regression asserts. */
final class ModelTestReportAssertTest {

  // P(class 1) = score; same 15 rows as ClassificationEvaluationAssertTest: accuracy 11/15
  private static final double[] SCORES =
      {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.05, 0.35, 0.3, 0.2, 0.1, 0.65, 0.45, 0.75, 0.15};
  private static final int[] LABELS = {1, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0};
  private static final ProbabilisticClassifier<Double> MODEL = s -> new double[] {1 - s, s};

  private static List<Double> rows() {
    List<Double> rows = new ArrayList<>();
    for (double s : SCORES) {
      rows.add(s);
    }
    return rows;
  }

  private static ModelTestReport report(double minAccuracy) {
    return ModelTest.forClassifier(MODEL).on(rows(), LABELS).classNames("legit", "fraud").bootstrap(0)
        .expect(Metric.ACCURACY).atLeast(minAccuracy)
        .expect(Metric.PRECISION).atLeast(0.9).asWarning()
        .expectInvariance("ignores rounding", s -> Math.round(s * 100) / 100.0)
        .run();
  }

  @Test
  void should_pass_if_no_expectation_failed() {
    assertThat(report(0.7)).passes().expectation("accuracy >= 0.7").isPassed();
    then(report(0.7)).expectation("precision >= 0.9").hasStatus(Status.WARNED).observed().isLessThan(0.9);
  }

  @Test
  void should_fail_if_an_expectation_failed_with_the_evidence() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(report(0.8)).passes())
        .withMessageContainingAll(
            "Expecting model test report to pass but 1 of 3 expectations failed:",
            "[FAILED] accuracy >= 0.8",
            "accuracy 0.733333 is not >= 0.8",
            "observed 0.733333 (95% CI [0.480496, 0.891025] wilson), threshold >= 0.8, n=15",
            "Full report:",
            "ModelTest of a classifier on 15 rows (seed 42): FAILED",
            // the evaluation's table with the confusion matrix closes the report
            report(0.8).evaluation().orElseThrow().toText());
  }

  @Test
  void should_fail_if_a_behavioural_check_failed_listing_the_rows() {
    ModelTestReport report = ModelTest.forClassifier(MODEL).on(rows(), LABELS).bootstrap(0)
        .expectInvariance("ignores a +0.2 shift", s -> Math.min(1, s + 0.2))
        .run();

    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(report).passes())
        .withMessageContainingAll("[FAILED] invariance: ignores a +0.2 shift",
            "row 5: class '0' -> '1', p(0) 0.6 -> 0.4 <- 0.4");
  }

  @Test
  void should_fail_if_expecting_failure_of_a_passing_report() {
    assertThat(report(0.8)).fails();
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(report(0.7)).fails())
        .withMessageContaining("Expecting model test report to fail but no expectation failed:");
  }

  @Test
  void should_fail_if_there_are_warnings_or_undefined_expectations() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(report(0.7)).hasNoWarnings())
        .withMessageContainingAll("to have no warned expectation but found 1:", "[WARNED] precision >= 0.9");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(report(0.7)).passesEveryExpectation())
        .withMessageContaining("but 1 did not:");
    assertThat(report(0.7)).hasNoUndefinedExpectations();
  }

  @Test
  void should_fail_if_the_expectation_is_unknown() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(report(0.7)).expectation("accuracy >= 0.99"))
        .withMessageContainingAll("to have an expectation named:", "accuracy >= 0.99", "accuracy >= 0.7");
  }

  @Test
  void should_fail_if_the_expectation_has_another_status() {
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(report(0.8)).expectation("accuracy >= 0.8").isPassed())
        .withMessageContaining("to be PASSED but was FAILED");
  }

  @Test
  void should_check_regression_evaluations() {
    // y=[3,-0.5,2,7], p=[2.5,0,2,8] (sklearn's docstring example): MSE 0.375, MAE 0.5, R² 0.9486081370449679
    RegressionEvaluation evaluation = RegressionEvaluation.of(new double[] {3, -0.5, 2, 7},
        new double[] {2.5, 0, 2, 8});

    assertThat(evaluation).hasRmseAtMost(0.62).hasMaeAtMost(0.5).hasR2AtLeast(0.94);
    assertThat(evaluation).rmse().isCloseTo(Math.sqrt(0.375), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(evaluation).r2().isCloseTo(0.9486081370449679, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(evaluation).mae().isEqualTo(0.5);
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(evaluation).hasRmseAtMost(0.6))
        .withMessageContaining("to have rmse <= 0.6 but was 0.612372 (n=4)");
    assertThatExceptionOfType(AssertionError.class)
        .isThrownBy(() -> assertThat(evaluation).hasMetricAtLeast(Metric.ACCURACY, 0.5))
        .withMessageContaining("to compute accuracy but: ");
  }
}
