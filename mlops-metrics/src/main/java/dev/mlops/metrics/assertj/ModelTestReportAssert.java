package dev.mlops.metrics.assertj;

import dev.mlops.metrics.modeltest.ExpectationResult;
import dev.mlops.metrics.modeltest.ModelTestReport;
import dev.mlops.metrics.modeltest.Status;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Assertions on a {@link ModelTestReport}; obtain one with
 * {@link MlopsAssertions#assertThat(ModelTestReport)}.
 *
 * <pre>{@code
 * assertThat(report).passes();
 * assertThat(report).hasNoWarnings().expectation("accuracy >= 0.9").hasStatus(Status.PASSED);
 * }</pre>
 *
 * <p>A failed {@link #passes()} lists every failed expectation with its observed value, confidence
 * interval, threshold, n, reason and failing rows, then the whole report (with the confusion matrix
 * for classifiers), so a red test explains itself. Not thread-safe.
 */
public class ModelTestReportAssert
    extends org.assertj.core.api.AbstractAssert<ModelTestReportAssert, ModelTestReport> {

  /**
   * Creates the assertion (public so that soft assertions and subclasses can create it).
   *
   * @param actual the report under test
   */
  public ModelTestReportAssert(ModelTestReport actual) {
    super(actual, ModelTestReportAssert.class);
  }

  /**
   * Verifies that the model passed: no expectation FAILED (warnings and undefined metrics are allowed).
   *
   * @return this assertion
   * @throws AssertionError listing the failed expectations and the report
   */
  public ModelTestReportAssert passes() {
    isNotNull();
    if (!actual.passed()) {
      List<ExpectationResult> failures = actual.failures();
      throw failureWithActualExpected(summary(), "PASSED",
          "%nExpecting model test report to pass but %s of %s expectations failed:%n%s%n%nFull report:%n%s",
          failures.size(), actual.expectations().size(), describe(failures), actual.toText());
    }
    return myself;
  }

  /**
   * Verifies that the model failed (at least one expectation FAILED); useful to test a test.
   *
   * @return this assertion
   * @throws AssertionError if every expectation passed, warned or was undefined
   */
  public ModelTestReportAssert fails() {
    isNotNull();
    if (actual.passed()) {
      throw failureWithActualExpected(summary(), "FAILED",
          "%nExpecting model test report to fail but no expectation failed:%n%s", actual.toText());
    }
    return myself;
  }

  /**
   * Verifies that no expectation was WARNED.
   *
   * @return this assertion
   * @throws AssertionError listing the warned expectations
   */
  public ModelTestReportAssert hasNoWarnings() {
    return hasNo(Status.WARNED);
  }

  /**
   * Verifies that no expectation was UNDEFINED.
   *
   * @return this assertion
   * @throws AssertionError listing the undefined expectations
   */
  public ModelTestReportAssert hasNoUndefinedExpectations() {
    return hasNo(Status.UNDEFINED);
  }

  /**
   * Verifies that every expectation PASSED (no failure, warning or undefined metric).
   *
   * @return this assertion
   * @throws AssertionError listing the expectations that did not pass
   */
  public ModelTestReportAssert passesEveryExpectation() {
    isNotNull();
    List<ExpectationResult> others = actual.expectations().stream().filter(e -> e.status() != Status.PASSED).toList();
    if (!others.isEmpty()) {
      throw failureWithActualExpected(summary(), "every expectation PASSED",
          "%nExpecting every expectation of the model test report to pass but %s did not:%n%s", others.size(),
          describe(others));
    }
    return myself;
  }

  /**
   * Navigates to one expectation by its name as shown in the report (e.g. {@code "accuracy >= 0.9"}).
   *
   * @param name the expectation's name
   * @return an assertion on it
   * @throws AssertionError if the report has no such expectation
   */
  public ExpectationResultAssert expectation(String name) {
    isNotNull();
    Optional<ExpectationResult> found = actual.expectation(name);
    if (found.isEmpty()) {
      throw failure("%nExpecting model test report to have an expectation named:%n  %s%nbut its expectations are:%n%s",
          name, String.join(String.format("%n"), actual.expectations().stream().map(e -> "  " + e.name()).toList()));
    }
    return new ExpectationResultAssert(found.get());
  }

  private ModelTestReportAssert hasNo(Status status) {
    isNotNull();
    List<ExpectationResult> found = actual.withStatus(status);
    if (!found.isEmpty()) {
      throw failure("%nExpecting model test report to have no %s expectation but found %s:%n%s",
          status.name().toLowerCase(Locale.ROOT), found.size(), describe(found));
    }
    return myself;
  }

  private String summary() {
    return actual.toString();
  }

  static String describe(List<ExpectationResult> expectations) {
    StringBuilder text = new StringBuilder();
    for (ExpectationResult e : expectations) {
      text.append(String.format("  [%s] %s%n    %s%n    observed %s%s, threshold %s, n=%s%n", e.status(), e.name(),
          e.reason(), Evidence.number(e.observed()), e.ci() == null ? "" : " (" + Evidence.interval(e.ci()) + ")",
          e.threshold(), e.n()));
      for (ExpectationResult.RowFinding row : e.failingRows()) {
        text.append(String.format("    row %s: %s <- %s%n", row.index(), row.detail(), row.row()));
      }
      for (ExpectationResult.SliceOutcome slice : e.slices()) {
        if (slice.status() == Status.FAILED || slice.status() == Status.WARNED) {
          text.append(String.format("    slice '%s' (n=%s): %s%n", slice.key(), slice.n(), slice.reason()));
        }
      }
    }
    return text.toString().stripTrailing();
  }
}
