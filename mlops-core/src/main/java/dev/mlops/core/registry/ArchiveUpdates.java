package dev.mlops.core.registry;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The changes of archive state: archiving a version (refused while an alias points at it) and
 * unarchiving it, each written to the model's {@link ArchiveStore} file with the change in its
 * history and then logged in the audit chain under the same event id. Callers hold the registry
 * lock and have checked that the registry (and so the model's archive file against the chain) is
 * sound. Not thread-safe on its own.
 *
 * @param versions where the versions are read
 * @param archives where the archive state is kept
 * @param reads the registry's reads (for the aliases of a version to archive)
 * @param audit the audit chain the changes are logged in
 * @param clock the time of each change
 */
record ArchiveUpdates(
    VersionStore versions, ArchiveStore archives, RegistryReads reads, AuditLog audit, Clock clock) {

  /** Archives ({@code archive}) or unarchives a version; no change when it already is so. */
  ModelVersion change(String name, int version, boolean archive) throws IOException {
    ArchiveStore.State state = archives.read(name);
    ModelVersion v = versions.read(name, version, state.versions());
    if (v.archived() == archive) {
      return v;
    }
    if (archive) {
      for (Map.Entry<String, Integer> a : reads.aliases(name).entrySet()) {
        if (a.getValue() == version) {
          throw new IllegalStateException(
              "version must not be aliased to be archived: " + v.label() + " (alias " + a.getKey() + ")");
        }
      }
    }
    Instant now = clock.instant();
    String eventId = UUID.randomUUID().toString();
    Set<Integer> archived = new TreeSet<>(state.versions());
    if (archive) {
      archived.add(version);
    } else {
      archived.remove(version);
    }
    List<ArchiveStore.Change> changes = new ArrayList<>(state.changes());
    changes.add(new ArchiveStore.Change(now, eventId, archive ? "archive" : "unarchive", version));
    archives.write(name, new ArchiveStore.State(archived, changes));
    audit.append(
        now, eventId, archive ? AuditEvent.ARCHIVED : AuditEvent.UNARCHIVED, name, version, null, Map.of());
    return v.withArchived(archive);
  }
}
