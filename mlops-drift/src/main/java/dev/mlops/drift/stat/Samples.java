package dev.mlops.drift.stat;

import java.util.Arrays;
import java.util.Objects;

/** Sample preparation shared by the sample statistics: filtering non-finite values and sorting. */
final class Samples {

  private Samples() {}

  /**
   * Copies the finite values of {@code values} and sorts them.
   *
   * @param values the raw sample
   * @param name the argument name for the null check
   * @return a new sorted array of the finite values
   */
  static double[] finiteSorted(double[] values, String name) {
    double[] finite = finite(values, name);
    Arrays.sort(finite);
    return finite;
  }

  /**
   * A sorted copy of {@code values} made with a plain array copy and {@link Arrays#sort(double[])}
   * (which puts negative infinities first and positive infinities and NaNs last), with the range of
   * its finite values: cheaper than filtering first, because the copy is a memory copy.
   *
   * @param values the raw sample
   * @param name the argument name for the null check
   * @return the sorted copy and its finite range
   */
  static Sorted sortedCopy(double[] values, String name) {
    Objects.requireNonNull(values, name);
    double[] a = values.clone();
    Arrays.sort(a);
    int to = a.length;
    while (to > 0 && !(a[to - 1] < Double.POSITIVE_INFINITY)) {
      to--;
    }
    int from = 0;
    while (from < to && a[from] == Double.NEGATIVE_INFINITY) {
      from++;
    }
    return new Sorted(a, from, to);
  }

  /** A sorted array whose finite values are {@code values[from..to)}. */
  record Sorted(double[] values, int from, int to) {}

  /**
   * Copies the finite values of {@code values}, keeping their order.
   *
   * @param values the raw sample
   * @param name the argument name for the null check
   * @return a new array of the finite values (the input itself is never returned)
   */
  static double[] finite(double[] values, String name) {
    Objects.requireNonNull(values, name);
    double[] out = new double[values.length];
    int k = 0;
    for (double v : values) {
      // v - v is 0 for finite v and NaN for NaN and the infinities: one branch, no call.
      if (v - v == 0.0) {
        out[k++] = v;
      }
    }
    return k == out.length ? out : Arrays.copyOf(out, k);
  }

  /**
   * Finds the finite part of an ascending array and checks the order, accepting non-finite values
   * only where {@link Arrays#sort(double[])} puts them: negative infinities first, positive
   * infinities and NaNs last.
   *
   * @param sorted the array
   * @param name the argument name used in messages
   * @return {@code {from, to}}: the finite values are {@code sorted[from..to)}
   * @throws IllegalArgumentException if the array is not ascending
   */
  static int[] finiteRange(double[] sorted, String name) {
    Objects.requireNonNull(sorted, name);
    int to = sorted.length;
    while (to > 0 && (Double.isNaN(sorted[to - 1]) || sorted[to - 1] == Double.POSITIVE_INFINITY)) {
      to--;
    }
    int from = 0;
    while (from < to && sorted[from] == Double.NEGATIVE_INFINITY) {
      from++;
    }
    for (int i = from + 1; i < to; i++) {
      // !(a >= b) also catches a NaN in the middle.
      if (!(sorted[i] >= sorted[i - 1])) {
        throw new IllegalArgumentException(
            name
                + " must be sorted ascending (non-finite values only at the ends): index "
                + i
                + " value "
                + sorted[i]
                + " follows "
                + sorted[i - 1]);
      }
    }
    return new int[] {from, to};
  }

  /**
   * Population variance (ddof 0) of {@code a[from..to)}, two-pass.
   *
   * @return the variance, {@code NaN} for an empty range
   */
  static double populationVariance(double[] a, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += a[i];
    }
    double mean = sum / n;
    double ss = 0;
    double comp = 0;
    for (int i = from; i < to; i++) {
      double d = a[i] - mean;
      ss += d * d;
      comp += d;
    }
    // Corrected two-pass algorithm (Chan, Golub, LeVeque).
    return (ss - comp * comp / n) / n;
  }

  /** A statistic on the finite ranges {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)}, both sorted. */
  @FunctionalInterface
  interface RangeTest {
    TestResult compute(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo);
  }

  /** Runs {@code test} on sorted copies of two raw samples (the inputs are not modified). */
  static TestResult onRaw(double[] reference, double[] current, RangeTest test) {
    Sorted a = sortedCopy(reference, "reference");
    Sorted b = sortedCopy(current, "current");
    return test.compute(a.values(), a.from(), a.to(), b.values(), b.from(), b.to());
  }

  /** Runs {@code test} on a sorted reference and a sorted copy of a raw current sample. */
  static TestResult onSortedReference(double[] sortedReference, double[] current, RangeTest test) {
    int[] ra = finiteRange(sortedReference, "sortedReference");
    Sorted b = sortedCopy(current, "current");
    return test.compute(sortedReference, ra[0], ra[1], b.values(), b.from(), b.to());
  }

  /** Runs {@code test} on two sorted samples without copying them. */
  static TestResult onSorted(double[] sortedReference, double[] sortedCurrent, RangeTest test) {
    int[] ra = finiteRange(sortedReference, "sortedReference");
    int[] rb = finiteRange(sortedCurrent, "sortedCurrent");
    return test.compute(sortedReference, ra[0], ra[1], sortedCurrent, rb[0], rb[1]);
  }
}
