package dev.mlops.core.registry;

/**
 * The named model or version does not exist in the registry.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ModelNotFoundException extends RegistryException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message which model or version was not found
   */
  public ModelNotFoundException(String message) {
    super(message);
  }
}
