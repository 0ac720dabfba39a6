package dev.mlops.metrics.modeltest;

import static dev.mlops.metrics.modeltest.Applicants.LABELS;
import static dev.mlops.metrics.modeltest.Applicants.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.ProbabilisticClassifier;
import dev.mlops.metrics.modeltest.Applicants.Applicant;
import dev.mlops.metrics.modeltest.ExpectationResult.RowFinding;
import dev.mlops.metrics.modeltest.ExpectationResult.SliceOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ModelTest of classifiers. Literal values are recomputed with NumPy from Applicants.SCORES/LABELS
 * (threshold 0.5): pred=(s>=0.5); accuracy 11/15; precision = recall = 5/7; recall of class 0 = 6/8;
 * ROC AUC = 48/56 (pairs: np.mean([(p>n)+0.5*(p==n) for p in s[y==1] for n in s[y==0]])).
 */
final class ClassifierModelTestTest {

  private static final double EPS = 1e-12;

  /** P(approved) = 0.5 for everyone. */
  private static final ProbabilisticClassifier<Applicant> COIN_FLIP = a -> new double[] {0.5, 0.5};

  /** A test of {@code model} on 400 generated applicants (seed 7). */
  private static ClassifierTest<Applicant> onGenerated(ProbabilisticClassifier<Applicant> model) {
    List<Applicant> rows = Applicants.generated(400, 7);
    return ModelTest.forClassifier(model).on(rows, Applicants.labels(rows));
  }

  private static ClassifierTest<Applicant> test() {
    return ModelTest.forClassifier(MODEL).on(Applicants.rows(), LABELS).classNames("rejected", "approved")
        .bootstrap(200);
  }

  /** A test of the region-sensitive model on the 15 applicants, without bootstrap. */
  private static ClassifierTest<Applicant> regionSensitive() {
    return ModelTest.forClassifier(Applicants.REGION_SENSITIVE).on(Applicants.rows(), LABELS)
        .classNames("rejected", "approved").bootstrap(0);
  }

  private static ExpectationResult only(ModelTestReport report) {
    assertThat(report.expectations()).hasSize(1);
    return report.expectations().get(0);
  }

  @Test
  void accuracy_passes_whenAtLeastThreshold() {
    ModelTestReport report = test().expect(Metric.ACCURACY).atLeast(0.7).run();

    ExpectationResult result = only(report);
    assertThat(report.passed()).isTrue();
    assertThat(result.status()).isEqualTo(Status.PASSED);
    assertThat(result.name()).isEqualTo("accuracy >= 0.7");
    assertThat(result.observed()).isCloseTo(11.0 / 15, within(EPS));
    assertThat(result.n()).isEqualTo(15);
    // Wilson 95%: c=(p+z²/2n)/(1+z²/n), h=z*sqrt(p(1-p)/n+z²/4n²)/(1+z²/n) with p=11/15, z=norm.ppf(0.975)
    assertThat(result.ci().lower()).isCloseTo(0.4804956594401943, within(1e-9));
    assertThat(result.ci().upper()).isCloseTo(0.8910254667430761, within(1e-9));
    assertThat(result.reason()).isEqualTo("accuracy 0.733333 is >= 0.7");
  }

