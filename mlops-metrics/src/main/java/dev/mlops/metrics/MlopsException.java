package dev.mlops.metrics;

/**
 * The root of every runtime failure raised by mlops-java (as opposed to bad arguments, which are
 * reported with {@link IllegalArgumentException}, {@link IllegalStateException} or
 * {@link NullPointerException} at the call that caused them).
 *
 * <p>Modules subclass it for the few failures worth catching separately (schema, integrity,
 * gate, pipeline...). Instances are immutable and thread-safe.
 */
public class MlopsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed, naming the field, feature, file or stage involved
   */
  public MlopsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what failed, naming the field, feature, file or stage involved
   * @param cause the underlying failure
   */
  public MlopsException(String message, Throwable cause) {
    super(message, cause);
  }
}
