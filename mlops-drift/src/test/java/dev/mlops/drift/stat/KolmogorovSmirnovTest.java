package dev.mlops.drift.stat;

import static dev.mlops.drift.stat.TestData.gen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Expected values: {@code stats.ks_2samp(a, b)} with SciPy 1.17.1 (method='auto'), the samples
 * from {@link TestData#gen}, e.g. {@code stats.ks_2samp(gen(20,7919,10007), gen(20,104729,10009,
 * 1,0.2))}.
 */
final class KolmogorovSmirnovTest {

  private static void assertKs(TestResult r, double d, double p, double relTol) {
    assertThat(r.status()).isEqualTo(TestResult.Status.OK);
    assertThat(r.statistic()).isCloseTo(d, within(1e-12));
    if (p == 0) {
      assertThat(r.pValue()).isZero();
    } else {
      assertThat(r.pValue()).isCloseTo(p, offset(Math.abs(p) * relTol));
    }
  }

  @Test
  void exactPValue_matchesScipy_forEqualSizes() {
    // ks_2samp(gen(20,7919,10007), gen(20,104729,10009,1,0.2)) -> (0.3, 0.33559098126008213)
    TestResult r = KolmogorovSmirnov.test(gen(20, 7919, 10007, 1, 0), gen(20, 104729, 10009, 1, 0.2));
    assertKs(r, 0.3, 0.33559098126008213, 1e-12);
    assertThat(r.n1()).isEqualTo(20);
    assertThat(r.n2()).isEqualTo(20);
  }

  @Test
  void exactPValue_matchesScipy_forUnequalSizes() {
    // ks_2samp(gen(37,7919,10007), gen(53,104729,10009,1.3,0.1)) -> (0.3125956144824069, 0.02072472711476662)
    TestResult r =
        KolmogorovSmirnov.test(gen(37, 7919, 10007, 1, 0), gen(53, 104729, 10009, 1.3, 0.1));
    assertKs(r, 0.3125956144824069, 0.02072472711476662, 1e-12);
  }

  @Test
  void ties_areHandledExactly() {
    // ks_2samp(gen(60,7919,10007,1,0,10), gen(45,104729,10009,1,0.1,10)) -> (1/9, 0.8793072802816579)
    TestResult r = KolmogorovSmirnov.test(
        gen(60, 7919, 10007, 1, 0, 10), gen(45, 104729, 10009, 1, 0.1, 10));
    assertKs(r, 0.1111111111111111, 0.8793072802816579, 1e-12);
  }

  @Test
  void manyTies_inSamplesLargeEnoughForTheSplitWalk_matchScipy() {
    // ks_2samp(gen(3000,7919,10007,1,0,50), gen(2500,104729,10009,1,0.03,50)) -> (0.032733333333333337, 0.10518471907859749)
    assertKs(
        KolmogorovSmirnov.test(
            gen(3000, 7919, 10007, 1, 0, 50), gen(2500, 104729, 10009, 1, 0.03, 50)),
        0.032733333333333337,
        0.10518471907859749,
        1e-11);
    // three distinct values only: ks_2samp(gen(3000,7919,10007,1,0,3), gen(2500,104729,10009,1,0,3)) -> (0.0018, 1.0)
    assertKs(
        KolmogorovSmirnov.test(gen(3000, 7919, 10007, 1, 0, 3), gen(2500, 104729, 10009, 1, 0, 3)),
        0.0018,
        1.0,
        1e-12);
  }

  @Test
  void exactPValue_keepsRelativeAccuracy_farInTheTail() {
    // ks_2samp(gen(500,7919,10007), gen(500,104729,10009,1,0.7)) -> (0.706, 5.315639225574777e-120)
    assertKs(
        KolmogorovSmirnov.test(gen(500, 7919, 10007, 1, 0), gen(500, 104729, 10009, 1, 0.7)),
        0.706,
        5.315639225574777e-120,
        1e-10);
    // ks_2samp(gen(300,7919,10007), gen(400,104729,10009,1,0.8)) -> (0.8075, 1.0940683567884328e-112)
    assertKs(
        KolmogorovSmirnov.test(gen(300, 7919, 10007, 1, 0), gen(400, 104729, 10009, 1, 0.8)),
        0.8075,
        1.0940683567884328e-112,
        1e-10);
  }

  @Test
  void exactPValue_isUsedUpToTenThousand() {
    // ks_2samp(gen(10000,7919,100003), gen(9000,104729,100019,1,0.01)) -> (0.01041111111111111, 0.678756035803797)
    assertKs(
        KolmogorovSmirnov.test(gen(10000, 7919, 100003, 1, 0), gen(9000, 104729, 100019, 1, 0.01)),
        0.01041111111111111,
        0.678756035803797,
        1e-12);
  }

