package dev.mlops.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The deterministic KLL sketch: reproducible, commutative merges, KLL's rank error. */
final class QuantileSketchTest {

  private static double[] lognormal(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.exp(Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
          * Math.cos(2 * Math.PI * r.nextDouble()));
    }
    return x;
  }

  private static QuantileSketch of(double[] x, int from, int to) {
    QuantileSketch s = new QuantileSketch(400);
    for (int i = from; i < to; i++) {
      s.update(x[i]);
    }
    return s;
  }

  @Test
  void sameValuesInTheSameOrder_giveEqualSketches_oneByOneOrInBlocks() {
    double[] x = lognormal(200_000, 1);
    QuantileSketch a = of(x, 0, x.length);
    QuantileSketch b = new QuantileSketch(400);
    for (int i = 0; i < x.length; i += 777) {
      b.update(x, i, Math.min(777, x.length - i));
    }
    assertThat(a).isEqualTo(b);
    assertThat(a.sortedView().items()).containsExactly(b.sortedView().items());
    assertThat(a.sortedView().cumulativeWeights()).containsExactly(
        b.sortedView().cumulativeWeights());
    assertThat(a.n()).isEqualTo(200_000);
    assertThat(a.retained()).isLessThan(1_500);
  }

  @Test
  void merge_isCommutative() {
    double[] x = lognormal(90_000, 2);
    QuantileSketch ab = of(x, 0, 50_000);
    ab.merge(of(x, 50_000, 90_000));
    QuantileSketch ba = of(x, 50_000, 90_000);
    ba.merge(of(x, 0, 50_000));
    assertThat(ab).isEqualTo(ba);
    assertThat(ab.n()).isEqualTo(90_000);
    assertThat(ab.min()).isEqualTo(Arrays.stream(x).min().orElseThrow());
    assertThat(ab.max()).isEqualTo(Arrays.stream(x).max().orElseThrow());
  }

  @Test
  void rankError_staysWithinKllsBound_overManyRanks() {
    double bound = QuantileSketch.normalizedRankError(400);
    assertThat(bound).isBetween(0.0067, 0.0070);
    for (long seed = 3; seed < 8; seed++) {
      double[] x = lognormal(100_000, seed);
      QuantileSketch s = of(x, 0, x.length);
      double[] sorted = x.clone();
      Arrays.sort(sorted);
      double[] ranks = new double[99];
      for (int i = 0; i < ranks.length; i++) {
        ranks[i] = (i + 1) / 100.0;
      }
      double[] q = s.quantiles(ranks);
      for (int i = 0; i < ranks.length; i++) {
        // the exact normalised rank of the returned value (the share of values at or below it)
        int at = Arrays.binarySearch(sorted, q[i]);
        while (at + 1 < sorted.length && sorted[at + 1] == q[i]) {
          at++;
        }
        double exact = (at + 1) / (double) sorted.length;
        assertThat(Math.abs(exact - ranks[i])).as("seed %d rank %s", seed, ranks[i])
            .isLessThanOrEqualTo(bound + 1.0 / sorted.length);
      }
    }
  }

  @Test
  void weightedItems_rebuildTheSortedViewTheyCameFrom() {
    double[] x = lognormal(50_000, 9);
    QuantileSketch s = of(x, 0, x.length);
    QuantileSketch.SortedView view = s.sortedView();
    QuantileSketch rebuilt = new QuantileSketch(400);
    long previous = 0;
    for (int i = 0; i < view.items().length; i++) {
      rebuilt.update(view.items()[i], view.cumulativeWeights()[i] - previous);
      previous = view.cumulativeWeights()[i];
    }
    assertThat(rebuilt.n()).isEqualTo(50_000);
    double[] ranks = {0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99};
    double[] before = s.quantiles(ranks);
    double[] after = rebuilt.quantiles(ranks);
    for (int i = 0; i < ranks.length; i++) {
      // the rebuilt sketch compacts again: within the rank error of the original view
      double[] w = view.quantiles(new double[] {Math.max(0, ranks[i] - 0.007),
          Math.min(1, ranks[i] + 0.007)}, s.min(), s.max());
      assertThat(after[i]).isBetween(w[0], w[1]);
      assertThat(before[i]).isBetween(w[0], w[1]);
    }
  }

  @Test
  void badArguments_areRejected_andNanIsIgnored() {
    assertThatThrownBy(() -> new QuantileSketch(7)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantile sketch k must be in [8, 65535]: 7");
    QuantileSketch s = new QuantileSketch(8);
    assertThatThrownBy(() -> s.update(1.0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("weight must be positive: 0");
    assertThatThrownBy(() -> s.merge(new QuantileSketch(9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantile sketches must have the same k to merge: 8 and 9");
    s.update(Double.NaN);
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.quantiles(new double[] {0.5})[0]).isNaN();
    s.update(new double[] {3, Double.NaN, 1, 2}, 0, 4);
    assertThat(s.n()).isEqualTo(3);
    assertThat(s.quantiles(new double[] {0, 0.5, 1})).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> s.quantiles(new double[] {1.5}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ranks must be in [0, 1]: index 0 value 1.5");
  }
}
