package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.ProbabilisticClassifier;
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

/** One run of a {@link ClassifierTest} (package-private; single use). */
final class ClassifierRun<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ClassifierRun.class);
  private static final double SUM_TOLERANCE = 1e-6;

  private final ClassifierTest<T> test;
  private final Settings settings;
  private final List<? extends T> rows;
  private final int[] labels;
  private int k;
  private List<String> classNames;
  private double[][] probabilities;
  private int[] predicted;
  private final Map<Double, Optional<Evaluation>> evaluations = new HashMap<>();

  ClassifierRun(ClassifierTest<T> test) {
    this.test = test;
    this.settings = test.settings;
    this.rows = test.rows;
    this.labels = test.labels;
  }

  ModelTestReport run() {
    int n = rows.size();
    k = test.classNames == null ? -1 : test.classNames.size();
    probabilities = new double[n][];
    List<RowFinding> errors = new ArrayList<>();
    long errorCount = 0;
    int[] ok = new int[n];
    int okCount = 0;
    for (int i = 0; i < n; i++) {
      try {
        double[] p = predict(test.model, rows.get(i));
        if (k < 0) {
          k = p.length;
        }
        probabilities[i] = p;
        ok[okCount++] = i;
      } catch (RuntimeException e) {
        errorCount++;
        if (errors.size() < settings.reportedRows) {
          errors.add(new RowFinding(i, Format.row(rows.get(i)), Double.NaN, Double.NaN,
              Runs.failure(e)));
        }
      }
    }
    predicted = Arrays.copyOf(ok, okCount);
    if (k < 0) {
      k = Math.max(2, Arrays.stream(labels).max().orElse(1) + 1);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + k + "): " + labels[i]);
      }
    }
    classNames = test.classNames != null ? test.classNames : defaultNames(k);
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
    Optional<Evaluation> evaluation = evaluation(settings.confidenceLevel);
    return new ModelTestReport(MetricKind.CLASSIFICATION, n, predicted.length, settings.seed, results, evaluation);
  }

  private ExpectationResult check(Spec spec) {
    if (spec instanceof Spec.MetricSpec metric) {
      if (predicted.length == 0) {
        return Runs.noPredictions(metric, settings.undefinedFails);
      }
      if (metric.className != null) {
        MetricChecks.classIndex(classNames, metric.className, metric.name());
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
    if (spec instanceof FairnessSpec<?> fairness) {
      @SuppressWarnings("unchecked")
      FairnessSpec<T> typed = (FairnessSpec<T>) fairness;
      return FairnessChecks.check(typed, rows, labels, probabilities, predicted, k, test.threshold, settings);
    }
    @SuppressWarnings("unchecked")
    Spec.BehaviourSpec<T> behaviour = (Spec.BehaviourSpec<T>) spec;
    return behave(behaviour);
  }

  private Optional<Evaluation> evaluation(double level) {
    return evaluations.computeIfAbsent(level,
        l -> predicted.length == 0 ? Optional.empty() : Optional.of(evaluate(predicted, l)));
  }

  private ClassificationEvaluation evaluate(int[] indices, double level) {
    int[] y = new int[indices.length];
    for (int j = 0; j < indices.length; j++) {
      y[j] = labels[indices[j]];
    }
    ClassificationEvaluation.Builder builder;
    if (k == 2) {
      double[] scores = new double[indices.length];
      for (int j = 0; j < indices.length; j++) {
        scores[j] = probabilities[indices[j]][1];
      }
      builder = ClassificationEvaluation.binary(y, scores).threshold(test.threshold);
    } else {
      double[][] p = new double[indices.length][];
      for (int j = 0; j < indices.length; j++) {
        p[j] = probabilities[indices[j]];
      }
      builder = ClassificationEvaluation.multiclass(y, p);
    }
    builder.classNames(classNames).confidenceLevel(level).customMetrics(settings.customMetrics());
    if (settings.bootstrap > 0) {
      builder.bootstrap(settings.bootstrap, settings.seed);
    }
    return builder.evaluate();
  }

  private ExpectationResult compare(Spec.ComparisonSpec spec) {
    @SuppressWarnings("unchecked")
    ProbabilisticClassifier<? super T> baseline = (ProbabilisticClassifier<? super T>) spec.baseline;
    int[] both = new int[predicted.length];
    double[][] base = new double[rows.size()][];
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
    both = Arrays.copyOf(both, count);
    if (count == 0) {
      return Runs.comparisonUndefined(spec, "no row predicted by both models", settings.undefinedFails);
    }
    int[] y = new int[count];
    double[][] candidate = new double[count][];
    double[][] reference = new double[count][];
    for (int j = 0; j < count; j++) {
      y[j] = labels[both[j]];
      candidate[j] = probabilities[both[j]];
      reference[j] = base[both[j]];
    }
    double level = Runs.comparisonLevel(spec, settings);
    ComparisonResult result;
    try {
      result = Comparisons.classifiers(spec.metric, y, candidate, reference, k, test.threshold, settings, level);
    } catch (IllegalArgumentException e) {
      // Undefined on these rows (e.g. ROC AUC with one class): report, do not throw the report away.
      return Runs.comparisonUndefined(spec, spec.metric.key() + " cannot be compared: " + e.getMessage(),
          settings.undefinedFails);
    }
    String note = baselineErrors == 0 ? "" : "; baseline failed on " + baselineErrors + " rows, left out";
    return Runs.comparison(spec, result, count, settings, note);
  }

  private ExpectationResult behave(Spec.BehaviourSpec<T> spec) {
    List<double[]> outputs = Arrays.asList(probabilities);
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
