package dev.mlops.drift.stat;

import static dev.mlops.drift.stat.TestData.gen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Cramér-von Mises, Anderson-Darling, Mann-Whitney U, Welch's t, Wasserstein and energy distance
 * against SciPy 1.17.1. Samples from {@link TestData#gen}: SMALL = (gen(20,7919,10007),
 * gen(20,104729,10009,1,0.2)), UNEQUAL = (gen(37,7919,10007), gen(53,104729,10009,1.3,0.1)), TIES =
 * (gen(60,7919,10007,1,0,10), gen(45,104729,10009,1,0.1,10)), LARGE = (gen(20000,7919,100003),
 * gen(15000,104729,100019,1,0.01)), FAR = (gen(500,7919,10007), gen(500,104729,10009,1,0.7)).
 * Expected values from e.g. {@code stats.cramervonmises_2samp(*SMALL)}, {@code
 * stats.anderson_ksamp(list(SMALL), variant='midrank')}, {@code stats.mannwhitneyu(*SMALL,
 * method='asymptotic')}, {@code stats.ttest_ind(*SMALL, equal_var=False)}, {@code
 * stats.wasserstein_distance(*SMALL)} and {@code / max(np.std(SMALL[0]), 0.001)}, {@code
 * stats.energy_distance(*SMALL)}.
 */
final class SampleStatisticsTest {

  private static final double[][] SMALL = {gen(20, 7919, 10007, 1, 0), gen(20, 104729, 10009, 1, 0.2)};
  private static final double[][] UNEQUAL =
      {gen(37, 7919, 10007, 1, 0), gen(53, 104729, 10009, 1.3, 0.1)};
  private static final double[][] TIES =
      {gen(60, 7919, 10007, 1, 0, 10), gen(45, 104729, 10009, 1, 0.1, 10)};
  private static final double[][] LARGE =
      {gen(20000, 7919, 100003, 1, 0), gen(15000, 104729, 100019, 1, 0.01)};
  private static final double[][] FAR = {gen(500, 7919, 10007, 1, 0), gen(500, 104729, 10009, 1, 0.7)};

  private static void check(TestResult r, double statistic, double p, double rel) {
    assertThat(r.status()).isEqualTo(TestResult.Status.OK);
    assertThat(r.statistic()).isCloseTo(statistic, offset(Math.abs(statistic) * 1e-10 + 1e-14));
    if (Double.isNaN(p)) {
      assertThat(r.pValue()).isNaN();
    } else {
      assertThat(r.pValue()).isCloseTo(p, offset(Math.abs(p) * rel));
    }
  }

  private static TestResult sorted(
      BiFunction<double[], double[], TestResult> f, double[][] s) {
    double[] a = s[0].clone();
    double[] b = s[1].clone();
    Arrays.sort(a);
    Arrays.sort(b);
    return f.apply(a, b);
  }

  @Test
  void cramerVonMises_matchesScipy_exactAndAsymptotic() {
    check(CramerVonMises.test(SMALL[0], SMALL[1]), 0.39250000000000007, 0.07847693549197636, 1e-12);
    check(CramerVonMises.test(UNEQUAL[0], UNEQUAL[1]), 0.7721296768466583, 0.008440586377224113,
        1e-10);
    check(CramerVonMises.test(TIES[0], TIES[1]), 0.19271164021163756, 0.2850788576328419, 1e-10);
    check(CramerVonMises.test(LARGE[0], LARGE[1]), 0.8267101376186474, 0.006316210783845255,
        1e-10);
    // exact path with ties: cramervonmises_2samp([1,2,2,3,5],[2,3,3,4,6,7]) -> (0.24242424242424243, 0.24458874458874458)
    check(CramerVonMises.test(new double[] {1, 2, 2, 3, 5}, new double[] {2, 3, 3, 4, 6, 7}),
        0.24242424242424243, 0.24458874458874458, 1e-12);
    assertThat(sorted(CramerVonMises::testSorted, UNEQUAL))
        .isEqualTo(CramerVonMises.test(UNEQUAL[0], UNEQUAL[1]));
  }

  @Test
  void cramerVonMises_asymptoticTail_isAccurateOnlyToItsDocumentedFloor() {
    // cramervonmises_2samp(*FAR) -> (65.29471999999998, 2.755385108965669e-08): series truncated at 1e-7
    TestResult r = CramerVonMises.test(FAR[0], FAR[1]);
    assertThat(r.statistic()).isCloseTo(65.29471999999998, offset(1e-9));
    assertThat(r.pValue()).isCloseTo(2.755385108965669e-08, offset(1e-12));
  }

