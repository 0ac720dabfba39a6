package dev.mlops.core.pipeline;

import dev.mlops.core.internal.Checks;
import java.time.Duration;

/**
 * What one stage of a run did: how long it took and how many rows went in and came out.
 *
 * <p>Immutable and thread-safe.
 *
 * @param stage the stage
 * @param duration wall-clock time of the stage (from the pipeline's clock)
 * @param rowsIn rows the stage received
 * @param rowsOut rows the stage passed on
 * @param detail a short note (e.g. {@code "train 800, test 200"})
 */
public record StageReport(Stage stage, Duration duration, long rowsIn, long rowsOut, String detail) {

  /**
   * Validates the report.
   *
   * @throws NullPointerException if a field is null
   */
  public StageReport {
    Checks.nonNull("stage", stage, "duration", duration, "detail", detail);
  }
}
