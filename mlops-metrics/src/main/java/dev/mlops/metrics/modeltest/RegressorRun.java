package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.Regressor;
import dev.mlops.metrics.modeltest.BehaviourChecks.RowFailure;
import dev.mlops.metrics.modeltest.BehaviourChecks.Verdict;
import dev.mlops.metrics.modeltest.ExpectationResult.RowFinding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of a {@link RegressorTest} (package-private; single use). */
final class RegressorRun<T> {

  private static final Logger LOG = LoggerFactory.getLogger(RegressorRun.class);

  private final RegressorTest<T> test;
  private final Settings settings;
  private final List<? extends T> rows;
  private final double[] targets;
  private double[] predictions;
  private int[] predicted;
  private final Map<Double, Optional<Evaluation>> evaluations = new HashMap<>();

  RegressorRun(RegressorTest<T> test) {
    this.test = test;
    this.settings = test.settings;
    this.rows = test.rows;
    this.targets = test.targets;
  }

  ModelTestReport run() {
    int n = rows.size();
    predictions = new double[n];
    Arrays.fill(predictions, Double.NaN);
    List<RowFinding> errors = new ArrayList<>();
    long errorCount = 0;
    int[] ok = new int[n];
    int okCount = 0;
    for (int i = 0; i < n; i++) {
      try {
        predictions[i] = predict(test.model, rows.get(i));
        ok[okCount++] = i;
      } catch (RuntimeException e) {
        errorCount++;
        if (errors.size() < settings.reportedRows) {
          errors.add(new RowFinding(i, Format.row(rows.get(i)), Double.NaN, targets[i], Runs.failure(e)));
        }
      }
    }
    predicted = Arrays.copyOf(ok, okCount);
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
    return new ModelTestReport(MetricKind.REGRESSION, n, predicted.length, settings.seed, results,
        evaluation(settings.confidenceLevel));
  }

  private ExpectationResult check(Spec spec) {
    if (spec instanceof Spec.MetricSpec metric) {
      if (predicted.length == 0) {
        return Runs.noPredictions(metric, settings.undefinedFails);
      }
      if (metric.slicer != null) {
        return SliceChecks.check(metric, rows, predicted, (indices, level) -> evaluate(indices, level),
            settings.confidenceLevel, settings.undefinedFails);
      }
      return MetricChecks.check(metric, level -> evaluation(level).orElseThrow(), settings.confidenceLevel,
          settings.undefinedFails);
    }
    if (spec instanceof Spec.ComparisonSpec comparison) {
      return compare(comparison);
    }
    @SuppressWarnings("unchecked")
    Spec.BehaviourSpec<T> behaviour = (Spec.BehaviourSpec<T>) spec;
    return behave(behaviour);
  }

  private Optional<Evaluation> evaluation(double level) {
    return evaluations.computeIfAbsent(level,
        l -> predicted.length == 0 ? Optional.empty() : Optional.of(evaluate(predicted, l)));
  }

  private RegressionEvaluation evaluate(int[] indices, double level) {
    double[] actual = new double[indices.length];
    double[] predictedValues = new double[indices.length];
    for (int j = 0; j < indices.length; j++) {
      actual[j] = targets[indices[j]];
      predictedValues[j] = predictions[indices[j]];
    }
    RegressionEvaluation.Builder builder = RegressionEvaluation.builder(actual, predictedValues).confidenceLevel(level)
        .customMetrics(settings.customMetrics());
    if (settings.bootstrap > 0) {
      builder.bootstrap(settings.bootstrap, settings.seed);
    }
    return builder.evaluate();
  }

  private ExpectationResult compare(Spec.ComparisonSpec spec) {
    @SuppressWarnings("unchecked")
    Regressor<? super T> baseline = (Regressor<? super T>) spec.baseline;
    int[] both = new int[predicted.length];
    double[] base = new double[rows.size()];
    int count = 0;
    long baselineErrors = 0;
    for (int i : predicted) {
      try {
        base[i] = predict(baseline, rows.get(i));
        both[count++] = i;
      } catch (RuntimeException e) {
        baselineErrors++;
      }
    }
    if (count == 0) {
      return Runs.comparisonUndefined(spec, "no row predicted by both models", settings.undefinedFails);
    }
    double[] y = new double[count];
    double[] candidate = new double[count];
    double[] reference = new double[count];
    for (int j = 0; j < count; j++) {
      y[j] = targets[both[j]];
      candidate[j] = predictions[both[j]];
      reference[j] = base[both[j]];
    }
    double level = Runs.comparisonLevel(spec, settings);
    ComparisonResult result;
    try {
      result = Comparisons.regressors(spec.metric, y, candidate, reference, settings, level);
    } catch (IllegalArgumentException e) {
      return Runs.comparisonUndefined(spec, spec.metric.key() + " cannot be compared: " + e.getMessage(),
          settings.undefinedFails);
    }
    String note = baselineErrors == 0 ? "" : "; baseline failed on " + baselineErrors + " rows, left out";
    return Runs.comparison(spec, result, count, settings, note);
  }

  private ExpectationResult behave(Spec.BehaviourSpec<T> spec) {
    List<Double> outputs = new java.util.AbstractList<>() {
      @Override
      public Double get(int index) {
        return predictions[index];
      }

      @Override
      public int size() {
        return predictions.length;
      }
    };
    BehaviourChecks.Predictor<T, Double> model = row -> predict(test.model, row);
    double tolerance = Double.isNaN(spec.tolerance) ? 0 : spec.tolerance;
    switch (spec.kind) {
      case INVARIANCE -> {
        return BehaviourChecks.perturbation(spec, rows, predicted, outputs, model, (before, after) -> {
          double change = Math.abs(after - before);
          boolean passed = change <= tolerance;
          Supplier<String> detail = () -> "prediction " + Format.number(before) + " -> " + Format.number(after)
              + " (change "
              + Format.number(change) + (passed ? " <= " : " > ") + "tolerance " + Format.number(tolerance) + ")";
          return new Verdict(passed, change, before, after, detail);
        }, settings.reportedRows);
      }
      case DIRECTION -> {
        return BehaviourChecks.perturbation(spec, rows, predicted, outputs, model, (before, after) -> {
          boolean passed = spec.direction.accepts(before, after, tolerance);
          Supplier<String> detail = () -> "prediction " + Format.number(before) + " -> " + Format.number(after)
              + " (expected "
              + spec.direction.words() + ")";
          return new Verdict(passed, spec.direction.violation(before, after), before, after, detail);
        }, settings.reportedRows);
      }
      case CASES -> {
        return BehaviourChecks.cases(spec, spec.regressionCases, RegressionCase::row, RegressionCase::description,
            c -> {
              double p = predict(test.model, c.row());
              boolean passed = p >= c.min() && p <= c.max();
              double miss = p < c.min() ? c.min() - p : p - c.max();
              Supplier<String> detail = () -> "prediction " + Format.number(p) + (passed ? " in " : " not in ") + "["
                  + Format.number(c.min()) + ", " + Format.number(c.max()) + "]";
              return new Verdict(passed, miss, p, Double.NaN, detail);
            }, settings.reportedRows);
      }
      default -> throw new IllegalStateException("unexpected behavioural check: " + spec.kind);
    }
  }

  private static <T> double predict(Regressor<? super T> model, T row) {
    double value = model.predict(row);
    if (!Double.isFinite(value)) {
      throw new RowFailure("model prediction must be finite: " + value);
    }
    return value;
  }
}
