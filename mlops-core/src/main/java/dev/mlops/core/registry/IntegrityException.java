package dev.mlops.core.registry;

/**
 * A registry file failed verification: its SHA-256 does not match the recorded one, it is
 * truncated, it does not parse, or a version directory does not hold exactly the files its
 * metadata lists. When this is thrown nothing of the affected version, alias or log is returned.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class IntegrityException extends RegistryException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed verification, naming the file
   */
  public IntegrityException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what failed verification, naming the file
   * @param cause the underlying failure (e.g. a JSON parse error)
   */
  public IntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
