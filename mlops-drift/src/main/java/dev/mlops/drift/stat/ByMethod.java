package dev.mlops.drift.stat;

import java.util.Objects;

/** A test's drift statistic for each p-value method: the built-in for AUTO, keyed ones otherwise. */
final class ByMethod {

  /** A test on two finite ranges with a p-value method. */
  @FunctionalInterface
  interface MethodTest {
    TestResult compute(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo,
        PValueMethod method);
  }

  private final SampleStatistic auto;
  private final SampleStatistic exact;
  private final SampleStatistic asymptotic;

  ByMethod(SampleStatistic auto, MethodTest test) {
    this.auto = auto;
    this.exact = new SampleStatistic(auto.key() + "_exact", true, false,
        (a, b) -> Samples.onSorted(a, b, with(test, PValueMethod.EXACT)));
    this.asymptotic = new SampleStatistic(auto.key() + "_asymptotic", true, false,
        (a, b) -> Samples.onSorted(a, b, with(test, PValueMethod.ASYMPTOTIC)));
  }

  /** The range test with its method fixed. */
  static Samples.RangeTest with(MethodTest test, PValueMethod method) {
    Objects.requireNonNull(method, "method must not be null");
    return (a, af, at, b, bf, bt) -> test.compute(a, af, at, b, bf, bt, method);
  }

  SampleStatistic get(PValueMethod method) {
    return switch (Objects.requireNonNull(method, "method must not be null")) {
      case AUTO -> auto;
      case EXACT -> exact;
      case ASYMPTOTIC -> asymptotic;
    };
  }
}
