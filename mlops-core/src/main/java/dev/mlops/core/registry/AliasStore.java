package dev.mlops.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The aliases of models: {@code models/NAME/aliases/ALIAS.json}, a {@link CheckedJson} document
 * with the alias's target, its previous targets (for rollback) and its change history, replaced
 * atomically. Stateless apart from its paths; callers hold the registry lock for writes.
 */
final class AliasStore {

  private static final String SUFFIX = ".json";

  /** An alias's target (0 when removed), previous targets and history. */
  record State(int version, List<Integer> previous, List<AliasChange> changes) {
    static final State EMPTY = new State(0, List.of(), List.of());

    State {
      previous = List.copyOf(previous);
      changes = List.copyOf(changes);
    }
  }

  private final VersionStore layout;
  private final DurableFiles files;

  AliasStore(VersionStore layout, DurableFiles files) {
    this.layout = layout;
    this.files = files;
  }

  private Path file(String name, String alias) {
    return Names.child(layout.root(), layout.modelDir(name).resolve(VersionStore.ALIASES),
        alias + SUFFIX);
  }

  /** The aliases of a model that have a file (also removed ones), sorted. */
  List<String> names(String name) {
    Path dir = layout.modelDir(name).resolve(VersionStore.ALIASES);
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (n.endsWith(SUFFIX)) {
          String alias = n.substring(0, n.length() - SUFFIX.length());
          if (Names.isValid(alias)) {
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

  /** Reads an alias, or null when it never existed. */
  State read(String name, String alias) {
    Path file = file(name, alias);
    String what = "alias " + alias + " of model " + name + " (" + file + ")";
    ObjectNode body = VersionStore.readDocumentIfPresent(file, what);
    if (body == null) {
      return null;
    }
    if (body.path("format").asInt() != VersionStore.FORMAT
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
      return new State(body.path("version").asInt(), previous, changes);
    } catch (DateTimeParseException e) {
      throw new IntegrityException(what + " has an invalid field", e);
    }
  }

  /** Replaces an alias atomically. */
  void write(String name, String alias, State s) throws IOException {
    files.createDirectory(layout.modelDir(name).resolve(VersionStore.ALIASES));
    ObjectNode body = CheckedJson.object();
    body.put("format", VersionStore.FORMAT);
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
    files.writeAtomically(file(name, alias), CheckedJson.encode(body));
  }
}
