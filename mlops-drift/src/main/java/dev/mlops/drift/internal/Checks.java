package dev.mlops.drift.internal;

/** Validation of the components of mlops-drift's records. Not API. Stateless, thread-safe. */
public final class Checks {

  private Checks() {}

  /**
   * Checks the components of a record: {@code nonNull("feature", feature, "kind", kind)}.
   *
   * @param namesAndValues each component's name followed by its value
   * @throws NullPointerException naming the first null component: {@code "kind must not be null"}
   */
  public static void nonNull(Object... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        throw new NullPointerException(namesAndValues[i] + " must not be null");
      }
    }
  }
}
