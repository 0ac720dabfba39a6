package dev.mlops.metrics.modeltest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.Regressor;
import dev.mlops.metrics.modeltest.ExpectationResult.RowFinding;
import dev.mlops.metrics.modeltest.ExpectationResult.SliceOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ModelTest of regressors. Literal values with NumPy: t=np.arange(10.); p=10+5*t;
 * y=np.array([12,14,21,24,31,33,41,44,50,58.]); e=y-p; rmse=np.sqrt(np.mean(e**2)) = 1.51657508881031;
 * mae=np.mean(abs(e)) = 1.3; r2=1-sum(e²)/sum((y-ȳ)²) = 0.9891998497370398; per season (first 5 rows
 * winter, last 5 summer): rmse 1.2649110640673518 and 1.7320508075688772.
 */
final class RegressorModelTestTest {

  record Ride(String id, String season, double temperature) {
    Ride warmer() {
      return new Ride(id, season, temperature + 1);
    }
  }

  private static final double[] TARGETS = {12, 14, 21, 24, 31, 33, 41, 44, 50, 58};
  private static final Regressor<Ride> LINEAR = r -> 10 + 5 * r.temperature();

  private static List<Ride> rides() {
    List<Ride> rides = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rides.add(new Ride("ride" + i, i < 5 ? "winter" : "summer", i));
    }
    return rides;
  }

  private static RegressorTest<Ride> test() {
    return ModelTest.forRegressor(LINEAR).on(rides(), TARGETS).bootstrap(200);
  }

  private static ExpectationResult only(ModelTestReport report) {
    assertThat(report.expectations()).hasSize(1);
    return report.expectations().get(0);
  }

  @Test
  void rmse_passesAndFails_againstItsUpperBound() {
    ModelTestReport report = test()
        .expect(Metric.RMSE).atMost(1.6)
        .expect(Metric.RMSE).atMost(1.5)
        .expect(Metric.MAE).atMost(1.3)
        .expect(Metric.R2).atLeast(0.99)
        .run();

    assertThat(report.kind()).isEqualTo(MetricKind.REGRESSION);
    assertThat(report.expectations()).extracting(ExpectationResult::observed)
        .containsExactly(1.51657508881031, 1.51657508881031, 1.3, 0.9891998497370398);
    assertThat(report.expectations()).extracting(ExpectationResult::status)
        .containsExactly(Status.PASSED, Status.FAILED, Status.PASSED, Status.FAILED);
    assertThat(report.expectations().get(1).reason()).isEqualTo("rmse 1.51658 is not <= 1.5");
    assertThat(report.evaluation()).get().isInstanceOf(RegressionEvaluation.class);
  }

  @Test
  void upperBound_usesTheBootstrapInterval() {
    // |e| = [2,1,1,1,1,2,1,1,0,3]: no resample has an RMSE above max |e| = 3, and the upper 97.5%
    // percentile of the resampled RMSEs lies above the observed 1.5166, so above 1.2
    ModelTestReport report = test()
        .expect(Metric.RMSE).upperBound(0.95).atMost(3)
        .expect(Metric.RMSE).upperBound(0.95).atMost(1.2)
        .expect(Metric.RMSE).atMost(1.6)
        .run();

    ExpectationResult bounded = report.expectations().get(0);
    assertThat(bounded.name()).isEqualTo("rmse (95% CI upper bound) <= 3");
    assertThat(bounded.ci().method()).isEqualTo("bootstrap_percentile");
    assertThat(bounded.ci().upper()).isBetween(1.51657508881031, 3.0);
    assertThat(report.expectations()).extracting(ExpectationResult::status)
        .containsExactly(Status.PASSED, Status.FAILED, Status.PASSED);
    assertThat(report.expectations().get(1).reason()).startsWith("95% CI upper bound ").endsWith("is not <= 1.2");
  }

  @Test
  void upperBound_withoutBootstrap_isUndefined() {
    ModelTestReport report = test().bootstrap(0).expect(Metric.RMSE).upperBound(0.95).atMost(1.6).run();

    assertThat(only(report).status()).isEqualTo(Status.UNDEFINED);
    assertThat(only(report).reason()).isEqualTo("rmse has no confidence interval (enable the bootstrap for this metric)");
  }

  @Test
  void onEverySlice_checksEachSeason() {
    ModelTestReport report = test().expect(Metric.RMSE).onEverySlice(Ride::season).atMost(1.5).run();

    ExpectationResult result = only(report);
    assertThat(result.slices()).extracting(SliceOutcome::key).containsExactly("summer", "winter");
    assertThat(result.slices()).extracting(SliceOutcome::observed)
        .containsExactly(1.7320508075688772, 1.2649110640673518);
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.observed()).isEqualTo(1.7320508075688772);
  }

  @Test
  void direction_passes_whenWarmerNeverLowersRentals() {
    ModelTestReport report = test().bootstrap(0)
        .expectDirection("warmer never lowers rentals", Ride::warmer, Direction.NON_DECREASING).run();

    assertThat(only(report).status()).isEqualTo(Status.PASSED);
  }

  @Test
  void direction_fails_withTheRows() {
    ModelTestReport report = test().bootstrap(0)
        .expectDirection("warmer lowers rentals", Ride::warmer, Direction.DECREASING).run();

    ExpectationResult result = only(report);
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.failedRows()).isEqualTo(10);
    assertThat(result.failingRows()).hasSize(5);
    assertThat(result.failingRows().get(0).detail()).isEqualTo("prediction 10 -> 15 (expected decreasing)");
  }

  @Test
  void invariance_usesTheTolerance() {
    ModelTestReport exact = test().bootstrap(0).expectInvariance("ignores the id", r -> new Ride("x", r.season(),
        r.temperature())).run();
    ModelTestReport loose = test().bootstrap(0).expectInvariance("temperature barely matters", Ride::warmer)
        .tolerance(5).run();
    ModelTestReport strict = test().bootstrap(0).expectInvariance("temperature barely matters", Ride::warmer)
        .tolerance(4.9).run();

    assertThat(only(exact).status()).isEqualTo(Status.PASSED);
    assertThat(only(loose).status()).isEqualTo(Status.PASSED);
    assertThat(only(strict).status()).isEqualTo(Status.FAILED);
    assertThat(only(strict).failingRows().get(0).detail()).isEqualTo("prediction 10 -> 15 (change 5 > tolerance 4.9)");
  }

  @Test
  void cases_checkTheRange() {
    ModelTestReport report = test().bootstrap(0).expectCases("known days", List.of(
        RegressionCase.between("freezing", new Ride("c0", "winter", 0), 5, 15),
        RegressionCase.between("hot", new Ride("c1", "summer", 30), 200, 300))).run();

    ExpectationResult result = only(report);
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.failingRows()).singleElement().extracting(RowFinding::detail)
        .isEqualTo("prediction 160 not in [200, 300]");
  }

  @Test
  void notWorseThan_usesThePairedBootstrap() {
    SplittableRandom random = new SplittableRandom(3);
    List<Ride> rides = new ArrayList<>();
    double[] targets = new double[300];
    for (int i = 0; i < 300; i++) {
      double t = random.nextDouble() * 30;
      rides.add(new Ride("r" + i, "any", t));
      targets[i] = 10 + 5 * t + random.nextGaussian();
    }
    Regressor<Ride> constant = r -> 80;

    ModelTestReport better = ModelTest.forRegressor(LINEAR).on(rides, targets).bootstrap(200)
        .expectNotWorseThan(constant).on(Metric.RMSE).byMoreThan(1).run();
    ModelTestReport worse = ModelTest.forRegressor(constant).on(rides, targets).bootstrap(200)
        .expectNotWorseThan(LINEAR).on(Metric.RMSE).byMoreThan(1).run();

    assertThat(only(better).status()).isEqualTo(Status.PASSED);
    assertThat(only(better).comparison().test()).isEqualTo(ComparisonResult.PAIRED_BOOTSTRAP);
    assertThat(only(better).threshold()).hasToString("<= 1");
    assertThat(only(worse).status()).isEqualTo(Status.FAILED);
    assertThat(only(worse).observed()).isGreaterThan(1);
  }

  @Test
  void modelReturningNaN_isReportedPerRow() {
    Regressor<Ride> flaky = r -> r.temperature() == 3 ? Double.NaN : LINEAR.predict(r);

    ModelTestReport report = ModelTest.forRegressor(flaky).on(rides(), TARGETS).bootstrap(0)
        .expect(Metric.MAE).atMost(2).run();

    assertThat(report.expectations().get(0).failingRows()).singleElement().satisfies(row -> {
      assertThat(row.index()).isEqualTo(3);
      assertThat(row.detail()).isEqualTo("model prediction must be finite: NaN");
    });
    // |y - p| = [2,1,1,1,1,2,1,1,0,3]; without row 3: 12 / 9
    assertThat(report.expectations().get(1).observed()).isCloseTo(12.0 / 9, within(1e-12));
    assertThat(report.expectations().get(1).n()).isEqualTo(9);
  }

  @Test
  void badInput_isRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> ModelTest.forRegressor(LINEAR).on(List.of(), new double[0]))
        .withMessage("test rows must not be empty: 0 rows");
    double[] targets = TARGETS.clone();
    targets[2] = Double.POSITIVE_INFINITY;
    assertThatIllegalArgumentException().isThrownBy(() -> ModelTest.forRegressor(LINEAR).on(rides(), targets))
        .withMessage("targets[2] must be finite: Infinity");
    assertThatIllegalArgumentException().isThrownBy(() -> test().expect(Metric.ACCURACY))
        .withMessage("metric of a regressor expectation must be a regression metric: accuracy");
    assertThatIllegalArgumentException().isThrownBy(() -> test().expect(Metric.R2).atLeast(2))
        .withMessage("expectation 'r2 >= 2': threshold must be within [-inf, 1]: 2.0");
  }

  @Test
  void sameSeed_givesTheSameReport() {
    String first = test().seed(5).expect(Metric.RMSE).upperBound(0.9).atMost(2).run().toJson();
    String again = test().seed(5).expect(Metric.RMSE).upperBound(0.9).atMost(2).run().toJson();

    assertThat(again).isEqualTo(first);
  }
}
