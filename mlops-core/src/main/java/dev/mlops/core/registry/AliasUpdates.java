package dev.mlops.core.registry;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes of aliases: pointing an alias at a version (set, promote), removing it and rolling
 * it back, each written to its {@link AliasStore} file with the change in its history and then
 * logged in the audit chain under the same event id (so a change whose audit line is lost to a
 * crash is found and re-logged by {@link RegistryCheck}). Aliases only ever point at complete,
 * verified, non-archived versions. Callers hold the registry lock and have checked that the
 * registry is sound. Not thread-safe on its own.
 *
 * @param aliases where the aliases are kept
 * @param reads the registry's reads (for the version an alias is pointed at)
 * @param audit the audit chain the changes are logged in
 * @param clock the time of each change
 */
record AliasUpdates(AliasStore aliases, RegistryReads reads, AuditLog audit, Clock clock) {

  private static final Logger LOG = LoggerFactory.getLogger(AliasUpdates.class);

  /** Points an alias at a version (no change when it already does), logged as {@code eventType}. */
  ModelVersion point(String name, String alias, int version, String eventType) throws IOException {
    Names.requireNoCaseCollision("alias", alias, aliases.names(name));
    ModelVersion target = reads.load(name, version).version();
    if (target.archived()) {
      throw new IllegalStateException(
          "version must not be archived to be aliased: " + target.label() + " (alias " + alias + ")");
    }
    AliasStore.State current = aliases.read(name, alias);
    if (current != null && current.version() == version) {
      return target;
    }
    AliasStore.State base = current == null ? AliasStore.State.EMPTY : current;
    List<Integer> previous = new ArrayList<>(base.previous());
    if (base.version() != 0) {
      previous.add(base.version());
    }
    write(name, alias, eventType, "set", base, version, previous);
    return target;
  }

  /** Removes an alias, remembering its target for rollback; false when it pointed at nothing. */
  boolean remove(String name, String alias) throws IOException {
    AliasStore.State current = aliases.read(name, alias);
    if (current == null || current.version() == 0) {
      return false;
    }
    List<Integer> previous = new ArrayList<>(current.previous());
    previous.add(current.version());
    write(name, alias, AuditEvent.ALIAS_REMOVED, "removed", current, 0, previous);
    return true;
  }

  /** Points an alias back at its previous target, which must not be archived. */
  ModelVersion rollback(String name, String alias) throws IOException {
    AliasStore.State current = aliases.read(name, alias);
    if (current == null || current.previous().isEmpty()) {
      throw new IllegalStateException(
          "alias must have a previous version to roll back to: " + alias + " of model " + name);
    }
    List<Integer> previous = new ArrayList<>(current.previous());
    int target = previous.remove(previous.size() - 1);
    ModelVersion v = reads.load(name, target).version();
    if (v.archived()) {
      throw new IllegalStateException(
          "previous version must not be archived to roll back to it: " + v.label() + " (alias " + alias + ")");
    }
    write(name, alias, AuditEvent.ROLLED_BACK, "rollback", current, target, previous);
    return v;
  }

  private void write(String name, String alias, String eventType, String action,
      AliasStore.State before, int to, List<Integer> previous) throws IOException {
    Instant now = clock.instant();
    String eventId = UUID.randomUUID().toString();
    List<AliasChange> changes = new ArrayList<>(before.changes());
    changes.add(new AliasChange(now, eventId, action, before.version(), to));
    aliases.write(name, alias, new AliasStore.State(to, previous, changes));
    Map<String, String> d = new TreeMap<>();
    d.put("from", Integer.toString(before.version()));
    d.put("to", Integer.toString(to));
    audit.append(now, eventId, eventType, name, to, alias, d);
    LOG.info("model {}: alias {} {} -> {} ({})", name, alias, before.version(), to, eventType);
  }
}
