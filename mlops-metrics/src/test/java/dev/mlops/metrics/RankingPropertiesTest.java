package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Invariants of the ranking metrics, checked by jqwik on random data with both classes present. */
final class RankingPropertiesTest {

  record Data(int[] labels, double[] scores) {}

  @Provide
  Arbitrary<Data> data() {
    // coarse scores (0.0, 0.1, ... 1.0) make ties frequent
    Arbitrary<List<Tuple.Tuple2<Integer, Integer>>> rows = Combinators.combine(
        Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 10)).as(Tuple::of)
        .list().ofMinSize(2).ofMaxSize(60);
    return rows.map(list -> {
      int n = list.size();
      int[] y = new int[n];
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = list.get(i).get1();
        s[i] = list.get(i).get2() / 10.0;
      }
      y[0] = 0;
      y[1] = 1;
      return new Data(y, s);
    });
  }

  @Property(tries = 200)
  void rocAuc_isInvariantUnderRowPermutation(@ForAll("data") Data d, @ForAll long seed) {
    int n = d.labels().length;
    int[] perm = new java.util.SplittableRandom(seed).ints(0, Integer.MAX_VALUE).limit(n).toArray();
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(idx, java.util.Comparator.comparingInt(i -> perm[i]));
    int[] y = new int[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = d.labels()[idx[i]];
      s[i] = d.scores()[idx[i]];
    }
    assertThat(BinaryMetrics.rocAuc(y, s).value()).isEqualTo(BinaryMetrics.rocAuc(d.labels(), d.scores()).value());
    assertThat(BinaryMetrics.averagePrecision(y, s).value())
        .isEqualTo(BinaryMetrics.averagePrecision(d.labels(), d.scores()).value());
  }

  @Property(tries = 200)
  void rankingMetrics_areInvariantUnderStrictlyIncreasingTransforms(@ForAll("data") Data d) {
    double[] transformed = new double[d.scores().length];
    for (int i = 0; i < transformed.length; i++) {
      double s = d.scores()[i];
      transformed[i] = Math.exp(3 * s) - 7 + s * s * s;
    }
    assertThat(BinaryMetrics.rocAuc(d.labels(), transformed).value())
        .isEqualTo(BinaryMetrics.rocAuc(d.labels(), d.scores()).value());
    assertThat(BinaryMetrics.averagePrecision(d.labels(), transformed).value())
        .isEqualTo(BinaryMetrics.averagePrecision(d.labels(), d.scores()).value());
  }

  @Property(tries = 200)
  void rocAuc_ofNegatedScores_isOneMinusRocAuc(@ForAll("data") Data d) {
    double[] negated = new double[d.scores().length];
    for (int i = 0; i < negated.length; i++) {
      negated[i] = -d.scores()[i];
    }
    assertThat(BinaryMetrics.rocAuc(d.labels(), negated).value())
        .isCloseTo(1 - BinaryMetrics.rocAuc(d.labels(), d.scores()).value(), within(1e-15));
  }

  @Property(tries = 200)
  void rocAuc_equalsTheDeLongStructuralMean(@ForAll("data") Data d) {
    long m = java.util.Arrays.stream(d.labels()).filter(y -> y == 1).count();
    // brute-force Mann-Whitney: pairs (positive above negative) + half the ties, over m * n
    double pairs = 0;
    for (int i = 0; i < d.labels().length; i++) {
      for (int j = 0; j < d.labels().length; j++) {
        if (d.labels()[i] == 1 && d.labels()[j] == 0) {
          pairs += d.scores()[i] > d.scores()[j] ? 1 : d.scores()[i] == d.scores()[j] ? 0.5 : 0;
        }
      }
    }
    double expected = pairs / (m * (d.labels().length - m));
    assertThat(BinaryMetrics.rocAuc(d.labels(), d.scores()).value()).isCloseTo(expected, within(1e-12));
  }

  @Property(tries = 100)
  void everyMetric_ofAnEvaluation_isWithinItsRange(@ForAll("data") Data d) {
    ClassificationEvaluation e = ClassificationEvaluation.binary(d.labels(), d.scores()).evaluate();
    for (MetricValue v : e.metrics().values()) {
      if (v.defined()) {
        assertThat(v.value()).as(v.metric().key())
            .isBetween(v.metric().lowerBound(), v.metric().upperBound());
      }
      if (v.ci() != null) {
        assertThat(v.ci().lower()).as(v.metric().key()).isGreaterThanOrEqualTo(v.metric().lowerBound());
        assertThat(v.ci().upper()).as(v.metric().key()).isLessThanOrEqualTo(v.metric().upperBound());
      }
    }
  }

  @Property(tries = 100)
  void bootstrapAuc_ofEachResample_stayWithinTheUnitInterval(@ForAll("data") Data d, @ForAll long seed) {
    Interval ci = ConfidenceIntervals.bootstrapRocAuc(d.labels(), d.scores(), 20, seed, 0.9);
    assertThat(ci.lower()).isBetween(0.0, 1.0);
    assertThat(ci.upper()).isBetween(0.0, 1.0);
  }
}
