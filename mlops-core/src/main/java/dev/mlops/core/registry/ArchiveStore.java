package dev.mlops.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archived versions of models: {@code models/NAME/archived.json}, a {@link CheckedJson}
 * document with the archived version numbers and their change history, replaced atomically. The
 * audit chain records every change too, so a deleted or replaced file is detected by {@link
 * FileSystemModelRegistry#verify()}, on open and before every write, and reads take the chain's
 * archive state ({@link #archived}). Stateless apart from its paths; callers hold the registry lock
 * for writes.
 */
final class ArchiveStore {

  private static final Logger LOG = LoggerFactory.getLogger(ArchiveStore.class);

  private static final String FILE = "archived.json";

  /** One archive or unarchive change. */
  record Change(Instant time, String eventId, String action, int version) {}

  /** The archived versions and the changes that led to them. */
  record State(Set<Integer> versions, List<Change> changes) {
    static final State EMPTY = new State(Set.of(), List.of());
  }

  private final VersionStore layout;
  private final DurableFiles files;

  ArchiveStore(VersionStore layout, DurableFiles files) {
    this.layout = layout;
    this.files = files;
  }

  /**
   * The archived versions of a model for a read: {@code archived.json} compared with the archive
   * events of the audit chain. Where they disagree (the file deleted, replaced or edited, even
   * with a recomputed checksum) the chain's state is returned and the disagreement logged, so no
   * version is silently un-archived (or archived); writes are refused until {@code repair()}
   * rewrites the file from the chain. Only when the chain itself fails verification (which also
   * refuses writes until repair) is the file used alone, logged at ERROR.
   *
   * @throws IntegrityException if the file is damaged
   */
  Set<Integer> archived(String name, AuditLog audit) {
    Set<Integer> file = read(name).versions();
    java.util.Optional<java.util.Map<String, Set<Integer>>> chain;
    try {
      chain = audit.archivedByChain();
    } catch (IOException e) {
      throw new RegistryException("could not read the audit log to check the archive state of "
          + "model " + name + ": " + e, e);
    }
    if (chain.isEmpty()) {
      return file;
    }
    Set<Integer> logged = chain.get().getOrDefault(name, Set.of());
    if (!logged.equals(file)) {
      LOG.warn("archive state of model {} {} does not match the audit chain {} (archived.json"
          + " deleted, replaced or edited): the chain's is used; repair() rewrites the file",
          name, file, logged);
    }
    return logged;
  }

  /** Reads the archive state of a model (empty when the file does not exist). */
  State read(String name) {
    Path file = layout.modelDir(name).resolve(FILE);
    String what = "archive state of model " + name + " (" + file + ")";
    ObjectNode body = VersionStore.readDocumentIfPresent(file, what);
    if (body == null) {
      return State.EMPTY;
    }
    if (body.path("format").asInt() != VersionStore.FORMAT
        || !name.equals(body.path("model").asText())) {
      throw new IntegrityException(what + " names another model or format");
    }
    try {
      Set<Integer> versions = new TreeSet<>();
      body.path("versions").forEach(n -> versions.add(n.asInt()));
      List<Change> changes = new ArrayList<>();
      for (JsonNode c : body.path("changes")) {
        changes.add(
            new Change(
                Instant.parse(c.path("time").asText()),
                c.path("event_id").asText(),
                c.path("action").asText(),
                c.path("version").asInt()));
      }
      return new State(Set.copyOf(versions), List.copyOf(changes));
    } catch (DateTimeParseException e) {
      throw new IntegrityException(what + " has an invalid field", e);
    }
  }

  /** Replaces the archive state of a model atomically. */
  void write(String name, State s) throws IOException {
    ObjectNode body = CheckedJson.object();
    body.put("format", VersionStore.FORMAT);
    body.put("model", name);
    ArrayNode versions = body.putArray("versions");
    new TreeSet<>(s.versions()).forEach(versions::add);
    ArrayNode changes = body.putArray("changes");
    for (Change c : s.changes()) {
      changes
          .addObject()
          .put("time", c.time().toString())
          .put("event_id", c.eventId())
          .put("action", c.action())
          .put("version", c.version());
    }
    files.writeAtomically(layout.modelDir(name).resolve(FILE), CheckedJson.encode(body));
  }
}
