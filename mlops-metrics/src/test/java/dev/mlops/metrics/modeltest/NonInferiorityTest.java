package dev.mlops.metrics.modeltest;

import static dev.mlops.metrics.modeltest.Applicants.LABELS;
import static dev.mlops.metrics.modeltest.Applicants.MODEL;
import static dev.mlops.metrics.modeltest.Applicants.ORACLE;
import static dev.mlops.metrics.modeltest.LinearRows.LINEAR;
import static dev.mlops.metrics.modeltest.LinearRows.TARGETS;
import static dev.mlops.metrics.modeltest.LinearRows.tens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.Regressor;
import org.junit.jupiter.api.Test;

/**
 * {@code expectNotWorseThan(..).requireNonInferiority()} against the default "prove it is worse" rule,
 * and the comparison interval following {@code significanceLevel}.
 *
 * <p>Literal values (Applicants MODEL vs ORACLE on accuracy, 15 rows: the oracle alone is right on 4
 * rows, b=0, c=4), with NumPy/SciPy:
 * <pre>
 * n=15; b=0; c=4; d=(b-c)/n                         # -0.26666666666666666
 * se=np.sqrt(c+b-(b-c)**2/n)/n                      # paired Wald, as ModelComparison.mcnemar
 * z=norm.ppf(0.975); (d-z*se, d+z*se)              # 95%: (-0.4904550509086597, -0.04287828242467359)
 * z=norm.ppf(0.95);  (d-z*se, d+z*se)              # 90%: (-0.45447579907602265, -0.07885753425731068)
 * scipy.stats.binomtest(0, 4, 0.5).pvalue          # 0.125 (McNemar exact)
 * </pre>
 * Default rule at alpha 0.05: the 95% upper end -0.0429 is below -0.01 but p = 0.125 >= 0.05, so it
 * PASSES. Non-inferiority at alpha 0.05: the lower end of the 90% interval, -0.4545, is not above
 * -0.01, so it FAILS. With the oracle as the candidate the oriented interval is (0.0789, 0.4545):
 * lower end above -0.01, non-inferior.
 */
final class NonInferiorityTest {

  private static ClassifierTest<Applicants.Applicant> test() {
    return ModelTest.forClassifier(MODEL).on(Applicants.rows(), LABELS).bootstrap(0);
  }

  @Test
  void smallNotSignificantDrop_passesTheDefaultRule_butFailsNonInferiority() {
    ModelTestReport report = test()
        .expectNotWorseThan(ORACLE).on(Metric.ACCURACY).byMoreThan(0.01)
        .expectNotWorseThan(ORACLE).on(Metric.ACCURACY).requireNonInferiority().byMoreThan(0.01)
        .run();

    ExpectationResult lenient = report.expectations().get(0);
    ExpectationResult strict = report.expectations().get(1);
    assertThat(lenient.status()).isEqualTo(Status.PASSED);
    assertThat(lenient.ci().level()).isEqualTo(0.95);
    assertThat(lenient.ci().lower()).isCloseTo(-0.4904550509086597, within(1e-12));
    assertThat(lenient.ci().upper()).isCloseTo(-0.04287828242467359, within(1e-12));
    assertThat(lenient.comparison().pValue()).isCloseTo(0.125, within(1e-12));
    assertThat(lenient.reason()).contains("worse by more than 0.01 but not significantly (default rule: "
        + "fails only a significant drop; not a non-inferiority test)");

    assertThat(strict.name()).isEqualTo("accuracy not worse than baseline by more than 0.01 (non-inferiority)");
    assertThat(strict.status()).isEqualTo(Status.FAILED);
    assertThat(report.passed()).isFalse();
    assertThat(strict.comparison().test()).isEqualTo(ComparisonResult.MCNEMAR_EXACT);
    assertThat(strict.observed()).isCloseTo(-0.26666666666666666, within(1e-12));
    assertThat(strict.ci().level()).isCloseTo(0.90, within(1e-12));
    assertThat(strict.ci().lower()).isCloseTo(-0.45447579907602265, within(1e-12));
    assertThat(strict.ci().upper()).isCloseTo(-0.07885753425731068, within(1e-12));
    assertThat(strict.reason()).contains("90% CI [-0.454476, -0.0788575]")
        .contains(": non-inferiority not shown: lower end of the improvement interval -0.454476 <= -0.01 "
            + "(one-sided non-inferiority test at alpha 0.05, decided by the interval; no p-value for the margin)");
  }

