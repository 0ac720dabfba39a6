package dev.mlops.core.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link ModelRegistry}: a directory on the local file system, no server.
 *
 * <pre>{@code
 * ModelRegistry registry = FileSystemModelRegistry.open(Path.of("models"));
 * // or, with an injected clock:
 * ModelRegistry registry = FileSystemModelRegistry.builder(Path.of("models")).clock(clock).open();
 * }</pre>
 *
 * <h2>Layout</h2>
 *
 * <pre>
 * root/.lock                                    lock file (FileChannel.lock) serialising writers
 * root/audit.jsonl, root/audit.head.json        audit log (hash-chained JSON lines) and its head
 * root/models/NAME/versions/N/metadata.json     version metadata with the SHA-256 of every part
 * root/models/NAME/versions/N/parts/PART        the opaque parts
 * root/models/NAME/aliases/ALIAS.json           alias target, previous targets, change history
 * root/models/NAME/archived.json                archived version numbers
 * </pre>
 *
 * <p>Every registry file except the parts is a self-verifying JSON document (its last field is the
 * SHA-256 of the rest) and the parts are verified against the metadata, so any flipped byte or
 * truncation raises {@link IntegrityException}.
 *
 * <h2>Durability</h2>
 *
 * A version is written into a temporary directory, every file and directory forced, then the
 * directory is renamed atomically to its number and the parent forced: a crash leaves it wholly
 * present or wholly absent. Alias and archive files are replaced atomically (temporary file, force,
 * atomic rename, directory force) and aliases only ever point at complete, verified versions. A
 * failed force aborts the operation with {@link RegistryException}; it is never retried. Writers
 * are serialised by an in-JVM lock plus a {@link FileLock} on {@code .lock}, so several processes
 * may share one directory; reads take no lock (every file they read is replaced atomically).
 * A change whose audit line was lost to a crash is re-logged (detail {@code recovered=true}) the
 * next time the registry is opened.
 *
 * <h2>Trust</h2>
 *
 * Every file is read with a size bound and only if it is a regular file (a symbolic link, FIFO or
 * device planted in the registry is refused before it is opened, so it can neither fill the heap
 * nor block a writer holding the locks). Before every change the whole audit chain is verified
 * (every line, every link, against its head) and the model's archive state is compared with the
 * archive events of the chain; a registry that fails either refuses writes until {@link
 * #repair(String)} is called, which is itself audited. Reads take the archive state recorded in
 * the chain: a deleted or edited {@code archived.json} un-archives nothing (the disagreement is
 * logged). {@link #verify()} checks every file and
 * every link. Names must be portable: Windows device names ({@code CON}, {@code NUL}, {@code
 * COM1}...), a trailing dot, and a model, alias or part name differing only in case from an
 * existing one are refused with {@link IllegalArgumentException}. Storage, aliases, archive state,
 * the audit log, the reads, the alias and archive changes, the checks and the locks live in their
 * own package-private classes ({@code VersionStore}, {@code AliasStore}, {@code ArchiveStore},
 * {@code AuditLog}, {@code RegistryReads}, {@code AliasUpdates}, {@code ArchiveUpdates}, {@code
 * RegistryCheck}, {@code RegistryLock}); this class validates the arguments, takes the locks and
 * puts them together.
 *
 * <p>Thread-safe; instances for the same directory may be used from several threads and processes.
 */
public final class FileSystemModelRegistry implements ModelRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(FileSystemModelRegistry.class);

  private static final String MODELS = "models";

  private final Path root;
  private final Path modelsDir;
  private final Clock clock;
  private final VersionStore versions;
  private final AliasStore aliasStore;
  private final ArchiveStore archiveStore;
  private final AuditLog audit;
  private final RegistryCheck check;
  private final RegistryReads reads;
  private final AliasUpdates aliasUpdates;
  private final ArchiveUpdates archiveUpdates;
  private final RegistryLock lock;
  private final boolean readOnly;

  private FileSystemModelRegistry(Path root, Clock clock, DurableFiles files, boolean readOnly) {
    this.readOnly = readOnly;
    this.root = root;
    this.modelsDir = root.resolve(MODELS);
    this.clock = clock;
    this.versions = new VersionStore(root, modelsDir, files);
    this.aliasStore = new AliasStore(versions, files);
    this.archiveStore = new ArchiveStore(versions, files);
    this.audit = new AuditLog(root.resolve("audit.jsonl"), root.resolve("audit.head.json"), files);
    this.lock = new RegistryLock(root);
    this.check = new RegistryCheck(versions, aliasStore, archiveStore, audit);
    this.reads = new RegistryReads(versions, aliasStore, archiveStore, audit);
    this.aliasUpdates = new AliasUpdates(aliasStore, reads, audit, clock);
    this.archiveUpdates = new ArchiveUpdates(versions, archiveStore, reads, audit, clock);
  }

  /**
   * Opens (creating if needed) a registry in a directory, with the system UTC clock.
   *
   * @param root the registry directory
   * @return the registry
   * @throws RegistryException if the directory cannot be created or locked
   */
  public static FileSystemModelRegistry open(Path root) {
    return builder(root).open();
  }

  /**
   * Starts configuring a registry in a directory.
   *
   * @param root the registry directory
   * @return a builder
   */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /**
   * Configures a {@link FileSystemModelRegistry}. Not thread-safe; use from one thread.
   */
  public static final class Builder {
    private final Path root;
    private Clock clock = Clock.systemUTC();
    private DurableFiles.Forcer forcer = DurableFiles.DEFAULT_FORCER;
    private boolean readOnly;

    private Builder(Path root) {
      this.root = Objects.requireNonNull(root, "root");
    }

    /**
     * Sets the clock used for creation times and audit events.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Opens the registry for reading only (e.g. a serving replica on a read-only mount): nothing
     * is created, locked or recovered, and every change throws {@link IllegalStateException}.
     * Reads see complete versions and aliases even while another process writes.
     *
     * @return this builder
     */
    public Builder readOnly() {
      this.readOnly = true;
      return this;
    }

    /** Replaces how channels are forced (tests simulate force failures with it). */
    Builder forcer(DurableFiles.Forcer value) {
      this.forcer = Objects.requireNonNull(value, "forcer");
      return this;
    }

    /**
     * Opens the registry: creates the directory if needed, removes temporaries left by crashed
     * writers and re-logs changes whose audit line was lost.
     *
     * @return the registry
     * @throws RegistryException if the directory cannot be created, locked or cleaned
     */
    public FileSystemModelRegistry open() {
      DurableFiles files = new DurableFiles(forcer);
      Path dir;
      if (readOnly) {
        try {
          dir = root.toAbsolutePath().normalize().toRealPath();
        } catch (IOException e) {
          throw new RegistryException("registry directory must exist to be opened read-only: " + root, e);
        }
        if (!Files.isDirectory(dir.resolve(MODELS))) {
          throw new RegistryException("registry directory must hold a registry to be opened read-only: " + root);
        }
        return new FileSystemModelRegistry(dir, clock, files, true);
      }
      try {
        Path absolute = root.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        dir = absolute.toRealPath();
        files.createDirectory(dir.resolve(MODELS));
      } catch (IOException e) {
        throw new RegistryException("could not create registry directory " + root + ": " + e, e);
      }
      FileSystemModelRegistry registry = new FileSystemModelRegistry(dir, clock, files, false);
      registry.recover();
      return registry;
    }
  }

  /**
   * Returns the registry directory.
   *
   * @return the real, absolute path of the registry root
   */
  public Path root() {
    return root;
  }

  // ---------------------------------------------------------------- versions

  @Override
  public ModelVersion register(String name, Map<String, byte[]> parts, Map<String, String> metadata) {
    Names.requireValid("model name", name);
    Objects.requireNonNull(parts, "parts");
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("parts must not be empty: model " + name);
    }
    Map<String, byte[]> copies = new TreeMap<>();
    parts.forEach(
        (part, bytes) -> {
          Names.requireValid("part name", part);
          Names.requireNoCaseCollision("part name", part, copies.keySet());
          copies.put(part, Objects.requireNonNull(bytes, "bytes of part " + part).clone());
        });
    Map<String, String> meta = copyMetadata(metadata);
    return mutating(
        "register a version of model " + name,
        name,
        () -> {
          Names.requireNoCaseCollision("model name", name, versions.models());
          Instant now = clock.instant();
          String eventId = UUID.randomUUID().toString();
          ModelVersion version = versions.write(name, copies, meta, now, eventId);
          audit.append(now, eventId, AuditEvent.REGISTERED, name, version.version(), null, Map.of());
          LOG.info("registered {} ({} parts)", version.label(), version.parts().size());
          return version;
        });
  }

  @Override
  public ModelVersion version(String name, int version) {
    requireVersion(name, version);
    return reads.version(name, version);
  }

  @Override
  public LoadedVersion load(String name, int version) {
    requireVersion(name, version);
    return reads.load(name, version);
  }

  @Override
  public LoadedVersion load(String name, String alias) {
    requireAlias(name, alias);
    return reads.load(name, alias);
  }

  @Override
  public List<String> models() {
    return versions.models();
  }

  @Override
  public List<ModelVersion> versions(String name, boolean includeArchived) {
    Names.requireValid("model name", name);
    return reads.versions(name, includeArchived);
  }

  @Override
  public List<ModelVersion> search(Predicate<ModelVersion> filter) {
    Objects.requireNonNull(filter, "filter");
    return reads.search(filter);
  }

  // ---------------------------------------------------------------- aliases

  @Override
  public ModelVersion setAlias(String name, String alias, int version) {
    requireAlias(name, alias);
    Names.requireVersion(version);
    return pointAlias(name, alias, version, AuditEvent.ALIAS_SET);
  }

  @Override
  public ModelVersion promote(String name, int version) {
    requireVersion(name, version);
    return pointAlias(name, CHAMPION, version, AuditEvent.PROMOTED);
  }

  private ModelVersion pointAlias(String name, String alias, int version, String eventType) {
    return mutating(
        "point alias " + alias + " of model " + name + " at version " + version,
        name,
        () -> aliasUpdates.point(name, alias, version, eventType));
  }

  @Override
  public boolean removeAlias(String name, String alias) {
    requireAlias(name, alias);
    return mutating("remove alias " + alias + " of model " + name, name, () -> aliasUpdates.remove(name, alias));
  }

  @Override
  public ModelVersion rollback(String name, String alias) {
    requireAlias(name, alias);
    return mutating("roll back alias " + alias + " of model " + name, name, () -> aliasUpdates.rollback(name, alias));
  }

  @Override
  public Optional<ModelVersion> resolve(String name, String alias) {
    requireAlias(name, alias);
    return reads.resolve(name, alias);
  }

  @Override
  public Map<String, Integer> aliases(String name) {
    Names.requireValid("model name", name);
    return reads.aliases(name);
  }

  @Override
  public List<AliasChange> aliasHistory(String name, String alias) {
    requireAlias(name, alias);
    return reads.aliasHistory(name, alias);
  }

  // ---------------------------------------------------------------- archive

  @Override
  public ModelVersion archive(String name, int version) {
    requireVersion(name, version);
    return mutating("archive " + name + " v" + version, name, () -> archiveUpdates.change(name, version, true));
  }

  @Override
  public ModelVersion unarchive(String name, int version) {
    requireVersion(name, version);
    return mutating("unarchive " + name + " v" + version, name, () -> archiveUpdates.change(name, version, false));
  }

  private static void requireVersion(String name, int version) {
    Names.requireValid("model name", name);
    Names.requireVersion(version);
  }

  private static void requireAlias(String name, String alias) {
    Names.requireValid("model name", name);
    Names.requireValid("alias", alias);
  }

  // ---------------------------------------------------------------- audit

  @Override
  public List<AuditEvent> auditLog() {
    if (readOnly) {
      try {
        return audit.readAll();
      } catch (IOException e) {
        throw new RegistryException("registry " + root + ": could not read the audit log: " + e, e);
      }
    }
    return locked("read the audit log", audit::readAll);
  }

  @Override
  public AuditEvent appendEvent(String type, String model, int version, Map<String, String> details) {
    Names.requireEventType(type);
    if (model != null) {
      Names.requireValid("model name", model);
    }
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative: " + version);
    }
    Map<String, String> d = copyMetadata(details);
    return mutating(
        "append event " + type,
        model,
        () -> audit.append(clock.instant(), UUID.randomUUID().toString(), type, model, version, null, d));
  }

  /**
   * Checks the whole registry: every audit line and link against the head, every version's
   * metadata and parts (sizes and SHA-256), every alias (and that it points at a version), every
   * archive state (and that it matches the archive events of the audit chain), and that every
   * recorded change (registration, alias change, archive change) has its audit line.
   *
   * @throws IntegrityException listing every problem found
   */
  public void verify() {
    List<String> problems = locked("verify", () -> check.problems());
    if (!problems.isEmpty()) {
      throw new IntegrityException("registry " + root + " fails verification (" + problems.size()
          + " problems): " + String.join("; ", problems));
    }
  }

  /**
   * The one way to make a registry that fails verification writable again, recorded in the audit
   * chain. When the chain itself is broken, the damaged log and head are moved aside ({@code
   * audit.jsonl.damaged-<millis>}), a new chain starts with an {@code audit.repaired} event naming
   * the reason and the files kept, and every registration, alias change and archive change found
   * in the registry is re-logged after it (detail {@code recovered=true}). When the chain is intact
   * but an archive state disagrees with it (its file deleted or replaced), the chain wins: the
   * archive state is rewritten from the chain's archive events and an {@code archive.restored}
   * event is logged per model.
   *
   * @param reason why the repair was made (who decided, what was found), recorded in the chain
   * @return the events the repair logged (empty when nothing needed repair)
   * @throws IllegalArgumentException if the reason is blank
   * @throws IllegalStateException if the registry was opened read-only
   */
  public List<AuditEvent> repair(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("repair reason must not be blank: \"" + reason + "\"");
    }
    return mutating("repair", () -> check.repair(reason, clock.instant()));
  }

  // ---------------------------------------------------------------- recovery

  /** Removes crashed writers' temporaries, re-logs changes whose audit line was lost, checks the chain. */
  private void recover() {
    locked(
        "recover",
        () -> {
          for (String name : models()) {
            versions.removeTemporaries(versions.modelDir(name));
          }
          versions.removeTemporaries(root);
          audit.initialize();
          try {
            check.relogLostChanges();
            List<String> problems = check.chainProblems();
            if (!problems.isEmpty()) {
              LOG.error("registry {}: {}; writes will fail until repaired", root, problems);
            }
          } catch (IntegrityException e) {
            LOG.error("registry {}: the audit log fails verification; writes will fail until it is repaired", root, e);
          }
          return null;
        });
  }

  private static Map<String, String> copyMetadata(Map<String, String> metadata) {
    Objects.requireNonNull(metadata, "metadata");
    Map<String, String> out = new TreeMap<>();
    metadata.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "metadata key");
          Objects.requireNonNull(v, "metadata value of " + k);
          if (k.isEmpty()) {
            throw new IllegalArgumentException("metadata key must not be empty: \"\"");
          }
          out.put(k, v);
        });
    return out;
  }

  // ---------------------------------------------------------------- locking

  /** Runs a change under the locks, refusing it if the registry was opened read-only. */
  private <T> T mutating(String what, RegistryLock.Action<T> action) {
    if (readOnly) {
      throw new IllegalStateException("registry must be opened writable to " + what + ": " + root);
    }
    return lock.locked(what, action);
  }

  /**
   * Runs a change under the locks (refused if the registry was opened read-only) once the registry
   * is sound: it is refused while the audit chain fails verification (whole chain, every link) or
   * the archive state of {@code model} (when not null) disagrees with it; only {@link #repair}
   * makes it writable again.
   */
  private <T> T mutating(String what, String model, RegistryLock.Action<T> action) {
    return mutating(
        what,
        () -> {
          check.requireSound(model);
          return action.run();
        });
  }

  private <T> T locked(String what, RegistryLock.Action<T> action) {
    return lock.locked(what, action);
  }
}
