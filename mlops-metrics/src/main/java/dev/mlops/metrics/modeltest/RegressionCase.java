package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.internal.Checks;


/**
 * A hand-written row with the range a regressor's prediction must fall in (a CheckList
 * minimum-functionality case).
 *
 * <p>Immutable when {@code T} is; thread-safe in that case.
 *
 * @param description what the case shows, e.g. {@code "rush hour on a working day"}
 * @param row the input row
 * @param min the smallest accepted prediction
 * @param max the largest accepted prediction
 * @param <T> the row type
 */
public record RegressionCase<T>(String description, T row, double min, double max) {

  /**
   * Validates the fields.
   *
   * @param description see {@link #description()}
   * @param row see {@link #row()}
   * @param min see {@link #min()}
   * @param max see {@link #max()}
   * @throws NullPointerException if description or row is null
   * @throws IllegalArgumentException if min or max is NaN or min exceeds max
   */
  public RegressionCase {
    Checks.nonNull("description", description, "row", row);
    if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
      throw new IllegalArgumentException(
          "case '" + description + "': range must be [min, max] with min <= max: [" + min + ", " + max + "]");
    }
  }

  /**
   * A case whose prediction must lie in {@code [min, max]}.
   *
   * @param description what the case shows
   * @param row the input row
   * @param min the smallest accepted prediction
   * @param max the largest accepted prediction
   * @param <T> the row type
   * @return the case
   */
  public static <T> RegressionCase<T> between(String description, T row, double min, double max) {
    return new RegressionCase<>(description, row, min, max);
  }
}
