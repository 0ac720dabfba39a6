package dev.mlops.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage of model versions: {@code models/NAME/versions/N/metadata.json} (a {@link
 * CheckedJson} document with the SHA-256 of every part) and {@code .../parts/PART}, written into a
 * temporary directory and renamed into place, read back with size bounds and verified. Also the
 * directory layout shared by {@link AliasStore} and {@link ArchiveStore}. Stateless apart from its
 * paths; callers hold the registry lock for writes, reads take none (every file is replaced
 * atomically).
 *
 * @param root the registry directory (real, absolute)
 * @param modelsDir its {@code models} directory
 * @param files how files are written and forced
 */
record VersionStore(Path root, Path modelsDir, DurableFiles files) {

  private static final Logger LOG = LoggerFactory.getLogger(VersionStore.class);

  static final String VERSIONS = "versions";
  static final String ALIASES = "aliases";
  private static final Pattern VERSION_DIR = Pattern.compile("[1-9][0-9]{0,8}");
  private static final String PARTS = "parts";
  private static final String METADATA = "metadata.json";
  static final int FORMAT = 1;
  /** Bound on any registry JSON document (metadata, alias, archive, head). */
  static final long MAX_DOCUMENT_BYTES = 64L << 20;

  Path modelDir(String name) {
    Path dir = Names.child(root, modelsDir, name);
    if (Files.isSymbolicLink(dir)) {
      throw new IntegrityException("model directory must not be a symbolic link: " + dir);
    }
    return dir;
  }

  private Path versionDir(String name, int version) {
    return Names.child(root, modelDir(name).resolve(VERSIONS), Integer.toString(version));
  }

  /** The model directories under {@code models}, valid names only, sorted. */
  List<String> models() {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(modelsDir)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && Names.isValid(n)) {
          names.add(n);
        }
      }
    } catch (IOException e) {
      throw new RegistryException("could not list models in " + modelsDir + ": " + e, e);
    }
    names.sort(null);
    return names;
  }

  /** Writes a new version durably and returns it (the caller appends the audit line). */
  ModelVersion write(String name, Map<String, byte[]> parts, Map<String, String> meta,
      Instant now, String eventId) throws IOException {
    Path modelDir = modelDir(name);
    files.createDirectory(modelDir);
    Path versionsDir = modelDir.resolve(VERSIONS);
    files.createDirectory(versionsDir);
    files.createDirectory(modelDir.resolve(ALIASES));
    removeTemporaries(modelDir);
    int next = committedVersions(name).stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    List<PartInfo> infos = new ArrayList<>();
    parts.forEach(
        (part, bytes) -> infos.add(new PartInfo(part, bytes.length, CheckedJson.sha256Hex(bytes))));
    ModelVersion version = new ModelVersion(name, next, now, meta, infos, false);
    Path temp = versionsDir.resolve("." + next + DurableFiles.TEMP_MARK + UUID.randomUUID());
    try {
      Files.createDirectory(temp);
      Path partsDir = temp.resolve(PARTS);
      Files.createDirectory(partsDir);
      for (Map.Entry<String, byte[]> e : parts.entrySet()) {
        files.writeNew(Names.child(root, partsDir, e.getKey()), e.getValue());
      }
      files.forceDirectory(partsDir);
      files.writeNew(temp.resolve(METADATA), encodeMetadata(version, eventId));
      files.forceDirectory(temp);
      Files.move(temp, versionDir(name, next), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        DurableFiles.deleteTree(temp);
      } catch (IOException suppressed) {
        LOG.warn("could not delete temporary {} (it is removed on the next open)", temp, suppressed);
      }
      throw e;
    }
    files.forceDirectory(versionsDir);
    return version;
  }

  /** Reads a version with its parts, each checked against its recorded size and SHA-256. */
  LoadedVersion load(String name, int version, Set<Integer> archived) {
    ModelVersion v = read(name, version, archived);
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
        if (info.size() < 0) {
          throw new IntegrityException(v.label() + ": part " + info.name() + " has no size");
        }
        byte[] bytes = DurableFiles.readRegular(file, info.size());
        String sha = CheckedJson.sha256Hex(bytes);
        if (bytes.length != info.size() || !sha.equals(info.sha256())) {
          throw new IntegrityException(
              v.label() + ": part " + info.name() + " failed its size or SHA-256 check: recorded "
                  + info.size() + " bytes " + info.sha256() + ", found " + bytes.length + " bytes "
                  + sha);
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

  List<Integer> committedVersions(String name) {
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

  /** Reads a registry document with the size bound, as a verified {@link CheckedJson} body. */
  static ObjectNode readDocument(Path file, String what) throws IOException {
    return CheckedJson.decode(DurableFiles.readRegular(file, MAX_DOCUMENT_BYTES), what);
  }

  /** Reads a registry document, or returns null when the file does not exist. */
  static ObjectNode readDocumentIfPresent(Path file, String what) {
    try {
      return readDocument(file, what);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new RegistryException("could not read " + file + ": " + e, e);
    }
  }

  ObjectNode readMetadataBody(String name, int version) {
    Path dir = versionDir(name, version);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new ModelNotFoundException("version must exist: " + name + " v" + version);
    }
    Path file = dir.resolve(METADATA);
    try {
      return readDocument(file, "metadata of " + name + " v" + version + " (" + file + ")");
    } catch (NoSuchFileException e) {
      throw new IntegrityException(name + " v" + version + ": metadata file is missing: " + file, e);
    } catch (IOException e) {
      throw new RegistryException("could not read " + file + ": " + e, e);
    }
  }

  ModelVersion read(String name, int version, Set<Integer> archived) {
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

  /** Removes temporaries of interrupted writes in a model directory (or the root). */
  void removeTemporaries(Path dir) throws IOException {
    List<Path> candidates = new ArrayList<>();
    candidates.add(dir);
    if (!dir.equals(root)) {
      candidates.add(dir.resolve(VERSIONS));
      candidates.add(dir.resolve(ALIASES));
    }
    for (Path d : candidates) {
      if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
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
}
