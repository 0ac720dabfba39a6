package dev.mlops.drift.stat;

import java.util.Objects;

/**
 * A drift statistic on two count vectors over the same bins or categories: a built-in ({@link
 * DriftStatistic#PSI} ...) or a user's ({@link DriftStatistic#ofCounts}).
 *
 * <p>Immutable and thread-safe (a user's function must be thread-safe too).
 */
public final class CountStatistic extends StatisticBase implements DriftStatistic {

  /** The computation of a count statistic. */
  @FunctionalInterface
  public interface Function {
    /**
     * Compares two count vectors. In the monitor, a numeric feature's counts are over the
     * reference's quantile bins; a categorical feature's over the reference categories plus one
     * last slot for values outside them.
     *
     * @param reference reference counts (not to be modified)
     * @param current current counts, same length (not to be modified)
     * @return the result
     */
    TestResult test(long[] reference, long[] current);
  }

  private final Function function;

  CountStatistic(String key, boolean hasPValue, boolean builtIn, Function function) {
    super(key, hasPValue, builtIn);
    this.function = Objects.requireNonNull(function, "statistic function must not be null");
  }

  static CountStatistic builtIn(String key, boolean hasPValue, Function function) {
    return new CountStatistic(key, hasPValue, true, function);
  }

  /**
   * Computes the statistic.
   *
   * @param reference reference counts
   * @param current current counts, same length
   * @return the result, its {@link TestResult#test()} this statistic's key
   * @throws NullPointerException if an argument is null, or if a user's function returns null
   * @throws IllegalArgumentException if the lengths differ
   */
  public TestResult test(long[] reference, long[] current) {
    Objects.requireNonNull(reference, "reference must not be null");
    Objects.requireNonNull(current, "current must not be null");
    if (reference.length != current.length) {
      throw new IllegalArgumentException("reference and current must have the same number of bins: "
          + reference.length + " vs " + current.length);
    }
    return keyed(function.test(reference, current));
  }

  @Override
  public boolean onSamples() {
    return false;
  }
}
