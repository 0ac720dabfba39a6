package dev.mlops.drift.stat;

import java.util.Objects;

/** What every drift statistic has: its key, whether it has a p-value, whether it is built in. */
abstract class StatisticBase {

  private final String key;
  private final boolean hasPValue;
  private final boolean builtIn;

  StatisticBase(String key, boolean hasPValue, boolean builtIn) {
    this.key = Objects.requireNonNull(key, "statistic key must not be null");
    this.hasPValue = hasPValue;
    this.builtIn = builtIn;
  }

  /**
   * The snake_case key used in results and JSON.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Whether the statistic is a test with a p-value.
   *
   * @return {@code true} for tests
   */
  public boolean hasPValue() {
    return hasPValue;
  }

  /**
   * Whether this is one of the constants of {@link DriftStatistic}.
   *
   * @return {@code true} for a built-in statistic
   */
  public boolean builtIn() {
    return builtIn;
  }

  /** Gives a result this statistic's key. */
  final TestResult keyed(TestResult r) {
    return Keyed.of(key, r);
  }

  @Override
  public String toString() {
    return key;
  }
}
