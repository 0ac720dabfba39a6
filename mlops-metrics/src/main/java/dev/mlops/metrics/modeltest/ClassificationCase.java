package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.internal.Checks;


/**
 * A hand-written row with the class a classifier must predict for it (a CheckList
 * minimum-functionality case).
 *
 * <p>Immutable when {@code T} is; thread-safe in that case.
 *
 * @param description what the case shows, e.g. {@code "large foreign transfer at night"}
 * @param row the input row
 * @param expectedClass the class name the model must predict (one of the test's class names)
 * @param <T> the row type
 */
public record ClassificationCase<T>(String description, T row, String expectedClass) {

  /**
   * Validates the fields.
   *
   * @param description see {@link #description()}
   * @param row see {@link #row()}
   * @param expectedClass see {@link #expectedClass()}
   * @throws NullPointerException if a field is null
   */
  public ClassificationCase {
    Checks.nonNull("description", description, "row", row, "expectedClass", expectedClass);
  }

  /**
   * A case.
   *
   * @param description what the case shows
   * @param row the input row
   * @param expectedClass the class name the model must predict
   * @param <T> the row type
   * @return the case
   */
  public static <T> ClassificationCase<T> of(String description, T row, String expectedClass) {
    return new ClassificationCase<>(description, row, expectedClass);
  }
}
