package dev.mlops.core.registry;

import dev.mlops.core.internal.Checks;
import java.time.Instant;

/**
 * One recorded change of an alias, kept in the alias's history.
 *
 * <p>Immutable and thread-safe.
 *
 * @param time when the change was made (registry clock)
 * @param eventId the id of the change, equal to the id of its audit event
 * @param action {@code "set"}, {@code "rollback"} or {@code "removed"}
 * @param fromVersion the version the alias pointed at before, or 0 if it pointed at none
 * @param toVersion the version the alias points at after, or 0 if it was removed
 */
public record AliasChange(Instant time, String eventId, String action, int fromVersion, int toVersion) {

  /**
   * Validates the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public AliasChange {
    Checks.nonNull("time", time, "eventId", eventId, "action", action);
  }
}
