package dev.mlops.core.registry;

import dev.mlops.metrics.MlopsException;

/**
 * A model registry operation failed at run time: an I/O error, a failed {@code force} (which
 * aborts the write; it is never retried silently), or a registry lock that could not be taken.
 *
 * <p>Subclasses name the failures worth catching separately: {@link IntegrityException},
 * {@link ModelNotFoundException} and {@link UnsafeArtifactException}. Instances are immutable and
 * thread-safe.
 */
public class RegistryException extends MlopsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed, naming the model, version, alias or file involved
   */
  public RegistryException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what failed, naming the model, version, alias or file involved
   * @param cause the underlying failure
   */
  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