  @Test
  void cramerVonMises_tooFewValues_isInsufficientData() {
    TestResult r = CramerVonMises.test(new double[] {1}, new double[] {1, 2, 3});
    assertThat(r.status()).isEqualTo(TestResult.Status.INSUFFICIENT_DATA);
    assertThat(r.pValue()).isNaN();
  }

  @Test
  void andersonDarling_matchesScipy_includingCapAndFloor() {
    check(AndersonDarling.test(SMALL[0], SMALL[1]), 2.1264661217618617, 0.043307012324298046,
        1e-10);
    check(AndersonDarling.test(UNEQUAL[0], UNEQUAL[1]), 4.746645736136378, 0.004281508916109674,
        1e-10);
    check(AndersonDarling.test(TIES[0], TIES[1]), 1.218985642395354, 0.10231050077983116, 1e-10);
    // floored: anderson_ksamp(list(LARGE), variant='midrank') -> (11.558808301955185, 0.001)
    check(AndersonDarling.test(LARGE[0], LARGE[1]), 11.558808301955185, AndersonDarling.P_FLOOR,
        0);
    // capped: anderson_ksamp([gen(20000,7919,100003), gen(20001,104729,100019,1,0.0015)]) -> (-0.8296701152732847, 0.25)
    check(AndersonDarling.test(LARGE[0], gen(20001, 104729, 100019, 1, 0.0015)),
        -0.8296701152732847, AndersonDarling.P_CAP, 0);
    // anderson_ksamp([[1,2,3,4,5],[2,3,4,6,8],[5,6,7,9,10]], variant='midrank') -> (2.5704325254997853, 0.025218217450794948)
    check(AndersonDarling.testSamples(new double[] {1, 2, 3, 4, 5}, new double[] {2, 3, 4, 6, 8},
        new double[] {5, 6, 7, 9, 10}), 2.5704325254997853, 0.025218217450794948, 1e-10);
    assertThat(sorted(AndersonDarling::testSorted, TIES))
        .isEqualTo(AndersonDarling.test(TIES[0], TIES[1]));
  }

  @Test
  void andersonDarling_singleDistinctValue_isUndefined() {
    TestResult r = AndersonDarling.test(new double[] {2, 2, 2}, new double[] {2, 2});
    assertThat(r.status()).isEqualTo(TestResult.Status.UNDEFINED);
    assertThat(r.statistic()).isNaN();
  }

  @Test
  void mannWhitney_matchesScipy_withTieAndContinuityCorrection() {
    check(MannWhitneyU.test(SMALL[0], SMALL[1]), 125.0, 0.043880384461220855, 1e-12);
    check(MannWhitneyU.test(UNEQUAL[0], UNEQUAL[1]), 643.0, 0.005718335075377469, 1e-12);
    check(MannWhitneyU.test(TIES[0], TIES[1]), 1130.5, 0.15412685908681165, 1e-12);
    check(MannWhitneyU.test(LARGE[0], LARGE[1]), 147058763.0, 0.0016650221614849267, 1e-12);
    // far tail: mannwhitneyu(*FAR, method='asymptotic') -> (11278.0, 6.958382572754843e-137)
    check(MannWhitneyU.test(FAR[0], FAR[1]), 11278.0, 6.958382572754843e-137, 1e-11);
    // all tied: mannwhitneyu([1,1,1],[1,1]) -> (3.0, 1.0); disjoint constants -> (0.0, 0.0955807045456294)
    check(MannWhitneyU.test(new double[] {1, 1, 1}, new double[] {1, 1}), 3.0, 1.0, 0);
    check(MannWhitneyU.test(new double[] {1, 1, 1}, new double[] {2, 2}), 0.0, 0.0955807045456294,
        1e-12);
    assertThat(sorted(MannWhitneyU::testSorted, TIES))
        .isEqualTo(MannWhitneyU.test(TIES[0], TIES[1]));
  }

  @Test
  void welch_matchesScipy() {
    check(WelchTTest.test(SMALL[0], SMALL[1]), -2.2500249129887204, 0.03032107212541031, 1e-11);
    check(WelchTTest.test(UNEQUAL[0], UNEQUAL[1]), -3.2048234327174123, 0.0018885009309433287,
        1e-11);
    check(WelchTTest.test(LARGE[0], LARGE[1]), -3.1600185143724793, 0.0015790462402342402, 1e-10);
    // ttest_ind(*FAR, equal_var=False) -> (-38.24881162356697, 8.295856025779463e-198)
    check(WelchTTest.test(FAR[0], FAR[1]), -38.24881162356697, 8.295856025779463e-198, 1e-10);
  }

