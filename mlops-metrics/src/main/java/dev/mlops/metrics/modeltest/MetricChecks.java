package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.MetricValue;
import java.util.List;
import java.util.function.DoubleFunction;

/** Turns a metric expectation and an evaluation into an outcome (package-private). */
final class MetricChecks {

  private MetricChecks() {}

  /**
   * Reads the metric an expectation is about from an evaluation (per class when asked).
   *
   * @throws IllegalArgumentException naming the expectation, for an unknown class name or a metric
   *     the evaluation does not compute
   */
  static MetricValue read(Spec.MetricSpec spec, Evaluation evaluation) {
    try {
      if (spec.className != null) {
        ClassificationEvaluation classification = (ClassificationEvaluation) evaluation;
        int index = classIndex(classification.classNames(), spec.className, spec.name());
        return classification.metric(spec.metric, index);
      }
      return evaluation.metric(spec.metric);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("expectation '")) {
        throw e;
      }
      throw new IllegalArgumentException("expectation '" + spec.name() + "': " + e.getMessage(), e);
    }
  }

  static int classIndex(List<String> classNames, String className, String expectation) {
    int index = classNames.indexOf(className);
    if (index < 0) {
      throw new IllegalArgumentException("expectation '" + expectation + "': class name must be one of "
          + classNames + ": " + className);
    }
    return index;
  }

  /** The level a spec's evaluation must have. */
  static double level(Spec.MetricSpec spec, double defaultLevel) {
    return spec.bound == Spec.Bound.VALUE ? defaultLevel : spec.ciLevel;
  }

  /**
   * Checks a metric expectation on all rows.
   *
   * @param atLevel the evaluation at a confidence level (the same one at the default level)
   */
  static ExpectationResult check(Spec.MetricSpec spec, DoubleFunction<Evaluation> atLevel,
      double defaultLevel, boolean undefinedFails) {
    Evaluation evaluation = atLevel.apply(level(spec, defaultLevel));
    MetricValue value = read(spec, evaluation);
    Outcome outcome = judge(spec, value, undefinedFails);
    return new ExpectationResult(spec.name(), ExpectationKind.METRIC, outcome.status, spec.metric,
        value.value(), value.ci(), spec.threshold, value.n(), outcome.reason, spec.warning, List.of(),
        null, 0, List.of(), List.of());
  }

  /** The status and reason of one metric value against a spec. */
  record Outcome(Status status, String reason, double compared) {}

  static Outcome judge(Spec.MetricSpec spec, MetricValue value, boolean undefinedFails) {
    Status undefined = undefinedFails || spec.failIfUndefined ? Status.FAILED : Status.UNDEFINED;
    if (!value.defined()) {
      return new Outcome(undefined, spec.metric.key() + " is undefined: " + value.reason(), Double.NaN);
    }
    String subject = spec.metric.key() + " " + Format.number(value.value());
    double compared = value.value();
    if (spec.bound != Spec.Bound.VALUE) {
      Interval ci = value.ci();
      if (ci == null) {
        return new Outcome(undefined, spec.metric.key() + " has no confidence interval"
            + " (enable the bootstrap for this metric)", Double.NaN);
      }
      compared = spec.bound == Spec.Bound.CI_LOWER ? ci.lower() : ci.upper();
      subject = Format.number(ci.level() * 100) + "% CI " + (spec.bound == Spec.Bound.CI_LOWER ? "lower" : "upper")
          + " bound " + Format.number(compared) + " (" + spec.metric.key() + " " + Format.number(value.value())
          + ", " + ci.method() + ")";
    }
    String zero = value.zeroDivision() ? " [zero division: " + value.reason() + "]" : "";
    if (spec.threshold.accepts(compared)) {
      return new Outcome(Status.PASSED, subject + " is " + spec.threshold + zero, compared);
    }
    return new Outcome(spec.warning ? Status.WARNED : Status.FAILED,
        subject + " is not " + spec.threshold + zero, compared);
  }
}
