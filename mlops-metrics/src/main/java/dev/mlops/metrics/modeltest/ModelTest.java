package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.ProbabilisticClassifier;
import dev.mlops.metrics.Regressor;
import java.util.List;
import java.util.Objects;

/**
 * The entry point of model tests: what a model must achieve, checked with real metrics and
 * confidence intervals, in a JUnit test or as a pipeline's promotion gate.
 *
 * <pre>{@code
 * ModelTestReport report = ModelTest.forClassifier(testRows, testLabels, row -> model.probabilities(row))
 *     .classNames("legit", "fraud")
 *     .expect(Metric.ACCURACY).atLeast(0.90)
 *     .expect(Metric.ROC_AUC).lowerBound(0.95).atLeast(0.88)
 *     .expect(Metric.RECALL).forClass("fraud").atLeast(0.70)
 *     .run();
 * assertThat(report).passes();       // MlopsAssertions, or: if (!report.passed()) ...
 * }</pre>
 *
 * <p>The model is a plain function ({@link ProbabilisticClassifier}, {@link Regressor}), so any model
 * library can be tested. Thread-safe (stateless); the builders it returns are not.
 */
public final class ModelTest {

  private ModelTest() {}

  /**
   * Starts a test of a classifier on labelled rows: the row type is inferred from the rows, so the
   * model can be a lambda ({@code ModelTest.forClassifier(rows, labels, row -> ...)}).
   *
   * @param rows the test rows, in the order of {@code labels}
   * @param labels the true class index of each row
   * @param model the model function
   * @param <T> the row type
   * @return the test builder, its rows set
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the rows are empty or the lengths differ
   */
  public static <T> ClassifierTest<T> forClassifier(List<? extends T> rows, int[] labels,
      ProbabilisticClassifier<? super T> model) {
    return new ClassifierTest<T>(model).on(rows, labels);
  }

  /**
   * Starts a test of a classifier on labelled data ({@link LabeledData#of(List, int[])}); the row
   * type is inferred from the data, so the model can be a lambda.
   *
   * @param data the rows and their class labels
   * @param model the model function
   * @param <T> the row type
   * @return the test builder, its rows set
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the data holds regression targets
   */
  public static <T> ClassifierTest<T> forClassifier(LabeledData<T> data, ProbabilisticClassifier<? super T> model) {
    return new ClassifierTest<T>(model).on(data);
  }

  /**
   * Starts a test of a regressor on rows with targets; the row type is inferred from the rows, so
   * the model can be a lambda ({@code ModelTest.forRegressor(rows, targets, row -> ...)}).
   *
   * @param rows the test rows, in the order of {@code targets}
   * @param targets the true value of each row
   * @param model the model function
   * @param <T> the row type
   * @return the test builder, its rows set
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the rows are empty, the lengths differ or a target is not finite
   */
  public static <T> RegressorTest<T> forRegressor(List<? extends T> rows, double[] targets,
      Regressor<? super T> model) {
    return new RegressorTest<T>(model).on(rows, targets);
  }

  /**
   * Starts a test of a regressor on data with targets ({@link LabeledData#ofTargets(List, double[])});
   * the row type is inferred from the data, so the model can be a lambda.
   *
   * @param data the rows and their targets
   * @param model the model function
   * @param <T> the row type
   * @return the test builder, its rows set
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the data holds class labels
   */
  public static <T> RegressorTest<T> forRegressor(LabeledData<T> data, Regressor<? super T> model) {
    return new RegressorTest<T>(model).on(data);
  }

  /**
   * Starts a test of a classifier that returns one probability per class. Java infers the row type
   * of a lambda only from the other arguments or the assignment, so give the rows first
   * ({@link #forClassifier(List, int[], ProbabilisticClassifier)}), or pass a method reference, a
   * typed lambda {@code (Applicant row) -> ...}, or assign the result to a {@code ClassifierTest<Applicant>}.
   *
   * @param model the model function
   * @param <T> the row type
   * @return the test builder
   * @throws NullPointerException if model is null
   */
  public static <T> ClassifierTest<T> forClassifier(ProbabilisticClassifier<? super T> model) {
    return new ClassifierTest<>(model);
  }

  /**
   * Starts a test of a regressor (for a lambda, prefer {@link #forRegressor(List, double[], Regressor)},
   * which infers the row type from the rows).
   *
   * @param model the model function
   * @param <T> the row type
   * @return the test builder
   * @throws NullPointerException if model is null
   */
  public static <T> RegressorTest<T> forRegressor(Regressor<? super T> model) {
    return new RegressorTest<>(model);
  }

  /**
   * Derives expectations from a reference evaluation (as Evidently does from reference data):
   * every headline metric must stay within a tolerance of its reference value (default ±10%).
   * Check another evaluation with {@link DerivedExpectations#check(Evaluation)}, or add them to a
   * test with {@code expectAll(...)}.
   *
   * <pre>{@code
   * ModelTestReport report = ModelTest.derivedFrom(lastMonthEvaluation)
   *     .withRelativeTolerance(0.05)
   *     .check(thisMonthEvaluation);
   * }</pre>
   *
   * @param reference the reference evaluation ({@link ClassificationEvaluation} or
   *     {@link dev.mlops.metrics.RegressionEvaluation})
   * @return the derived expectations
   * @throws NullPointerException if reference is null
   */
  public static DerivedExpectations derivedFrom(Evaluation reference) {
    return DerivedExpectations.from(Objects.requireNonNull(reference, "reference"));
  }
}
