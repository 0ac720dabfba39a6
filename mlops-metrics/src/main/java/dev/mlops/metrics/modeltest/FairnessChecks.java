package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Interval;
import dev.mlops.metrics.fairness.AttributeFairness;
import dev.mlops.metrics.fairness.DisparityValue;
import dev.mlops.metrics.fairness.FairnessEvaluation;
import dev.mlops.metrics.fairness.GroupFairness;
import java.util.ArrayList;
import java.util.List;

/** Runs a {@link FairnessSpec} on the rows a classifier predicted (package-private, stateless). */
final class FairnessChecks {

  private FairnessChecks() {}

  /**
   * Evaluates the disparity and judges it.
   *
   * @param spec the expectation
   * @param rows all test rows
   * @param labels all labels
   * @param probabilities the predicted probabilities of every row (null where the model failed)
   * @param predicted the indices of the rows the model predicted
   * @param threshold the decision threshold on P(class 1)
   * @param settings the test's settings (seed, bootstrap, level, undefined handling)
   * @param <T> the row type
   * @return the result, its reason carrying the per-group table
   * @throws IllegalArgumentException naming the expectation if the classifier is not binary
   */
  static <T> ExpectationResult check(FairnessSpec<T> spec, List<? extends T> rows, int[] labels,
      double[][] probabilities, int[] predicted, int classes, double threshold, Settings settings) {
    if (classes != 2) {
      throw new IllegalArgumentException("expectation '" + spec.name() + "' needs a binary classifier: "
          + classes + " classes");
    }
    Status undefined = settings.undefinedFails || spec.failIfUndefined ? Status.FAILED : Status.UNDEFINED;
    if (predicted.length == 0) {
      return result(spec, undefined, Double.NaN, null, 0, "no row was predicted");
    }
    List<T> kept = new ArrayList<>(predicted.length);
    int[] y = new int[predicted.length];
    double[] scores = new double[predicted.length];
    for (int j = 0; j < predicted.length; j++) {
      kept.add(rows.get(predicted[j]));
      y[j] = labels[predicted[j]];
      scores[j] = probabilities[predicted[j]][1];
    }
    double level = spec.bound == Spec.Bound.VALUE ? settings.confidenceLevel : spec.ciLevel;
    int resamples = spec.bound == Spec.Bound.VALUE ? settings.bootstrap
        : Math.max(settings.bootstrap, Settings.DEFAULT_BOOTSTRAP);
    FairnessEvaluation fairness = GroupFairness.builder().scores(scores, threshold).labels(y)
        .attribute(spec.attribute, kept, spec.key).minGroupSize(spec.minGroupSize)
        .bootstrap(resamples >= 100 ? resamples : 0, level, settings.seed).evaluate();
    AttributeFairness attribute = fairness.attribute(spec.attribute);
    DisparityValue d = attribute.disparity(spec.disparity);
    String table = "\n" + attribute.groupTable();
    if (!d.defined()) {
      return result(spec, undefined, Double.NaN, null, predicted.length,
          spec.disparity.key() + " is undefined: " + d.reason() + table);
    }
    double compared = d.value();
    String subject = spec.disparity.key() + " " + Format.number(d.value());
    if (spec.bound != Spec.Bound.VALUE) {
      Interval ci = d.ci();
      if (ci == null) {
        return result(spec, undefined, Double.NaN, null, predicted.length, spec.disparity.key()
            + " has no bootstrap interval (too few resamples defined a value)" + table);
      }
      compared = spec.bound == Spec.Bound.CI_LOWER ? ci.lower() : ci.upper();
      subject = Format.number(ci.level() * 100) + "% CI " + (spec.bound == Spec.Bound.CI_LOWER ? "lower" : "upper")
          + " bound " + Format.number(compared) + " (" + subject + ")";
    }
    subject += " between " + d.highGroup() + " and " + d.lowGroup();
    boolean passed = spec.threshold.accepts(compared);
    Status status = passed ? Status.PASSED : spec.warning ? Status.WARNED : Status.FAILED;
    return result(spec, status, d.value(), d.ci(), predicted.length,
        subject + (passed ? " is " : " is not ") + spec.threshold + table);
  }

  private static ExpectationResult result(FairnessSpec<?> spec, Status status, double observed, Interval ci, long n,
      String reason) {
    return new ExpectationResult(spec.name(), ExpectationKind.FAIRNESS, status, null, observed, ci, spec.threshold,
        n, reason, spec.warning, List.of(), null, 0, List.of(), List.of());
  }
}