  @Test
  void accuracy_fails_whenBelowThreshold() {
    ModelTestReport report = test().expect(Metric.ACCURACY).atLeast(0.75).run();

    ExpectationResult result = only(report);
    assertThat(report.passed()).isFalse();
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.reason()).isEqualTo("accuracy 0.733333 is not >= 0.75");
    assertThat(report.failures()).containsExactly(result);
  }

  @Test
  void atMost_and_between_checkTheirSide() {
    ModelTestReport report = test()
        .expect(Metric.FPR).atMost(0.25)          // FPR = 2/8
        .expect(Metric.FPR).atMost(0.2)
        .expect(Metric.PRECISION).between(0.7, 0.72)   // 5/7 = 0.714
        .expect(Metric.PRECISION).between(0.72, 0.9)
        .run();

    assertThat(report.expectations()).extracting(ExpectationResult::status)
        .containsExactly(Status.PASSED, Status.FAILED, Status.PASSED, Status.FAILED);
    assertThat(report.expectations().get(2).name()).isEqualTo("precision in [0.7, 0.72]");
  }

  @Test
  void lowerBound_checksTheConfidenceIntervalInsteadOfTheValue() {
    ModelTestReport report = test()
        .expect(Metric.ROC_AUC).atLeast(0.8)
        .expect(Metric.ROC_AUC).lowerBound(0.95).atLeast(0.8)
        .expect(Metric.ROC_AUC).lowerBound(0.95).atLeast(0.6)
        .run();

    ExpectationResult onValue = report.expectations().get(0);
    ExpectationResult onBound = report.expectations().get(1);
    assertThat(onValue.observed()).isCloseTo(48.0 / 56, within(EPS));
    assertThat(onValue.status()).isEqualTo(Status.PASSED);
    // DeLong: auc - z*sqrt(var(V10,ddof=1)/m + var(V01,ddof=1)/n) = 0.6621250743554278
    assertThat(onBound.ci().lower()).isCloseTo(0.6621250743554278, within(1e-9));
    assertThat(onBound.name()).isEqualTo("roc_auc (95% CI lower bound) >= 0.8");
    assertThat(onBound.status()).isEqualTo(Status.FAILED);
    assertThat(onBound.reason()).startsWith("95% CI lower bound 0.662125 (roc_auc 0.857143, ").endsWith("is not >= 0.8");
    assertThat(report.expectations().get(2).status()).isEqualTo(Status.PASSED);
  }

  @Test
  void lowerBound_atAnotherLevel_reevaluatesAtThatLevel() {
    ModelTestReport report = test().expect(Metric.ACCURACY).lowerBound(0.5).atLeast(0.6).run();

    ExpectationResult result = only(report);
    assertThat(result.ci().level()).isEqualTo(0.5);
    // the 50% Wilson interval is narrower than the 95% one [0.4805, 0.8910]
    assertThat(result.ci().lower()).isGreaterThan(0.6);
    assertThat(result.status()).isEqualTo(Status.PASSED);
  }

  @Test
  void forClass_checksTheMetricOfThatClass() {
    ModelTestReport report = test()
        .expect(Metric.RECALL).forClass("rejected").atLeast(0.75)   // 6/8
        .expect(Metric.RECALL).forClass("approved").atLeast(0.75)   // 5/7
        .run();

    assertThat(report.expectations()).extracting(ExpectationResult::name)
        .containsExactly("recall[rejected] >= 0.75", "recall[approved] >= 0.75");
    assertThat(report.expectations()).extracting(ExpectationResult::observed)
        .containsExactly(0.75, 5.0 / 7);
    assertThat(report.expectations()).extracting(ExpectationResult::status)
        .containsExactly(Status.PASSED, Status.FAILED);
  }

  @Test
  void onEverySlice_failsOnTheWorstSlice_andListsEverySlice() {
    ModelTestReport report = test().expect(Metric.ACCURACY).onEverySlice(Applicant::region).atLeast(0.65).run();

    ExpectationResult result = only(report);
    assertThat(result.kind()).isEqualTo(ExpectationKind.METRIC_PER_SLICE);
    assertThat(result.status()).isEqualTo(Status.FAILED);
    // east: 2 of 3 right; north: 6 of 7; south: 3 of 5 (sorted by key)
    assertThat(result.slices()).extracting(SliceOutcome::key).containsExactly("east", "north", "south");
    assertThat(result.slices()).extracting(SliceOutcome::n).containsExactly(3L, 7L, 5L);
    assertThat(result.slices()).extracting(SliceOutcome::observed).containsExactly(2.0 / 3, 6.0 / 7, 0.6);
    assertThat(result.slices()).extracting(SliceOutcome::status)
        .containsExactly(Status.PASSED, Status.PASSED, Status.FAILED);
    assertThat(result.observed()).isEqualTo(0.6);
    assertThat(result.n()).isEqualTo(5);
    assertThat(result.reason()).startsWith("1 of 3 slices fail; worst slice 'south' (n=5): accuracy 0.6 is not >= 0.65");
  }

  @Test
  void minSliceSize_skipsSmallSlices() {
    ModelTestReport report = test().expect(Metric.ACCURACY).onEverySlice(Applicant::region).atLeast(0.65)
        .minSliceSize(6).run();

    ExpectationResult result = only(report);
    assertThat(result.slices()).extracting(SliceOutcome::skipped).containsExactly(true, false, true);
    assertThat(result.status()).isEqualTo(Status.PASSED);
    assertThat(result.reason()).startsWith("all 1 slices pass");
  }

  @Test
  void minSliceSize_withNoSliceLargeEnough_isUndefined() {
    ModelTestReport report = test().expect(Metric.ACCURACY).onEverySlice(Applicant::region).minSliceSize(100)
        .atLeast(0.5).run();

    assertThat(only(report).status()).isEqualTo(Status.UNDEFINED);
    assertThat(only(report).reason()).isEqualTo("no slice has at least 100 rows (3 slices)");
    assertThat(report.passed()).isTrue();
  }

  @Test
  void undefinedMetric_isUndefined_andKeepsTheRestOfTheReport() {
    // "high" holds only positives (0.9, 0.8, 0.75): ROC AUC is undefined there
    ModelTestReport report = test()
        .expect(Metric.ROC_AUC).onEverySlice(a -> a.score() > 0.7 ? "high" : "rest").atLeast(0.5)
        .expect(Metric.ACCURACY).atLeast(0.7)
        .run();

    ExpectationResult slices = report.expectations().get(0);
    assertThat(slices.status()).isEqualTo(Status.UNDEFINED);
    assertThat(slices.slices().get(0).key()).isEqualTo("high");
    assertThat(slices.slices().get(0).status()).isEqualTo(Status.UNDEFINED);
    assertThat(slices.slices().get(0).reason()).startsWith("roc_auc is undefined: ");
    assertThat(report.expectations().get(1).status()).isEqualTo(Status.PASSED);
    assertThat(report.passed()).isTrue();
  }

  @Test
  void undefinedMetric_fails_whenConfiguredTo() {
    ModelTestReport perExpectation = test()
        .expect(Metric.ROC_AUC).onEverySlice(a -> a.score() > 0.7 ? "high" : "rest").atLeast(0.5).failIfUndefined()
        .run();
    ModelTestReport global = test().undefinedFails()
        .expect(Metric.ROC_AUC).onEverySlice(a -> a.score() > 0.7 ? "high" : "rest").atLeast(0.5)
        .run();

    assertThat(only(perExpectation).status()).isEqualTo(Status.FAILED);
    assertThat(only(global).status()).isEqualTo(Status.FAILED);
  }

  @Test
  void asWarning_reportsWarned_andThePassesReport() {
    ModelTestReport after = test().expect(Metric.ACCURACY).atLeast(0.9).asWarning().run();
    ModelTestReport before = test().expect(Metric.ACCURACY).asWarning().atLeast(0.9).run();

    assertThat(only(after).status()).isEqualTo(Status.WARNED);
    assertThat(only(after).warning()).isTrue();
    assertThat(after.passed()).isTrue();
    assertThat(only(before).status()).isEqualTo(Status.WARNED);
  }

  @Test
  void asWarning_thatHolds_isPassed() {
    ModelTestReport report = test().expect(Metric.ACCURACY).atLeast(0.5).asWarning().run();

    assertThat(only(report).status()).isEqualTo(Status.PASSED);
  }

  @Test
  void invariance_passes_whenThePerturbationIsIgnored() {
    ModelTestReport report = test().expectInvariance("ignores the id", a -> a.withId("someone else")).run();

    ExpectationResult result = only(report);
    assertThat(result.kind()).isEqualTo(ExpectationKind.INVARIANCE);
    assertThat(result.name()).isEqualTo("invariance: ignores the id");
    assertThat(result.status()).isEqualTo(Status.PASSED);
    assertThat(result.observed()).isEqualTo(1.0);
    assertThat(result.n()).isEqualTo(15);
    assertThat(result.failingRows()).isEmpty();
  }

  @Test
  void invariance_fails_withThePassRate_andTheFailingRows() {
    // +0.3 in "west" flips rows 5 (0.4), 7 (0.35), 8 (0.3), 9 (0.2) and 12 (0.45) to approved
    ModelTestReport report = regionSensitive()
        .expectInvariance("ignores the region", a -> a.withRegion("west")).reportedRows(3)
        .run();

    ExpectationResult result = only(report);
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.observed()).isCloseTo(10.0 / 15, within(EPS));
    assertThat(result.failedRows()).isEqualTo(5);
    assertThat(result.failingRows()).extracting(RowFinding::index).containsExactly(5L, 7L, 8L);
    assertThat(result.failingRows().get(0).detail())
        .isEqualTo("class 'rejected' -> 'approved', p(rejected) 0.6 -> 0.3");
    assertThat(result.failingRows().get(0).row()).contains("id=r5");
    // flipped rows rank first; among them the (floating-point) largest probability change
    assertThat(result.worstRows()).hasSize(3).extracting(RowFinding::index).isSubsetOf(5L, 7L, 8L, 9L, 12L);
    assertThat(result.reason()).isEqualTo("5 of 15 rows fail (pass rate 0.666667 is not >= 1); first: row 5: "
        + "class 'rejected' -> 'approved', p(rejected) 0.6 -> 0.3");
  }

  @Test
  void invariance_minPassRate_acceptsSomeFailures() {
    ModelTestReport report = regionSensitive()
        .expectInvariance("ignores the region", a -> a.withRegion("west")).minPassRate(0.6)
        .run();

    assertThat(only(report).status()).isEqualTo(Status.PASSED);
    assertThat(only(report).threshold().lower()).isEqualTo(0.6);
  }

  @Test
  void invariance_tolerance_alsoBoundsTheProbabilityChange() {
    ModelTestReport report = regionSensitive()
        .expectInvariance("ignores the region", a -> a.withRegion("west")).tolerance(0.1)
        .run();

    // only row 0 (0.9 -> 1.0, change 0.1) stays within the tolerance
    assertThat(only(report).failedRows()).isEqualTo(14);
  }

  @Test
  void direction_passes_whenTheProbabilityMovesTheExpectedWay() {
    ModelTestReport report = regionSensitive()
        .expectDirection("west never lowers approval", a -> a.withRegion("west"), Direction.NON_DECREASING, "approved")
        .run();

    assertThat(only(report).status()).isEqualTo(Status.PASSED);
    assertThat(only(report).kind()).isEqualTo(ExpectationKind.DIRECTION);
  }

  @Test
  void direction_fails_whenTheProbabilityMovesTheOtherWay() {
    ModelTestReport report = regionSensitive()
        .expectDirection("west lowers approval", a -> a.withRegion("west"), Direction.DECREASING, "approved")
        .run();

    ExpectationResult result = only(report);
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.failedRows()).isEqualTo(15);
    assertThat(result.failingRows().get(0).detail()).isEqualTo("p(approved) 0.9 -> 1 (expected decreasing)");
    assertThat(result.failingRows().get(0).before()).isEqualTo(0.9);
    assertThat(result.failingRows().get(0).after()).isEqualTo(1.0);
    // the rows that rose most (by 0.3) come first
    RowFinding worst = result.worstRows().get(0);
    assertThat(worst.after() - worst.before()).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void cases_passAndFail_perCase() {
    List<ClassificationCase<Applicant>> cases = List.of(
        ClassificationCase.of("clear approval", new Applicant("c0", "north", 0.95, 1), "approved"),
        ClassificationCase.of("clear rejection", new Applicant("c1", "north", 0.05, 0), "rejected"),
        ClassificationCase.of("borderline", new Applicant("c2", "north", 0.45, 1), "approved"));

    ModelTestReport report = test().expectCases("obvious applicants", cases).run();

    ExpectationResult result = only(report);
    assertThat(result.name()).isEqualTo("cases: obvious applicants");
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.observed()).isCloseTo(2.0 / 3, within(EPS));
    assertThat(result.failingRows()).singleElement().satisfies(row -> {
      assertThat(row.index()).isEqualTo(2);
      assertThat(row.detail()).isEqualTo("expected 'approved', predicted 'rejected' (p(approved) 0.45)");
      assertThat(row.row()).startsWith("borderline: Applicant[id=c2");
    });
  }

  @Test
  void cases_pass_whenEveryCaseIsRight() {
    ModelTestReport report = test().expectCases(List.of(
        ClassificationCase.of("clear approval", new Applicant("c0", "north", 0.95, 1), "approved"))).run();

    assertThat(only(report).status()).isEqualTo(Status.PASSED);
    assertThat(only(report).name()).isEqualTo("cases: minimum functionality");
  }

  @Test
  void notWorseThan_passes_whenTheDropIsNotSignificant() {
    // 15 rows: the oracle is right where the model is wrong on 4 rows, never the reverse.
    // McNemar exact: b=0, c=4 -> p = 2 * 0.5^4 = 0.125
    ModelTestReport report = test().expectNotWorseThan(Applicants.ORACLE).on(Metric.ACCURACY).byMoreThan(0.01).run();

    ExpectationResult result = only(report);
    assertThat(result.kind()).isEqualTo(ExpectationKind.COMPARISON);
    assertThat(result.name()).isEqualTo("accuracy not worse than baseline by more than 0.01");
    assertThat(result.status()).isEqualTo(Status.PASSED);
    assertThat(result.observed()).isCloseTo(11.0 / 15 - 1, within(EPS));
    assertThat(result.comparison().pValue()).isCloseTo(0.125, within(1e-12));
    assertThat(result.comparison().test()).isEqualTo(ComparisonResult.MCNEMAR_EXACT);
    assertThat(result.reason()).contains("worse by more than 0.01 but not significantly");
  }

  @Test
  void notWorseThan_fails_whenTheCandidateIsSignificantlyWorse() {
    ModelTestReport report = onGenerated(COIN_FLIP).bootstrap(0)
        .expectNotWorseThan(MODEL).on(Metric.ROC_AUC).byMoreThan(0.05)
        .run();

    ExpectationResult result = only(report);
    assertThat(result.comparison().test()).isEqualTo(ComparisonResult.DELONG);
    assertThat(result.comparison().candidate()).isEqualTo(0.5);
    assertThat(result.comparison().difference()).isLessThan(-0.2);
    assertThat(result.ci().upper()).isLessThan(-0.05);
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.reason()).contains(": significantly worse by more than 0.05 (default rule");
  }

  @Test
  void notWorseThan_passes_whenTheCandidateIsBetter() {
    ModelTestReport report = onGenerated(MODEL).bootstrap(200)
        .expectNotWorseThan(COIN_FLIP).on(Metric.F1).byMoreThan(0)
        .run();

    ExpectationResult result = only(report);
    assertThat(result.comparison().test()).isEqualTo(ComparisonResult.PAIRED_BOOTSTRAP);
    assertThat(result.status()).isEqualTo(Status.PASSED);
    // +0.0, not -0.0 (which JSON would show as -0.0); Double.compare tells them apart
    assertThat(Double.compare(result.threshold().lower(), 0.0)).isZero();
  }

  @Test
  void modelThatThrowsOnSomeRows_isReportedPerRow_andMetricsUseTheOtherRows() {
    ProbabilisticClassifier<Applicant> flaky = a -> {
      if (a.id().equals("r3")) {
        throw new IllegalStateException("feature store timeout");
      }
      if (a.id().equals("r4")) {
        return new double[] {0.5, 0.6};
      }
      return MODEL.probabilities(a);
    };

    ModelTestReport report = ModelTest.forClassifier(flaky).on(Applicants.rows(), LABELS).bootstrap(0)
        .expect(Metric.ACCURACY).atLeast(0.7)
        .run();

    assertThat(report.predictedRows()).isEqualTo(13);
    ExpectationResult errors = report.expectations().get(0);
    assertThat(errors.kind()).isEqualTo(ExpectationKind.MODEL_ERRORS);
    assertThat(errors.status()).isEqualTo(Status.FAILED);
    assertThat(errors.failedRows()).isEqualTo(2);
    assertThat(errors.failingRows()).extracting(RowFinding::detail).containsExactly(
        "model threw IllegalStateException: feature store timeout",
        "probabilities must sum to 1 (within 1e-6): 1.1");
    // without rows 3 (0.6, label 0: wrong) and 4 (0.55, label 1: right): 10 of 13 right
    ExpectationResult accuracy = report.expectations().get(1);
    assertThat(accuracy.observed()).isCloseTo(10.0 / 13, within(EPS));
    assertThat(accuracy.n()).isEqualTo(13);
    assertThat(report.passed()).isFalse();
  }

  @Test
  void modelThatThrowsOnEveryRow_givesUndefinedMetrics_notACrash() {
    ProbabilisticClassifier<Applicant> broken = a -> {
      throw new IllegalStateException("model not loaded");
    };

    ModelTestReport report = ModelTest.forClassifier(broken).on(Applicants.rows(), LABELS)
        .expect(Metric.ACCURACY).atLeast(0.7).run();

    assertThat(report.evaluation()).isEmpty();
    assertThat(report.expectations()).extracting(ExpectationResult::status)
        .containsExactly(Status.FAILED, Status.UNDEFINED);
    assertThat(report.expectations().get(1).reason()).isEqualTo("accuracy is undefined: the model predicted no row");
  }

  @Test
  void multiclassModel_isEvaluatedOnTheArgMax() {
    ProbabilisticClassifier<Applicant> threeClasses = a -> a.label() == 1
        ? new double[] {0.1, 0.7, 0.2} : new double[] {0.6, 0.1, 0.3};
    ModelTestReport report = ModelTest.forClassifier(threeClasses).on(Applicants.rows(), LABELS)
        .classNames("a", "b", "c").bootstrap(0)
        .expect(Metric.ACCURACY).atLeast(1.0)
        .expect(Metric.RECALL).forClass("b").atLeast(1.0)
        .run();

    assertThat(report.expectations()).extracting(ExpectationResult::status)
        .containsExactly(Status.PASSED, Status.PASSED);
  }

  @Test
  void sameSeed_givesTheSameReport_andAnotherSeedOtherIntervals() {
    String first = test().seed(11).expect(Metric.F1).atLeast(0.5).run().toJson();
    String again = test().seed(11).expect(Metric.F1).atLeast(0.5).run().toJson();
    String other = test().seed(12).expect(Metric.F1).atLeast(0.5).run().toJson();

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void toJson_isSnakeCase_withEveryField() throws Exception {
    ModelTestReport report = test()
        .expect(Metric.ACCURACY).atLeast(0.75)
        .expect(Metric.ACCURACY).onEverySlice(Applicant::region).atLeast(0.5)
        .expectInvariance("ignores the id", a -> a.withId("x"))
        .run();

    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertThat(json.get("schema_version").asInt()).isEqualTo(1);
    assertThat(json.get("type").asText()).isEqualTo("model_test");
    assertThat(json.get("passed").asBoolean()).isFalse();
    assertThat(json.get("kind").asText()).isEqualTo("classification");
    assertThat(json.get("n").asLong()).isEqualTo(15);
    assertThat(json.get("predicted_rows").asLong()).isEqualTo(15);
    assertThat(json.get("counts").get("failed").asInt()).isEqualTo(1);
    JsonNode accuracy = json.get("expectations").get(0);
    assertThat(accuracy.get("name").asText()).isEqualTo("accuracy >= 0.75");
    assertThat(accuracy.get("status").asText()).isEqualTo("failed");
    assertThat(accuracy.get("metric").asText()).isEqualTo("accuracy");
    assertThat(accuracy.get("observed").asDouble()).isCloseTo(11.0 / 15, within(EPS));
    assertThat(accuracy.get("ci").get("method").asText()).isEqualTo("wilson");
    assertThat(accuracy.get("threshold").get("comparison").asText()).isEqualTo("at_least");
    assertThat(accuracy.get("threshold").get("lower").asDouble()).isEqualTo(0.75);
    assertThat(accuracy.get("threshold").get("upper").isNull()).isTrue();
    assertThat(json.get("expectations").get(1).get("slices")).hasSize(3);
    assertThat(json.get("expectations").get(2).get("failed_rows").asLong()).isZero();
    assertThat(json.get("evaluation").isObject()).isTrue();
  }

  @Test
  void toText_showsStatusesReasonsAndTheEvaluation() {
    ModelTestReport report = test().expect(Metric.ACCURACY).atLeast(0.75).run();

    assertThat(report.toText())
        .startsWith("ModelTest of a classifier on 15 rows (seed 42): FAILED: 0 passed, 1 failed, 0 warned, 0 undefined")
        .contains("[FAILED]    accuracy >= 0.75")
        .contains("accuracy 0.733333 is not >= 0.75  [95% CI [0.480496, 0.891025] wilson; n=15]");
    assertThat(report.toString())
        .isEqualTo("ModelTestReport[FAILED: 0 passed, 1 failed, 0 warned, 0 undefined; n=15]");
  }

  @Test
  void report_isImmutable() {
    ModelTestReport report = test().expect(Metric.ACCURACY).atLeast(0.7).run();

    assertThat(report.expectations()).isUnmodifiable();
  }

  @Test
  void thresholdOutsideTheMetricsRange_isRejected_namingTheExpectation() {
    assertThatIllegalArgumentException().isThrownBy(() -> test().expect(Metric.ROC_AUC).atLeast(1.5))
        .withMessage("expectation 'roc_auc >= 1.5': threshold must be within [0, 1]: 1.5");
    assertThatIllegalArgumentException().isThrownBy(() -> test().expect(Metric.LOG_LOSS).atMost(-1))
        .withMessage("expectation 'log_loss <= -1': threshold must be within [0, inf]: -1.0");
  }

  @Test
  void unknownClassName_isRejected_namingTheExpectation() {
    ClassifierTest<Applicant> test = test().expect(Metric.RECALL).forClass("fraud").atLeast(0.7);

    assertThatIllegalArgumentException().isThrownBy(test::run)
        .withMessage("expectation 'recall[fraud] >= 0.7': class name must be one of [rejected, approved]: fraud");
  }

  @Test
  void unknownClassNameOfADirection_isRejected_namingTheExpectation() {
    ClassifierTest<Applicant> test = test().expectDirection("d", a -> a, Direction.INCREASING, "fraud");

    assertThatIllegalArgumentException().isThrownBy(test::run)
        .withMessage("expectation 'direction: d': class name must be one of [rejected, approved]: fraud");
  }

  @Test
  void nullSliceKey_isRejected_namingTheExpectationAndTheRow() {
    ClassifierTest<Applicant> test = test().expect(Metric.F1)
        .onEverySlice(a -> a.region().equals("south") ? null : a.region()).atLeast(0.8);

    assertThatIllegalArgumentException().isThrownBy(test::run)
        .withMessage("expectation 'f1 on every slice >= 0.8': slice key must not be null: row 7");
  }

  @Test
  void emptyTestSet_isRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ModelTest.forClassifier(MODEL).on(List.of(), new int[0]))
        .withMessage("test rows must not be empty: 0 rows");
  }

  @Test
  void mismatchedLabels_areRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ModelTest.forClassifier(MODEL).on(Applicants.rows(), new int[3]))
        .withMessage("labels must have one entry per test row (15 rows): 3");
  }

  @Test
  void labelOutsideTheClassRange_isRejected() {
    int[] labels = LABELS.clone();
    labels[4] = 2;

    assertThatIllegalArgumentException()
        .isThrownBy(() -> ModelTest.forClassifier(MODEL).on(Applicants.rows(), labels)
            .expect(Metric.ACCURACY).atLeast(0.5).run())
        .withMessage("labels[4] must be in [0, 2): 2");
  }

  @Test
  void regressionMetricOnAClassifier_isRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> test().expect(Metric.RMSE))
        .withMessage("metric of a classifier expectation must be a classification metric: rmse");
  }

  @Test
  void metricTheModelDoesNotHave_isRejected_namingTheExpectation() {
    ClassifierTest<Applicant> test = test().expect(Metric.TOP_K_ACCURACY).atLeast(0.5);

    assertThatIllegalArgumentException().isThrownBy(test::run)
        .withMessageStartingWith("expectation 'top_k_accuracy >= 0.5': ");
  }

  @Test
  void runWithoutRows_isRejected() {
    assertThatIllegalStateException().isThrownBy(() -> ModelTest.forClassifier(MODEL).run())
        .withMessage("test rows must be set with on(rows, labels) before run()");
  }

  @Test
  void optionsOfTheLastExpectation_requireAFittingExpectation() {
    assertThatIllegalStateException().isThrownBy(() -> test().asWarning())
        .withMessage("asWarning() applies to the last expectation, but none was declared yet");
    assertThatIllegalStateException().isThrownBy(() -> test().expect(Metric.ACCURACY).atLeast(0.5).minSliceSize(5))
        .withMessage("minSliceSize applies to a per-slice expectation (onEverySlice), "
            + "but the last expectation is 'accuracy >= 0.5'");
    assertThatIllegalStateException().isThrownBy(() -> test().expect(Metric.ACCURACY).atLeast(0.5).minPassRate(0.5))
        .withMessageStartingWith("minPassRate applies to a behavioural check");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> test().expectInvariance("i", a -> a).minPassRate(1.5))
        .withMessage("expectation 'invariance: i': min pass rate must be in [0, 1]: 1.5");
  }

  @Test
  void comparison_requiresAMetricAndAMargin() {
    assertThatIllegalStateException().isThrownBy(() -> test().expectNotWorseThan(MODEL).byMoreThan(0.1))
        .withMessage("expectation '(metric) not worse than baseline by more than (delta)': call on(metric) before byMoreThan");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> test().expectNotWorseThan(MODEL).on(Metric.ACCURACY).byMoreThan(-0.1))
        .withMessage("expectation 'accuracy not worse than baseline by more than (delta)': margin must be finite and "
            + "not negative: -0.1");
    assertThatIllegalArgumentException().isThrownBy(() -> test().expectNotWorseThan(MODEL).on(Metric.MAE))
        .withMessage("metric of a comparison with the baseline must be a classification metric: mae");
  }
  @Test
  void perturbationOrModelFailing_onSomeRows_failsThoseRows_notTheRun() {
    ProbabilisticClassifier<Applicant> refusesWest = a -> {
      if (a.region().equals("west") && a.score() > 0.8) {
        throw new IllegalStateException("unknown region west");
      }
      return MODEL.probabilities(a);
    };
    ModelTestReport report = ModelTest.forClassifier(refusesWest).on(Applicants.rows(), LABELS).bootstrap(0)
        .expectInvariance("survives a bad perturbation", a -> {
          if (a.id().equals("r1")) {
            throw new IllegalArgumentException("cannot perturb r1");
          }
          return a.withRegion("west");
        })
        .expectCases(List.of(ClassificationCase.of("west high score", new Applicant("c", "west", 0.9, 1), "1")))
        .run();

    ExpectationResult invariance = report.expectations().get(0);
    // row 0 (0.9 in west) makes the model throw; row 1 makes the perturbation throw
    assertThat(invariance.failedRows()).isEqualTo(2);
    assertThat(invariance.failingRows()).extracting(RowFinding::detail).containsExactly(
        "model failed on the perturbed row: IllegalStateException: unknown region west",
        "perturbation failed: IllegalArgumentException: cannot perturb r1");
    ExpectationResult cases = report.expectations().get(1);
    assertThat(cases.status()).isEqualTo(Status.FAILED);
    assertThat(cases.failingRows().get(0).detail())
        .isEqualTo("model failed: IllegalStateException: unknown region west");
  }

  @Test
  void unknownExpectedClassOfACase_isRejected_namingTheCase() {
    ClassifierTest<Applicant> test = test().expectCases("typo", List.of(
        ClassificationCase.of("ok", new Applicant("c0", "north", 0.9, 1), "approved"),
        ClassificationCase.of("typo", new Applicant("c1", "north", 0.9, 1), "aproved")));

    assertThatIllegalArgumentException().isThrownBy(test::run)
        .withMessage("expectation 'cases: typo': case 1 expected class must be one of [rejected, approved]: aproved");
  }

  @Test
  void notWorseThan_onAMulticlassMetric_usesThePairedBootstrap() {
    ProbabilisticClassifier<Applicant> sharp = a -> a.label() == 1
        ? new double[] {0.1, 0.8, 0.1} : new double[] {0.8, 0.1, 0.1};
    ProbabilisticClassifier<Applicant> blurred = a -> new double[] {0.4, 0.3, 0.3};
    List<Applicant> rows = Applicants.generated(200, 3);

    ModelTestReport report = ModelTest.forClassifier(blurred).on(rows, Applicants.labels(rows)).bootstrap(100)
        .expectNotWorseThan(sharp).on(Metric.MACRO_F1).byMoreThan(0.05)
        .run();

    ExpectationResult result = only(report);
    assertThat(result.comparison().test()).isEqualTo(ComparisonResult.PAIRED_BOOTSTRAP);
    // perfect; class 2 is neither a label nor a prediction, so (as sklearn) the macro average leaves it out
    assertThat(result.comparison().baseline()).isEqualTo(1.0);
    assertThat(result.status()).isEqualTo(Status.FAILED);
  }

  @Test
  void threshold_rejectsReversedOrMissingBounds() {
    assertThatIllegalArgumentException().isThrownBy(() -> test().expect(Metric.ACCURACY).between(0.9, 0.8))
        .withMessage("expectation 'accuracy': threshold must be [lower, upper] with lower <= upper: [0.9, 0.8]");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ExpectationResult.Threshold(ExpectationResult.Comparison.AT_LEAST, Double.NaN, 1))
        .withMessage("lower bound must not be NaN for AT_LEAST");
  }
  @Test
  void forClass_onEverySlice_checksTheClassInEachSlice() {
    // recall of "approved" per region: east 1/2 (0.45 missed), north 4/4, south 0/1 (0.3 missed)
    ModelTestReport report = test().expect(Metric.RECALL).forClass("approved").onEverySlice(Applicant::region)
        .atLeast(0.5).run();

    ExpectationResult result = only(report);
    assertThat(result.name()).isEqualTo("recall[approved] on every slice >= 0.5");
    assertThat(result.slices()).extracting(SliceOutcome::observed).containsExactly(0.5, 1.0, 0.0);
    assertThat(result.slices()).extracting(SliceOutcome::status)
        .containsExactly(Status.PASSED, Status.PASSED, Status.FAILED);
    assertThat(result.status()).isEqualTo(Status.FAILED);
  }

  @Test
  void upperBound_ofAnErrorRate_isTheConservativeReading() {
    // FPR = 2/8; Wilson 95% upper bound = 0.5907 (same formula as accuracy, p = 0.25, n = 8)
    ModelTestReport report = test()
        .expect(Metric.FPR).atMost(0.3)
        .expect(Metric.FPR).upperBound(0.95).atMost(0.3)
        .run();

    assertThat(report.expectations()).extracting(ExpectationResult::status)
        .containsExactly(Status.PASSED, Status.FAILED);
    assertThat(report.expectations().get(1).ci().upper()).isCloseTo(0.5907, within(1e-4));
  }
}
