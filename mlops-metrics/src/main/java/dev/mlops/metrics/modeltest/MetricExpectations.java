package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.modeltest.ExpectationResult.Threshold;
import java.util.Objects;
import java.util.function.Function;

/** Validation shared by {@link ClassifierExpectation} and {@link RegressorExpectation} (package-private). */
final class MetricExpectations {

  private MetricExpectations() {}

  @SuppressWarnings("unchecked")
  static <T> void slicer(Spec.MetricSpec spec, Function<? super T, ?> key) {
    Objects.requireNonNull(key, "slice key function");
    requireOpen(spec, "onEverySlice");
    spec.slicer = (Function<Object, ?>) key;
  }

  static void bound(Spec.MetricSpec spec, Spec.Bound bound, double level) {
    requireOpen(spec, bound == Spec.Bound.CI_LOWER ? "lowerBound" : "upperBound");
    if (spec.bound != Spec.Bound.VALUE) {
      throw new IllegalStateException("expectation '" + spec.name() + "': the confidence bound was already set");
    }
    spec.ciLevel = Settings.requireLevel(level, "expectation '" + spec.metric.key() + "': confidence level");
    spec.bound = bound;
  }

  static void finish(Spec.MetricSpec spec, Threshold threshold) {
    requireOpen(spec, "the threshold");
    // Name the expectation as declared in the error, so the caller sees which line is wrong.
    String name = spec.metric.key() + " " + threshold;
    if (threshold.comparison() != ExpectationResult.Comparison.AT_MOST) {
      Thresholds.requireInRange(spec.metric, threshold.lower(), "expectation '" + name + "': threshold");
    }
    if (threshold.comparison() != ExpectationResult.Comparison.AT_LEAST) {
      Thresholds.requireInRange(spec.metric, threshold.upper(), "expectation '" + name + "': threshold");
    }
    spec.threshold = threshold;
  }

  static Threshold between(Spec.MetricSpec spec, double lower, double upper) {
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
      throw new IllegalArgumentException("expectation '" + spec.metric.key() + "': threshold must be [lower, upper]"
          + " with lower <= upper: [" + lower + ", " + upper + "]");
    }
    return Threshold.between(lower, upper);
  }

  private static void requireOpen(Spec.MetricSpec spec, String what) {
    if (spec.threshold != null) {
      throw new IllegalStateException(
          "expectation '" + spec.name() + "' is already complete; set " + what + " before its threshold");
    }
  }
}
