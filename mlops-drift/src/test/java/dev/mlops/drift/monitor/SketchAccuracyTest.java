package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.NumericProfile;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.stat.BinnedStatistics;
import dev.mlops.drift.stat.EnergyDistance;
import dev.mlops.drift.stat.KolmogorovSmirnov;
import dev.mlops.drift.stat.Wasserstein;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The accuracy the README states ("Compact profiles") for each statistic the monitor computes
 * from a sketch-backed reference, checked against the same statistic on the exact reference
 * (200,000 values; current window 10,000 values with a small shift) for a normal, a log-normal
 * and a discrete distribution.
 */
final class SketchAccuracyTest {

  private static final int N = 200_000;
  private static final int M = 10_000;

  private static double[] draw(String kind, int n, long seed, double shift) {
    SplittableRandom r = new SplittableRandom(seed);
    DoubleUnaryOperator f = switch (kind) {
      case "normal" -> z -> z + shift;
      case "lognormal" -> z -> Math.exp(z * (1 + shift));
      default -> z -> Math.floor(50 * (0.5 + 0.5 * Math.tanh(z)) * (1 + shift));
    };
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double z = Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
          * Math.cos(2 * Math.PI * r.nextDouble());
      x[i] = f.applyAsDouble(z);
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(strings = {"normal", "lognormal", "discrete"})
  void statisticsFromASketch_stayWithinTheStatedErrorOfTheExactStatistic(String kind) {
    double[] ref = draw(kind, N, 11, 0);
    double[] cur = draw(kind, M, 12, 0.05);
    Arrays.sort(cur);
    NumericProfile sketch = (NumericProfile) ReferenceProfile.builder().numeric("x")
        .addColumn("x", ref).build().feature("x").orElseThrow();
    NumericProfile exact = (NumericProfile) ReferenceProfile.builder().exactValues().numeric("x")
        .addColumn("x", ref).build().feature("x").orElseThrow();
    assertThat(sketch.isExact()).isFalse();
    FeatureSpec s = ProfileSchema.spec(sketch);
    FeatureSpec e = ProfileSchema.spec(exact);
    double eps = sketch.normalizedRankError();
    double grid = 1.0 / ProfileSchema.SKETCH_SAMPLE;

    // KS D is a supremum of CDF differences: off by at most the rank error plus the grid step
    double dS = KolmogorovSmirnov.testSorted(s.referenceSorted, cur).statistic();
    double dE = KolmogorovSmirnov.testSortedReference(e.referenceSorted, cur).statistic();
    assertThat(Math.abs(dS - dE)).as("KS D %s vs %s", dS, dE).isLessThanOrEqualTo(eps + grid);

    // Wasserstein-1 integrates CDF differences over the range: (eps + grid) x (max - min)
    double range = exact.max() - exact.min();
    double wS = Wasserstein.distanceSorted(s.referenceSorted, cur).statistic();
    double wE = Wasserstein.distanceSorted(e.referenceSorted, cur).statistic();
    assertThat(Math.abs(wS - wE)).as("W1 %s vs %s", wS, wE)
        .isLessThanOrEqualTo((eps + grid) * range);
    double nS = Wasserstein.normedDistanceSorted(s.referenceSorted, cur, sketch.std())
        .statistic();
    double nE = Wasserstein.normedDistanceSorted(e.referenceSorted, cur, exact.std())
        .statistic();
    assertThat(Math.abs(nS - nE)).as("normed W1 %s vs %s", nS, nE)
        .isLessThanOrEqualTo((eps + grid) * range / exact.std());
    // energy distance sqrt(2 int (F - G)^2): by Minkowski off by at most (eps + grid) sqrt(2 range)
    double enS = EnergyDistance.distanceSorted(s.referenceSorted, cur).statistic();
    double enE = EnergyDistance.distanceSorted(e.referenceSorted, cur).statistic();
    assertThat(Math.abs(enS - enE)).as("energy %s vs %s", enS, enE)
        .isLessThanOrEqualTo((eps + grid) * Math.sqrt(2 * range));

    // binned statistics: reference bin proportions each within 2 eps; measured differences
    long[] cs = counts(s, cur);
    long[] ce = counts(e, cur);
    double tvS = BinnedStatistics.totalVariation(s.referenceBins, cs).statistic();
    double tvE = BinnedStatistics.totalVariation(e.referenceBins, ce).statistic();
    assertThat(Math.abs(tvS - tvE)).as("TV %s vs %s", tvS, tvE).isLessThanOrEqualTo(4 * eps);
    double psiS = BinnedStatistics.populationStabilityIndex(s.referenceBins, cs).statistic();
    double psiE = BinnedStatistics.populationStabilityIndex(e.referenceBins, ce).statistic();
    assertThat(Math.abs(psiS - psiE)).as("PSI %s vs %s", psiS, psiE).isLessThanOrEqualTo(0.005);
    double jsS = BinnedStatistics.jensenShannon(s.referenceBins, cs).statistic();
    double jsE = BinnedStatistics.jensenShannon(e.referenceBins, ce).statistic();
    assertThat(Math.abs(jsS - jsE)).as("JS %s vs %s", jsS, jsE).isLessThanOrEqualTo(0.005);
  }

  private static long[] counts(FeatureSpec f, double[] x) {
    long[] c = new long[f.slots()];
    for (double v : x) {
      c[f.binIndex(v)]++;
    }
    return c;
  }
}
