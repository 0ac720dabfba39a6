package dev.mlops.core.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The read side of a {@link FileSystemModelRegistry}: versions, parts and aliases as the files
 * hold them, with the archive state the audit chain records (see {@link ArchiveStore#archived}),
 * so a deleted or edited {@code archived.json} un-archives nothing. Takes no lock: every file it
 * reads is replaced atomically and verified as it is read. Callers validate names first.
 * Thread-safe.
 *
 * @param versionStore the versions
 * @param aliasStore the aliases
 * @param archiveStore the archive states
 * @param audit the audit chain (whose archive events the reads follow)
 */
record RegistryReads(
    VersionStore versionStore, AliasStore aliasStore, ArchiveStore archiveStore, AuditLog audit) {

  /** The archived versions of a model for a read: the audit chain's. */
  Set<Integer> archived(String name) {
    return archiveStore.archived(name, audit);
  }

  /** A version's metadata, verified. */
  ModelVersion version(String name, int version) {
    return versionStore.read(name, version, archived(name));
  }

  /** A version with its parts, every part verified. */
  LoadedVersion load(String name, int version) {
    return versionStore.load(name, version, archived(name));
  }

  /** The version an alias points at, with its parts. */
  LoadedVersion load(String name, String alias) {
    AliasStore.State state = aliasStore.read(name, alias);
    if (state == null || state.version() == 0) {
      throw new ModelNotFoundException("alias " + alias + " of model " + name + " points at no version");
    }
    return load(name, state.version());
  }

  /** The versions of a model, archived ones only when asked. */
  List<ModelVersion> versions(String name, boolean includeArchived) {
    Set<Integer> archived = archived(name);
    List<ModelVersion> out = new ArrayList<>();
    for (int v : versionStore.committedVersions(name)) {
      if (includeArchived || !archived.contains(v)) {
        out.add(versionStore.read(name, v, archived));
      }
    }
    return out;
  }

  /** The non-archived versions of every model that match a filter. */
  List<ModelVersion> search(Predicate<ModelVersion> filter) {
    List<ModelVersion> out = new ArrayList<>();
    for (String name : versionStore.models()) {
      for (ModelVersion v : versions(name, false)) {
        if (filter.test(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /** The version an alias points at, or empty when it points at none. */
  Optional<ModelVersion> resolve(String name, String alias) {
    AliasStore.State state = aliasStore.read(name, alias);
    if (state == null || state.version() == 0) {
      return Optional.empty();
    }
    return Optional.of(version(name, state.version()));
  }

  /** The aliases of a model that point at a version, with their targets, sorted. */
  Map<String, Integer> aliases(String name) {
    Map<String, Integer> out = new TreeMap<>();
    for (String alias : aliasStore.names(name)) {
      AliasStore.State s = aliasStore.read(name, alias);
      if (s != null && s.version() != 0) {
        out.put(alias, s.version());
      }
    }
    return out;
  }

  /** Every change of an alias, oldest first (empty when it never existed). */
  List<AliasChange> aliasHistory(String name, String alias) {
    AliasStore.State state = aliasStore.read(name, alias);
    return state == null ? List.of() : state.changes();
  }
}