  @Test
  void welch_constantSamples_followScipy() {
    // ttest_ind([1,1,1],[2,2],equal_var=False) -> (-inf, 0.0); ttest_ind([1,1,1],[1,1],...) -> (nan, nan)
    TestResult differ = WelchTTest.test(new double[] {1, 1, 1}, new double[] {2, 2});
    assertThat(differ.statistic()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(differ.pValue()).isZero();
    TestResult same = WelchTTest.test(new double[] {1, 1, 1}, new double[] {1, 1});
    assertThat(same.status()).isEqualTo(TestResult.Status.UNDEFINED);
    assertThat(same.statistic()).isNaN();
    assertThat(WelchTTest.test(new double[] {1}, new double[] {1, 2}).status())
        .isEqualTo(TestResult.Status.INSUFFICIENT_DATA);
  }

  @Test
  void welch_fromMoments_equalsTheSampleVersion() {
    double[] a = UNEQUAL[0];
    double[] b = UNEQUAL[1];
    TestResult fromSamples = WelchTTest.test(a, b);
    TestResult fromMoments = WelchTTest.fromMoments(
        a.length, mean(a), variance(a), b.length, mean(b), variance(b));
    assertThat(fromMoments.statistic()).isCloseTo(fromSamples.statistic(), offset(1e-12));
    assertThat(fromMoments.pValue()).isCloseTo(fromSamples.pValue(), offset(1e-14));
  }

  @Test
  void wasserstein_matchesScipy_rawAndNormed() {
    check(Wasserstein.distance(SMALL[0], SMALL[1]), 0.20743648044630325, Double.NaN, 0);
    check(Wasserstein.normedDistance(SMALL[0], SMALL[1]), 0.7222443900516863, Double.NaN, 0);
    check(Wasserstein.distance(TIES[0], TIES[1]), 0.085, Double.NaN, 0);
    check(Wasserstein.normedDistance(TIES[0], TIES[1]), 0.30274127252978916, Double.NaN, 0);
    check(Wasserstein.distance(LARGE[0], LARGE[1]), 0.009853251378258255, Double.NaN, 0);
    check(Wasserstein.normedDistance(LARGE[0], LARGE[1]), 0.034135647932632476, Double.NaN, 0);
    // disjoint: wasserstein_distance([1,2,3,4],[5,6,7]) -> 3.5000000000000004
    check(Wasserstein.distance(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7}), 3.5,
        Double.NaN, 0);
    // constant reference: wasserstein_distance([2,2,2],[2,3]) / max(np.std([2,2,2]), 0.001) -> 500.0
    check(Wasserstein.normedDistance(new double[] {2, 2, 2}, new double[] {2, 3}), 500.0,
        Double.NaN, 0);
    assertThat(sorted(Wasserstein::normedDistanceSorted, UNEQUAL))
        .isEqualTo(Wasserstein.normedDistance(UNEQUAL[0], UNEQUAL[1]));
  }

  @Test
  void energyDistance_matchesScipy() {
    check(EnergyDistance.distance(SMALL[0], SMALL[1]), 0.2913877362864383, Double.NaN, 0);
    check(EnergyDistance.distance(UNEQUAL[0], UNEQUAL[1]), 0.2998954015725372, Double.NaN, 0);
    check(EnergyDistance.distance(TIES[0], TIES[1]), 0.12255006535501532, Double.NaN, 0);
    check(EnergyDistance.distance(LARGE[0], LARGE[1]), 0.013912151743731197, Double.NaN, 0);
    // energy_distance([1,2,3,4],[5,6,7]) -> 2.2047927592204926
    check(EnergyDistance.distance(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7}),
        2.2047927592204926, Double.NaN, 0);
  }

  @Test
  void everySampleStatistic_onAnEmptySample_isInsufficientData() {
    double[] empty = {};
    double[] some = {1, 2, 3, 4, 5};
    for (TestResult r : new TestResult[] {
        CramerVonMises.test(some, empty), AndersonDarling.test(empty, some),
        MannWhitneyU.test(some, empty), WelchTTest.test(empty, some),
        Wasserstein.distance(some, empty), Wasserstein.normedDistance(empty, some),
        EnergyDistance.distance(some, empty)}) {
      assertThat(r.status()).as(r.test()).isEqualTo(TestResult.Status.INSUFFICIENT_DATA);
      assertThat(r.statistic()).as(r.test()).isNaN();
      assertThat(r.isOk()).isFalse();
    }
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }
}
