package dev.mlops.core.registry;

import dev.mlops.core.internal.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One line of the registry's append-only audit log.
 *
 * <p>Registry changes are logged with the types {@link #REGISTERED}, {@link #ALIAS_SET},
 * {@link #ALIAS_REMOVED}, {@link #PROMOTED}, {@link #ROLLED_BACK}, {@link #ARCHIVED} and
 * {@link #UNARCHIVED}; hosts (e.g. the continuous-training loop) append their own types such as
 * {@code "trained"} or {@code "rejected"} through {@link ModelRegistry#appendEvent}. A change whose
 * audit line was lost to a crash is re-logged when the registry is next opened, with detail
 * {@code recovered=true}. Immutable and thread-safe.
 *
 * @param sequence the 1-based position in the log
 * @param time when the event was logged (registry clock)
 * @param eventId a unique id (for registry changes, the id stored with the change itself)
 * @param type the event type (lower-case letters, digits, '_', '.', '-')
 * @param model the model name, or null if the event concerns no single model
 * @param version the version number, or 0 if the event concerns no single version
 * @param alias the alias name, or null if the event concerns no alias
 * @param details further key/value details (sorted by key)
 */
public record AuditEvent(
    long sequence,
    Instant time,
    String eventId,
    String type,
    String model,
    int version,
    String alias,
    Map<String, String> details) {

  /** A version was registered. */
  public static final String REGISTERED = "registered";
  /** An alias was pointed at a version. */
  public static final String ALIAS_SET = "alias_set";
  /** An alias was removed. */
  public static final String ALIAS_REMOVED = "alias_removed";
  /** The champion alias was pointed at a version. */
  public static final String PROMOTED = "promoted";
  /** An alias was re-pointed at its previous version. */
  public static final String ROLLED_BACK = "rolled_back";
  /** A version was archived. */
  public static final String ARCHIVED = "archived";
  /** A version was taken out of the archive. */
  public static final String UNARCHIVED = "unarchived";

  /**
   * Validates and copies the fields.
   *
   * @throws NullPointerException if a required field is null
   */
  public AuditEvent {
    Checks.nonNull("time", time, "eventId", eventId, "type", type);
    details = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(details, "details")));
  }

  /**
   * Returns the model name, if any.
   *
   * @return the model name
   */
  public Optional<String> modelName() {
    return Optional.ofNullable(model);
  }

  /**
   * Returns the alias, if any.
   *
   * @return the alias
   */
  public Optional<String> aliasName() {
    return Optional.ofNullable(alias);
  }
}
