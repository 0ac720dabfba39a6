package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.modeltest.ExpectationResult.Threshold;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One declared expectation while a test is being built (package-private, mutable until run).
 * The builders fill these in; the runners turn them into {@link ExpectationResult}s.
 */
abstract class Spec {

  boolean warning;
  boolean failIfUndefined;

  /** The expectation's name as it appears in reports and error messages. */
  abstract String name();

  /** Where a metric expectation reads its value: the point estimate or a bound of its CI. */
  enum Bound {
    VALUE,
    CI_LOWER,
    CI_UPPER
  }

  /** An expectation whose value (or a bound of its CI) is compared with a threshold. */
  abstract static class ThresholdSpec extends Spec {
    Bound bound = Bound.VALUE;
    double ciLevel = Double.NaN;
    Threshold threshold;

    /** Appends which CI bound is read (nothing for the point estimate). */
    final StringBuilder appendBound(StringBuilder name) {
      if (bound != Bound.VALUE) {
        name.append(" (").append(Format.number(ciLevel * 100)).append("% CI ")
            .append(bound == Bound.CI_LOWER ? "lower" : "upper").append(" bound)");
      }
      return name;
    }

    /** Appends the threshold, or a placeholder while it is not set. */
    final StringBuilder appendThreshold(StringBuilder name) {
      return name.append(' ').append(threshold == null ? "(no threshold yet)" : threshold.toString());
    }
  }

  /** An expectation on a metric value, on all rows, one class, or every slice. */
  static final class MetricSpec extends ThresholdSpec {
    final Metric metric;
    String className;
    Function<Object, ?> slicer;
    int minSliceSize = 1;

    MetricSpec(Metric metric) {
      this.metric = metric;
    }

    @Override
    String name() {
      StringBuilder name = new StringBuilder(metric.key());
      if (className != null) {
        name.append("[").append(className).append("]");
      }
      appendBound(name);
      if (slicer != null) {
        name.append(" on every slice");
      }
      return appendThreshold(name).toString();
    }
  }

  /** "Not worse than a baseline model by more than delta", significance-tested. */
  static final class ComparisonSpec extends Spec {
    final Object baseline;
    Metric metric;
    double delta = Double.NaN;
    boolean nonInferiority;

    ComparisonSpec(Object baseline) {
      this.baseline = baseline;
    }

    @Override
    String name() {
      return (metric == null ? "(metric)" : metric.key()) + " not worse than baseline by more than "
          + (Double.isNaN(delta) ? "(delta)" : Format.number(delta)) + (nonInferiority ? " (non-inferiority)" : "");
    }
  }

  /** A behavioural check: invariance, direction, or hand-written cases. */
  static final class BehaviourSpec<T> extends Spec {
    final ExpectationKind kind;
    final String title;
    UnaryOperator<T> perturbation;
    Direction direction;
    String className;
    List<ClassificationCase<T>> classificationCases;
    List<RegressionCase<T>> regressionCases;
    double minPassRate = 1.0;
    double tolerance = Double.NaN;

    BehaviourSpec(ExpectationKind kind, String title) {
      this.kind = kind;
      this.title = title;
    }

    @Override
    String name() {
      return kind.name().toLowerCase(Locale.ROOT) + ": " + title;
    }
  }
}
