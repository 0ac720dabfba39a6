package dev.mlops.report;

/** Validation of the components of the report's records. Stateless, thread-safe. */
final class Checks {

  /**
   * Checks the components of a record: {@code nonNull("label", label, "window", window)}.
   *
   * @param namesAndValues each component's name followed by its value
   * @throws NullPointerException naming the first null component: {@code "window must not be null"}
   */
  static void nonNull(Object... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        throw new NullPointerException(namesAndValues[i] + " must not be null");
      }
    }
  }

  private Checks() {}
}
