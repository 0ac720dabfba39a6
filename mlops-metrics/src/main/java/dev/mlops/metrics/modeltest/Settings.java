package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options and expectations shared by {@link ClassifierTest} and {@link RegressorTest}
 * (package-private, mutable while building).
 */
final class Settings {

  static final long DEFAULT_SEED = 42L;
  static final int DEFAULT_BOOTSTRAP = 1000;
  static final double DEFAULT_LEVEL = 0.95;
  static final double DEFAULT_ALPHA = 0.05;
  static final int DEFAULT_REPORTED_ROWS = 5;

  long seed = DEFAULT_SEED;
  int bootstrap = DEFAULT_BOOTSTRAP;
  double confidenceLevel = DEFAULT_LEVEL;
  double significanceLevel = DEFAULT_ALPHA;
  int reportedRows = DEFAULT_REPORTED_ROWS;
  boolean undefinedFails;
  final List<Spec> specs = new ArrayList<>();
  private Spec last;

  void add(Spec spec) {
    specs.add(spec);
    last = spec;
  }

  /**
   * The user-defined metrics the expectations name, once each (by identity), in declaration order:
   * the evaluations compute them beside the built-ins.
   *
   * @return the custom metrics
   * @throws IllegalArgumentException if two different custom metrics share a key
   */
  List<Metric> customMetrics() {
    Map<String, Metric> byKey = new LinkedHashMap<>();
    for (Spec spec : specs) {
      Metric m = spec instanceof Spec.MetricSpec ms ? ms.metric
          : spec instanceof Spec.ComparisonSpec cs ? cs.metric : null;
      if (m != null && !m.isBuiltIn()) {
        Metric previous = byKey.putIfAbsent(m.key(), m);
        if (previous != null && previous != m) {
          throw new IllegalArgumentException("custom metric keys must be distinct: two metrics are named " + m.key());
        }
      }
    }
    return List.copyOf(byKey.values());
  }

  void bootstrap(int resamples) {
    if (resamples < 0) {
      throw new IllegalArgumentException("bootstrap resamples must not be negative: " + resamples);
    }
    this.bootstrap = resamples;
  }

  void confidenceLevel(double level) {
    this.confidenceLevel = requireLevel(level, "confidence level");
  }

  void significanceLevel(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("significance level must be in (0, 1): " + alpha);
    }
    this.significanceLevel = alpha;
  }

  void reportedRows(int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("reported rows must not be negative: " + rows);
    }
    this.reportedRows = rows;
  }

  static double requireLevel(double level, String what) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException(what + " must be in (0, 1): " + level);
    }
    return level;
  }

  Spec last(String option) {
    if (last == null) {
      throw new IllegalStateException(option + " applies to the last expectation, but none was declared yet");
    }
    return last;
  }

  void asWarning() {
    last("asWarning()").warning = true;
  }

  void failIfUndefined() {
    last("failIfUndefined()").failIfUndefined = true;
  }

  void minSliceSize(int size) {
    Spec spec = last("minSliceSize(" + size + ")");
    if (!(spec instanceof Spec.MetricSpec metricSpec) || metricSpec.slicer == null) {
      throw new IllegalStateException("minSliceSize applies to a per-slice expectation (onEverySlice), "
          + "but the last expectation is '" + spec.name() + "'");
    }
    metricSpec.minSliceSize = requireSliceSize(size, spec.name());
  }

  static int requireSliceSize(int size, String expectation) {
    if (size < 1) {
      throw new IllegalArgumentException(
          "expectation '" + expectation + "': min slice size must be at least 1: " + size);
    }
    return size;
  }

  void minPassRate(double rate) {
    Spec spec = last("minPassRate(" + rate + ")");
    if (!(spec instanceof Spec.BehaviourSpec<?> behaviour)) {
      throw new IllegalStateException("minPassRate applies to a behavioural check (invariance, direction, "
          + "cases), but the last expectation is '" + spec.name() + "'");
    }
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(
          "expectation '" + spec.name() + "': min pass rate must be in [0, 1]: " + rate);
    }
    behaviour.minPassRate = rate;
  }

  void tolerance(double tolerance) {
    Spec spec = last("tolerance(" + tolerance + ")");
    if (!(spec instanceof Spec.BehaviourSpec<?> behaviour) || behaviour.kind == ExpectationKind.CASES) {
      throw new IllegalStateException("tolerance applies to an invariance or direction check, "
          + "but the last expectation is '" + spec.name() + "'");
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException(
          "expectation '" + spec.name() + "': tolerance must be finite and not negative: " + tolerance);
    }
    behaviour.tolerance = tolerance;
  }
}
