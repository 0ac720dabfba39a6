package dev.mlops.core.serving;

import dev.mlops.metrics.MlopsException;

/**
 * The served model failed while predicting a row that passed its data contract (a bug or an
 * unexpected model state, never a bad request). The message names the model name and version; the
 * cause is the model's own exception. The endpoint counts these as failed requests.
 *
 * <p>Immutable and thread-safe.
 */
public final class PredictionException extends MlopsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the model version
   * @param cause the model's exception
   */
  public PredictionException(String message, Throwable cause) {
    super(message, cause);
  }
}
