package dev.mlops.metrics.modeltest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.modeltest.Applicants.Applicant;
import org.junit.jupiter.api.Test;

/** Expectations derived from a reference evaluation (Evidently-style). */
final class DerivedExpectationsTest {

  // accuracy 11/15, precision = recall = 5/7 (see ClassifierModelTestTest)
  private static final ClassificationEvaluation REFERENCE =
      ClassificationEvaluation.binary(Applicants.LABELS, Applicants.SCORES).evaluate();

  @Test
  void derivesABandAroundEveryHeadlineMetric() {
    DerivedExpectations derived = ModelTest.derivedFrom(REFERENCE).withMetrics(Metric.ACCURACY, Metric.RECALL)
        .withRelativeTolerance(0.1);

    // 11/15 * (1 ± 0.1) = [0.66, 0.806667]; 5/7 * (1 ± 0.1) = [0.642857, 0.785714]
    assertThat(derived.describe()).containsExactly("accuracy in [0.66, 0.806667]", "recall in [0.642857, 0.785714]");
  }

  @Test
  void check_passesTheReferenceItself_andFailsAWorseModel() {
    DerivedExpectations derived = ModelTest.derivedFrom(REFERENCE).withRelativeTolerance(0.05);
    double[] worse = Applicants.SCORES.clone();
    worse[0] = 0.1;    // a sure positive now rejected: accuracy 10/15
    ClassificationEvaluation current = ClassificationEvaluation.binary(Applicants.LABELS, worse).evaluate();

    ModelTestReport same = derived.check(REFERENCE);
    ModelTestReport drop = derived.check(current);

    assertThat(same.passed()).isTrue();
    assertThat(same.expectations()).extracting(ExpectationResult::metric).contains(Metric.ACCURACY, Metric.ROC_AUC,
        Metric.LOG_LOSS);
    assertThat(drop.passed()).isFalse();
    assertThat(drop.expectation("accuracy in [0.696667, 0.77]")).get().extracting(ExpectationResult::status)
        .isEqualTo(Status.FAILED);
  }

  @Test
  void oneSided_andWarnings_andTheAbsoluteTolerance() {
    DerivedExpectations derived = ModelTest.derivedFrom(REFERENCE).withMetrics(Metric.ACCURACY, Metric.LOG_LOSS)
        .withRelativeTolerance(0).withAbsoluteTolerance(0.05).oneSided().asWarnings();

    assertThat(derived.describe()).first().isEqualTo("accuracy >= 0.683333");
    assertThat(derived.describe().get(1)).startsWith("log_loss <= ");
    double[] worse = Applicants.SCORES.clone();
    worse[0] = 0.1;
    ModelTestReport report = derived.check(ClassificationEvaluation.binary(Applicants.LABELS, worse).evaluate());
    assertThat(report.expectations().get(0).status()).isEqualTo(Status.WARNED);
    assertThat(report.passed()).isTrue();
  }

  @Test
  void expectAll_addsTheDerivedExpectationsToATest() {
    ModelTestReport report = ModelTest.forClassifier(Applicants.MODEL).on(Applicants.rows(), Applicants.LABELS)
        .bootstrap(0)
        .expectAll(ModelTest.derivedFrom(REFERENCE))
        .run();

    assertThat(report.passed()).isTrue();
    assertThat(report.expectations()).hasSizeGreaterThan(5);
  }

  @Test
  void kindMismatch_isRejected() {
    RegressionEvaluation regression = RegressionEvaluation.of(new double[] {1, 2, 3}, new double[] {1, 2, 4});

    assertThatIllegalArgumentException().isThrownBy(() -> ModelTest.derivedFrom(REFERENCE).check(regression))
        .withMessage("evaluation to check must be a classification evaluation like the reference: REGRESSION");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ModelTest.<Applicant>forRegressor(a -> 1.0).expectAll(ModelTest.derivedFrom(REFERENCE)))
        .withMessage("derived expectations must come from a regression evaluation: CLASSIFICATION");
    assertThatIllegalArgumentException().isThrownBy(() -> ModelTest.derivedFrom(REFERENCE).withMetrics(Metric.MAE))
        .withMessage("metric must be computed by the reference evaluation: mae");
  }
}
