package dev.mlops.core.retraining;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link Retrainer} produced: the candidate's registry parts and metadata, and the gate's
 * decision against the champion with its reasons.
 *
 * <p>Immutable and thread-safe as long as nobody mutates the part arrays.
 *
 * @param promote whether the gate decided to promote the candidate
 * @param reasons the gate's reasons (why promoted, or every reason it was rejected)
 * @param parts the candidate's named parts for {@code ModelRegistry.register}; empty only if rejected
 * @param metadata the candidate's metadata (metrics, run id...), stored with the version
 */
public record RetrainOutcome(boolean promote, List<String> reasons, Map<String, byte[]> parts, Map<String, String> metadata) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a promoted outcome has no parts
   */
  public RetrainOutcome {
    reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons must not be null"));
    parts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parts, "parts must not be null")));
    metadata = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(metadata, "metadata must not be null")));
    if (promote && parts.isEmpty()) {
      throw new IllegalArgumentException("parts must not be empty for a promoted candidate: " + parts.keySet());
    }
  }

  /**
   * A candidate the gate accepted.
   *
   * @param parts the registry parts
   * @param metadata the metadata
   * @param reasons why it passed
   * @return the outcome
   */
  public static RetrainOutcome promote(Map<String, byte[]> parts, Map<String, String> metadata, List<String> reasons) {
    return new RetrainOutcome(true, reasons, parts, metadata);
  }

  /**
   * A candidate the gate rejected.
   *
   * @param metadata the candidate's metadata (metrics), for the event
   * @param reasons why it was rejected; at least one
   * @return the outcome
   * @throws IllegalArgumentException if there is no reason
   */
  public static RetrainOutcome reject(Map<String, String> metadata, List<String> reasons) {
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("reasons must not be empty for a rejection: []");
    }
    return new RetrainOutcome(false, reasons, Map.of(), metadata);
  }
}
