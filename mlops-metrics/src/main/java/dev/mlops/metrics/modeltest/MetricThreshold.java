package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A promotion condition on one metric, with the semantics of MLflow's {@code MetricThreshold}:
 * an absolute bound, a minimum absolute change and a minimum relative change against a baseline
 * (the champion), each optional; the direction (greater is better) comes from the metric.
 *
 * <p>A candidate value {@code c} with baseline {@code b} passes when every configured condition
 * holds (for a metric where smaller is better, swap the inequalities and the signs):
 * <ul>
 *   <li>threshold {@code t}: {@code c >= t};
 *   <li>minimum absolute change {@code a}: {@code c >= b + a};
 *   <li>minimum relative change {@code r}: {@code c >= b + r * |b|} (MLflow writes {@code b * (1 + r)},
 *       which is the same for {@code b >= 0}; the absolute value keeps the direction right when the
 *       baseline is negative, e.g. R² or mean error).
 * </ul>
 * Without a baseline (no champion yet), the change conditions do not apply and the check says so in
 * its reason. A NaN candidate never passes.
 *
 * <pre>{@code
 * MetricThreshold gate = MetricThreshold.of(Metric.RMSE).withThreshold(60).withMinRelativeChange(0.02);
 * ThresholdCheck check = gate.check(candidateRmse, OptionalDouble.of(championRmse));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric the metric the condition is on
 * @param threshold the absolute bound, if any (within the metric's range)
 * @param minAbsoluteChange the minimum improvement over the baseline in the metric's unit, if any (not negative)
 * @param minRelativeChange the minimum improvement over the baseline as a fraction of |baseline|, if any (in [0, 1])
 */
public record MetricThreshold(
    Metric metric,
    OptionalDouble threshold,
    OptionalDouble minAbsoluteChange,
    OptionalDouble minRelativeChange) {

  /**
   * Validates the condition.
   *
   * @param metric see {@link #metric()}
   * @param threshold see {@link #threshold()}
   * @param minAbsoluteChange see {@link #minAbsoluteChange()}
   * @param minRelativeChange see {@link #minRelativeChange()}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the threshold is outside the metric's range, the absolute
   *     change is negative or not finite, or the relative change is outside [0, 1]
   */
  public MetricThreshold {
    Checks.nonNull("metric", metric, "threshold", threshold, "minAbsoluteChange", minAbsoluteChange,
        "minRelativeChange", minRelativeChange);
    if (threshold.isPresent()) {
      Thresholds.requireInRange(metric, threshold.getAsDouble(), "threshold of " + metric.key());
    }
    if (minAbsoluteChange.isPresent()) {
      double a = minAbsoluteChange.getAsDouble();
      if (!(a >= 0) || Double.isInfinite(a)) {
        throw new IllegalArgumentException(
            "min absolute change of " + metric.key() + " must be finite and not negative: " + a);
      }
    }
    if (minRelativeChange.isPresent()) {
      double r = minRelativeChange.getAsDouble();
      if (!(r >= 0 && r <= 1)) {
        throw new IllegalArgumentException(
            "min relative change of " + metric.key() + " must be in [0, 1]: " + r);
      }
    }
  }

  /**
   * A condition on a metric with nothing configured yet (it passes any non-NaN value).
   *
   * @param metric the metric
   * @return the empty condition
   */
  public static MetricThreshold of(Metric metric) {
    return new MetricThreshold(
        metric, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
  }

  /**
   * A copy with an absolute bound: at least {@code value} when greater is better, else at most.
   *
   * @param value the bound, within the metric's range
   * @return the new condition
   * @throws IllegalArgumentException if the value is outside the metric's range
   */
  public MetricThreshold withThreshold(double value) {
    return new MetricThreshold(metric, OptionalDouble.of(value), minAbsoluteChange, minRelativeChange);
  }

  /**
   * A copy with a minimum absolute improvement over the baseline.
   *
   * @param value the improvement in the metric's unit, finite and not negative
   * @return the new condition
   * @throws IllegalArgumentException if the value is negative or not finite
   */
  public MetricThreshold withMinAbsoluteChange(double value) {
    return new MetricThreshold(metric, threshold, OptionalDouble.of(value), minRelativeChange);
  }

  /**
   * A copy with a minimum relative improvement over the baseline.
   *
   * @param value the improvement as a fraction of |baseline|, in [0, 1]
   * @return the new condition
   * @throws IllegalArgumentException if the value is outside [0, 1]
   */
  public MetricThreshold withMinRelativeChange(double value) {
    return new MetricThreshold(metric, threshold, minAbsoluteChange, OptionalDouble.of(value));
  }

  /**
   * Whether a larger value of the metric is better (from {@link Metric#greaterIsBetter()}).
   *
   * @return true when greater is better
   */
  public boolean greaterIsBetter() {
    return metric.greaterIsBetter();
  }

  /**
   * Checks a candidate value, and optionally its improvement over a baseline value.
   *
   * @param candidate the candidate's metric value (NaN fails)
   * @param baseline the baseline's (champion's) metric value, or empty when there is none
   * @return the outcome with one line per violated condition
   * @throws NullPointerException if baseline is null
   */
  public ThresholdCheck check(double candidate, OptionalDouble baseline) {
    Objects.requireNonNull(baseline, "baseline");
    boolean up = metric.greaterIsBetter();
    String better = up ? ">=" : "<=";
    List<String> violations = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (Double.isNaN(candidate)) {
      violations.add(metric.key() + " is undefined (NaN)");
    } else {
      if (threshold.isPresent()) {
        double t = threshold.getAsDouble();
        boolean ok = up ? candidate >= t : candidate <= t;
        (ok ? notes : violations)
            .add(metric.key() + " " + Format.number(candidate) + (ok ? " " + better + " " : " not " + better + " ")
                + Format.number(t));
      }
      boolean changeConfigured = minAbsoluteChange.isPresent() || minRelativeChange.isPresent();
      if (changeConfigured && baseline.isEmpty()) {
        notes.add("no baseline: change conditions do not apply");
      } else if (changeConfigured && Double.isNaN(baseline.getAsDouble())) {
        notes.add("baseline " + metric.key() + " is undefined: change conditions do not apply");
      } else if (changeConfigured) {
        double b = baseline.getAsDouble();
        double sign = up ? 1 : -1;
        if (minAbsoluteChange.isPresent()) {
          double a = minAbsoluteChange.getAsDouble();
          double required = b + sign * a;
          boolean ok = up ? candidate >= required : candidate <= required;
          (ok ? notes : violations)
              .add("change " + Format.number(candidate - b) + " vs baseline " + Format.number(b)
                  + (ok ? " meets" : " misses") + " min absolute change " + Format.number(a));
        }
        if (minRelativeChange.isPresent()) {
          double r = minRelativeChange.getAsDouble();
          double required = b + sign * r * Math.abs(b);
          boolean ok = up ? candidate >= required : candidate <= required;
          (ok ? notes : violations)
              .add(metric.key() + " " + Format.number(candidate) + (ok ? " meets" : " misses")
                  + " min relative change " + Format.number(r) + " vs baseline " + Format.number(b)
                  + " (needs " + better + " " + Format.number(required) + ")");
        }
      }
    }
    boolean passed = violations.isEmpty();
    String reason = passed
        ? (notes.isEmpty() ? metric.key() + " " + Format.number(candidate) + ": no condition set"
            : String.join("; ", notes))
        : String.join("; ", violations);
    return new ThresholdCheck(this, candidate, baseline, passed, violations, reason);
  }

  /**
   * The condition as text, e.g. {@code "rmse <= 60, min relative change 0.02"}.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    String better = metric.greaterIsBetter() ? ">=" : "<=";
    threshold.ifPresent(t -> parts.add(metric.key() + " " + better + " " + Format.number(t)));
    minAbsoluteChange.ifPresent(a -> parts.add("min absolute change " + Format.number(a)));
    minRelativeChange.ifPresent(r -> parts.add("min relative change " + Format.number(r)));
    return parts.isEmpty() ? metric.key() + " (no condition)" : String.join(", ", parts);
  }
}
