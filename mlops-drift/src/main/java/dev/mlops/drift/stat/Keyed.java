package dev.mlops.drift.stat;

import java.util.Objects;

/** Gives a statistic's result the statistic's key. */
final class Keyed {

  private Keyed() {}

  static TestResult of(String key, TestResult r) {
    Objects.requireNonNull(r, () -> "statistic " + key + " returned no result");
    if (key.equals(r.test())) {
      return r;
    }
    return new TestResult(key, r.statistic(), r.pValue(), r.degreesOfFreedom(), r.n1(), r.n2(),
        r.status(), r.reason());
  }
}
