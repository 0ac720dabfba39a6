package dev.mlops.drift.profile;

import dev.mlops.metrics.MlopsException;

/**
 * A serialised {@link ReferenceProfile} cannot be read: it is truncated or corrupt (checksum or
 * structure), it is not a profile at all, or it was written by a newer format version than this
 * library reads.
 *
 * <p>Immutable and thread-safe.
 */
public class ProfileFormatException extends MlopsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the bytes, e.g. the versions or the checksums involved
   */
  public ProfileFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong with the bytes
   * @param cause the underlying failure
   */
  public ProfileFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
