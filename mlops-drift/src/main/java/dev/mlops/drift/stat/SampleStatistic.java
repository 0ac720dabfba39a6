package dev.mlops.drift.stat;

import java.util.Objects;

/**
 * A drift statistic on two numeric samples: a built-in ({@link DriftStatistic#KOLMOGOROV_SMIRNOV}
 * ...) or a user's ({@link DriftStatistic#ofSamples}).
 *
 * <p>Immutable and thread-safe (a user's function must be thread-safe too).
 */
public final class SampleStatistic extends StatisticBase implements DriftStatistic {

  /** The computation of a sample statistic. */
  @FunctionalInterface
  public interface Function {
    /**
     * Compares two samples.
     *
     * @param sortedReference the reference values, ascending and finite (not to be modified)
     * @param sortedCurrent the current values, ascending and finite (not to be modified)
     * @return the result (status {@link TestResult.Status#INSUFFICIENT_DATA} or {@link
     *     TestResult.Status#UNDEFINED} when the data do not allow one)
     */
    TestResult test(double[] sortedReference, double[] sortedCurrent);
  }

  private final Function function;

  SampleStatistic(String key, boolean hasPValue, boolean builtIn, Function function) {
    super(key, hasPValue, builtIn);
    this.function = Objects.requireNonNull(function, "statistic function must not be null");
  }

  static SampleStatistic builtIn(String key, boolean hasPValue, Function function) {
    return new SampleStatistic(key, hasPValue, true, function);
  }

  /**
   * Computes the statistic.
   *
   * @param sortedReference the reference values, ascending (non-finite values only at the ends,
   *     where {@link java.util.Arrays#sort(double[])} puts them; built-ins ignore them)
   * @param sortedCurrent the current values, ascending
   * @return the result, its {@link TestResult#test()} this statistic's key
   * @throws NullPointerException if an argument is null, or if a user's function returns null
   */
  public TestResult test(double[] sortedReference, double[] sortedCurrent) {
    Objects.requireNonNull(sortedReference, "sortedReference must not be null");
    Objects.requireNonNull(sortedCurrent, "sortedCurrent must not be null");
    return keyed(function.test(sortedReference, sortedCurrent));
  }

  @Override
  public boolean onSamples() {
    return true;
  }
}
