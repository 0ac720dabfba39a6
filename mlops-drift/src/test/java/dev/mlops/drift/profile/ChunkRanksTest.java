package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.profile.ReferenceChunks.NumericWindow;
import dev.mlops.drift.profile.ReferenceChunks.Piece;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ChunkRanksTest {

  /**
   * A window as {@code ReferenceChunks.numeric} formed it before ranks: the chunks' points
   * concatenated in the order given, stably sorted with their weights, moments merged piece by
   * piece.
   */
  private static NumericWindow concatenatedAndSorted(ReferenceChunks chunks, String column,
      int[] window) {
    int n = 0;
    for (int i : window) {
      n += chunks.piece(column, i).pointsInternal().length;
    }
    double[] v = new double[n];
    double[] w = new double[n];
    int at = 0;
    Piece m = Piece.EMPTY;
    for (int i : window) {
      Piece p = chunks.piece(column, i);
      double[] pts = p.pointsInternal();
      for (double x : pts) {
        v[at] = x;
        w[at++] = (double) p.count() / pts.length;
      }
      m = ChunkMath.moments(m, p);
    }
    ChunkMath.sortTogether(v, w);
    return new NumericWindow(v, w, m.count(), m.mean(),
        m.count() > 1 ? m.m2() / (m.count() - 1) : Double.NaN);
  }

  private static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }

  /** Seeded rows of numeric columns of several shapes, some values missing. */
  private static ReferenceProfile profile(int rows, long seed) {
    return MixedColumns.profile(rows, seed, 0.7);
  }

  private static int assertSameWindows(ReferenceChunks chunks, SplittableRandom r, int draws) {
    int points = 0;
    for (String column : List.of("ar", "ties", "zeros", "gappy")) {
      for (int d = 0; d < draws; d++) {
        int[] window;
        if (d % 3 == 0) { // consecutive chunks, as the ordered calibration cuts them
          int from = r.nextInt(chunks.count());
          int to = from + r.nextInt(chunks.count() - from + 1);
          window = new int[to - from];
          for (int i = 0; i < window.length; i++) {
            window[i] = from + i;
          }
        } else { // blocks drawn with replacement, as the block bootstrap draws them
          int b = 1 + r.nextInt(6);
          window = new int[1 + r.nextInt(3 * chunks.count())];
          for (int at = 0; at < window.length; ) {
            int start = r.nextInt(Math.max(1, chunks.count() - b + 1));
            for (int j = 0; j < b && at < window.length; j++) {
              window[at++] = Math.min(chunks.count() - 1, start + j);
            }
          }
        }
        NumericWindow expected = concatenatedAndSorted(chunks, column, window);
        NumericWindow actual = chunks.numeric(column, window);
        String what = column + " draw " + d;
        assertThat(bits(actual.values())).as("values of %s", what)
            .isEqualTo(bits(expected.values()));
        assertThat(bits(actual.weights())).as("weights of %s", what)
            .isEqualTo(bits(expected.weights()));
        assertThat(actual.count()).as("count of %s", what).isEqualTo(expected.count());
        assertThat(Double.doubleToRawLongBits(actual.mean())).as("mean of %s", what)
            .isEqualTo(Double.doubleToRawLongBits(expected.mean()));
        assertThat(Double.doubleToRawLongBits(actual.variance())).as("variance of %s", what)
            .isEqualTo(Double.doubleToRawLongBits(expected.variance()));
        points += actual.values().length;
      }
    }
    return points;
  }

  @Test
  void rankedWindows_equalConcatenatedStablySortedOnes_bitForBit_onSeveralProfiles() {
    SplittableRandom r = new SplittableRandom(20261207L);
    List<ReferenceChunks> all = new ArrayList<>();
    all.add(profile(2_000, 1).chunks().orElseThrow()); // 32 chunks of 64 rows, the last partial
    all.add(profile(20_000, 2).chunks().orElseThrow()); // chunks of 256 rows: 64 slice means each
    all.add(profile(333, 3).chunks().orElseThrow()); // 6 chunks
    all.add(profile(700, 4).merge(profile(9_000, 5)).chunks().orElseThrow()); // merged, uneven
    int points = 0;
    for (ReferenceChunks chunks : all) {
      points += assertSameWindows(chunks, r, 30);
    }
    assertThat(points).isGreaterThan(500_000);
  }

  @Test
  void columnsFormedInTurn_orOnSeveralThreads_areRankedOnceEach() {
    // calibrations on several threads form windows of different columns in turn: each column's
    // ranks are kept (one slot per column name's hash), not rebuilt at every switch (the one-slot
    // cache ranked 4 times here)
    ReferenceChunks chunks = profile(3_000, 7).chunks().orElseThrow();
    assertThat((int) ("ar".hashCode() & 0x7fffffff) % ReferenceChunks.RANK_SLOTS)
        .isNotEqualTo(("ties".hashCode() & 0x7fffffff) % ReferenceChunks.RANK_SLOTS);
    NumericWindow first = chunks.numeric("ar", new int[] {0, 1});
    chunks.numeric("ties", new int[] {0, 1});
    NumericWindow again = chunks.numeric("ar", new int[] {0, 1});
    chunks.numeric("ties", new int[] {2});
    assertThat(chunks.rankings()).isEqualTo(2);
    assertThat(again.values()).isEqualTo(first.values());
    assertThat(again.weights()).isEqualTo(first.weights());
  }

  @Test
  void windowsOfColumnsInTurn_andEmptyWindows_areTheConcatenatedOnes() {
    ReferenceChunks chunks = profile(3_000, 7).chunks().orElseThrow();
    NumericWindow ar = chunks.numeric("ar", new int[] {3, 1, 3});
    NumericWindow ties = chunks.numeric("ties", new int[] {3, 1, 3});
    assertThat(chunks.numeric("ar", new int[] {3, 1, 3}).values()).isEqualTo(ar.values());
    assertThat(ties.values()).isEqualTo(
        concatenatedAndSorted(chunks, "ties", new int[] {3, 1, 3}).values());
    NumericWindow none = chunks.numeric("ar", new int[0]);
    assertThat(none.values()).isEmpty();
    assertThat(none.count()).isZero();
    assertThat(none.mean()).isNaN();
    assertThat(none.variance()).isNaN();
    assertThatThrownBy(() -> chunks.numeric("ar", new int[] {chunks.count()}))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
