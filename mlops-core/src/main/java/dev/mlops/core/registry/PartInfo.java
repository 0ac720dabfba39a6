package dev.mlops.core.registry;

import dev.mlops.core.internal.Checks;


/**
 * One stored file of a model version, as recorded in the version's metadata.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the part name (letters, digits, '.', '_', '-')
 * @param size the file size in bytes
 * @param sha256 the lower-case hexadecimal SHA-256 of the file's bytes
 */
public record PartInfo(String name, long size, String sha256) {

  /**
   * Validates the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if the size is negative or the digest is not 64 hex digits
   */
  public PartInfo {
    Checks.nonNull("name", name, "sha256", sha256);
    if (size < 0) {
      throw new IllegalArgumentException("part size must not be negative: " + size);
    }
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("part sha256 must be 64 lower-case hex digits: " + sha256);
    }
  }
}
