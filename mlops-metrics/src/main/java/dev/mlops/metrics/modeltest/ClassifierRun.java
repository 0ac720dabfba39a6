package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.ProbabilisticClassifier;
import dev.mlops.metrics.modeltest.BehaviourChecks.RowFailure;
import dev.mlops.metrics.modeltest.BehaviourChecks.Verdict;
import dev.mlops.metrics.modeltest.ExpectationResult.RowFinding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** One run of a {@link ClassifierTest} (package-private; single use). */
final class ClassifierRun<T> extends ModelRun<T, double[]> {

  private static final double SUM_TOLERANCE = 1e-6;

  private final ClassifierTest<T> test;
  private final int[] labels;
  private int k;
  private List<String> classNames;

  ClassifierRun(ClassifierTest<T> test) {
    super(test.settings, test.rows);
    this.test = test;
    this.labels = test.labels;
    this.k = test.classNames == null ? -1 : test.classNames.size();
  }

  @Override
  MetricKind kind() {
    return MetricKind.CLASSIFICATION;
  }

  @Override
  double[] predict(T row) {
    double[] p = predict(test.model, row);
    if (k < 0) {
      k = p.length;
    }
    return p;
  }

  @Override
  @SuppressWarnings("unchecked")
  double[] predictBaseline(Object baseline, T row) {
    return predict((ProbabilisticClassifier<? super T>) baseline, row);
  }

  @Override
  RowFinding failure(int row, RuntimeException e) {
    return new RowFinding(row, Format.row(rows.get(row)), Double.NaN, Double.NaN, Runs.failure(e));
  }

