package dev.mlops.drift.monitor;

import dev.mlops.metrics.MlopsException;

/**
 * Serialised monitor state could not be read or merged: corrupt (checksum), of a newer format
 * version, or from a monitor with another schema (features, categories, bins).
 *
 * <p>Immutable and thread-safe.
 */
public final class MonitorStateException extends MlopsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the state, with the values involved
   */
  public MonitorStateException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong with the state
   * @param cause the underlying failure
   */
  public MonitorStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