  @Test
  void asymptoticPValue_matchesScipy_acrossItsAlgorithms() {
    double[] ref = gen(20000, 7919, 100003, 1, 0);
    // kstwo Pelz-Good region: ks_2samp(ref, gen(15000,104729,100019,1,0.01)) -> (0.010166666666666657, 0.33612680954433494)
    assertKs(
        KolmogorovSmirnov.test(ref, gen(15000, 104729, 100019, 1, 0.01)),
        0.010166666666666657,
        0.33612680954433494,
        1e-10);
    // n = round(en) = 50 <= 140: ks_2samp(ref, gen(50,104729,100019,1,0.1)) -> (0.1249, 0.3845664869326312)
    assertKs(
        KolmogorovSmirnov.test(ref, gen(50, 104729, 100019, 1, 0.1)),
        0.1249,
        0.3845664869326312,
        1e-10);
    // Smirnov sum region (small p): ks_2samp(ref, gen(20000,104729,100019,1,0.05)) -> (0.05035, 1.7976882086024892e-22)
    assertKs(
        KolmogorovSmirnov.test(ref, gen(20000, 104729, 100019, 1, 0.05)),
        0.05035,
        1.7976882086024892e-22,
        1e-9);
    // Durbin matrix region: ks_2samp(ref, gen(20001,104729,100019,1,0.0015)) -> (0.001841185440727977, 0.999999999999996)
    assertKs(
        KolmogorovSmirnov.test(ref, gen(20001, 104729, 100019, 1, 0.0015)),
        0.001841185440727977,
        0.999999999999996,
        1e-12);
  }

  @Test
  void sortedEntryPoints_giveTheSameResultWithoutCopying() {
    double[] a = gen(37, 7919, 10007, 1, 0);
    double[] b = gen(53, 104729, 10009, 1.3, 0.1);
    TestResult raw = KolmogorovSmirnov.test(a, b);
    double[] sa = a.clone();
    double[] sb = b.clone();
    Arrays.sort(sa);
    Arrays.sort(sb);
    assertThat(KolmogorovSmirnov.testSorted(sa, sb)).isEqualTo(raw);
    assertThat(KolmogorovSmirnov.testSortedReference(sa, b)).isEqualTo(raw);
    assertThat(b).isEqualTo(gen(53, 104729, 10009, 1.3, 0.1)); // input untouched
  }

  @Test
  void nonFiniteValues_areIgnoredAndNotCounted() {
    double[] a = {0.1, Double.NaN, 0.5, 0.3, 0.9, Double.POSITIVE_INFINITY, 1.2, 0.4};
    double[] b = {0.2, 1.5, 1.3, Double.NEGATIVE_INFINITY, 1.9, 2.2, 0.8, 1.1};
    // ks_2samp([0.1,0.5,0.3,0.9,1.2,0.4], [0.2,1.5,1.3,1.9,2.2,0.8,1.1]) -> (0.5714285714285714, 0.14685314685314685)
    TestResult r = KolmogorovSmirnov.test(a, b);
    assertKs(r, 0.5714285714285714, 0.14685314685314685, 1e-12);
    assertThat(r.n1()).isEqualTo(6);
    assertThat(r.n2()).isEqualTo(7);
    // Arrays.sort puts the non-finite values at the ends: the sorted entry point accepts that.
    Arrays.sort(a);
    Arrays.sort(b);
    assertThat(KolmogorovSmirnov.testSorted(a, b)).isEqualTo(r);
  }

  @Test
  void constantAndDisjointSamples_matchScipy() {
    // ks_2samp([1,1,1],[1,1]) -> (0.0, 1.0); ks_2samp([1,1,1],[2,2]) -> (1.0, 0.2)
    assertKs(KolmogorovSmirnov.test(new double[] {1, 1, 1}, new double[] {1, 1}), 0, 1, 0);
    assertKs(KolmogorovSmirnov.test(new double[] {1, 1, 1}, new double[] {2, 2}), 1, 0.2, 1e-12);
    // ks_2samp([1,2,3,4],[5,6,7]) -> (1.0, 0.05714285714285715)
    assertKs(
        KolmogorovSmirnov.test(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7}),
        1,
        0.05714285714285715,
        1e-12);
  }

  @Test
  void emptyOrAllNaNSample_isInsufficientData_notAnException() {
    TestResult r = KolmogorovSmirnov.test(new double[] {Double.NaN, Double.NaN}, new double[] {1});
    assertThat(r.status()).isEqualTo(TestResult.Status.INSUFFICIENT_DATA);
    assertThat(r.statistic()).isNaN();
    assertThat(r.pValue()).isNaN();
    assertThat(r.n1()).isZero();
    assertThat(r.reason()).isNotEmpty();
  }

  @Test
  void unsortedInput_toSortedEntryPoint_isRejectedWithIndexAndValue() {
    assertThatThrownBy(
            () -> KolmogorovSmirnov.testSorted(new double[] {1, 3, 2}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sortedReference")
        .hasMessageContaining("index 2")
        .hasMessageContaining("2.0");
    assertThatThrownBy(
            () -> KolmogorovSmirnov.testSorted(new double[] {1, 2}, new double[] {1, Double.NaN, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sortedCurrent");
  }

  @Test
  void largeSamples_useTheAsymptoticPValue() {
    // ks_2samp(gen(200000,7919,1000003), gen(100000,104729,1000033)) -> (0.00011499999999997623, 1.0)
    TestResult r = KolmogorovSmirnov.test(
        gen(200_000, 7919, 1000003, 1, 0), gen(100_000, 104729, 1000033, 1, 0));
    assertKs(r, 0.00011499999999997623, 1.0, 1e-12);
  }
}
