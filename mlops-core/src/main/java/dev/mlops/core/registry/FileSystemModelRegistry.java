package dev.mlops.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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
 * <p>Thread-safe; instances for the same directory may be used from several threads and processes.
 */
public final class FileSystemModelRegistry implements ModelRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(FileSystemModelRegistry.class);

  /** One lock per registry directory in this JVM: FileLock is held per process, not per thread. */
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private static final Pattern VERSION_DIR = Pattern.compile("[1-9][0-9]{0,8}");
  private static final String MODELS = "models";
  private static final String VERSIONS = "versions";
  private static final String PARTS = "parts";
  private static final String ALIASES = "aliases";
  private static final String ALIAS_SUFFIX = ".json";
  private static final String METADATA = "metadata.json";
  private static final String ARCHIVE = "archived.json";
  private static final int FORMAT = 1;

  private final Path root;
  private final Path modelsDir;
  private final Path lockFile;
  private final Clock clock;
  private final DurableFiles files;
  private final AuditLog audit;
  private final ReentrantLock jvmLock;
  private final boolean readOnly;

  private FileSystemModelRegistry(Path root, Clock clock, DurableFiles files, boolean readOnly) {
    this.readOnly = readOnly;
    this.root = root;
    this.modelsDir = root.resolve(MODELS);
    this.lockFile = root.resolve(".lock");
    this.clock = clock;
    this.files = files;
    this.audit = new AuditLog(root.resolve("audit.jsonl"), root.resolve("audit.head.json"), files);
    this.jvmLock = JVM_LOCKS.computeIfAbsent(root, k -> new ReentrantLock());
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
          copies.put(part, Objects.requireNonNull(bytes, "bytes of part " + part).clone());
        });
    Map<String, String> meta = copyMetadata(metadata);
    return mutating(
        "register a version of model " + name,
        () -> {
          audit.requireAppendable();
          Path modelDir = modelDir(name);
          files.createDirectory(modelDir);
          Path versionsDir = modelDir.resolve(VERSIONS);
          files.createDirectory(versionsDir);
          files.createDirectory(modelDir.resolve(ALIASES));
          removeTemporaries(modelDir);
          int next = committedVersions(name).stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
          Instant now = clock.instant();
          String eventId = UUID.randomUUID().toString();
          List<PartInfo> infos = new ArrayList<>();
          copies.forEach(
              (part, bytes) ->
                  infos.add(new PartInfo(part, bytes.length, CheckedJson.sha256Hex(bytes))));
          ModelVersion version = new ModelVersion(name, next, now, meta, infos, false);
          Path temp = versionsDir.resolve("." + next + DurableFiles.TEMP_MARK + UUID.randomUUID());
          try {
            Files.createDirectory(temp);
            Path partsDir = temp.resolve(PARTS);
            Files.createDirectory(partsDir);
            for (Map.Entry<String, byte[]> e : copies.entrySet()) {
              files.writeNew(Names.child(root, partsDir, e.getKey()), e.getValue());
            }
            files.forceDirectory(partsDir);
            files.writeNew(temp.resolve(METADATA), encodeMetadata(version, eventId));
            files.forceDirectory(temp);
            Files.move(temp, versionDir(name, next), StandardCopyOption.ATOMIC_MOVE);
          } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
          }
          files.forceDirectory(versionsDir);
          audit.append(now, eventId, AuditEvent.REGISTERED, name, next, null, Map.of());
          LOG.info("registered {} ({} parts)", version.label(), infos.size());
          return version;
        });
  }

  @Override
  public ModelVersion version(String name, int version) {
    Names.requireValid("model name", name);
    Names.requireVersion(version);
    return readVersion(name, version, archivedVersions(name));
  }

  @Override
  public LoadedVersion load(String name, int version) {
    Names.requireValid("model name", name);
    Names.requireVersion(version);
    return loadVerified(name, version);
  }

  @Override
  public LoadedVersion load(String name, String alias) {
    Names.requireValid("model name", name);
    Names.requireValid("alias", alias);
    AliasState state = readAlias(name, alias);
    if (state == null || state.version() == 0) {
      throw new ModelNotFoundException("alias " + alias + " of model " + name + " points at no version");
    }
    return loadVerified(name, state.version());
  }

  private LoadedVersion loadVerified(String name, int version) {
    ModelVersion v = readVersion(name, version, archivedVersions(name));
    Path partsDir = versionDir(name, version).resolve(PARTS);
    try {
      Set<String> present = new TreeSet<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(partsDir)) {
        entries.forEach(p -> present.add(p.getFileName().toString()));
      }
      if (!present.equals(new TreeSet<>(v.partNames()))) {
        throw new IntegrityException(
            v.label() + ": parts directory holds " + present + " but the metadata lists " + v.partNames());
      }
      Map<String, byte[]> parts = new LinkedHashMap<>();
      for (PartInfo info : v.parts()) {
        Path file = Names.child(root, partsDir, info.name());
        long size = Files.size(file);
        if (size != info.size()) {
          throw new IntegrityException(
              v.label() + ": part " + info.name() + " has " + size + " bytes, recorded " + info.size());
        }
        byte[] bytes = Files.readAllBytes(file);
        String sha = CheckedJson.sha256Hex(bytes);
        if (bytes.length != info.size() || !sha.equals(info.sha256())) {
          throw new IntegrityException(
              v.label() + ": part " + info.name() + " failed its SHA-256 check: recorded "
                  + info.sha256() + ", computed " + sha);
        }
        parts.put(info.name(), bytes);
      }
      return new LoadedVersion(v, parts);
    } catch (NoSuchFileException e) {
      throw new IntegrityException(v.label() + ": a file is missing: " + e.getFile(), e);
    } catch (IOException e) {
      throw new RegistryException("could not read " + v.label() + ": " + e, e);
    }
  }

  @Override
  public List<String> models() {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(modelsDir)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && isValidName(n)) {
          names.add(n);
        }
      }
    } catch (IOException e) {
      throw new RegistryException("could not list models in " + modelsDir + ": " + e, e);
    }
    names.sort(null);
    return names;
  }

  @Override
  public List<ModelVersion> versions(String name, boolean includeArchived) {
    Names.requireValid("model name", name);
    Set<Integer> archived = archivedVersions(name);
    List<ModelVersion> out = new ArrayList<>();
    for (int v : committedVersions(name)) {
      if (includeArchived || !archived.contains(v)) {
        out.add(readVersion(name, v, archived));
      }
    }
    return out;
  }

  @Override
  public List<ModelVersion> search(Predicate<ModelVersion> filter) {
    Objects.requireNonNull(filter, "filter");
    List<ModelVersion> out = new ArrayList<>();
    for (String name : models()) {
      for (ModelVersion v : versions(name, false)) {
        if (filter.test(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- aliases

  @Override
  public ModelVersion setAlias(String name, String alias, int version) {
    Names.requireValid("model name", name);
    Names.requireValid("alias", alias);
    Names.requireVersion(version);
    return pointAlias(name, alias, version, AuditEvent.ALIAS_SET);
  }

  @Override
  public ModelVersion promote(String name, int version) {
    Names.requireValid("model name", name);
    Names.requireVersion(version);
    return pointAlias(name, CHAMPION, version, AuditEvent.PROMOTED);
  }

  private ModelVersion pointAlias(String name, String alias, int version, String eventType) {
    return mutating(
        "point alias " + alias + " of model " + name + " at version " + version,
        () -> {
          audit.requireAppendable();
          ModelVersion target = loadVerified(name, version).version();
          if (target.archived()) {
            throw new IllegalStateException(
                "version must not be archived to be aliased: " + target.label() + " (alias " + alias + ")");
          }
          AliasState current = readAlias(name, alias);
          if (current != null && current.version() == version) {
            return target;
          }
          AliasState base = current == null ? AliasState.EMPTY : current;
          List<Integer> previous = new ArrayList<>(base.previous());
          if (base.version() != 0) {
            previous.add(base.version());
          }
          writeAliasChange(name, alias, eventType, "set", base, version, previous, Map.of());
          return target;
        });
  }

  @Override
  public boolean removeAlias(String name, String alias) {
    Names.requireValid("model name", name);
    Names.requireValid("alias", alias);
    return mutating(
        "remove alias " + alias + " of model " + name,
        () -> {
          audit.requireAppendable();
          AliasState current = readAlias(name, alias);
          if (current == null || current.version() == 0) {
            return false;
          }
          List<Integer> previous = new ArrayList<>(current.previous());
          previous.add(current.version());
          writeAliasChange(name, alias, AuditEvent.ALIAS_REMOVED, "removed", current, 0, previous, Map.of());
          return true;
        });
  }

  @Override
  public ModelVersion rollback(String name, String alias) {
    Names.requireValid("model name", name);
    Names.requireValid("alias", alias);
    return mutating(
        "roll back alias " + alias + " of model " + name,
        () -> {
          audit.requireAppendable();
          AliasState current = readAlias(name, alias);
          if (current == null || current.previous().isEmpty()) {
            throw new IllegalStateException(
                "alias must have a previous version to roll back to: " + alias + " of model " + name);
          }
          List<Integer> previous = new ArrayList<>(current.previous());
          int target = previous.remove(previous.size() - 1);
          ModelVersion v = loadVerified(name, target).version();
          if (v.archived()) {
            throw new IllegalStateException(
                "previous version must not be archived to roll back to it: " + v.label() + " (alias " + alias + ")");
          }
          writeAliasChange(
              name, alias, AuditEvent.ROLLED_BACK, "rollback", current, target, previous, Map.of());
          return v;
        });
  }

  @Override
  public Optional<ModelVersion> resolve(String name, String alias) {
    Names.requireValid("model name", name);
    Names.requireValid("alias", alias);
    AliasState state = readAlias(name, alias);
    if (state == null || state.version() == 0) {
      return Optional.empty();
    }
    return Optional.of(readVersion(name, state.version(), archivedVersions(name)));
  }

  @Override
  public Map<String, Integer> aliases(String name) {
    Names.requireValid("model name", name);
    Map<String, Integer> out = new TreeMap<>();
    for (String alias : aliasNames(name)) {
      AliasState s = readAlias(name, alias);
      if (s != null && s.version() != 0) {
        out.put(alias, s.version());
      }
    }
    return out;
  }

  @Override
  public List<AliasChange> aliasHistory(String name, String alias) {
    Names.requireValid("model name", name);
    Names.requireValid("alias", alias);
    AliasState state = readAlias(name, alias);
    return state == null ? List.of() : state.changes();
  }

  private void writeAliasChange(
      String name,
      String alias,
      String eventType,
      String action,
      AliasState before,
      int to,
      List<Integer> previous,
      Map<String, String> details)
      throws IOException {
    Instant now = clock.instant();
    String eventId = UUID.randomUUID().toString();
    List<AliasChange> changes = new ArrayList<>(before.changes());
    changes.add(new AliasChange(now, eventId, action, before.version(), to));
    AliasState next = new AliasState(to, previous, changes);
    files.createDirectory(modelDir(name).resolve(ALIASES));
    files.writeAtomically(aliasFile(name, alias), encodeAlias(name, alias, next));
    Map<String, String> d = new TreeMap<>(details);
    d.put("from", Integer.toString(before.version()));
    d.put("to", Integer.toString(to));
    audit.append(now, eventId, eventType, name, to, alias, d);
    LOG.info("model {}: alias {} {} -> {} ({})", name, alias, before.version(), to, eventType);
  }

  // ---------------------------------------------------------------- archive

  @Override
  public ModelVersion archive(String name, int version) {
    return changeArchive(name, version, true);
  }

  @Override
  public ModelVersion unarchive(String name, int version) {
    return changeArchive(name, version, false);
  }

  private ModelVersion changeArchive(String name, int version, boolean archive) {
    Names.requireValid("model name", name);
    Names.requireVersion(version);
    return mutating(
        (archive ? "archive " : "unarchive ") + name + " v" + version,
        () -> {
          audit.requireAppendable();
          ArchiveState state = readArchive(name);
          ModelVersion v = readVersion(name, version, state.versions());
          if (v.archived() == archive) {
            return v;
          }
          if (archive) {
            for (Map.Entry<String, Integer> a : aliases(name).entrySet()) {
              if (a.getValue() == version) {
                throw new IllegalStateException(
                    "version must not be aliased to be archived: " + v.label() + " (alias " + a.getKey() + ")");
              }
            }
          }
          Instant now = clock.instant();
          String eventId = UUID.randomUUID().toString();
          Set<Integer> versions = new TreeSet<>(state.versions());
          if (archive) {
            versions.add(version);
          } else {
            versions.remove(version);
          }
          List<ArchiveChange> changes = new ArrayList<>(state.changes());
          changes.add(new ArchiveChange(now, eventId, archive ? "archive" : "unarchive", version));
          files.writeAtomically(
              modelDir(name).resolve(ARCHIVE), encodeArchive(name, new ArchiveState(versions, changes)));
          audit.append(
              now, eventId, archive ? AuditEvent.ARCHIVED : AuditEvent.UNARCHIVED, name, version, null, Map.of());
          return v.withArchived(archive);
        });
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
        () -> audit.append(clock.instant(), UUID.randomUUID().toString(), type, model, version, null, d));
  }

  // ---------------------------------------------------------------- recovery

  /** Removes crashed writers' temporaries and re-logs changes whose audit line was lost. */
  private void recover() {
    locked(
        "recover",
        () -> {
          for (String name : models()) {
            removeTemporaries(Names.child(root, modelsDir, name));
          }
          removeTemporaries(root);
          Set<String> logged = new HashSet<>();
          try {
            audit.readAll().forEach(e -> logged.add(e.eventId()));
          } catch (IntegrityException e) {
            LOG.error("registry {}: the audit log fails verification; writes will fail until it is repaired", root, e);
            return null;
          }
          for (String name : models()) {
            try {
              recoverModel(name, logged);
            } catch (IntegrityException e) {
              LOG.error("registry {}: model {} could not be checked for lost audit lines", root, name, e);
            }
          }
          return null;
        });
  }

  private void recoverModel(String name, Set<String> logged) throws IOException {
    Map<String, String> recovered = Map.of("recovered", "true");
    for (int v : committedVersions(name)) {
      try {
        ObjectNode body = readMetadataBody(name, v);
        String eventId = body.path("event_id").asText();
        if (!logged.contains(eventId)) {
          Instant time = Instant.parse(body.path("created_at").asText());
          audit.append(time, eventId, AuditEvent.REGISTERED, name, v, null, recovered);
          LOG.warn("registry {}: re-logged the registration of {} v{} lost to a crash", root, name, v);
        }
      } catch (IntegrityException | DateTimeParseException e) {
        LOG.error("registry {}: {} v{} fails verification", root, name, v, e);
      }
    }
    for (String alias : aliasNames(name)) {
      try {
        AliasState s = readAlias(name, alias);
        for (AliasChange c : s == null ? List.<AliasChange>of() : s.changes()) {
          if (!logged.contains(c.eventId())) {
            String type =
                switch (c.action()) {
                  case "rollback" -> AuditEvent.ROLLED_BACK;
                  case "removed" -> AuditEvent.ALIAS_REMOVED;
                  default -> CHAMPION.equals(alias) ? AuditEvent.PROMOTED : AuditEvent.ALIAS_SET;
                };
            Map<String, String> d = new TreeMap<>(recovered);
            d.put("from", Integer.toString(c.fromVersion()));
            d.put("to", Integer.toString(c.toVersion()));
            audit.append(c.time(), c.eventId(), type, name, c.toVersion(), alias, d);
            LOG.warn("registry {}: re-logged a change of alias {} of {} lost to a crash", root, alias, name);
          }
        }
      } catch (IntegrityException e) {
        LOG.error("registry {}: alias {} of {} fails verification", root, alias, name, e);
      }
    }
    try {
      for (ArchiveChange c : readArchive(name).changes()) {
        if (!logged.contains(c.eventId())) {
          String type = "archive".equals(c.action()) ? AuditEvent.ARCHIVED : AuditEvent.UNARCHIVED;
          audit.append(c.time(), c.eventId(), type, name, c.version(), null, recovered);
        }
      }
    } catch (IntegrityException e) {
      LOG.error("registry {}: archive state of {} fails verification", root, name, e);
    }
  }

  private void removeTemporaries(Path dir) throws IOException {
    List<Path> candidates = new ArrayList<>();
    candidates.add(dir);
    if (!dir.equals(root)) {
      candidates.add(dir.resolve(VERSIONS));
      candidates.add(dir.resolve(ALIASES));
    }
    for (Path d : candidates) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      List<Path> temps = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
        entries.forEach(
            p -> {
              if (DurableFiles.isTemporary(p)) {
                temps.add(p);
              }
            });
      }
      for (Path t : temps) {
        LOG.warn("registry {}: removing {} left by an interrupted write", root, t);
        DurableFiles.deleteTree(t);
      }
    }
  }

  // ---------------------------------------------------------------- files and formats

  private Path modelDir(String name) {
    Path dir = Names.child(root, modelsDir, name);
    if (Files.isSymbolicLink(dir)) {
      throw new IntegrityException("model directory must not be a symbolic link: " + dir);
    }
    return dir;
  }

  private Path versionDir(String name, int version) {
    return Names.child(root, modelDir(name).resolve(VERSIONS), Integer.toString(version));
  }

  private Path aliasFile(String name, String alias) {
    return Names.child(root, modelDir(name).resolve(ALIASES), alias + ALIAS_SUFFIX);
  }

  private List<Integer> committedVersions(String name) {
    Path dir = modelDir(name).resolve(VERSIONS);
    List<Integer> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (VERSION_DIR.matcher(n).matches()) {
          out.add(Integer.parseInt(n));
        }
      }
    } catch (IOException e) {
      throw new RegistryException("could not list versions of model " + name + ": " + e, e);
    }
    out.sort(null);
    return out;
  }

  private List<String> aliasNames(String name) {
    Path dir = modelDir(name).resolve(ALIASES);
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (n.endsWith(ALIAS_SUFFIX)) {
          String alias = n.substring(0, n.length() - ALIAS_SUFFIX.length());
          if (isValidName(alias)) {
            out.add(alias);
          }
        }
      }
    } catch (IOException e) {
      throw new RegistryException("could not list aliases of model " + name + ": " + e, e);
    }
    out.sort(null);
    return out;
  }

  private static boolean isValidName(String n) {
    try {
      Names.requireValid("name", n);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private ObjectNode readMetadataBody(String name, int version) {
    Path dir = versionDir(name, version);
    if (!Files.isDirectory(dir)) {
      throw new ModelNotFoundException("version must exist: " + name + " v" + version);
    }
    Path file = dir.resolve(METADATA);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IntegrityException(name + " v" + version + ": metadata file is missing: " + file, e);
    } catch (IOException e) {
      throw new RegistryException("could not read " + file + ": " + e, e);
    }
    return CheckedJson.decode(bytes, "metadata of " + name + " v" + version + " (" + file + ")");
  }

  private ModelVersion readVersion(String name, int version, Set<Integer> archived) {
    ObjectNode body = readMetadataBody(name, version);
    String what = "metadata of " + name + " v" + version;
    if (body.path("format").asInt() != FORMAT
        || !name.equals(body.path("model").asText())
        || body.path("version").asInt() != version) {
      throw new IntegrityException(what + " names another model, version or format: " + body);
    }
    try {
      Map<String, String> meta = new TreeMap<>();
      body.path("metadata").properties().forEach(e -> meta.put(e.getKey(), e.getValue().asText()));
      List<PartInfo> parts = new ArrayList<>();
      for (JsonNode p : body.path("parts")) {
        parts.add(
            new PartInfo(
                Names.requireValid("part name", p.path("name").asText()),
                p.path("size").asLong(-1),
                p.path("sha256").asText()));
      }
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("parts must not be empty");
      }
      return new ModelVersion(
          name, version, Instant.parse(body.path("created_at").asText()), meta, parts, archived.contains(version));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IntegrityException(what + " has an invalid field: " + e.getMessage(), e);
    }
  }

  private static byte[] encodeMetadata(ModelVersion v, String eventId) {
    ObjectNode body = CheckedJson.object();
    body.put("format", FORMAT);
    body.put("model", v.name());
    body.put("version", v.version());
    body.put("created_at", v.createdAt().toString());
    body.put("event_id", eventId);
    ObjectNode meta = body.putObject("metadata");
    v.metadata().forEach(meta::put);
    ArrayNode parts = body.putArray("parts");
    for (PartInfo p : v.parts()) {
      parts.addObject().put("name", p.name()).put("size", p.size()).put("sha256", p.sha256());
    }
    return CheckedJson.encode(body);
  }

  private record AliasState(int version, List<Integer> previous, List<AliasChange> changes) {
    static final AliasState EMPTY = new AliasState(0, List.of(), List.of());

    AliasState {
      previous = List.copyOf(previous);
      changes = List.copyOf(changes);
    }
  }

  private AliasState readAlias(String name, String alias) {
    Path file = aliasFile(name, alias);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new RegistryException("could not read " + file + ": " + e, e);
    }
    String what = "alias " + alias + " of model " + name + " (" + file + ")";
    ObjectNode body = CheckedJson.decode(bytes, what);
    if (body.path("format").asInt() != FORMAT
        || !name.equals(body.path("model").asText())
        || !alias.equals(body.path("alias").asText())
        || !body.path("version").canConvertToInt()) {
      throw new IntegrityException(what + " names another model, alias or format");
    }
    try {
      List<Integer> previous = new ArrayList<>();
      body.path("previous").forEach(n -> previous.add(n.asInt()));
      List<AliasChange> changes = new ArrayList<>();
      for (JsonNode c : body.path("changes")) {
        changes.add(
            new AliasChange(
                Instant.parse(c.path("time").asText()),
                c.path("event_id").asText(),
                c.path("action").asText(),
                c.path("from").asInt(),
                c.path("to").asInt()));
      }
      return new AliasState(body.path("version").asInt(), previous, changes);
    } catch (DateTimeParseException e) {
      throw new IntegrityException(what + " has an invalid field", e);
    }
  }

  private static byte[] encodeAlias(String name, String alias, AliasState s) {
    ObjectNode body = CheckedJson.object();
    body.put("format", FORMAT);
    body.put("model", name);
    body.put("alias", alias);
    body.put("version", s.version());
    ArrayNode prev = body.putArray("previous");
    s.previous().forEach(prev::add);
    ArrayNode changes = body.putArray("changes");
    for (AliasChange c : s.changes()) {
      changes
          .addObject()
          .put("time", c.time().toString())
          .put("event_id", c.eventId())
          .put("action", c.action())
          .put("from", c.fromVersion())
          .put("to", c.toVersion());
    }
    return CheckedJson.encode(body);
  }

  private record ArchiveChange(Instant time, String eventId, String action, int version) {}

  private record ArchiveState(Set<Integer> versions, List<ArchiveChange> changes) {
    static final ArchiveState EMPTY = new ArchiveState(Set.of(), List.of());
  }

  private Set<Integer> archivedVersions(String name) {
    return readArchive(name).versions();
  }

  private ArchiveState readArchive(String name) {
    Path file = modelDir(name).resolve(ARCHIVE);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return ArchiveState.EMPTY;
    } catch (IOException e) {
      throw new RegistryException("could not read " + file + ": " + e, e);
    }
    String what = "archive state of model " + name + " (" + file + ")";
    ObjectNode body = CheckedJson.decode(bytes, what);
    if (body.path("format").asInt() != FORMAT || !name.equals(body.path("model").asText())) {
      throw new IntegrityException(what + " names another model or format");
    }
    try {
      Set<Integer> versions = new TreeSet<>();
      body.path("versions").forEach(n -> versions.add(n.asInt()));
      List<ArchiveChange> changes = new ArrayList<>();
      for (JsonNode c : body.path("changes")) {
        changes.add(
            new ArchiveChange(
                Instant.parse(c.path("time").asText()),
                c.path("event_id").asText(),
                c.path("action").asText(),
                c.path("version").asInt()));
      }
      return new ArchiveState(Set.copyOf(versions), List.copyOf(changes));
    } catch (DateTimeParseException e) {
      throw new IntegrityException(what + " has an invalid field", e);
    }
  }

  private static byte[] encodeArchive(String name, ArchiveState s) {
    ObjectNode body = CheckedJson.object();
    body.put("format", FORMAT);
    body.put("model", name);
    ArrayNode versions = body.putArray("versions");
    new TreeSet<>(s.versions()).forEach(versions::add);
    ArrayNode changes = body.putArray("changes");
    for (ArchiveChange c : s.changes()) {
      changes
          .addObject()
          .put("time", c.time().toString())
          .put("event_id", c.eventId())
          .put("action", c.action())
          .put("version", c.version());
    }
    return CheckedJson.encode(body);
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

  private static void deleteQuietly(Path path) {
    try {
      DurableFiles.deleteTree(path);
    } catch (IOException e) {
      LOG.warn("could not delete temporary {} (it is removed on the next open)", path, e);
    }
  }

  // ---------------------------------------------------------------- locking

  @FunctionalInterface
  private interface LockedAction<T> {
    T run() throws IOException;
  }

  /** Runs a change under the locks, refusing it if the registry was opened read-only. */
  private <T> T mutating(String what, LockedAction<T> action) {
    if (readOnly) {
      throw new IllegalStateException("registry must be opened writable to " + what + ": " + root);
    }
    return locked(what, action);
  }

  /**
   * Runs an action holding the in-JVM lock of this directory and (outermost call only) the file
   * lock shared with other processes.
   */
  private <T> T locked(String what, LockedAction<T> action) {
    jvmLock.lock();
    try {
      if (jvmLock.getHoldCount() > 1) {
        return action.run();
      }
      try (FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          return action.run();
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new RegistryException("registry " + root + ": could not " + what + ": " + e, e);
    } finally {
      jvmLock.unlock();
    }
  }
}