  /**
   * DeLong, MODEL (AUC 48/56) vs ORACLE (AUC 1), margin 0.05. NumPy (structural components,
   * ddof=1 variances and covariances): P=s[y==1]; N=s[y==0]; psi=(P[:,None]>N)+0.5*(P[:,None]==N);
   * v10=psi.mean(1); v01=psi.mean(0) per model; se = 0.09950069711775561, d = -0.1428571428571429;
   * two-sided p = 2*norm.sf(abs(d)/se) = 0.1510763043241586 (default rule passes: not significant);
   * 90%: d -/+ norm.ppf(0.95)*se = (-0.3065212253954831, 0.020806939681197317) (lower end <= -0.05:
   * non-inferiority fails); p of H0 d <= -0.05: norm.sf((d+0.05)/se) = 0.8246496641171062.
   */
  @Test
  void delong_defaultPasses_nonInferiorityFails_withTheOneSidedPValueOfTheMargin() {
    ModelTestReport report = test()
        .expectNotWorseThan(ORACLE).on(Metric.ROC_AUC).byMoreThan(0.05)
        .expectNotWorseThan(ORACLE).on(Metric.ROC_AUC).requireNonInferiority().byMoreThan(0.05)
        .run();

    ExpectationResult lenient = report.expectations().get(0);
    ExpectationResult strict = report.expectations().get(1);
    assertThat(lenient.comparison().test()).isEqualTo(ComparisonResult.DELONG);
    assertThat(lenient.comparison().pValue()).isCloseTo(0.1510763043241586, within(1e-9));
    assertThat(lenient.status()).isEqualTo(Status.PASSED);
    assertThat(strict.status()).isEqualTo(Status.FAILED);
    assertThat(strict.observed()).isCloseTo(-0.1428571428571429, within(1e-12));
    assertThat(strict.ci().lower()).isCloseTo(-0.3065212253954831, within(1e-9));
    assertThat(strict.ci().upper()).isCloseTo(0.020806939681197317, within(1e-9));
    assertThat(strict.reason()).contains(": non-inferiority not shown: lower end of the improvement interval "
        + "-0.306521 <= -0.05 (one-sided non-inferiority test at alpha 0.05, decided by the interval; "
        + "p=0.82465 for H0: difference <= -0.05 (DeLong z))");
  }

  @Test
  void nonInferiority_passes_whenTheLowerEndIsAboveMinusTheMargin() {
    ModelTestReport report = ModelTest.forClassifier(ORACLE).on(Applicants.rows(), LABELS).bootstrap(0)
        .expectNotWorseThan(MODEL).on(Metric.ACCURACY).requireNonInferiority().byMoreThan(0.01)
        .run();

    ExpectationResult result = report.expectations().get(0);
    assertThat(result.status()).isEqualTo(Status.PASSED);
    assertThat(result.ci().lower()).isCloseTo(0.07885753425731068, within(1e-12));
    assertThat(result.reason()).contains(": non-inferior: lower end of the improvement interval 0.0788575 > -0.01");
  }

  @Test
  void nonInferiority_asWarning_isWarned() {
    ModelTestReport report = test()
        .expectNotWorseThan(ORACLE).on(Metric.ACCURACY).requireNonInferiority().byMoreThan(0.01).asWarning()
        .run();

    assertThat(report.expectations().get(0).status()).isEqualTo(Status.WARNED);
    assertThat(report.passed()).isTrue();
  }

  @Test
  void nonInferiority_needsASignificanceLevelBelowOneHalf() {
    ClassifierTest<Applicants.Applicant> test = test().significanceLevel(0.5)
        .expectNotWorseThan(ORACLE).on(Metric.ACCURACY).requireNonInferiority().byMoreThan(0.01);

    assertThatIllegalArgumentException().isThrownBy(test::run)
        .withMessage("expectation 'accuracy not worse than baseline by more than 0.01 (non-inferiority)': "
            + "significance level of a non-inferiority test must be below 0.5: 0.5");
  }

  // Regression: smaller RMSE is better, so the improvement interval is minus the interval of the difference.
  private static final Regressor<Integer> FAR_OFF = t -> 10 + 5.0 * t + 6;

  @Test
  void regression_nonInferiority_orientsSmallerIsBetter_andTheIntervalFollowsTheSignificanceLevel() {
    // rmse of LINEAR = 1.51657508881031; of FAR_OFF: np.sqrt(np.mean((y-p-6)**2)) = 5.890670590009257
    ModelTestReport better = ModelTest.forRegressor(LINEAR).on(tens(), TARGETS).bootstrap(200).significanceLevel(0.1)
        .expectNotWorseThan(FAR_OFF).on(Metric.RMSE).requireNonInferiority().byMoreThan(0)
        .expectNotWorseThan(FAR_OFF).on(Metric.RMSE).byMoreThan(0)
        .run();
    ModelTestReport worse = ModelTest.forRegressor(FAR_OFF).on(tens(), TARGETS).bootstrap(200)
        .expectNotWorseThan(LINEAR).on(Metric.RMSE).requireNonInferiority().byMoreThan(0.5)
        .run();

    ExpectationResult strict = better.expectations().get(0);
    assertThat(strict.comparison().test()).isEqualTo(ComparisonResult.PAIRED_BOOTSTRAP);
    assertThat(strict.comparison().difference()).isCloseTo(1.51657508881031 - 5.890670590009257, within(1e-9));
    assertThat(strict.ci().level()).isCloseTo(0.8, within(1e-12));     // 1 - 2 * 0.1
    assertThat(strict.ci().upper()).isLessThan(0);
    assertThat(strict.status()).isEqualTo(Status.PASSED);
    assertThat(strict.reason()).contains(": non-inferior: lower end of the improvement interval "
        + Format.number(-strict.ci().upper()) + " > 0");
    // default rule: the (multiclass and) regression bootstrap interval now follows significanceLevel
    assertThat(better.expectations().get(1).ci().level()).isCloseTo(0.9, within(1e-12));
    assertThat(better.expectations().get(1).status()).isEqualTo(Status.PASSED);

    ExpectationResult worseResult = worse.expectations().get(0);
    assertThat(worseResult.ci().level()).isCloseTo(0.9, within(1e-12));
    assertThat(worseResult.status()).isEqualTo(Status.FAILED);
    assertThat(worseResult.reason()).contains("non-inferiority not shown");
  }
}
