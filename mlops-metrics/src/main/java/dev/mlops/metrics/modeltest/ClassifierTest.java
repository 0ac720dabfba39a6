package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.ProbabilisticClassifier;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Builds and runs a model test of a probabilistic classifier: expectations on metrics (overall,
 * per class, per slice, on a confidence bound), a significance-tested comparison with a baseline
 * model, and behavioural checks. Created by {@link ModelTest#forClassifier(ProbabilisticClassifier)}.
 *
 * <pre>{@code
 * ModelTestReport report = ModelTest.forClassifier(model::probabilities)
 *     .on(testRows, testLabels)
 *     .classNames("legit", "fraud")
 *     .expect(Metric.ACCURACY).atLeast(0.90)
 *     .expect(Metric.ROC_AUC).lowerBound(0.95).atLeast(0.88)
 *     .expect(Metric.RECALL).forClass("fraud").atLeast(0.70)
 *     .expect(Metric.F1).onEverySlice(Transaction::region).atLeast(0.80).minSliceSize(50)
 *     .expectNotWorseThan(champion::probabilities).on(Metric.ROC_AUC).byMoreThan(0.01)
 *     .expectInvariance("ignores customer id", row -> row.withCustomerId("x"))
 *     .run();
 * }</pre>
 *
 * <p>Options that follow an expectation ({@link #asWarning()}, {@link #minSliceSize(int)},
 * {@link #minPassRate(double)}, {@link #tolerance(double)}, {@link #failIfUndefined()}) modify the
 * expectation declared last.
 *
 * <p>Binary models (two probabilities per row) are evaluated on the probability of class 1 with the
 * decision {@link #threshold(double)}; models with more classes on the argmax.
 *
 * <p>Not thread-safe: build and run it on one thread. The model function may be called
 * concurrently by nobody but this test; {@link #run()} calls it sequentially.
 *
 * @param <T> the row type the model takes
 */
public final class ClassifierTest<T> {

  final ProbabilisticClassifier<? super T> model;
  final Settings settings = new Settings();
  List<? extends T> rows;
  int[] labels;
  List<String> classNames;
  double threshold = 0.5;

  ClassifierTest(ProbabilisticClassifier<? super T> model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * Sets the labelled test rows.
   *
   * @param rows the rows, in the order of {@code labels}; the list is read at {@link #run()}
   *     time and must not change before then
   * @param labels the true class index of each row, in {@code [0, number of classes)}
   * @return this test
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the rows are empty or the lengths differ
   */
  public ClassifierTest<T> on(List<? extends T> rows, int[] labels) {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(labels, "labels");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("test rows must not be empty: 0 rows");
    }
    if (rows.size() != labels.length) {
      throw new IllegalArgumentException("labels must have one entry per test row (" + rows.size()
          + " rows): " + labels.length);
    }
    this.rows = Collections.unmodifiableList(rows);
    this.labels = labels.clone();
    return this;
  }

  /**
   * Sets the labelled test rows from a {@link LabeledData} made by {@link LabeledData#of(List, int[])}.
   *
   * @param data the rows and their class labels
   * @return this test
   * @throws NullPointerException if data is null
   * @throws IllegalArgumentException if data holds regression targets instead of class labels
   */
  public ClassifierTest<T> on(LabeledData<? extends T> data) {
    Objects.requireNonNull(data, "data");
    if (!data.hasLabels()) {
      throw new IllegalArgumentException(
          "data of a classifier test must hold class labels (LabeledData.of), not regression targets: " + data);
    }
    return on(data.rows(), data.labels());
  }

  /**
   * Names the classes, in class-index order (default {@code "0"}, {@code "1"}, ...). Used by
   * {@link ClassifierExpectation#forClass(String)}, directional checks, cases and reports.
   *
   * @param names one distinct name per class
   * @return this test
   * @throws IllegalArgumentException if fewer than two names are given or a name repeats
   */
  public ClassifierTest<T> classNames(String... names) {
    return classNames(List.of(names));
  }

  /**
   * Names the classes, in class-index order.
   *
   * @param names one distinct name per class
   * @return this test
   * @throws IllegalArgumentException if fewer than two names are given or a name repeats
   */
  public ClassifierTest<T> classNames(List<String> names) {
    List<String> copy = List.copyOf(names);
    if (copy.size() < 2) {
      throw new IllegalArgumentException("class names must name at least 2 classes: " + copy);
    }
    if (copy.stream().distinct().count() != copy.size()) {
      throw new IllegalArgumentException("class names must be distinct: " + copy);
    }
    this.classNames = copy;
    return this;
  }

  /**
   * Sets the decision threshold of a binary model: class 1 is predicted when its probability is
   * at least the threshold (default 0.5). Ignored for more than two classes.
   *
   * @param threshold the threshold, in [0, 1]
   * @return this test
   * @throws IllegalArgumentException if the threshold is outside [0, 1]
   */
  public ClassifierTest<T> threshold(double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("decision threshold must be in [0, 1]: " + threshold);
    }
    this.threshold = threshold;
    return this;
  }

  /**
   * Sets the seed of every random choice (bootstrap resamples); the same seed gives the same report
   * (default 42).
   *
   * @param seed the seed
   * @return this test
   */
  public ClassifierTest<T> seed(long seed) {
    settings.seed = seed;
    return this;
  }

  /**
   * Sets the number of bootstrap resamples for confidence intervals of metrics without an analytic
   * interval (default 1000; 0 disables the bootstrap).
   *
   * @param resamples the number of resamples, not negative
   * @return this test
   * @throws IllegalArgumentException if negative
   */
  public ClassifierTest<T> bootstrap(int resamples) {
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
  public ClassifierTest<T> confidenceLevel(double level) {
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
  public ClassifierTest<T> significanceLevel(double alpha) {
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
  public ClassifierTest<T> reportedRows(int rows) {
    settings.reportedRows(rows);
    return this;
  }

  /**
   * Makes every expectation whose metric is undefined on the data FAILED instead of UNDEFINED.
   *
   * @return this test
   */
  public ClassifierTest<T> undefinedFails() {
    settings.undefinedFails = true;
    return this;
  }

  /**
   * Starts an expectation on a classification metric; finish it with
   * {@link ClassifierExpectation#atLeast(double)}, {@code atMost} or {@code between}.
   *
   * @param metric a classification metric
   * @return the expectation builder
   * @throws IllegalArgumentException if the metric is not a classification metric
   */
  public ClassifierExpectation<T> expect(Metric metric) {
    Objects.requireNonNull(metric, "metric");
    if (metric.kind() != MetricKind.CLASSIFICATION) {
      throw new IllegalArgumentException(
          "metric of a classifier expectation must be a classification metric: " + metric.key());
    }
    return new ClassifierExpectation<>(this, new Spec.MetricSpec(metric));
  }

  /**
   * Expects this model not to be worse than a baseline (e.g. the champion) on the same rows by more
   * than a margin, significance-tested: accuracy with McNemar's test, binary ROC AUC with DeLong's
   * test, any other metric with a paired bootstrap. See {@link NotWorseThan}.
   *
   * @param baseline the baseline model
   * @return the comparison builder
   * @throws NullPointerException if baseline is null
   */
  public NotWorseThan<ClassifierTest<T>> expectNotWorseThan(ProbabilisticClassifier<? super T> baseline) {
    Spec.ComparisonSpec spec = new Spec.ComparisonSpec(Objects.requireNonNull(baseline, "baseline"));
    return new NotWorseThan<>(this, spec, MetricKind.CLASSIFICATION, settings);
  }

  /**
   * Starts a group-fairness expectation: a {@link Disparity} between the groups of a sensitive
   * attribute, e.g. {@code expectFairness(Disparity.DISPARATE_IMPACT_RATIO).by("region",
   * Applicant::region).atLeast(0.8)}. Needs a binary classifier.
   *
   * @param disparity the disparity to bound
   * @return the expectation; finish it with {@code by(...)} and {@code atLeast}/{@code atMost}
   * @throws NullPointerException if disparity is null
   */
  public FairnessExpectation<T> expectFairness(Disparity disparity) {
    return new FairnessExpectation<>(this, new FairnessSpec<>(Objects.requireNonNull(disparity, "disparity")));
  }

  /**
   * Expects a perturbation not to change the predicted class (CheckList invariance): every test row
   * is perturbed and predicted again. Set a {@link #tolerance(double)} to also bound the change of
   * every class probability, and {@link #minPassRate(double)} to accept some failures (default 1).
   *
   * @param name what the invariance means, e.g. {@code "ignores customer id"}
   * @param perturbation returns a perturbed copy of a row (must not modify the row)
   * @return this test
   * @throws NullPointerException if an argument is null
   */
  public ClassifierTest<T> expectInvariance(String name, UnaryOperator<T> perturbation) {
    Spec.BehaviourSpec<T> spec = new Spec.BehaviourSpec<>(ExpectationKind.INVARIANCE,
        Objects.requireNonNull(name, "name"));
    spec.perturbation = Objects.requireNonNull(perturbation, "perturbation");
    settings.add(spec);
    return this;
  }

  /**
   * Expects a perturbation to move the probability of a class in a direction (CheckList
   * directional expectation), on every test row.
   *
   * @param name what the expectation means, e.g. {@code "higher income never lowers approval"}
   * @param perturbation returns a perturbed copy of a row (must not modify the row)
   * @param direction how the probability of {@code className} must move
   * @param className the class whose probability is watched
   * @return this test
   * @throws NullPointerException if an argument is null
   */
  public ClassifierTest<T> expectDirection(
      String name, UnaryOperator<T> perturbation, Direction direction, String className) {
    Spec.BehaviourSpec<T> spec = new Spec.BehaviourSpec<>(ExpectationKind.DIRECTION,
        Objects.requireNonNull(name, "name"));
    spec.perturbation = Objects.requireNonNull(perturbation, "perturbation");
    spec.direction = Objects.requireNonNull(direction, "direction");
    spec.className = Objects.requireNonNull(className, "className");
    settings.add(spec);
    return this;
  }

  /**
   * Expects the model to predict the given class for each hand-written case (CheckList minimum
   * functionality), named "minimum functionality".
   *
   * @param cases the cases, not empty
   * @return this test
   * @throws IllegalArgumentException if there are no cases
   */
  public ClassifierTest<T> expectCases(List<ClassificationCase<T>> cases) {
    return expectCases("minimum functionality", cases);
  }

  /**
   * Expects the model to predict the given class for each hand-written case.
   *
   * @param name what the cases show
   * @param cases the cases, not empty
   * @return this test
   * @throws IllegalArgumentException if there are no cases
   */
  public ClassifierTest<T> expectCases(String name, List<ClassificationCase<T>> cases) {
    Spec.BehaviourSpec<T> spec = new Spec.BehaviourSpec<>(ExpectationKind.CASES,
        Objects.requireNonNull(name, "name"));
    spec.classificationCases = List.copyOf(cases);
    if (spec.classificationCases.isEmpty()) {
      throw new IllegalArgumentException("expectation '" + spec.name() + "': cases must not be empty");
    }
    settings.add(spec);
    return this;
  }

  /**
   * Adds the expectations derived from a reference evaluation (see {@link ModelTest#derivedFrom}).
   *
   * @param derived the derived expectations; must come from a classification evaluation
   * @return this test
   * @throws IllegalArgumentException if they were derived from a regression evaluation
   */
  public ClassifierTest<T> expectAll(DerivedExpectations derived) {
    Objects.requireNonNull(derived, "derived");
    if (derived.kind() != MetricKind.CLASSIFICATION) {
      throw new IllegalArgumentException(
          "derived expectations must come from a classification evaluation: " + derived.kind());
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
  public ClassifierTest<T> asWarning() {
    settings.asWarning();
    return this;
  }

  /**
   * Makes the last expectation FAILED (instead of UNDEFINED) when its metric is undefined.
   *
   * @return this test
   * @throws IllegalStateException if no expectation was declared yet
   */
  public ClassifierTest<T> failIfUndefined() {
    settings.failIfUndefined();
    return this;
  }

  /**
   * Sets the minimum number of rows of a slice for the last (per-slice) expectation; smaller slices
   * are reported as skipped (default 1).
   *
   * @param size the minimum slice size, at least 1
   * @return this test
   * @throws IllegalStateException if the last expectation is not per slice
   * @throws IllegalArgumentException if size is below 1
   */
  public ClassifierTest<T> minSliceSize(int size) {
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
  public ClassifierTest<T> minPassRate(double rate) {
    settings.minPassRate(rate);
    return this;
  }

  /**
   * Sets the tolerance of the last invariance or directional check: for invariance, the largest
   * accepted change of any class probability (default: only the predicted class must stay); for a
   * direction, see {@link Direction}.
   *
   * @param tolerance the tolerance, finite and not negative
   * @return this test
   * @throws IllegalStateException if the last expectation is not an invariance or direction check
   * @throws IllegalArgumentException if negative or not finite
   */
  public ClassifierTest<T> tolerance(double tolerance) {
    settings.tolerance(tolerance);
    return this;
  }

  /**
   * Predicts every test row, evaluates the model and checks every expectation. A model function
   * that throws (or returns invalid probabilities) on some rows does not abort the run: those rows
   * are reported (expectation "model predicts every row", FAILED) and the metrics are computed on
   * the other rows.
   *
   * @return the immutable report
   * @throws IllegalStateException if {@link #on(List, int[])} was not called
   * @throws IllegalArgumentException naming the expectation, for an unknown class name, a slice key
   *     that is null, a label outside the class range, or a metric that does not apply to the model
   */
  public ModelTestReport run() {
    if (rows == null) {
      throw new IllegalStateException("test rows must be set with on(rows, labels) before run()");
    }
    return new ClassifierRun<>(this).run();
  }

  void add(Spec spec) {
    settings.add(spec);
  }
}
