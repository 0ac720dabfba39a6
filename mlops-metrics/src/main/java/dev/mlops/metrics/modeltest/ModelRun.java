package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.modeltest.ExpectationResult.RowFinding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a model test, shared by classifiers and regressors: predicts every row (a row the
 * model fails on is reported, not fatal), checks every expectation in declaration order, caches one
 * evaluation per confidence level, and predicts the baseline of a comparison on the rows the
 * candidate predicted. Package-private; single use, not thread-safe.
 *
 * @param <T> the row type
 * @param <O> the model's output for one row ({@code double[]} probabilities, or a {@code Double})
 */
abstract class ModelRun<T, O> {

  private static final Logger LOG = LoggerFactory.getLogger(ModelRun.class);

  final Settings settings;
  final List<? extends T> rows;
  /** The model's output per row, {@code null} where it failed. */
  List<O> outputs;
  /** The indices of the rows the model predicted. */
  int[] predicted;
  private final Map<Double, Optional<Evaluation>> evaluations = new HashMap<>();

  ModelRun(Settings settings, List<? extends T> rows) {
    this.settings = settings;
    this.rows = rows;
  }

  /** The kind of metrics this run computes. */
  abstract MetricKind kind();

  /** The candidate model's output on one row, or a {@link BehaviourChecks.RowFailure} on a bad output. */
  abstract O predict(T row);

  /** A baseline model's output on one row (same validation as the candidate's). */
  abstract O predictBaseline(Object baseline, T row);

  /** The finding reported for a row the model failed on. */
  abstract RowFinding failure(int row, RuntimeException e);

  /** Called once every row is predicted, before any expectation is checked. */
  void afterPredictions() {}

  /** Validates a metric expectation against what the run knows (e.g. its class names). */
  void validate(Spec.MetricSpec spec) {}

  /** The evaluation of the given rows at a confidence level. */
  abstract Evaluation evaluate(int[] indices, double level);

  /** The comparison of candidate and baseline on the rows both predicted. */
  abstract ComparisonResult compare(Spec.ComparisonSpec spec, int[] both, List<O> baseline, double level);

  /** Checks a kind of expectation only this run knows (e.g. fairness), or returns {@code null}. */
  ExpectationResult checkOther(Spec spec) {
    return null;
  }

  /** A behavioural check. */
  abstract ExpectationResult behave(Spec.BehaviourSpec<T> spec);

  final ModelTestReport run() {
    int n = rows.size();
    outputs = new ArrayList<>(java.util.Collections.nCopies(n, (O) null));
    List<RowFinding> errors = new ArrayList<>();
    long errorCount = 0;
    int[] ok = new int[n];
    int okCount = 0;
    for (int i = 0; i < n; i++) {
      try {
        outputs.set(i, predict(rows.get(i)));
        ok[okCount++] = i;
      } catch (RuntimeException e) {
        errorCount++;
        if (errors.size() < settings.reportedRows) {
          errors.add(failure(i, e));
        }
      }
    }
    predicted = Arrays.copyOf(ok, okCount);
    afterPredictions();
    if (errorCount > 0) {
      LOG.warn("model failed on {} of {} test rows; first: {}", errorCount, n, errors.isEmpty() ? "" : errors.get(0));
    }
    List<ExpectationResult> results = new ArrayList<>();
    if (errorCount > 0) {
      results.add(Runs.modelErrors(n, errorCount, errors));
    }
    for (Spec spec : settings.specs) {
      results.add(check(spec));
    }
    return new ModelTestReport(kind(), n, predicted.length, settings.seed, results,
        evaluation(settings.confidenceLevel));
  }

  private ExpectationResult check(Spec spec) {
    if (spec instanceof Spec.MetricSpec metric) {
      if (predicted.length == 0) {
        return Runs.noPredictions(metric, settings.undefinedFails);
      }
      validate(metric);
      if (metric.slicer != null) {
        return SliceChecks.check(metric, rows, predicted, this::evaluate, settings.confidenceLevel,
            settings.undefinedFails);
      }
      return MetricChecks.check(metric, level -> evaluation(level).orElseThrow(), settings.confidenceLevel,
          settings.undefinedFails);
    }
    if (spec instanceof Spec.ComparisonSpec comparison) {
      return compare(comparison);
    }
    ExpectationResult other = checkOther(spec);
    if (other != null) {
      return other;
    }
    @SuppressWarnings("unchecked")
    Spec.BehaviourSpec<T> behaviour = (Spec.BehaviourSpec<T>) spec;
    return behave(behaviour);
  }

  private Optional<Evaluation> evaluation(double level) {
    return evaluations.computeIfAbsent(level,
        l -> predicted.length == 0 ? Optional.empty() : Optional.of(evaluate(predicted, l)));
  }

  private ExpectationResult compare(Spec.ComparisonSpec spec) {
    int[] both = new int[predicted.length];
    List<O> base = new ArrayList<>(java.util.Collections.nCopies(rows.size(), (O) null));
    int count = 0;
    long baselineErrors = 0;
    for (int i : predicted) {
      try {
        base.set(i, predictBaseline(spec.baseline, rows.get(i)));
        both[count++] = i;
      } catch (RuntimeException e) {
        baselineErrors++;
      }
    }
    if (count == 0) {
      return Runs.comparisonUndefined(spec, "no row predicted by both models", settings.undefinedFails);
    }
    double level = Runs.comparisonLevel(spec, settings);
    ComparisonResult result;
    try {
      result = compare(spec, Arrays.copyOf(both, count), base, level);
    } catch (IllegalArgumentException e) {
      // Undefined on these rows (e.g. ROC AUC with one class): report, do not throw the report away.
      return Runs.comparisonUndefined(spec, spec.metric.key() + " cannot be compared: " + e.getMessage(),
          settings.undefinedFails);
    }
    String note = baselineErrors == 0 ? "" : "; baseline failed on " + baselineErrors + " rows, left out";
    return Runs.comparison(spec, result, count, settings, note);
  }
}
