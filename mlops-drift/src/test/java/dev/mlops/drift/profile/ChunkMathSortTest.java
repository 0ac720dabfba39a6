package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ChunkMathSortTest {

  /** The stable sort by {@link Double#compare} that {@code sortTogether} must equal: a boxed index sort (TimSort is stable). */
  private static void stableReference(double[] v, double[] w) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
    double[] v2 = new double[v.length];
    double[] w2 = new double[w.length];
    for (int i = 0; i < order.length; i++) {
      v2[i] = v[order[i]];
      w2[i] = w[order[i]];
    }
    System.arraycopy(v2, 0, v, 0, v.length);
    System.arraycopy(w2, 0, w, 0, w.length);
  }

  private static long[] bits(double[] v) {
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }

  private static double draw(SplittableRandom r, int shape) {
    return switch (shape) {
      case 0 -> r.nextGaussian();
      case 1 -> r.nextInt(5); // many ties
      case 2 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY, 1.0, -1.0}[r.nextInt(7)];
      default -> Math.rint(r.nextGaussian() * 3) / 4;
    };
  }

  @Test
  void sortTogether_ordersLikeAStableSort_keepingEachWeightWithItsValue_onRunsTiesZerosAndNaN() {
    SplittableRandom r = new SplittableRandom(20261207);
    int checked = 0;
    for (int trial = 0; trial < 400; trial++) {
      int shape = trial % 4;
      int runs = 1 + r.nextInt(45);
      int per = r.nextInt(70);
      double[] v = new double[runs * per + r.nextInt(3)];
      for (int i = 0; i < v.length; i++) {
        v[i] = draw(r, shape);
      }
      if (trial % 3 != 0) { // a window's chunks: ascending runs one after another
        for (int k = 0; k < runs; k++) {
          Arrays.sort(v, Math.min(v.length, k * per), Math.min(v.length, (k + 1) * per));
        }
      }
      double[] w = new double[v.length];
      for (int i = 0; i < w.length; i++) {
        w[i] = i; // a weight names its value's original position
      }
      double[] ev = v.clone();
      double[] ew = w.clone();
      stableReference(ev, ew);
      ChunkMath.sortTogether(v, w);
      assertThat(bits(v)).as("values of trial %d", trial).isEqualTo(bits(ev));
      assertThat(w).as("weights of trial %d", trial).isEqualTo(ew);
      checked += v.length;
    }
    assertThat(checked).isGreaterThan(100_000);
  }

  @Test
  void sortTogether_leavesEmptySingleAndSortedArraysAsTheyAre() {
    double[] empty = {};
    ChunkMath.sortTogether(empty, new double[0]);
    double[] one = {3};
    double[] oneW = {7};
    ChunkMath.sortTogether(one, oneW);
    assertThat(one).containsExactly(3);
    assertThat(oneW).containsExactly(7);
    double[] desc = {3, 2, 2, 1};
    double[] descW = {0, 1, 2, 3};
    ChunkMath.sortTogether(desc, descW);
    assertThat(desc).containsExactly(1, 2, 2, 3);
    assertThat(descW).containsExactly(3, 1, 2, 0);
  }
}
