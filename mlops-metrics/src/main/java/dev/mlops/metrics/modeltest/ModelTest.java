package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.ProbabilisticClassifier;
import dev.mlops.metrics.Regressor;
import java.util.Objects;

/**
 * The entry point of model tests: what a model must achieve, checked with real metrics and
 * confidence intervals, in a JUnit test or as a pipeline's promotion gate.
 *
 * <pre>{@code
 * ModelTestReport report = ModelTest.forClassifier(model::probabilities)
 *     .on(testRows, testLabels)
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
   * Starts a test of a classifier that returns one probability per class.
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
   * Starts a test of a regressor.
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
