package dev.mlops.core.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test model whose predictions encode its version: a regressor answering
 * {@code version * 1000 + x} for the numeric feature {@code x}; the contract requires {@code x}
 * numeric and in [0, 1000). Optionally blocks inside predict until released (for in-flight tests).
 */
final class VersionedModel implements ServableRegressor {

  private final int version;
  private volatile CountDownLatch entered;
  private volatile CountDownLatch release;
  private volatile boolean failing;

  VersionedModel(int version) {
    this.version = version;
  }

  /** Next predict() counts down {@code entered} then waits for {@code release}. */
  void blockNextPredict(CountDownLatch entered, CountDownLatch release) {
    this.entered = entered;
    this.release = release;
  }

  void failing(boolean failing) {
    this.failing = failing;
  }

  static int versionOf(double value) {
    return (int) Math.floor(value / 1000.0);
  }

  @Override
  public List<String> featureNames() {
    return List.of("x");
  }

  @Override
  public List<FieldViolation> validate(Map<String, ?> row) {
    Object x = row.get("x");
    if (x instanceof Number n) {
      double d = n.doubleValue();
      if (d >= 0 && d < 1000) {
        return List.of();
      }
      return List.of(new FieldViolation("x", "must be in [0, 1000)", x));
    }
    List<FieldViolation> v = new ArrayList<>();
    v.add(new FieldViolation("x", x == null ? "must be present" : "must be numeric", x));
    return v;
  }

  @Override
  public double predict(Map<String, ?> row) {
    CountDownLatch e = entered;
    if (e != null) {
      entered = null;
      e.countDown();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test latch never released");
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(ie);
      }
    }
    if (failing) {
      throw new ArithmeticException("model " + version + " is broken");
    }
    return version * 1000.0 + ((Number) row.get("x")).doubleValue();
  }
}
