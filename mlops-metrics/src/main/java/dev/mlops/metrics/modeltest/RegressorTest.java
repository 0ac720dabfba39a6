package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.Regressor;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Builds and runs a model test of a regressor: expectations on metrics (overall, per slice, on a
 * confidence bound), a significance-tested comparison with a baseline model (paired bootstrap), and
 * behavioural checks. Created by {@link ModelTest#forRegressor(Regressor)}.
 *
 * <pre>{@code
 * ModelTestReport report = ModelTest.forRegressor(model::predict)
 *     .on(testRows, testTargets)
 *     .expect(Metric.RMSE).atMost(60)
 *     .expect(Metric.R2).lowerBound(0.95).atLeast(0.7)
 *     .expect(Metric.MAE).onEverySlice(Ride::season).atMost(50).minSliceSize(100)
 *     .expectNotWorseThan(champion::predict).on(Metric.RMSE).byMoreThan(2.0)
 *     .expectDirection("more hours of daylight never lower rentals", r -> r.plusDaylight(1), Direction.NON_DECREASING)
 *     .run();
 * }</pre>
 *
 * <p>Options that follow an expectation ({@link #asWarning()}, {@link #minSliceSize(int)},
 * {@link #minPassRate(double)}, {@link #tolerance(double)}, {@link #failIfUndefined()}) modify the
 * expectation declared last.
 *
 * <p>Not thread-safe: build and run it on one thread; {@link #run()} calls the model sequentially.
 *
 * @param <T> the row type the model takes
 */
public final class RegressorTest<T> {

  final Regressor<? super T> model;
  final Settings settings = new Settings();
  List<? extends T> rows;
  double[] targets;

  RegressorTest(Regressor<? super T> model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * Sets the test rows and their true values.
   *
   * @param rows the rows, in the order of {@code targets}; read at {@link #run()} time and must not
   *     change before then
   * @param targets the true value of each row, finite
   * @return this test
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the rows are empty, the lengths differ or a target is not finite
   */
  public RegressorTest<T> on(List<? extends T> rows, double[] targets) {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(targets, "targets");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("test rows must not be empty: 0 rows");
    }
    if (rows.size() != targets.length) {
      throw new IllegalArgumentException("targets must have one entry per test row (" + rows.size()
          + " rows): " + targets.length);
    }
    for (int i = 0; i < targets.length; i++) {
      if (!Double.isFinite(targets[i])) {
        throw new IllegalArgumentException("targets[" + i + "] must be finite: " + targets[i]);
      }
    }
    this.rows = Collections.unmodifiableList(rows);
    this.targets = targets.clone();
    return this;
  }
  /**
   * Sets the test rows and their true values from a {@link LabeledData} made by
   * {@link LabeledData#ofTargets(List, double[])}.
   *
   * @param data the rows and their targets
   * @return this test
   * @throws NullPointerException if data is null
   * @throws IllegalArgumentException if data holds class labels instead of regression targets
   */
  public RegressorTest<T> on(LabeledData<? extends T> data) {
    Objects.requireNonNull(data, "data");
    if (data.hasLabels()) {
      throw new IllegalArgumentException(
          "data of a regressor test must hold regression targets (LabeledData.ofTargets), not class labels: "
          + data);
    }
    return on(data.rows(), data.targets());
  }


  /**
   * Sets the seed of every random choice (bootstrap resamples); the same seed gives the same report
   * (default 42).
   *
   * @param seed the seed
   * @return this test
   */
  public RegressorTest<T> seed(long seed) {
    settings.seed = seed;
    return this;
  }

  /**
   * Sets the number of bootstrap resamples for confidence intervals (default 1000; 0 disables it).
   *
   * @param resamples the number of resamples, not negative
   * @return this test
   * @throws IllegalArgumentException if negative
   */
  public RegressorTest<T> bootstrap(int resamples) {
    settings.bootstrap(resamples);
    return this;
  }

  /**
   * Sets the level of the confidence intervals in the report (default 0.95).
   *
   * @param level the level, in (0, 1)
   * @return this test
   * @throws IllegalArgumentException if outside (0, 1)
   */
  public RegressorTest<T> confidenceLevel(double level) {
    settings.confidenceLevel(level);
    return this;
  }

  /**
   * Sets the significance level of the comparison with a baseline model (default 0.05): its
   * difference interval is at level {@code 1 - alpha}, or {@code 1 - 2 alpha} (one-sided test) after
   * {@link NotWorseThan#requireNonInferiority()}.
   *
   * @param alpha the level, in (0, 1)
   * @return this test
   * @throws IllegalArgumentException if outside (0, 1)
   */
  public RegressorTest<T> significanceLevel(double alpha) {
    settings.significanceLevel(alpha);
    return this;
  }

  /**
   * Sets how many failing rows and worst rows each behavioural check reports (default 5).
   *
   * @param rows the number of rows, not negative
   * @return this test
   * @throws IllegalArgumentException if negative
   */
  public RegressorTest<T> reportedRows(int rows) {
    settings.reportedRows(rows);
    return this;
  }

  /**
   * Makes every expectation whose metric is undefined on the data FAILED instead of UNDEFINED.
   *
   * @return this test
   */
  public RegressorTest<T> undefinedFails() {
    settings.undefinedFails = true;
    return this;
  }

  /**
   * Starts an expectation on a regression metric; finish it with
   * {@link RegressorExpectation#atMost(double)}, {@code atLeast} or {@code between}.
   *
   * @param metric a regression metric
   * @return the expectation builder
   * @throws IllegalArgumentException if the metric is not a regression metric
   */
  public RegressorExpectation<T> expect(Metric metric) {
    Objects.requireNonNull(metric, "metric");
    if (metric.kind() != MetricKind.REGRESSION) {
      throw new IllegalArgumentException(
          "metric of a regressor expectation must be a regression metric: " + metric.key());
    }
    return new RegressorExpectation<>(this, new Spec.MetricSpec(metric));
  }

  /**
   * Expects this model not to be worse than a baseline on the same rows by more than a margin,
   * tested with a paired bootstrap. See {@link NotWorseThan}.
   *
   * @param baseline the baseline model
   * @return the comparison builder
   * @throws NullPointerException if baseline is null
   */
  public NotWorseThan<RegressorTest<T>> expectNotWorseThan(Regressor<? super T> baseline) {
    Spec.ComparisonSpec spec = new Spec.ComparisonSpec(Objects.requireNonNull(baseline, "baseline"));
    return new NotWorseThan<>(this, spec, MetricKind.REGRESSION, settings);
  }

  /**
   * Expects a perturbation not to change the prediction by more than the {@link #tolerance(double)}
   * (default 0: exactly the same), on every test row.
   *
   * @param name what the invariance means, e.g. {@code "ignores the record id"}
   * @param perturbation returns a perturbed copy of a row (must not modify the row)
   * @return this test
   * @throws NullPointerException if an argument is null
   */
  public RegressorTest<T> expectInvariance(String name, UnaryOperator<T> perturbation) {
    Spec.BehaviourSpec<T> spec = new Spec.BehaviourSpec<>(ExpectationKind.INVARIANCE,
        Objects.requireNonNull(name, "name"));
    spec.perturbation = Objects.requireNonNull(perturbation, "perturbation");
    settings.add(spec);
    return this;
  }

  /**
   * Expects a perturbation to move the prediction in a direction, on every test row.
   *
   * @param name what the expectation means
   * @param perturbation returns a perturbed copy of a row (must not modify the row)
   * @param direction how the prediction must move
   * @return this test
   * @throws NullPointerException if an argument is null
   */
  public RegressorTest<T> expectDirection(String name, UnaryOperator<T> perturbation, Direction direction) {
    Spec.BehaviourSpec<T> spec = new Spec.BehaviourSpec<>(ExpectationKind.DIRECTION,
        Objects.requireNonNull(name, "name"));
    spec.perturbation = Objects.requireNonNull(perturbation, "perturbation");
    spec.direction = Objects.requireNonNull(direction, "direction");
    settings.add(spec);
    return this;
  }

  /**
   * Expects each hand-written case's prediction to fall in its range, named "minimum functionality".
   *
   * @param cases the cases, not empty
   * @return this test
   * @throws IllegalArgumentException if there are no cases
   */
  public RegressorTest<T> expectCases(List<RegressionCase<T>> cases) {
    return expectCases("minimum functionality", cases);
  }

  /**
   * Expects each hand-written case's prediction to fall in its range.
   *
   * @param name what the cases show
   * @param cases the cases, not empty
   * @return this test
   * @throws IllegalArgumentException if there are no cases
   */
  public RegressorTest<T> expectCases(String name, List<RegressionCase<T>> cases) {
    Spec.BehaviourSpec<T> spec = new Spec.BehaviourSpec<>(ExpectationKind.CASES,
        Objects.requireNonNull(name, "name"));
    spec.regressionCases = List.copyOf(cases);
    if (spec.regressionCases.isEmpty()) {
      throw new IllegalArgumentException("expectation '" + spec.name() + "': cases must not be empty");
    }
    settings.add(spec);
    return this;
  }

  /**
   * Adds the expectations derived from a reference evaluation (see {@link ModelTest#derivedFrom}).
   *
   * @param derived the derived expectations; must come from a regression evaluation
   * @return this test
   * @throws IllegalArgumentException if they were derived from a classification evaluation
   */
  public RegressorTest<T> expectAll(DerivedExpectations derived) {
    Objects.requireNonNull(derived, "derived");
    if (derived.kind() != MetricKind.REGRESSION) {
      throw new IllegalArgumentException(
          "derived expectations must come from a regression evaluation: " + derived.kind());
    }
    derived.specs().forEach(settings::add);
    return this;
  }

  /**
   * Declares the last expectation as a warning: when it does not hold it is WARNED and the report
   * still passes.
   *
   * @return this test
   * @throws IllegalStateException if no expectation was declared yet
   */
  public RegressorTest<T> asWarning() {
    settings.asWarning();
    return this;
  }

  /**
   * Makes the last expectation FAILED (instead of UNDEFINED) when its metric is undefined.
   *
   * @return this test
   * @throws IllegalStateException if no expectation was declared yet
   */
  public RegressorTest<T> failIfUndefined() {
    settings.failIfUndefined();
    return this;
  }

  /**
   * Sets the minimum number of rows of a slice for the last (per-slice) expectation (default 1).
   *
   * @param size the minimum slice size, at least 1
   * @return this test
   * @throws IllegalStateException if the last expectation is not per slice
   * @throws IllegalArgumentException if size is below 1
   */
  public RegressorTest<T> minSliceSize(int size) {
    settings.minSliceSize(size);
    return this;
  }

  /**
   * Sets the minimum pass rate of the last behavioural check (default 1: every row must pass).
   *
   * @param rate the rate, in [0, 1]
   * @return this test
   * @throws IllegalStateException if the last expectation is not a behavioural check
   * @throws IllegalArgumentException if the rate is outside [0, 1]
   */
  public RegressorTest<T> minPassRate(double rate) {
    settings.minPassRate(rate);
    return this;
  }

  /**
   * Sets the tolerance of the last invariance or directional check: for invariance, the largest
   * accepted change of the prediction (default 0); for a direction, see {@link Direction}.
   *
   * @param tolerance the tolerance, finite and not negative
   * @return this test
   * @throws IllegalStateException if the last expectation is not an invariance or direction check
   * @throws IllegalArgumentException if negative or not finite
   */
  public RegressorTest<T> tolerance(double tolerance) {
    settings.tolerance(tolerance);
    return this;
  }

  /**
   * Predicts every test row, evaluates the model and checks every expectation. A model function
   * that throws (or returns a non-finite value) on some rows does not abort the run: those rows are
   * reported (expectation "model predicts every row", FAILED) and the metrics use the other rows.
   *
   * @return the immutable report
   * @throws IllegalStateException if {@link #on(List, double[])} was not called
   * @throws IllegalArgumentException naming the expectation, for a slice key that is null
   */
  public ModelTestReport run() {
    if (rows == null) {
      throw new IllegalStateException("test rows must be set with on(rows, targets) before run()");
    }
    return new RegressorRun<>(this).run();
  }

  void add(Spec spec) {
    settings.add(spec);
  }
}
