package dev.mlops.core.registry;

/**
 * A Java-serialised artifact was refused by {@link SafeDeserialization}: it names a class outside
 * the allow-list or exceeds a limit on depth, references, array length or bytes. The offending
 * object was not instantiated.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class UnsafeArtifactException extends RegistryException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what was refused and why
   * @param cause the {@link java.io.InvalidClassException} raised by the stream, or another failure
   */
  public UnsafeArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
