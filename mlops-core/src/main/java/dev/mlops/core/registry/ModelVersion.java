package dev.mlops.core.registry;

import dev.mlops.core.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable numbered version of a registered model, as recorded in its metadata file.
 *
 * <p>The {@code archived} flag is a snapshot taken when this record was read; versions themselves
 * never change after registration. Immutable and thread-safe.
 *
 * @param name the model name
 * @param version the version number, 1 for the first registered version
 * @param createdAt when the version was registered (registry clock)
 * @param metadata the caller's metadata (sorted by key)
 * @param parts the stored parts with their sizes and SHA-256 digests (sorted by name)
 * @param archived whether the version was archived when this record was read
 */
public record ModelVersion(
    String name,
    int version,
    Instant createdAt,
    Map<String, String> metadata,
    List<PartInfo> parts,
    boolean archived) {

  /**
   * Validates and copies the fields.
   *
   * @throws NullPointerException if a field is null
   * @throws IllegalArgumentException if the version is not positive
   */
  public ModelVersion {
    Checks.nonNull("name", name, "createdAt", createdAt);
    if (version < 1) {
      throw new IllegalArgumentException("version must be positive: " + version);
    }
    metadata = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(metadata, "metadata")));
    parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
  }

  /**
   * Returns the recorded information of one part.
   *
   * @param partName the part name
   * @return the part, or empty if this version has no such part
   */
  public Optional<PartInfo> part(String partName) {
    return parts.stream().filter(p -> p.name().equals(partName)).findFirst();
  }

  /**
   * Returns the names of the stored parts.
   *
   * @return the part names, sorted
   */
  public List<String> partNames() {
    return parts.stream().map(PartInfo::name).toList();
  }

  /**
   * Returns this version with the archived flag set as given.
   *
   * @param isArchived the archived flag
   * @return a copy with the flag
   */
  ModelVersion withArchived(boolean isArchived) {
    return new ModelVersion(name, version, createdAt, metadata, parts, isArchived);
  }

  /**
   * Returns a short human-readable label such as {@code "churn v3"}.
   *
   * @return the label
   */
  public String label() {
    return name + " v" + version;
  }
}
