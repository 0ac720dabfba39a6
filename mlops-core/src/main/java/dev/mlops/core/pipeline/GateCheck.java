package dev.mlops.core.pipeline;

import dev.mlops.core.internal.Checks;


/**
 * One check the gate made: a ModelTest expectation, a champion comparison or a significance test.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name what was checked (e.g. {@code "expectation rmse <= 60"}, {@code "vs champion: rmse"})
 * @param passed whether it passed
 * @param detail the evidence (observed values, thresholds, p-value)
 */
public record GateCheck(String name, boolean passed, String detail) {

  /**
   * Validates the check.
   *
   * @throws NullPointerException if a field is null
   */
  public GateCheck {
    Checks.nonNull("name", name, "detail", detail);
  }
}
