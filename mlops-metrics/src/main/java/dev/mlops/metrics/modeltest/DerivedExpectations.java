package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.modeltest.ExpectationResult.Threshold;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Expectations derived from a reference evaluation, as Evidently derives test conditions from
 * reference data: every headline metric defined in the reference must stay within a tolerance
 * of its reference value. Created by {@link ModelTest#derivedFrom(Evaluation)}.
 *
 * <p>The band of metric {@code m} with reference value {@code r} is {@code r ± max(rel * |r|, abs)}
 * (default {@code rel} = 0.1, {@code abs} = 0), clipped to the metric's range. It is two-sided
 * by default, like Evidently's: a large improvement is flagged too, as it often signals leakage or
 * a changed label definition; {@link #oneSided()} keeps only the bound on the bad side.
 *
 * <p>Headline metrics: binary classifiers accuracy, balanced accuracy, precision, recall, F1,
 * ROC AUC, average precision, log loss, Brier score; multiclass accuracy, balanced accuracy,
 * macro and weighted F1, log loss, macro one-vs-rest ROC AUC; regressors MAE, RMSE, R²,
 * median absolute error. {@link #withMetrics(Metric...)} chooses others.
 *
 * <p>Immutable and thread-safe.
 */
public final class DerivedExpectations {

  private static final List<Metric> BINARY = List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY, Metric.PRECISION,
      Metric.RECALL, Metric.F1, Metric.ROC_AUC, Metric.AVERAGE_PRECISION, Metric.LOG_LOSS, Metric.BRIER);
  private static final List<Metric> MULTICLASS = List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY,
      Metric.MACRO_F1, Metric.WEIGHTED_F1, Metric.LOG_LOSS, Metric.ROC_AUC_OVR_MACRO);
  private static final List<Metric> REGRESSION = List.of(Metric.MAE, Metric.RMSE, Metric.R2,
      Metric.MEDIAN_ABSOLUTE_ERROR);

  private final Evaluation reference;
  private final double relativeTolerance;
  private final double absoluteTolerance;
  private final List<Metric> metrics;
  private final boolean oneSided;
  private final boolean warnings;

  private DerivedExpectations(Evaluation reference, double relativeTolerance, double absoluteTolerance,
      List<Metric> metrics, boolean oneSided, boolean warnings) {
    this.reference = reference;
    this.relativeTolerance = relativeTolerance;
    this.absoluteTolerance = absoluteTolerance;
    this.metrics = metrics;
    this.oneSided = oneSided;
    this.warnings = warnings;
  }

  static DerivedExpectations from(Evaluation reference) {
    List<Metric> headline;
    if (reference instanceof ClassificationEvaluation classification) {
      headline = classification.classNames().size() == 2 ? BINARY : MULTICLASS;
    } else {
      headline = REGRESSION;
    }
    return new DerivedExpectations(reference, 0.1, 0, headline, false, false);
  }

  /**
   * A copy with another relative tolerance.
   *
   * @param tolerance the fraction of |reference value| a metric may move, finite and not negative
   * @return the new expectations
   * @throws IllegalArgumentException if negative or not finite
   */
  public DerivedExpectations withRelativeTolerance(double tolerance) {
    requireTolerance(tolerance, "relative tolerance");
    return new DerivedExpectations(reference, tolerance, absoluteTolerance, metrics, oneSided, warnings);
  }

  /**
   * A copy with an absolute tolerance (the band is at least this wide on each side), useful for
   * metrics whose reference value is near 0.
   *
   * @param tolerance in the metric's unit, finite and not negative
   * @return the new expectations
   * @throws IllegalArgumentException if negative or not finite
   */
  public DerivedExpectations withAbsoluteTolerance(double tolerance) {
    requireTolerance(tolerance, "absolute tolerance");
    return new DerivedExpectations(reference, relativeTolerance, tolerance, metrics, oneSided, warnings);
  }

  /**
   * A copy on other metrics (each must be computed by the reference evaluation).
   *
   * @param chosen the metrics, at least one
   * @return the new expectations
   * @throws IllegalArgumentException if none is given or the reference does not compute one of them
   */
  public DerivedExpectations withMetrics(Metric... chosen) {
    List<Metric> list = List.of(chosen);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("derived expectations must name at least one metric: []");
    }
    for (Metric metric : list) {
      if (!reference.has(metric)) {
        throw new IllegalArgumentException("metric must be computed by the reference evaluation: " + metric.key());
      }
    }
    return new DerivedExpectations(reference, relativeTolerance, absoluteTolerance, list, oneSided, warnings);
  }

  /**
   * A copy that bounds each metric on its bad side only (at least {@code r - tol} when greater is
   * better, else at most {@code r + tol}).
   *
   * @return the new expectations
   */
  public DerivedExpectations oneSided() {
    return new DerivedExpectations(reference, relativeTolerance, absoluteTolerance, metrics, true, warnings);
  }

  /**
   * A copy whose expectations are warnings (WARNED instead of FAILED).
   *
   * @return the new expectations
   */
  public DerivedExpectations asWarnings() {
    return new DerivedExpectations(reference, relativeTolerance, absoluteTolerance, metrics, oneSided, true);
  }

  /**
   * Whether these were derived from a classification or a regression evaluation.
   *
   * @return the kind
   */
  public MetricKind kind() {
    return reference instanceof ClassificationEvaluation ? MetricKind.CLASSIFICATION : MetricKind.REGRESSION;
  }

  /**
   * The reference evaluation.
   *
   * @return the evaluation the expectations were derived from
   */
  public Evaluation reference() {
    return reference;
  }

  /**
   * The derived conditions, one per headline metric defined in the reference, e.g.
   * {@code "accuracy in [0.81, 0.99]"}.
   *
   * @return the names of the expectations, in metric order
   */
  public List<String> describe() {
    return specs().stream().map(Spec::name).toList();
  }

  /**
   * Checks another evaluation of the same kind against the derived conditions.
   *
   * @param current the evaluation to check, computed at the reference's confidence level
   * @return the report (its evaluation is {@code current})
   * @throws IllegalArgumentException if {@code current} is of the other kind or lacks a metric
   */
  public ModelTestReport check(Evaluation current) {
    Objects.requireNonNull(current, "current");
    MetricKind currentKind = current instanceof ClassificationEvaluation ? MetricKind.CLASSIFICATION
        : MetricKind.REGRESSION;
    if (currentKind != kind()) {
      throw new IllegalArgumentException("evaluation to check must be a " + kind().name().toLowerCase(
          java.util.Locale.ROOT) + " evaluation like the reference: " + currentKind);
    }
    double level = current.settings().confidenceLevel();
    List<ExpectationResult> results = new ArrayList<>();
    for (Spec.MetricSpec spec : specs()) {
      results.add(MetricChecks.check(spec, l -> current, level, false));
    }
    return new ModelTestReport(currentKind, current.n(), current.n(), current.settings().seed(), results,
        Optional.of(current));
  }

  /** The expectations as specs, for {@code expectAll} and {@link #check}. */
  List<Spec.MetricSpec> specs() {
    List<Spec.MetricSpec> specs = new ArrayList<>();
    for (Metric metric : metrics) {
      if (!reference.has(metric)) {
        continue;
      }
      MetricValue value = reference.metric(metric);
      if (!value.defined()) {
        continue;
      }
      double r = value.value();
      double tolerance = Math.max(relativeTolerance * Math.abs(r), absoluteTolerance);
      double lower = Math.max(metric.lowerBound(), r - tolerance);
      double upper = Math.min(metric.upperBound(), r + tolerance);
      Spec.MetricSpec spec = new Spec.MetricSpec(metric);
      if (oneSided) {
        spec.threshold = metric.greaterIsBetter() ? Threshold.atLeast(lower) : Threshold.atMost(upper);
      } else {
        spec.threshold = Threshold.between(lower, upper);
      }
      spec.warning = warnings;
      specs.add(spec);
    }
    return specs;
  }

  private static void requireTolerance(double tolerance, String what) {
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException(what + " must be finite and not negative: " + tolerance);
    }
  }

  /**
   * A summary, e.g. {@code "DerivedExpectations[accuracy in [0.81, 0.99], ...]"}.
   *
   * @return the summary
   */
  @Override
  public String toString() {
    return "DerivedExpectations" + describe();
  }
}
