package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Interval;
import dev.mlops.metrics.modeltest.ExpectationResult.RowFinding;
import dev.mlops.metrics.modeltest.ExpectationResult.Threshold;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Outcomes shared by the classifier and regressor runs (package-private). */
final class Runs {

  static final String MODEL_ERRORS_NAME = "model predicts every row";

  private Runs() {}

  /** The detail of a row the model could not predict. */
  static String failure(RuntimeException e) {
    return e instanceof BehaviourChecks.RowFailure ? e.getMessage() : "model threw " + BehaviourChecks.describe(e);
  }

  static ExpectationResult modelErrors(int n, long errorCount, List<RowFinding> errors) {
    double rate = (double) (n - errorCount) / n;
    RowFinding first = errors.isEmpty() ? null : errors.get(0);
    String reason = "model failed on " + errorCount + " of " + n + " rows; metrics use the other "
        + (n - errorCount) + (first == null ? "" : "; first: row " + first.index() + ": " + first.detail());
    return new ExpectationResult(MODEL_ERRORS_NAME, ExpectationKind.MODEL_ERRORS, Status.FAILED, null, rate, null,
        Threshold.atLeast(1), n, reason, false, List.of(), null, errorCount, errors, List.of());
  }

  static ExpectationResult noPredictions(Spec.MetricSpec spec, boolean undefinedFails) {
    Status status = undefinedFails || spec.failIfUndefined ? Status.FAILED : Status.UNDEFINED;
    return new ExpectationResult(spec.name(), spec.slicer == null ? ExpectationKind.METRIC
        : ExpectationKind.METRIC_PER_SLICE, status, spec.metric, Double.NaN, null, spec.threshold, 0,
        spec.metric.key() + " is undefined: the model predicted no row", spec.warning, List.of(), null, 0, List.of(),
        List.of());
  }

  static ExpectationResult comparisonUndefined(Spec.ComparisonSpec spec, String reason, boolean undefinedFails) {
    Status status = undefinedFails || spec.failIfUndefined ? Status.FAILED : Status.UNDEFINED;
    return new ExpectationResult(spec.name(), ExpectationKind.COMPARISON, status, spec.metric, Double.NaN, null,
        threshold(spec), 0, reason, spec.warning, List.of(), null, 0, List.of(), List.of());
  }

  private static Threshold threshold(Spec.ComparisonSpec spec) {
    return spec.metric.greaterIsBetter() ? Threshold.atLeast(0.0 - spec.delta) : Threshold.atMost(spec.delta);
  }

  /**
   * The level of the difference interval of a comparison: {@code 1 - alpha} for the default rule,
   * {@code 1 - 2 alpha} under non-inferiority (its lower end is the one-sided {@code 1 - alpha} bound).
   *
   * @throws IllegalArgumentException naming the expectation, under non-inferiority with alpha >= 0.5
   */
  static double comparisonLevel(Spec.ComparisonSpec spec, Settings settings) {
    double alpha = settings.significanceLevel;
    if (!spec.nonInferiority) {
      return 1 - alpha;
    }
    if (!(alpha < 0.5)) {
      throw new IllegalArgumentException("expectation '" + spec.name()
          + "': significance level of a non-inferiority test must be below 0.5: " + alpha);
    }
    return 1 - 2 * alpha;
  }

  /**
   * The one-sided p-value of H0: oriented difference <= -delta, where the interval is DeLong's
   * normal interval and not clipped to [-1, 1] (its half-width is then exactly z * se, so
   * {@code p < alpha} agrees with the interval's decision); NaN for other tests.
   */
  private static double nonInferiorityPValue(ComparisonResult result, double oriented, double delta) {
    Interval ci = result.differenceCi();
    if (!ComparisonResult.DELONG.equals(result.test()) || !(ci.lower() > -1 && ci.upper() < 1)) {
      return Double.NaN;
    }
    NormalDistribution normal = new NormalDistribution(null, 0, 1);
    double z = normal.inverseCumulativeProbability(1 - (1 - ci.level()) / 2);
    double se = (ci.upper() - ci.lower()) / (2 * z);
    if (!(se > 0)) {
      return Double.NaN;
    }
    return 1 - normal.cumulativeProbability((oriented + delta) / se);
  }

