package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.internal.Checks;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The outcome of {@link MetricThreshold#check(double, OptionalDouble)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param threshold the condition checked
 * @param candidate the candidate's value
 * @param baseline the baseline's value, if there was one
 * @param passed true when every configured condition holds
 * @param violations one line per violated condition (empty when passed)
 * @param reason one line summarising the outcome
 */
public record ThresholdCheck(
    MetricThreshold threshold,
    double candidate,
    OptionalDouble baseline,
    boolean passed,
    List<String> violations,
    String reason) {

  /**
   * Validates and copies the fields.
   *
   * @param threshold see {@link #threshold()}
   * @param candidate see {@link #candidate()}
   * @param baseline see {@link #baseline()}
   * @param passed see {@link #passed()}
   * @param violations see {@link #violations()}
   * @param reason see {@link #reason()}
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if {@code passed} disagrees with {@code violations}
   */
  public ThresholdCheck {
    Checks.nonNull("threshold", threshold, "baseline", baseline, "reason", reason);
    violations = List.copyOf(violations);
    if (passed != violations.isEmpty()) {
      throw new IllegalArgumentException(
          "passed must be true exactly when there are no violations: " + passed + ", " + violations);
    }
  }
}
