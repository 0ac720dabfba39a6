package dev.mlops.core.pipeline;

import dev.mlops.metrics.MlopsException;
import java.util.Objects;

/**
 * A pipeline run failed in a stage; the message names the stage and the cause. A failed run
 * produces no model: nothing from it can be registered or deployed.
 *
 * <p>Immutable and thread-safe.
 */
public class PipelineException extends MlopsException {

  private static final long serialVersionUID = 1L;

  private final Stage stage;
  private final String runId;

  /**
   * Creates the exception.
   *
   * @param runId the run
   * @param stage the stage that failed
   * @param message what failed
   * @param cause the underlying failure, or null
   */
  public PipelineException(String runId, Stage stage, String message, Throwable cause) {
    super("pipeline run " + runId + " failed in stage " + Objects.requireNonNull(stage, "stage") + ": " + message, cause);
    this.stage = stage;
    this.runId = runId;
  }

  /**
   * The stage that failed.
   *
   * @return the stage
   */
  public Stage stage() {
    return stage;
  }

  /**
   * The run that failed.
   *
   * @return the run id
   */
  public String runId() {
    return runId;
  }
}