  /**
   * Judges a paired comparison (see {@link NotWorseThan}): by default fails only when the candidate
   * is significantly worse than the baseline by more than the margin; under non-inferiority passes
   * only when the lower end of the oriented interval is above minus the margin.
   */
  static ExpectationResult comparison(Spec.ComparisonSpec spec, ComparisonResult result, long n, Settings settings,
      String note) {
    double sign = spec.metric.greaterIsBetter() ? 1 : -1;
    double oriented = sign * result.difference();
    Interval ci = result.differenceCi();
    String subject = spec.metric.key() + " " + Format.number(result.candidate()) + " vs baseline "
        + Format.number(result.baseline()) + ": difference " + Format.number(result.difference());
    String test = result.test() + (Double.isNaN(result.pValue()) ? "" : " " + result.pValueText());
    if (Double.isNaN(result.difference())) {
      Status status = settings.undefinedFails || spec.failIfUndefined ? Status.FAILED : Status.UNDEFINED;
      return new ExpectationResult(spec.name(), ExpectationKind.COMPARISON, status, spec.metric, Double.NaN, ci,
          threshold(spec), n, subject + " is undefined (" + test + ")" + note, spec.warning, List.of(), result, 0,
          List.of(), List.of());
    }
    String evidence = " (" + Format.number(ci.level() * 100) + "% CI [" + Format.number(ci.lower()) + ", "
        + Format.number(ci.upper()) + "] " + ci.method() + ", " + test + ")";
    if (spec.nonInferiority) {
      // One-sided test of H0: oriented difference <= -delta at alpha, decided by the lower end of the
      // oriented (1 - 2 alpha) two-sided interval; the p-value above is that of "no difference".
      double nearEnd = spec.metric.greaterIsBetter() ? ci.lower() : -ci.upper();
      boolean shown = nearEnd > -spec.delta;
      double marginP = nonInferiorityPValue(result, oriented, spec.delta);
      String verdict = (shown ? ": non-inferior: " : ": non-inferiority not shown: ")
          + "lower end of the improvement interval " + Format.number(nearEnd) + (shown ? " > " : " <= ")
          + Format.number(0.0 - spec.delta) + " (one-sided non-inferiority test at alpha "
          + Format.number(settings.significanceLevel) + ", decided by the interval; "
          + (Double.isNaN(marginP) ? "no p-value for the margin" : "p=" + Format.number(marginP)
              + " for H0: difference <= " + Format.number(0.0 - spec.delta) + " (DeLong z)") + ")";
      Status status = shown ? Status.PASSED : (spec.warning ? Status.WARNED : Status.FAILED);
      return new ExpectationResult(spec.name(), ExpectationKind.COMPARISON, status, spec.metric, result.difference(),
          ci, threshold(spec), n, subject + evidence + verdict + note, spec.warning, List.of(), result, 0, List.of(),
          List.of());
    }
    // Default rule, "prove it is worse": both the test and the interval must agree (a Wald interval
    // alone is anti-conservative when few pairs disagree; McNemar's exact test is not).
    double farEnd = spec.metric.greaterIsBetter() ? ci.upper() : -ci.lower();
    boolean worse = farEnd < -spec.delta && result.pValue() < settings.significanceLevel;
    String verdict;
    if (worse) {
      verdict = ": significantly worse by more than " + Format.number(spec.delta);
    } else if (oriented < -spec.delta) {
      verdict = ": worse by more than " + Format.number(spec.delta) + " but not significantly";
    } else {
      verdict = ": not worse by more than " + Format.number(spec.delta);
    }
    verdict += " (default rule: fails only a significant drop; not a non-inferiority test)";
    Status status = worse ? (spec.warning ? Status.WARNED : Status.FAILED) : Status.PASSED;
    return new ExpectationResult(spec.name(), ExpectationKind.COMPARISON, status, spec.metric, result.difference(),
        ci, threshold(spec), n, subject + evidence + verdict + note, spec.warning, List.of(), result, 0, List.of(),
        List.of());
  }
}
