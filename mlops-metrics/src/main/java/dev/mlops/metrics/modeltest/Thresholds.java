package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Metric;

/** Range checks shared by thresholds and expectations (package-private). */
final class Thresholds {

  private Thresholds() {}

  /** Throws when {@code value} is NaN or outside {@code metric}'s range; {@code what} names the threshold. */
  static void requireInRange(Metric metric, double value, String what) {
    if (Double.isNaN(value) || value < metric.lowerBound() || value > metric.upperBound()) {
      throw new IllegalArgumentException(what + " must be within [" + Format.number(metric.lowerBound())
          + ", " + Format.number(metric.upperBound()) + "]: " + value);
    }
  }
}
