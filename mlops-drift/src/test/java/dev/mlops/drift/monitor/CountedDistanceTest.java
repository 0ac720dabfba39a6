package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.MixedColumns;
import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class CountedDistanceTest {

  /** Seeded rows of numeric columns of several shapes, some values missing. */
  private static ReferenceProfile profile(int rows, long seed) {
    return MixedColumns.profile(rows, seed, 0.95);
  }

  /** A sample the window is compared with: drawn values, some equal to the window's points. */
  private static double[] sample(SplittableRandom r, String column, int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = switch (column) {
        case "ties" -> r.nextInt(8) - 0.5 * r.nextInt(2);
        case "zeros" -> new double[] {0.0, -0.0, 1.0, 3.0}[r.nextInt(4)];
        case "gappy" -> Math.rint(r.nextGaussian() * 4) / 2;
        default -> r.nextGaussian();
      };
    }
    Arrays.sort(s);
    return s;
  }

  @Test
  void countedDistance_isTheWeightedDistanceOfTheSortedWindow_bitForBit() {
    SplittableRandom r = new SplittableRandom(7L);
    int counted = 0;
    int uneven = 0;
    for (ReferenceChunks chunks : new ReferenceChunks[] {
        profile(2_000, 1).chunks().orElseThrow(), profile(20_000, 2).chunks().orElseThrow(),
        profile(500, 3).merge(profile(6_000, 4)).chunks().orElseThrow()}) {
      for (String column : new String[] {"ar", "ties", "zeros", "gappy"}) {
        for (int d = 0; d < 40; d++) {
          int[] window = new int[1 + r.nextInt(2 * chunks.count())];
          for (int i = 0; i < window.length; i++) {
            window[i] = r.nextInt(chunks.count());
          }
          double[] ref = sample(r, column, 1 + r.nextInt(3_000));
          ReferenceChunks.PointCounts counts = chunks.pointCounts(column, window);
          ReferenceChunks.NumericWindow win = chunks.numeric(column, window);
          assertThat(counts.points()).isEqualTo(win.values().length);
          if (Double.isNaN(counts.weight())) {
            uneven++; // its points stand for different numbers of values: the sorted path
            continue;
          }
          double expected = ChunkCalibration.weightedDistance(ref, win.values(), win.weights());
          assertThat(Double.doubleToRawLongBits(ChunkCalibration.countedDistance(ref, counts)))
              .as("%s draw %d", column, d).isEqualTo(Double.doubleToRawLongBits(expected));
          counted++;
        }
      }
    }
    assertThat(counted).isGreaterThan(300);
    assertThat(uneven).isGreaterThan(10);
  }
}
