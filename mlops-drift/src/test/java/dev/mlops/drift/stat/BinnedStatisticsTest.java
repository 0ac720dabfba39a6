package dev.mlops.drift.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * Binned statistics against SciPy 1.17.1. With {@code r, c} the count vectors, {@code p = r/r.sum()},
 * {@code q = c/c.sum()}, {@code pr, qr} = p, q with zeros replaced by 1e-4 and {@code keep = (r+c) >
 * 0}: PSI {@code np.sum((qr-pr)*np.log(qr/pr))}, KL {@code stats.entropy(pr, qr)}, JS {@code
 * jensenshannon(p, q)}, Hellinger {@code np.sqrt(1-np.sum(np.sqrt(p*q)))}, TV {@code
 * 0.5*np.sum(np.abs(p-q))}, L-inf {@code np.max(np.abs(p-q))}, {@code stats.chisquare(c[keep],
 * p[keep]*c.sum())}, {@code stats.power_divergence(c[keep], p[keep]*c.sum(),
 * lambda_="log-likelihood")}, {@code stats.chi2_contingency([r[keep], c[keep]], correction=False)}.
 */
final class BinnedStatisticsTest {

  private static void near(TestResult r, double expected) {
    assertThat(r.status()).isEqualTo(TestResult.Status.OK);
    assertThat(r.statistic()).isCloseTo(expected, offset(Math.abs(expected) * 1e-12 + 1e-15));
    assertThat(r.pValue()).isNaN();
  }

  private static void test(TestResult r, double statistic, double p) {
    assertThat(r.status()).isEqualTo(TestResult.Status.OK);
    if (Double.isInfinite(statistic)) {
      assertThat(r.statistic()).isEqualTo(statistic);
    } else {
      assertThat(r.statistic()).isCloseTo(statistic, offset(Math.abs(statistic) * 1e-12));
    }
    assertThat(r.pValue()).isCloseTo(p, offset(p * 1e-9));
  }

  @Test
  void distancesAndTests_matchScipy_onOverlappingDistributions() {
    long[] r = {120, 80, 50, 30, 20};
    long[] c = {100, 90, 60, 25, 25};
    near(BinnedStatistics.populationStabilityIndex(r, c), 0.028916008669744343);
    near(BinnedStatistics.kullbackLeibler(r, c), 0.014488806002002018);
    near(BinnedStatistics.jensenShannon(r, c), 0.06007977170207328);
    near(BinnedStatistics.hellinger(r, c), 0.060100231719139495);
    near(BinnedStatistics.totalVariation(r, c), 0.08333333333333337);
    near(BinnedStatistics.lInfinity(r, c), 0.06666666666666671);
    test(BinnedStatistics.chiSquareGoodnessOfFit(r, c), 8.666666666666668, 0.06999321993035178);
    test(BinnedStatistics.gTest(r, c), 8.65632160064542, 0.0702879651687499);
    test(BinnedStatistics.chiSquareHomogeneity(r, c), 4.325609031491384, 0.3637292972969333);
    assertThat(BinnedStatistics.populationStabilityIndex(r, c).n1()).isEqualTo(300);
    assertThat(BinnedStatistics.populationStabilityIndex(r, c).n2()).isEqualTo(300);
  }

  @Test
  void categoryOnlyInCurrent_givesInfiniteGoodnessOfFit_andFiniteDistances() {
    long[] r = {50, 30, 20, 0, 0};
    long[] c = {45, 30, 20, 5, 0};
    near(BinnedStatistics.populationStabilityIndex(r, c), 0.31537696989415864);
    near(BinnedStatistics.kullbackLeibler(r, c), 0.051948402339269645);
    near(BinnedStatistics.jensenShannon(r, c), 0.13411516813945484);
    near(BinnedStatistics.hellinger(r, c), 0.16018224300696762);
    near(BinnedStatistics.totalVariation(r, c), 0.05);
    near(BinnedStatistics.lInfinity(r, c), 0.05);
    test(BinnedStatistics.chiSquareGoodnessOfFit(r, c), Double.POSITIVE_INFINITY, 0.0);
    test(BinnedStatistics.gTest(r, c), Double.POSITIVE_INFINITY, 0.0);
    test(BinnedStatistics.chiSquareHomogeneity(r, c), 5.2631578947368425, 0.1535109634218245);
  }

  @Test
  void categoryOnlyInReference_matchesScipy_withSmallPValues() {
    long[] r = {40, 30, 30};
    long[] c = {50, 50, 0};
    near(BinnedStatistics.populationStabilityIndex(r, c), 2.525589113422928);
    near(BinnedStatistics.kullbackLeibler(r, c), 2.1595051576399262);
    near(BinnedStatistics.jensenShannon(r, c), 0.34552738795637744);
    near(BinnedStatistics.hellinger(r, c), 0.406802249107967);
    test(BinnedStatistics.chiSquareGoodnessOfFit(r, c), 45.833333333333336, 1.1153678527396176e-10);
    test(BinnedStatistics.gTest(r, c), 73.39691750802005, 1.1536175883190057e-16);
    test(BinnedStatistics.chiSquareHomogeneity(r, c), 36.111111111111114, 1.440694355076914e-08);
  }

  @Test
  void strongShift_pValueUnderflowsToZero_likeScipy() {
    long[] r = {5000, 3000, 2000};
    long[] c = {2000, 3000, 5000};
    near(BinnedStatistics.populationStabilityIndex(r, c), 0.549774439124493);
    near(BinnedStatistics.jensenShannon(r, c), 0.25770974832606103);
    test(BinnedStatistics.chiSquareGoodnessOfFit(r, c), 6300.0, 0.0);
    test(BinnedStatistics.gTest(r, c), 5497.744391244931, 0.0);
    test(BinnedStatistics.chiSquareHomogeneity(r, c), 2571.4285714285716, 0.0);
  }

  @Test
  void identicalDistributions_giveZeroDistance() {
    long[] r = {10, 20, 30};
    long[] c = {20, 40, 60};
    near(BinnedStatistics.populationStabilityIndex(r, c), 0);
    near(BinnedStatistics.jensenShannon(r, c), 0);
    near(BinnedStatistics.hellinger(r, c), 0);
    test(BinnedStatistics.chiSquareHomogeneity(r, c), 0, 1.0);
  }

  @Test
  void emptySide_isInsufficientData_andSingleBin_isDefined() {
    TestResult empty = BinnedStatistics.jensenShannon(new long[] {0, 0}, new long[] {1, 2});
    assertThat(empty.status()).isEqualTo(TestResult.Status.INSUFFICIENT_DATA);
    assertThat(empty.statistic()).isNaN();
    // chi2_contingency with one column left: SciPy's dof == 0 convention (0, 1)
    test(BinnedStatistics.chiSquareHomogeneity(new long[] {5, 0}, new long[] {7, 0}), 0, 1.0);
    assertThat(BinnedStatistics.chiSquareGoodnessOfFit(new long[] {5, 0}, new long[] {7, 0})
        .status()).isEqualTo(TestResult.Status.UNDEFINED);
  }

  @Test
  void badCounts_areRejectedNamingIndexAndValue() {
    assertThatThrownBy(() -> BinnedStatistics.populationStabilityIndex(new long[] {1, -2},
        new long[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reference counts must not be negative: index 1 value -2");
    assertThatThrownBy(() -> BinnedStatistics.hellinger(new long[] {1, 2}, new long[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same number of bins: 2 vs 1");
  }
}
