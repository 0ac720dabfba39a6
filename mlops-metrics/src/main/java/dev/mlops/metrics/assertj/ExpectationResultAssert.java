package dev.mlops.metrics.assertj;

import dev.mlops.metrics.modeltest.ExpectationResult;
import dev.mlops.metrics.modeltest.Status;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractDoubleAssert;
import org.assertj.core.api.Assertions;

/**
 * Assertions on one {@link ExpectationResult} of a model test report; obtain one with
 * {@link ModelTestReportAssert#expectation(String)} or {@link MlopsAssertions#assertThat(ExpectationResult)}.
 * Not thread-safe.
 */
public class ExpectationResultAssert extends AbstractAssert<ExpectationResultAssert, ExpectationResult> {

  /**
   * Creates the assertion (public so that soft assertions and subclasses can create it).
   *
   * @param actual the expectation outcome under test
   */
  public ExpectationResultAssert(ExpectationResult actual) {
    super(actual, ExpectationResultAssert.class);
  }

  /**
   * Verifies the status.
   *
   * @param expected the expected status
   * @return this assertion
   * @throws AssertionError if the status differs
   */
  public ExpectationResultAssert hasStatus(Status expected) {
    isNotNull();
    if (actual.status() != expected) {
      throw failureWithActualExpected(actual.status(), expected,
          "%nExpecting expectation:%n%s%nto be %s but was %s", ModelTestReportAssert.describe(List.of(actual)),
          expected, actual.status());
    }
    return myself;
  }

  /**
   * Verifies that the expectation passed.
   *
   * @return this assertion
   * @throws AssertionError if it did not
   */
  public ExpectationResultAssert isPassed() {
    return hasStatus(Status.PASSED);
  }

  /**
   * Navigates to the observed value (for behavioural checks, the pass rate).
   *
   * @return an assertion on the observed value
   */
  public AbstractDoubleAssert<?> observed() {
    isNotNull();
    return Assertions.assertThat(actual.observed()).as("observed value of '%s': %s", actual.name(), actual.reason());
  }
}
