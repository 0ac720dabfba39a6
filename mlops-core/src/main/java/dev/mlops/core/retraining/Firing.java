package dev.mlops.core.retraining;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A retrain policy's decision to retrain, with its evidence (recorded in the loop's events and in
 * the registered candidate's metadata).
 *
 * <p>Immutable and thread-safe.
 *
 * @param trigger the kind of trigger that fired (for a combination, the first one)
 * @param reason one human-readable sentence with the numbers
 * @param evidence the numbers by key (sorted), e.g. {@code realised}, {@code reference}, {@code p_value}
 */
public record Firing(Trigger trigger, String reason, Map<String, String> evidence) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   */
  public Firing {
    Objects.requireNonNull(trigger, "trigger must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
    evidence = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(evidence, "evidence must not be null")));
  }
}
