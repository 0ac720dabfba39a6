package dev.mlops.drift.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Degrees of freedom and status of results, against SciPy 1.17. */
final class DegreesOfFreedomTest {

  private static final long[] REF = {30, 25, 20, 15, 10};
  private static final long[] CUR = {20, 20, 25, 20, 15};

  @Test
  void chiSquareHomogeneity_carriesTheContingencyTablesDof() {
    // scipy.stats.chi2_contingency([REF, CUR], correction=False): 4.825396825396825,
    // 0.30568653088665376, dof 4
    TestResult r = BinnedStatistics.chiSquareHomogeneity(REF, CUR);
    assertThat(r.statistic()).isCloseTo(4.825396825396825, within(1e-12));
    assertThat(r.pValue()).isCloseTo(0.30568653088665376, within(1e-12));
    assertThat(r.degreesOfFreedom()).isEqualTo(4.0);
  }

  @Test
  void goodnessOfFitTests_carryBinsMinusOne() {
    // scipy.stats.chisquare(CUR, REF / sum(REF) * sum(CUR)): 9.75, 0.04485617853580228 (df 4)
    TestResult chi = BinnedStatistics.chiSquareGoodnessOfFit(REF, CUR);
    assertThat(chi.statistic()).isCloseTo(9.75, within(1e-12));
    assertThat(chi.pValue()).isCloseTo(0.04485617853580228, within(1e-12));
    assertThat(chi.degreesOfFreedom()).isEqualTo(4.0);
    // power_divergence(..., lambda_='log-likelihood'): 9.684067330131688, 0.04609942976751215
    TestResult g = BinnedStatistics.gTest(REF, CUR);
    assertThat(g.statistic()).isCloseTo(9.684067330131688, within(1e-12));
    assertThat(g.pValue()).isCloseTo(0.04609942976751215, within(1e-12));
    assertThat(g.degreesOfFreedom()).isEqualTo(4.0);
  }

  @Test
  void bothEmptyBins_areDroppedFromTheDof() {
    TestResult r = BinnedStatistics.chiSquareHomogeneity(new long[] {5, 0, 5}, new long[] {4, 0, 6});
    assertThat(r.degreesOfFreedom()).isEqualTo(1.0);
  }

  @Test
  void welch_carriesTheWelchSatterthwaiteDf() {
    double[] x = {0.001, 0.299, -0.274, -0.891, -0.455, -0.992, 0.06, 1.34};
    double[] y = {0.644, 0.583, -1.093, 0.599, 2.266, -1.511, 1.617, 0.655, -0.334, 3.101};
    TestResult r = WelchTTest.test(x, y);
    // scipy.stats.ttest_ind(x, y, equal_var=False).df
    assertThat(r.degreesOfFreedom()).isCloseTo(14.057025416848282, within(1e-9));
  }

  @Test
  void distancesHaveNoDof_andUndefinedResultsCarryTheirStatus() {
    assertThat(BinnedStatistics.jensenShannon(REF, CUR).degreesOfFreedom()).isNaN();
    TestResult empty = BinnedStatistics.chiSquareHomogeneity(new long[] {0, 0}, new long[] {1, 2});
    assertThat(empty.status()).isEqualTo(TestResult.Status.INSUFFICIENT_DATA);
    assertThat(empty.status().label()).isEqualTo("insufficient data");
    assertThat(empty.degreesOfFreedom()).isNaN();
  }
}
