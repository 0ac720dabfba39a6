package dev.mlops.drift.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * Z-test: {@code p=(s1+s2)/(n1+n2); se=np.sqrt(p*(1-p)*(1/n1+1/n2)); z=(s1/n1-s2/n2)/se;
 * 2*stats.norm.sf(abs(z))}. Fisher: {@code stats.fisher_exact([[s1, n1-s1], [s2, n2-s2]])}.
 * SciPy 1.17.1.
 */
final class ProportionTestsTest {

  @Test
  void twoProportionZ_matchesTheFormula_includingSmallPValues() {
    TestResult r = ProportionTests.twoProportionZ(30, 100, 45, 110);
    assertThat(r.statistic()).isCloseTo(-1.6477716817422, offset(1e-12));
    assertThat(r.pValue()).isCloseTo(0.09939953216165574, offset(1e-14));
    TestResult far = ProportionTests.twoProportionZ(500, 1000, 300, 1000);
    assertThat(far.statistic()).isCloseTo(9.128709291752768, offset(1e-12));
    assertThat(far.pValue()).isCloseTo(6.932079668133675e-20, offset(6.9e-20 * 1e-10));
  }

  @Test
  void twoProportionZ_sameConstantOutcome_isNoDifference() {
    TestResult r = ProportionTests.twoProportionZ(0, 50, 0, 70);
    assertThat(r.statistic()).isZero();
    assertThat(r.pValue()).isEqualTo(1.0);
    assertThat(ProportionTests.twoProportionZ(0, 0, 3, 7).status())
        .isEqualTo(TestResult.Status.INSUFFICIENT_DATA);
  }

  @Test
  void fisherExact_matchesScipy() {
    TestResult r = ProportionTests.fisherExact(30, 100, 45, 110);
    assertThat(r.statistic()).isCloseTo(0.6190476190476191, offset(1e-15));
    assertThat(r.pValue()).isCloseTo(0.11368676207021228, offset(1e-12));
    // [[3,0],[0,4]] -> (inf, 0.028571428571428567)
    TestResult perfect = ProportionTests.fisherExact(3, 3, 0, 4);
    assertThat(perfect.statistic()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(perfect.pValue()).isCloseTo(0.028571428571428567, offset(1e-15));
    // [[500,500],[300,700]] -> (2.3333333333333335, 7.527661570867568e-20)
    TestResult far = ProportionTests.fisherExact(500, 1000, 300, 1000);
    assertThat(far.statistic()).isCloseTo(2.3333333333333335, offset(1e-15));
    assertThat(far.pValue()).isCloseTo(7.527661570867568e-20, offset(7.5e-20 * 1e-9));
    // [[10,10],[10,10]] -> (1.0, 1.0)
    assertThat(ProportionTests.fisherExact(10, 20, 10, 20).pValue()).isEqualTo(1.0);
  }

  @Test
  void fisherExact_zeroMargin_isScipysConvention() {
    TestResult r = ProportionTests.fisherExact(0, 10, 0, 12);
    assertThat(r.statistic()).isNaN();
    assertThat(r.pValue()).isEqualTo(1.0);
  }

  @Test
  void invalidCounts_areRejected() {
    assertThatThrownBy(() -> ProportionTests.twoProportionZ(11, 10, 1, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("successes1 must be in [0, n1]: 11 of 10");
    assertThatThrownBy(() -> ProportionTests.fisherExact(1, 5, 1, -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n2 must not be negative: -5");
  }
}
