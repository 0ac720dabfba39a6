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

/**
 * The archived versions of models: {@code models/NAME/archived.json}, a {@link CheckedJson}
 * document with the archived version numbers and their change history, replaced atomically. The
 * audit chain records every change too, so a deleted or replaced file is detected by {@link
 * FileSystemModelRegistry#verify()}, on open and before every write. Stateless apart from its
 * paths; callers hold the registry lock for writes.
 */
final class ArchiveStore {

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
