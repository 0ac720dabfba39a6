package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.metrics.Regressor;
import dev.mlops.metrics.modeltest.BehaviourChecks.RowFailure;
import dev.mlops.metrics.modeltest.BehaviourChecks.Verdict;
import dev.mlops.metrics.modeltest.ExpectationResult.RowFinding;
import java.util.List;
import java.util.function.Supplier;

/** One run of a {@link RegressorTest} (package-private; single use). */
final class RegressorRun<T> extends ModelRun<T, Double> {

  private final RegressorTest<T> test;
  private final double[] targets;

  RegressorRun(RegressorTest<T> test) {
    super(test.settings, test.rows);
    this.test = test;
    this.targets = test.targets;
  }

  @Override
  MetricKind kind() {
    return MetricKind.REGRESSION;
  }

  @Override
  Double predict(T row) {
    return predict(test.model, row);
  }

  @Override
  @SuppressWarnings("unchecked")
  Double predictBaseline(Object baseline, T row) {
    return predict((Regressor<? super T>) baseline, row);
  }

  @Override
  RowFinding failure(int row, RuntimeException e) {
    return new RowFinding(row, Format.row(rows.get(row)), Double.NaN, targets[row], Runs.failure(e));
  }

  @Override
  RegressionEvaluation evaluate(int[] indices, double level) {
    double[] actual = new double[indices.length];
    double[] predictedValues = new double[indices.length];
    for (int j = 0; j < indices.length; j++) {
      actual[j] = targets[indices[j]];
      predictedValues[j] = outputs.get(indices[j]);
    }
    RegressionEvaluation.Builder builder = RegressionEvaluation.builder(actual, predictedValues).confidenceLevel(level)
        .customMetrics(settings.customMetrics());
    if (settings.bootstrap > 0) {
      builder.bootstrap(settings.bootstrap, settings.seed);
    }
    return builder.evaluate();
  }

  @Override
  ComparisonResult compare(Spec.ComparisonSpec spec, int[] both, List<Double> baseline, double level) {
    double[] y = new double[both.length];
    double[] candidate = new double[both.length];
    double[] reference = new double[both.length];
    for (int j = 0; j < both.length; j++) {
      y[j] = targets[both[j]];
      candidate[j] = outputs.get(both[j]);
      reference[j] = baseline.get(both[j]);
    }
    return Comparisons.regressors(spec.metric, y, candidate, reference, settings, level);
  }

  @Override
  ExpectationResult behave(Spec.BehaviourSpec<T> spec) {
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
