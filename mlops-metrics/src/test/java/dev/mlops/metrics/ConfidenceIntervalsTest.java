package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * (All literals: mlops-metrics/src/test/python/sklearn_reference.py.)
 * Wilson: the statsmodels formula with {@code z = scipy.stats.norm.ppf(0.975)}:
 * 9/12 -> [0.46769466506643426, 0.9110583316059453], 4/5 -> [0.37553462976252533, 0.9637758913675698].
 * DeLong on {@link BinaryMetricsTest}'s data, by brute force in NumPy:
 * {@code psi = (X[:,None] > Y) + 0.5 (X[:,None] == Y); var = var(psi.mean(1), ddof=1)/m + var(psi.mean(0), ddof=1)/n}
 * = 0.008950617283950617, interval [0.7034612002442601, 1.0743165775335177] (upper clipped to 1).
 */
final class ConfidenceIntervalsTest {

  @Test
  void wilson_matchesStatsmodels() {
    Interval acc = ConfidenceIntervals.wilson(9, 12, 0.95);
    assertThat(acc.lower()).isCloseTo(0.46769466506643426, within(1e-13));
    assertThat(acc.upper()).isCloseTo(0.9110583316059453, within(1e-13));
    assertThat(acc.method()).isEqualTo(Interval.WILSON);
    Interval precision = ConfidenceIntervals.wilson(4, 5, 0.95);
    assertThat(precision.lower()).isCloseTo(0.37553462976252533, within(1e-13));
    assertThat(precision.upper()).isCloseTo(0.9637758913675698, within(1e-13));
  }

  @Test
  void wilson_reachesTheBoundsAtZeroAndAllSuccesses() {
    assertThat(ConfidenceIntervals.wilson(0, 10, 0.95).lower()).isZero();
    assertThat(ConfidenceIntervals.wilson(10, 10, 0.95).upper()).isEqualTo(1.0);
    assertThatThrownBy(() -> ConfidenceIntervals.wilson(11, 10, 0.95))
        .hasMessage("successes must be in [0, trials = 10]: 11");
  }

  @Test
  void delong_matchesBruteForceStructuralComponents() {
    Interval ci = ConfidenceIntervals.delongRocAuc(BinaryMetricsTest.Y, BinaryMetricsTest.S, 0.95);
    assertThat(ci.lower()).isCloseTo(0.7034612002442601, within(1e-13));
    assertThat(ci.upper()).isEqualTo(1.0);
    assertThat(ci.method()).isEqualTo(Interval.DELONG);
  }

  @Test
  void bootstrap_isReproducibleForASeed_andContainsTheAuc() {
    int[] y = new int[2000];
    double[] s = new double[2000];
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < y.length; i++) {
      y[i] = random.nextDouble() < 0.3 ? 1 : 0;
      s[i] = Math.min(1, Math.max(0, 0.35 * y[i] + random.nextDouble() * 0.65));
    }
    Interval a = ConfidenceIntervals.bootstrapRocAuc(y, s, 300, 42L, 0.95);
    Interval b = ConfidenceIntervals.bootstrapRocAuc(y, s, 300, 42L, 0.95);
    Interval other = ConfidenceIntervals.bootstrapRocAuc(y, s, 300, 43L, 0.95);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(other);
    double auc = BinaryMetrics.rocAuc(y, s).value();
    assertThat(a.contains(auc)).isTrue();
    // percentile bootstrap and DeLong estimate the same sampling spread: widths agree within 25%
    Interval delong = ConfidenceIntervals.delongRocAuc(y, s, 0.95);
    assertThat(a.width()).isCloseTo(delong.width(), within(0.25 * delong.width()));
  }

  @Test
  void normalQuantile_isTheTwoSidedZ() {
    assertThat(ConfidenceIntervals.normalQuantile(0.95)).isCloseTo(1.959963984540054, within(1e-12));
  }
}
