package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * (All literals: mlops-metrics/src/test/python/sklearn_reference.py.)
 * Expected values computed with NumPy/SciPy:
 * <pre>
 * McNemar b = 36, c = 23, n = 200: stats.chi2.sf((abs(b - c) - 1)**2 / (b + c), 1) = 0.11822511872392379
 *   Wald paired interval (b - c)/n -+ z sqrt(b + c - (b - c)**2/n)/n = [-0.00973286387484873, 0.13973286387484873]
 * McNemar b = 3, c = 9: min(1, 2 * stats.binom.cdf(3, 12, 0.5)) = 0.14599609375
 * DeLong paired (brute-force psi matrices, cov of the components): AUC 0.888888888888889 vs 0.7361111111111112,
 *   p = 2 * stats.norm.sf(|d| / sd) = 0.2889439748006355, interval [-0.12959428748040758, 0.43514984303596294]
 * </pre>
 */
final class ModelComparisonTest {

  private static final double[] S2 = {0.3, 0.2, 0.6, 0.55, 0.5, 0.45, 0.1, 0.3, 0.65, 0.7, 0.35, 0.2};

  private static int[][] mcnemarData(int n, int onlyCandidate, int onlyBaseline) {
    int[] labels = new int[n];
    int[] candidate = new int[n];
    int[] baseline = new int[n];
    for (int i = 0; i < n; i++) {
      boolean candidateWrong = i >= onlyCandidate && i < onlyCandidate + onlyBaseline;
      boolean baselineWrong = i < onlyCandidate;
      candidate[i] = candidateWrong ? 1 : 0;
      baseline[i] = baselineWrong ? 1 : 0;
    }
    return new int[][] {labels, candidate, baseline};
  }

  @Test
  void mcnemar_usesChiSquareWithContinuityCorrection_whenDiscordantPairsAreMany() {
    int[][] d = mcnemarData(200, 36, 23);
    ComparisonResult r = ModelComparison.mcnemar(d[0], d[1], d[2]);
    assertThat(r.test()).isEqualTo(ComparisonResult.MCNEMAR_CHI_SQUARE);
    assertThat(r.pValue()).isCloseTo(0.11822511872392379, within(1e-12));
    assertThat(r.candidate()).isCloseTo(177 / 200.0, within(1e-15));
    assertThat(r.baseline()).isCloseTo(164 / 200.0, within(1e-15));
    assertThat(r.difference()).isCloseTo(0.065, within(1e-15));
    assertThat(r.differenceCi().lower()).isCloseTo(-0.00973286387484873, within(1e-13));
    assertThat(r.differenceCi().upper()).isCloseTo(0.13973286387484873, within(1e-13));
    assertThat(r.candidateIsBetter()).isTrue();
  }

  @Test
  void mcnemar_isExactBinomial_whenDiscordantPairsAreFew() {
    int[][] d = mcnemarData(50, 3, 9);
    ComparisonResult r = ModelComparison.mcnemar(d[0], d[1], d[2]);
    assertThat(r.test()).isEqualTo(ComparisonResult.MCNEMAR_EXACT);
    assertThat(r.pValue()).isCloseTo(0.14599609375, within(1e-12));
    assertThat(r.candidateIsBetter()).isFalse();
  }

  @Test
  void mcnemar_givesPValueOne_whenModelsAgreeEverywhere() {
    int[] y = {0, 1, 1};
    assertThat(ModelComparison.mcnemar(y, y, y).pValue()).isEqualTo(1.0);
  }

  @Test
  void delong_matchesBruteForcePairedVariance() {
    ComparisonResult r = ModelComparison.delong(BinaryMetricsTest.Y, BinaryMetricsTest.S, S2);
    assertThat(r.candidate()).isCloseTo(0.888888888888889, within(1e-14));
    assertThat(r.baseline()).isCloseTo(0.7361111111111112, within(1e-14));
    assertThat(r.pValue()).isCloseTo(0.2889439748006355, within(1e-12));
    assertThat(r.differenceCi().lower()).isCloseTo(-0.12959428748040758, within(1e-12));
    assertThat(r.differenceCi().upper()).isCloseTo(0.43514984303596294, within(1e-12));
  }

  /** Seeded 0/1 labels and two scorers' P(class 1), each {@code signal * y + (1 - signal) * u}. */
  private record Scored(int[] y, double[] a, double[] b) {