  @Override
  void afterPredictions() {
    if (k < 0) {
      k = Math.max(2, Arrays.stream(labels).max().orElse(1) + 1);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + k + "): " + labels[i]);
      }
    }
    classNames = test.classNames != null ? test.classNames : defaultNames(k);
  }

  @Override
  void validate(Spec.MetricSpec spec) {
    if (spec.className != null) {
      MetricChecks.classIndex(classNames, spec.className, spec.name());
    }
  }

  @Override
  ExpectationResult checkOther(Spec spec) {
    if (spec instanceof FairnessSpec<?> fairness) {
      @SuppressWarnings("unchecked")
      FairnessSpec<T> typed = (FairnessSpec<T>) fairness;
      return FairnessChecks.check(typed, rows, labels, outputs.toArray(new double[0][]), predicted, k,
          test.threshold, settings);
    }
    return null;
  }

  @Override
  ClassificationEvaluation evaluate(int[] indices, double level) {
    int[] y = new int[indices.length];
    for (int j = 0; j < indices.length; j++) {
      y[j] = labels[indices[j]];
    }
    ClassificationEvaluation.Builder builder;
    if (k == 2) {
      double[] scores = new double[indices.length];
      for (int j = 0; j < indices.length; j++) {
        scores[j] = outputs.get(indices[j])[1];
      }
      builder = ClassificationEvaluation.binary(y, scores).threshold(test.threshold);
    } else {
      double[][] p = new double[indices.length][];
      for (int j = 0; j < indices.length; j++) {
        p[j] = outputs.get(indices[j]);
      }
      builder = ClassificationEvaluation.multiclass(y, p);
    }
    builder.classNames(classNames).confidenceLevel(level).customMetrics(settings.customMetrics());
    if (settings.bootstrap > 0) {
      builder.bootstrap(settings.bootstrap, settings.seed);
    }
    return builder.evaluate();
  }

  @Override
  ComparisonResult compare(Spec.ComparisonSpec spec, int[] both, List<double[]> baseline, double level) {
    int[] y = new int[both.length];
    double[][] candidate = new double[both.length][];
    double[][] reference = new double[both.length][];
    for (int j = 0; j < both.length; j++) {
      y[j] = labels[both[j]];
      candidate[j] = outputs.get(both[j]);
      reference[j] = baseline.get(both[j]);
    }
    return Comparisons.classifiers(spec.metric, y, candidate, reference, k, test.threshold, settings, level);
  }

  @Override
  ExpectationResult behave(Spec.BehaviourSpec<T> spec) {
    BehaviourChecks.Predictor<T, double[]> model = row -> predict(test.model, row);
    switch (spec.kind) {
      case INVARIANCE -> {
        double tolerance = spec.tolerance;
        return BehaviourChecks.perturbation(spec, rows, predicted, outputs, model, (before, after) -> {
          int c0 = decide(before);
          int c1 = decide(after);
          double largest = 0;
          for (int c = 0; c < k; c++) {
            largest = Math.max(largest, Math.abs(after[c] - before[c]));
          }
          double change = largest;
          boolean passed = c0 == c1 && (Double.isNaN(tolerance) || change <= tolerance);
          Supplier<String> detail = () -> (c0 == c1 ? "class '" + classNames.get(c0) + "' kept"
              : "class '" + classNames.get(c0)
              + "' -> '" + classNames.get(c1) + "'") + ", p(" + classNames.get(c0) + ") "
              + Format.number(before[c0]) + " -> " + Format.number(after[c0])
              + (Double.isNaN(tolerance) ? "" : ", max probability change " + Format.number(change)
                  + (change <= tolerance ? " <= " : " > ") + "tolerance " + Format.number(tolerance));
          // Rows that flip rank first, then by how much the probabilities moved.
          return new Verdict(passed, (c0 == c1 ? 0 : 1) + change, before[c0], after[c0], detail);
        }, settings.reportedRows);
      }
      case DIRECTION -> {
        int c = MetricChecks.classIndex(classNames, spec.className, spec.name());
        double tolerance = Double.isNaN(spec.tolerance) ? 0 : spec.tolerance;
        return BehaviourChecks.perturbation(spec, rows, predicted, outputs, model, (before, after) -> {
          boolean passed = spec.direction.accepts(before[c], after[c], tolerance);
          Supplier<String> detail = () -> "p(" + classNames.get(c) + ") " + Format.number(before[c]) + " -> "
              + Format.number(after[c]) + " (expected " + spec.direction.words() + ")";
          return new Verdict(passed, spec.direction.violation(before[c], after[c]), before[c], after[c], detail);
        }, settings.reportedRows);
      }
      case CASES -> {
        // Resolve every expected class first, so a typo fails fast with the case named.
        for (int i = 0; i < spec.classificationCases.size(); i++) {
          String expected = spec.classificationCases.get(i).expectedClass();
          if (!classNames.contains(expected)) {
            throw new IllegalArgumentException("expectation '" + spec.name() + "': case " + i
                + " expected class must be one of " + classNames + ": " + expected);
          }
        }
        return BehaviourChecks.cases(spec, spec.classificationCases, ClassificationCase::row,
            ClassificationCase::description, c -> {
              int expected = classNames.indexOf(c.expectedClass());
              double[] p = predict(test.model, c.row());
              int got = decide(p);
              Supplier<String> detail = () -> "expected '" + c.expectedClass() + "', predicted '"
                  + classNames.get(got) + "' (p("
                  + c.expectedClass() + ") " + Format.number(p[expected]) + ")";
              return new Verdict(got == expected, 1 - p[expected], p[expected], Double.NaN, detail);
            }, settings.reportedRows);
      }
      default -> throw new IllegalStateException("unexpected behavioural check: " + spec.kind);
    }
  }

  /** The predicted class: P(class 1) >= threshold for binary models, else the arg-max (first on ties). */
  private int decide(double[] p) {
    if (k == 2) {
      return p[1] >= test.threshold ? 1 : 0;
    }
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }

  /** Calls the model and validates its output; an invalid output is a {@link RowFailure}. */
  private double[] predict(ProbabilisticClassifier<? super T> model, T row) {
    double[] p = model.probabilities(row);
    if (p == null) {
      throw new RowFailure("model returned null probabilities");
    }
    int expected = k < 0 ? p.length : k;
    if (p.length != expected || p.length < 2) {
      throw new RowFailure("model returned " + p.length + " probabilities, expected " + (k < 0 ? "at least 2" : k));
    }
    double sum = 0;
    for (int c = 0; c < p.length; c++) {
      if (!(p[c] >= 0 && p[c] <= 1)) {
        throw new RowFailure("probability[" + c + "] must be in [0, 1]: " + p[c]);
      }
      sum += p[c];
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new RowFailure("probabilities must sum to 1 (within 1e-6): " + sum);
    }
    return p.clone();
  }

  private static List<String> defaultNames(int k) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      names.add(Integer.toString(c));
    }
    return List.copyOf(names);
  }
}
