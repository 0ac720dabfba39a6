package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.MetricKind;
import dev.mlops.metrics.internal.Checks;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a {@link ModelTest}: every expectation with its status, observed value,
 * confidence interval, threshold, sample size and reason, plus the underlying evaluation.
 *
 * <p>The report {@link #passed()} when no expectation {@link Status#FAILED}; warnings and undefined
 * metrics are reported but do not fail it. {@link #toText()} is meant for logs and test output,
 * {@link #toJson()} for machines (snake_case, the evaluation embedded under {@code "evaluation"}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind whether a classifier or a regressor was tested
 * @param n the number of test rows
 * @param predictedRows the number of rows the model predicted without error (the metrics' n)
 * @param seed the seed of the run (same seed, same data, same model: same report)
 * @param expectations the expectations' outcomes, in declaration order (a "model predicts every
 *     row" outcome first when the model failed on some rows)
 * @param evaluation the evaluation of the model on the rows it predicted; empty when it predicted none
 */
public record ModelTestReport(
    MetricKind kind,
    long n,
    long predictedRows,
    long seed,
    List<ExpectationResult> expectations,
    Optional<Evaluation> evaluation) {

  /**
   * Validates and copies the fields.
   *
   * @param kind see {@link #kind()}
   * @param n see {@link #n()}
   * @param predictedRows see {@link #predictedRows()}
   * @param seed see {@link #seed()}
   * @param expectations see {@link #expectations()}
   * @param evaluation see {@link #evaluation()}
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if the counts are inconsistent
   */
  public ModelTestReport {
    Checks.nonNull("kind", kind, "evaluation", evaluation);
    expectations = List.copyOf(expectations);
    if (n < 0 || predictedRows < 0 || predictedRows > n) {
      throw new IllegalArgumentException(
          "predicted rows must be in [0, n]: " + predictedRows + " of " + n);
    }
  }

  /**
   * Tells whether the model passed: no expectation failed.
   *
   * @return true when no expectation is {@link Status#FAILED}
   */
  public boolean passed() {
    return expectations.stream().noneMatch(ExpectationResult::failed);
  }

  /**
   * The expectations with a given status, in declaration order.
   *
   * @param status the status
   * @return the matching expectations
   */
  public List<ExpectationResult> withStatus(Status status) {
    Objects.requireNonNull(status, "status");
    return expectations.stream().filter(e -> e.status() == status).toList();
  }

  /**
   * The failed expectations, in declaration order.
   *
   * @return the expectations that make the report fail
   */
  public List<ExpectationResult> failures() {
    return withStatus(Status.FAILED);
  }

  /**
   * Finds an expectation by its name (as shown in the report, e.g. {@code "accuracy >= 0.9"}).
   *
   * @param name the name
   * @return the first expectation with that name, if any
   */
  public Optional<ExpectationResult> expectation(String name) {
    Objects.requireNonNull(name, "name");
    return expectations.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * Renders the report for logs and test output: a summary line, one line per expectation (with
   * slices and failing rows below it) and the evaluation's table.
   *
   * @return the text
   */
  public String toText() {
    return ReportText.render(this);
  }

  /**
   * Renders the report as JSON (schema in docs/model-test-json.md: snake_case; NaN as null; the
   * evaluation's own JSON under {@code "evaluation"}).
   *
   * @return a JSON object
   */
  public String toJson() {
    return ReportJson.render(this);
  }

  /**
   * A one-line summary, e.g. {@code "ModelTestReport[FAILED: 3 passed, 1 failed, 0 warned, 0 undefined; n=500]"}.
   *
   * @return the summary
   */
  @Override
  public String toString() {
    return "ModelTestReport[" + ReportText.summary(this) + "]";
  }
}
