package dev.mlops.core.retraining;

import dev.mlops.core.internal.Checks;
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
 * @param changeRows how many of the most recent labelled rows the trigger located after a change
 *     (e.g. the realised drop's onset); 0 if it did not locate one. The retrainer holds out and
 *     offers a training window of these rows, so that a candidate can learn the new concept only.
 */
public record Firing(Trigger trigger, String reason, Map<String, String> evidence, int changeRows) {

  /**
   * A firing that locates no change.
   *
   * @param trigger the kind of trigger
   * @param reason the sentence
   * @param evidence the numbers by key
   */
  public Firing(Trigger trigger, String reason, Map<String, String> evidence) {
    this(trigger, reason, evidence, 0);
  }

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code changeRows} is negative
   */
  public Firing {
    Checks.nonNull("trigger", trigger, "reason", reason);
    evidence = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(evidence, "evidence must not be null")));
    if (changeRows < 0) {
      throw new IllegalArgumentException("change rows must not be negative: " + changeRows);
    }
  }
}