    static Scored of(long seed, int n, double signalA, double signalB) {
      SplittableRandom random = new SplittableRandom(seed);
      int[] y = new int[n];
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = random.nextInt(2);
        a[i] = Math.min(1, Math.max(0, signalA * y[i] + (1 - signalA) * random.nextDouble()));
        b[i] = Math.min(1, Math.max(0, signalB * y[i] + (1 - signalB) * random.nextDouble()));
      }
      return new Scored(y, a, b);
    }
  }

  @Test
  void pairedBootstrap_detectsAClearlyBetterModel_andIsSeeded() {
    Scored clear = Scored.of(5, 600, 0.5, 0.1);
    int[] y = clear.y();
    double[] good = clear.a();
    double[] weak = clear.b();
    ComparisonResult r = ModelComparison.pairedBootstrap(Metric.F1, y, good, weak, 200, 9L);
    assertThat(r.test()).isEqualTo(ComparisonResult.PAIRED_BOOTSTRAP);
    assertThat(r.candidate()).isEqualTo(BinaryMetrics.counts(y, good, 0.5).f1().value());
    assertThat(r.difference()).isGreaterThan(0.1);
    assertThat(r.differenceCi().lower()).isGreaterThan(0);
    assertThat(r.pValue()).isLessThan(0.01);
    assertThat(ModelComparison.pairedBootstrap(Metric.F1, y, good, weak, 200, 9L)).isEqualTo(r);
    ComparisonResult same = ModelComparison.pairedBootstrap(Metric.ROC_AUC, y, good, good, 50, 1L);
    assertThat(same.difference()).isZero();
    assertThat(same.pValue()).isEqualTo(1.0);
  }

  @Test
  void pairedBootstrap_pValue_isTheBound2OverBPlus1_whenNoResampleReachesZero() {
    Scored clear = Scored.of(5, 600, 0.5, 0.1);

    ComparisonResult r = ModelComparison.pairedBootstrap(Metric.F1, clear.y(), clear.a(), clear.b(), 200, 9L);

    // SciPy's monte_carlo_test rule: 2 (0 + 1) / (200 + 1), never 0
    assertThat(r.pValue()).isEqualTo(2.0 / 201);
    assertThat(r.resamples()).isEqualTo(200);
    assertThat(r.pValueIsBound()).isTrue();
    assertThat(r.pValueText()).isEqualTo("p <= 0.00995 (no resample of 200 reached 0)");
  }

  @Test
  void pairedBootstrap_pValue_countsTheResamplesOnTheRarerSidePlusOne() {
    Scored close = Scored.of(8, 200, 0.2, 0.18);
    int[] y = close.y();

    ComparisonResult r = ModelComparison.pairedBootstrap(Metric.ROC_AUC, y, close.a(), close.b(), 300, 3L);

    double k = r.pValue() * 301 / 2 - 1;  // resamples on the rarer side
    assertThat(k).isGreaterThan(0).isCloseTo(Math.rint(k), within(1e-9));
    assertThat(r.pValueIsBound()).isFalse();
    assertThat(r.pValueText()).startsWith("p = ");
    assertThat(ModelComparison.mcnemar(y, y, y).resamples()).isZero();
    assertThat(ModelComparison.mcnemar(y, y, y).pValueIsBound()).isFalse();
  }

  @Test
  void pairedBootstrap_worksForRegressionAndMulticlass() {
    double[] actual = RegressionMetricsTest.A;
    double[] worse = actual.clone();
    for (int i = 0; i < worse.length; i++) {
      worse[i] += (i % 2 == 0 ? 3 : -3);
    }
    ComparisonResult reg = ModelComparison.pairedBootstrap(Metric.MAE, actual, RegressionMetricsTest.P, worse, 100, 3L);
    assertThat(reg.candidate()).isCloseTo(0.625, within(1e-15));
    assertThat(reg.baseline()).isCloseTo(3.0, within(1e-15));
    assertThat(reg.candidateIsBetter()).isTrue();
    ComparisonResult multi = ModelComparison.pairedBootstrap(Metric.MACRO_F1, MulticlassMetricsTest.Y,
        MulticlassMetricsTest.P, MulticlassMetricsTest.P, 50, 3L);
    assertThat(multi.difference()).isZero();
  }

  @Test
  void comparisons_rejectMismatchedInput() {
    assertThatThrownBy(() -> ModelComparison.mcnemar(new int[] {0, 1}, new int[] {0}, new int[] {0, 1}))
        .hasMessage("candidatePredictions must have the same length as labels (2): 1");
    assertThatThrownBy(() -> ModelComparison.pairedBootstrap(Metric.MAE, new int[] {0, 1}, new double[] {0, 1},
        new double[] {0, 1}, 10, 1L)).hasMessage("metric must be a binary classification metric: mae");
  }
}
