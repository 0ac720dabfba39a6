package dev.mlops.core.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The verified contents of a model version: every part's SHA-256 matched its metadata before this
 * object was created.
 *
 * <p>Each call to {@link ModelRegistry#load} returns fresh byte arrays owned by the caller. The map
 * is unmodifiable; the record is safe to share between threads as long as nobody mutates the
 * arrays.
 *
 * @param version the loaded version
 * @param parts the part bytes by part name (sorted by name)
 */
public record LoadedVersion(ModelVersion version, Map<String, byte[]> parts) {

  /**
   * Validates and wraps the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public LoadedVersion {
    Objects.requireNonNull(version, "version");
    parts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parts, "parts")));
  }

  /**
   * Returns the bytes of one part.
   *
   * @param name the part name
   * @return the part bytes (shared with {@link #parts()}; do not mutate)
   * @throws IllegalArgumentException if this version has no such part
   */
  public byte[] part(String name) {
    byte[] bytes = parts.get(name);
    if (bytes == null) {
      throw new IllegalArgumentException(
          "part must exist in " + version.label() + ": " + name + " (parts: " + parts.keySet() + ")");
    }
    return bytes;
  }
}
