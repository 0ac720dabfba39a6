package dev.mlops.drift.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** p-value methods of KS and Cramér-von Mises against SciPy 1.17 ({@code method=}). */
final class PValueMethodTest {

  private static final double[] X = {0.001, 0.299, -0.274, -0.891, -0.455, -0.992, 0.06, 1.34,
      -0.492, -0.62, 0.49, 0.357, 0.105, -0.93, -0.029, 0.695, -1.344, -0.458, -1.901, -1.29,
      -1.842, -0.235, -1.267, 0.271, 0.157, -0.187, -2.517, -0.539, -0.049, 0.113, -1.53, -0.478,
      -0.979, -0.809, 1.061, -0.808, -0.033, 0.884, -0.584, -0.112};
  private static final double[] Y = {0.644, 0.583, -1.093, 0.599, 2.266, -1.511, 1.617, 0.655,
      -0.334, 3.101, 1.491, -1.059, 0.597, 1.25, 0.255, 1.388, 0.414, 1.367, 2.37, -0.378, 0.764,
      -0.102, 0.665, -1.043, -0.253, 0.245, 1.668, 1.989, -1.221, -0.533, 1.341, -2.09, -0.102,
      0.374, 2.134, 1.396, 0.075, 0.021, 0.175, 2.481, -0.056, 0.105, 0.958, 0.343, 0.244, -0.948,
      0.485, -0.077, 2.016, 1.349, 0.469, 1.369, 0.058, 1.868, 0.493};

  private static Offset<Double> rel(double v) {
    return within(Math.abs(v) * 1e-9);
  }

  @Test
  void ks_exactAndAutoAgree_andAsymptoticIsKstwo_forSmallSamples() {
    // scipy.stats.ks_2samp(X, Y, method=...)
    TestResult exact = KolmogorovSmirnov.test(X, Y, PValueMethod.EXACT);
    TestResult asymp = KolmogorovSmirnov.test(X, Y, PValueMethod.ASYMPTOTIC);
    TestResult auto = KolmogorovSmirnov.test(X, Y, PValueMethod.AUTO);
    assertThat(exact.statistic()).isCloseTo(0.45454545454545453, within(1e-15));
    assertThat(exact.pValue()).isCloseTo(7.57134823668581e-05, rel(7.57134823668581e-05));
    assertThat(auto.pValue()).isEqualTo(exact.pValue());
    assertThat(asymp.pValue()).isCloseTo(7.328268882771937e-05, rel(7.328268882771937e-05));
    assertThat(KolmogorovSmirnov.test(X, Y)).isEqualTo(auto);
  }

  @Test
  void ks_exactOverridesTheAutoSizeRule_aboveTenThousand() {
    double[] x = new double[12_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = i * 0.001;
    }
    double[] y = new double[150];
    for (int i = 0; i < y.length; i++) {
      y[i] = 3.0 + i * 0.05;
    }
    // auto is asymptotic here (max(n) > 10,000): scipy 1.2298762465981132e-08; exact 1.2164...e-08
    assertThat(KolmogorovSmirnov.test(x, y).pValue())
        .isCloseTo(1.2298762465981132e-08, within(1.2298762465981132e-08 * 1e-8));
    assertThat(KolmogorovSmirnov.test(x, y, PValueMethod.EXACT).pValue())
        .isCloseTo(1.2164202275080771e-08, within(1.2164202275080771e-08 * 1e-8));
    assertThat(KolmogorovSmirnov.test(x, y, PValueMethod.ASYMPTOTIC).pValue())
        .isCloseTo(1.2298762465981132e-08, within(1.2298762465981132e-08 * 1e-8));
  }

  @Test
  void cramerVonMises_methodsAgreeWithScipy_onSmallSamples() {
    double[] x = java.util.Arrays.copyOf(X, 15);
    double[] y = java.util.Arrays.copyOf(Y, 12);
    // scipy.stats.cramervonmises_2samp(X[:15], Y[:12], method=...)
    TestResult exact = CramerVonMises.test(x, y, PValueMethod.EXACT);
    assertThat(exact.statistic()).isCloseTo(0.5679012345679011, within(1e-12));
    assertThat(exact.pValue()).isCloseTo(0.026912204769251477, within(1e-12));
    assertThat(CramerVonMises.test(x, y).pValue()).isEqualTo(exact.pValue());
    // the asymptotic series is truncated at 1e-7, as SciPy's
    assertThat(CramerVonMises.test(x, y, PValueMethod.ASYMPTOTIC).pValue())
        .isCloseTo(0.02654646552087303, within(1e-7));
  }

  @Test
  void cramerVonMises_exactIsAvailableAboveTwenty() {
    double[] x = {0.0, 0.9636, 0.5155, -0.6878, -0.8835, 0.2151, 0.9985, 0.3191, -0.8278, -0.762,
        0.4202, 0.9868, 0.1078, -0.9291, -0.6048, 0.6055, 0.9288, -0.1086, -0.9869, -0.4194,
        0.7626, 0.8273, -0.3199, -0.9985, -0.2143, 0.8839, 0.6871, -0.5163, -0.9633, 0.0009};
    double[] y = {1.3, 1.0648, 0.47, -0.2048, -0.6422, -0.6365, -0.1903, 0.4865, 1.0756, 1.2999,
        1.0539, 0.4534, -0.2193, -0.6477, -0.6304, -0.1755, 0.503, 1.0861, 1.2994, 1.0427, 0.4367,
        -0.2336, -0.653, -0.6241, -0.1607};
    // scipy: exact 0.1471935800238799, auto (asymptotic) 0.145038366408745
    TestResult exact = CramerVonMises.test(x, y, PValueMethod.EXACT);
    assertThat(exact.statistic()).isCloseTo(0.2910303030303023, within(1e-12));
    assertThat(exact.pValue()).isCloseTo(0.1471935800238799, within(1e-12));
    assertThat(CramerVonMises.test(x, y).pValue()).isCloseTo(0.145038366408745, within(1e-7));
  }

  @Test
  void cramerVonMises_refusesExactBeyondItsMemoryBound() {
    double[] big = new double[CramerVonMises.MAX_EXACT_REQUEST_N + 1];
    for (int i = 0; i < big.length; i++) {
      big[i] = i;
    }
    assertThatThrownBy(() -> CramerVonMises.test(big, X, PValueMethod.EXACT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exact Cramér-von Mises p-value must be at most");
  }

  @Test
  void statistic_byMethod_isTheBuiltInForAuto_andKeyedByMethodOtherwise() {
    assertThat(KolmogorovSmirnov.statistic(PValueMethod.AUTO))
        .isSameAs(DriftStatistic.KOLMOGOROV_SMIRNOV);
    SampleStatistic exact = KolmogorovSmirnov.statistic(PValueMethod.EXACT);
    assertThat(exact.key()).isEqualTo("ks_exact");
    double[] x = X.clone();
    double[] y = Y.clone();
    java.util.Arrays.sort(x);
    java.util.Arrays.sort(y);
    TestResult r = exact.test(x, y);
    assertThat(r.test()).isEqualTo("ks_exact");
    assertThat(r.pValue()).isCloseTo(7.57134823668581e-05, rel(7.57134823668581e-05));
    assertThat(CramerVonMises.statistic(PValueMethod.ASYMPTOTIC).key())
        .isEqualTo("cramer_von_mises_asymptotic");
  }
}
