package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.modeltest.ExpectationResult.SliceOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks a metric expectation on every slice of the rows (package-private). */
final class SliceChecks {

  private SliceChecks() {}

  /** Evaluates the model on a subset of rows (indices into the test rows) at a confidence level. */
  interface SubsetEvaluator {
    Evaluation evaluate(int[] rowIndices, double level);
  }

  static ExpectationResult check(Spec.MetricSpec spec, List<?> rows, int[] predicted,
      SubsetEvaluator evaluator, double defaultLevel, boolean undefinedFails) {
    Map<String, List<Integer>> groups = new TreeMap<>();
    for (int i : predicted) {
      Object key;
      try {
        key = spec.slicer.apply(rows.get(i));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("expectation '" + spec.name() + "': slice key function failed on row "
            + i + ": " + e, e);
      }
      if (key == null) {
        throw new IllegalArgumentException("expectation '" + spec.name() + "': slice key must not be null: row " + i);
      }
      groups.computeIfAbsent(String.valueOf(key), k -> new ArrayList<>()).add(i);
    }
    double level = MetricChecks.level(spec, defaultLevel);
    List<SliceOutcome> outcomes = new ArrayList<>();
    SliceOutcome worst = null;
    double worstCompared = Double.NaN;
    int failed = 0;
    int undefined = 0;
    int evaluated = 0;
    for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
      int[] indices = group.getValue().stream().mapToInt(Integer::intValue).toArray();
      if (indices.length < spec.minSliceSize) {
        outcomes.add(new SliceOutcome(group.getKey(), indices.length, Double.NaN, null, Status.UNDEFINED, true,
            "skipped: " + indices.length + " rows < min slice size " + spec.minSliceSize));
        continue;
      }
      evaluated++;
      MetricValue value;
      try {
        value = MetricChecks.read(spec, evaluator.evaluate(indices, level));
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("expectation '")) {
          throw e;
        }
        // A slice the evaluation rejects (e.g. too few rows for it) is undefined, not a crash.
        undefined++;
        outcomes.add(new SliceOutcome(group.getKey(), indices.length, Double.NaN, null,
            undefinedFails || spec.failIfUndefined ? Status.FAILED : Status.UNDEFINED, false,
            "could not evaluate: " + e.getMessage()));
        continue;
      }
      MetricChecks.Outcome outcome = MetricChecks.judge(spec, value, undefinedFails);
      SliceOutcome slice = new SliceOutcome(group.getKey(), indices.length, value.value(), value.ci(),
          outcome.status(), false, outcome.reason());
      outcomes.add(slice);
      if (!value.defined() || Double.isNaN(outcome.compared())) {
        undefined++;
        continue;
      }
      if (outcome.status() != Status.PASSED) {
        failed++;
      }
      if (worst == null || worse(spec, outcome.compared(), worstCompared)) {
        worst = slice;
        worstCompared = outcome.compared();
      }
    }
    Status undefinedStatus = undefinedFails || spec.failIfUndefined ? Status.FAILED : Status.UNDEFINED;
    Status status;
    String reason;
    String worstText = worst == null ? "" : "worst slice '" + worst.key() + "' (n=" + worst.n() + "): "
        + worst.reason();
    if (failed > 0) {
      status = spec.warning ? Status.WARNED : Status.FAILED;
      reason = failed + " of " + evaluated + " slices fail; " + worstText;
    } else if (evaluated == 0) {
      status = undefinedStatus;
      reason = "no slice has at least " + spec.minSliceSize + " rows (" + groups.size() + " slices)";
    } else if (undefined > 0) {
      status = undefinedStatus;
      reason = undefined + " of " + evaluated + " slices undefined, the others pass"
          + (worst == null ? "" : "; " + worstText);
    } else {
      status = Status.PASSED;
      reason = "all " + evaluated + " slices pass; " + worstText;
    }
    long n = worst == null ? 0 : worst.n();
    double observed = worst == null ? Double.NaN : worst.observed();
    Interval ci = worst == null ? null : worst.ci();
    return new ExpectationResult(spec.name(), ExpectationKind.METRIC_PER_SLICE, status, spec.metric, observed,
        ci, spec.threshold, n, reason, spec.warning, outcomes, null, 0, List.of(), List.of());
  }

  /** Whether {@code candidate} is further on the bad side of the threshold than {@code current}. */
  private static boolean worse(Spec.MetricSpec spec, double candidate, double current) {
    return switch (spec.threshold.comparison()) {
      case AT_LEAST -> candidate < current;
      case AT_MOST -> candidate > current;
      case BETWEEN -> distance(spec.threshold, candidate) > distance(spec.threshold, current);
    };
  }

  private static double distance(ExpectationResult.Threshold threshold, double value) {
    double mid = (threshold.lower() + threshold.upper()) / 2;
    return Math.abs(value - mid);
  }
}
