package dev.mlops.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: JSON lines, each a {@link CheckedJson} document chained to the previous one by
 * its digest ({@code "prev"}), plus a head file (written atomically after every append) recording
 * the sequence number, digest and end offset of the last committed line. Truncation, a flipped
 * byte or a removed line is therefore detected. Lines beyond the head come from an append whose
 * head update was interrupted by a crash: intact ones are adopted, a torn tail is cut off. A
 * writable registry writes an empty head when it creates the log, so a missing head beside a
 * non-empty log is damage (deleting the head and then the last line would otherwise lose an event
 * silently). Every read is bounded ({@value #MAX_LOG_BYTES} bytes for the log) and refuses
 * anything but a regular file.
 *
 * <p>Callers hold the registry lock for every call. Not thread-safe by itself.
 */
final class AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  /** Bound on the audit log's size (about three million events). */
  static final long MAX_LOG_BYTES = 1L << 30;
  /** Event type of the line that starts a new chain after {@link #repair}. */
  static final String REPAIRED = "audit.repaired";

  private final Path log;
  private final Path head;
  private final DurableFiles files;

  AuditLog(Path log, Path head, DurableFiles files) {
    this.log = log;
    this.head = head;
    this.files = files;
  }

  private record Head(long sequence, String digest, long lastStart, long end) {
    static final Head EMPTY = new Head(0, "", 0, 0);
    /** No head file (equal to EMPTY in content, told apart by identity). */
    static final Head MISSING = new Head(0, "", 0, 0);
  }

  /** The position after the last intact line. */
  private record Tail(long sequence, String digest, long end) {}

  /** One verified line. */
  private record Line(AuditEvent event, String digest, long start, long end) {}

  AuditEvent append(
      Instant time,
      String eventId,
      String type,
      String model,
      int version,
      String alias,
      Map<String, String> details)
      throws IOException {
    Tail tail = verifiedTail();
    ObjectNode body = CheckedJson.object();
    long sequence = tail.sequence() + 1;
    body.put("seq", sequence);
    body.put("time", time.toString());
    body.put("event_id", eventId);
    body.put("type", type);
    if (model != null) {
      body.put("model", model);
    }
    if (version > 0) {
      body.put("version", version);
    }
    if (alias != null) {
      body.put("alias", alias);
    }
    ObjectNode detailNode = body.putObject("details");
    new java.util.TreeMap<>(details).forEach(detailNode::put);
    body.put("prev", tail.digest());
    byte[] doc = CheckedJson.encode(body);
    byte[] line = new byte[doc.length + 1];
    System.arraycopy(doc, 0, line, 0, doc.length);
    line[doc.length] = '\n';
    boolean created = !Files.exists(log);
    try (FileChannel channel =
        FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      if (channel.size() != tail.end()) {
        LOG.warn(
            "audit log {}: cutting {} bytes of a torn, uncommitted tail left by a crash",
            log,
            channel.size() - tail.end());
        channel.truncate(tail.end());
      }
      channel.position(tail.end());
      try {
        DurableFiles.writeFully(channel, line);
        files.force(channel, log);
      } catch (IOException e) {
        // After a failed force the line's durability is unknown: take it back rather than let a
        // later append adopt it (the change is re-logged as recovered when the registry reopens).
        try {
          channel.truncate(tail.end());
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
    if (created) {
      files.forceDirectory(log.getParent());
    }
    String digest = CheckedJson.digestOf(body);
    writeHead(new Head(sequence, digest, tail.end(), tail.end() + line.length));
    return toEvent(body, "audit log line " + sequence);
  }

  /**
   * Checks, before a registry change is made, that its audit line can be appended (the committed
   * tail verifies), so that a damaged log refuses the change instead of leaving it unlogged.
   */
  void requireAppendable() throws IOException {
    readAll();
  }

  /** Writes an empty head when neither the log nor the head exists (a new registry). */
  void initialize() throws IOException {
    if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS) && !Files.exists(head, LinkOption.NOFOLLOW_LINKS)) {
      writeHead(Head.EMPTY);
    }
  }

  /**
   * Moves a damaged log and its head aside (kept for inspection, named with {@code suffix}) and
   * starts a new chain whose first line records the repair.
   *
   * @return the repair event
   */
  AuditEvent repair(Instant time, String eventId, String reason, String suffix) throws IOException {
    Map<String, String> details = new TreeMap<>();
    details.put("reason", reason);
    for (Path p : new Path[] {log, head}) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        Path aside = p.resolveSibling(p.getFileName() + ".damaged-" + suffix);
        Files.move(p, aside, StandardCopyOption.ATOMIC_MOVE);
        details.put(p == log ? "damaged_log" : "damaged_head", aside.getFileName().toString());
      }
    }
    files.forceDirectory(log.getParent());
    writeHead(Head.EMPTY);
    return append(time, eventId, REPAIRED, null, 0, null, details);
  }

  /**
   * The archived versions per model according to the chain: the replay of its archive and
   * unarchive events (a repair line restarts nothing: re-logged changes follow it).
   */
  static Map<String, Set<Integer>> archivedByChain(List<AuditEvent> events) {
    Map<String, Set<Integer>> out = new TreeMap<>();
    for (AuditEvent e : events) {
      if (AuditEvent.ARCHIVED.equals(e.type())) {
        out.computeIfAbsent(e.model(), m -> new TreeSet<>()).add(e.version());
      } else if (AuditEvent.UNARCHIVED.equals(e.type())) {
        out.computeIfAbsent(e.model(), m -> new TreeSet<>()).remove(e.version());
      }
    }
    return out;
  }

  /** The chain's archive state with the head bytes and log size it was computed for. */
  private record ChainArchive(byte[] head, long logSize, Map<String, Set<Integer>> archived) {}

  /** The last {@link #archivedByChain()}, or null; read and replaced without the lock. */
  private volatile ChainArchive chainArchive;

  /**
   * The archived versions per model according to the verified chain, recomputed only when the
   * head or the size of the log changed since the last call (so a read of a version costs one
   * small file read, not a pass over the log). Reads only: safe without the registry lock.
   *
   * @return the archive state, or empty when the chain fails verification
   */
  java.util.Optional<Map<String, Set<Integer>>> archivedByChain() throws IOException {
    byte[] headBytes;
    try {
      headBytes = DurableFiles.readRegular(head, VersionStore.MAX_DOCUMENT_BYTES);
    } catch (NoSuchFileException e) {
      headBytes = new byte[0];
    }
    long size = Files.exists(log, LinkOption.NOFOLLOW_LINKS) ? Files.size(log) : -1;
    ChainArchive c = chainArchive;
    if (c != null && c.logSize() == size && java.util.Arrays.equals(c.head(), headBytes)) {
      return java.util.Optional.ofNullable(c.archived());
    }
    Map<String, Set<Integer>> archived;
    try {
      archived = archivedByChain(readAll());
    } catch (IntegrityException e) {
      LOG.error("audit log {} fails verification: archive states are read from archived.json"
          + " alone until repair()", log, e);
      archived = null;
    }
    chainArchive = new ChainArchive(headBytes, size, archived);
    return java.util.Optional.ofNullable(archived);
  }

  /** Reads and verifies the whole log: every line, every link, against the head. */
  List<AuditEvent> readAll() throws IOException {
    Head h = readHead();
    byte[] bytes;
    try {
      bytes = DurableFiles.readRegular(log, MAX_LOG_BYTES);
    } catch (NoSuchFileException e) {
      bytes = new byte[0];
    }
    requireHeadFor(h, bytes.length);
    if (bytes.length < h.end()) {
      throw new IntegrityException(
          "audit log " + log + " is truncated: " + bytes.length + " bytes, committed " + h.end());
    }
    List<AuditEvent> events = new ArrayList<>();
    long sequence = 0;
    String digest = "";
    int pos = 0;
    while (pos < bytes.length) {
      int nl = indexOf(bytes, (byte) '\n', pos);
      if (nl < 0) {
        if (pos < h.end()) {
          throw new IntegrityException("audit log " + log + " has a torn committed line at byte " + pos);
        }
        break; // torn, uncommitted tail of a crashed append
      }
      byte[] lineBytes = java.util.Arrays.copyOfRange(bytes, pos, nl);
      Line line;
      try {
        line = parseLine(lineBytes, sequence, digest, pos, nl + 1L);
      } catch (IntegrityException e) {
        if (nl + 1L <= h.end()) {
          throw e;
        }
        LOG.warn("audit log {}: ignoring an unverifiable uncommitted line at byte {}", log, pos);
        break;
      }
      events.add(line.event());
      sequence = line.event().sequence();
      digest = line.digest();
      if (sequence == h.sequence() && (!digest.equals(h.digest()) || line.end() != h.end())) {
        throw new IntegrityException(
            "audit log " + log + " line " + sequence + " does not match the committed head");
      }
      pos = nl + 1;
    }
    if (sequence < h.sequence()) {
      throw new IntegrityException(
          "audit log " + log + " ends at line " + sequence + " but " + h.sequence() + " were committed");
    }
    return events;
  }

  /** Verifies the last committed line and any lines after it; returns where to append. */
  private Tail verifiedTail() throws IOException {
    Head h = readHead();
    if (!Files.exists(log, LinkOption.NOFOLLOW_LINKS)) {
      if (h.sequence() > 0) {
        throw new IntegrityException("audit log " + log + " is missing but " + h.sequence() + " lines were committed");
      }
      return new Tail(0, "", 0);
    }
    DurableFiles.requireRegular(log, MAX_LOG_BYTES); // a planted FIFO must not block the open
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      long size = channel.size();
      requireHeadFor(h, size);
      if (size < h.end()) {
        throw new IntegrityException(
            "audit log " + log + " is truncated: " + size + " bytes, committed " + h.end());
      }
      Tail tail = new Tail(0, "", 0);
      if (h.sequence() > 0) {
        byte[] last = read(channel, h.lastStart(), h.end() - h.lastStart());
        if (last.length == 0 || last[last.length - 1] != '\n') {
          throw new IntegrityException("audit log " + log + " last committed line is damaged");
        }
        Line line =
            parseLine(
                java.util.Arrays.copyOf(last, last.length - 1), h.sequence() - 1, null, h.lastStart(), h.end());
        if (!line.digest().equals(h.digest())) {
          throw new IntegrityException(
              "audit log " + log + " last committed line does not match the head");
        }
        tail = new Tail(h.sequence(), h.digest(), h.end());
      }
      byte[] rest = read(channel, h.end(), size - h.end());
      int pos = 0;
      while (pos < rest.length) {
        int nl = indexOf(rest, (byte) '\n', pos);
        if (nl < 0) {
          break;
        }
        try {
          Line line =
              parseLine(
                  java.util.Arrays.copyOfRange(rest, pos, nl),
                  tail.sequence(),
                  tail.digest(),
                  h.end() + pos,
                  h.end() + nl + 1);
          tail = new Tail(line.event().sequence(), line.digest(), line.end());
        } catch (IntegrityException e) {
          break;
        }
        pos = nl + 1;
      }
      return tail;
    }
  }

  private Line parseLine(byte[] bytes, long previousSequence, String previousDigest, long start, long end) {
    String what = "audit log " + log + " line " + (previousSequence + 1);
    ObjectNode body = CheckedJson.decode(bytes, what);
    AuditEvent event = toEvent(body, what);
    if (event.sequence() != previousSequence + 1) {
      throw new IntegrityException(what + " has sequence number " + event.sequence());
    }
    if (previousDigest != null && !previousDigest.equals(body.path("prev").asText(null))) {
      throw new IntegrityException(what + " is not chained to the line before it (a line was removed or altered)");
    }
    return new Line(event, CheckedJson.digestOf(body), start, end);
  }

  static AuditEvent toEvent(ObjectNode body, String what) {
    try {
      Map<String, String> details = new LinkedHashMap<>();
      JsonNode d = body.path("details");
      d.properties().forEach(e -> details.put(e.getKey(), e.getValue().asText()));
      return new AuditEvent(
          body.path("seq").asLong(),
          Instant.parse(body.path("time").asText()),
          body.path("event_id").asText(),
          body.path("type").asText(),
          body.hasNonNull("model") ? body.get("model").asText() : null,
          body.path("version").asInt(0),
          body.hasNonNull("alias") ? body.get("alias").asText() : null,
          details);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IntegrityException(what + " has an invalid field", e);
    }
  }

  /** A log with content needs a head: its absence means the head was deleted. */
  private void requireHeadFor(Head h, long logBytes) {
    if (h == Head.MISSING && logBytes > 0) {
      throw new IntegrityException("audit head " + head + " is missing but the log holds "
          + logBytes + " bytes (the head was deleted: the last lines cannot be checked)");
    }
  }

  private Head readHead() throws IOException {
    byte[] bytes;
    try {
      bytes = DurableFiles.readRegular(head, VersionStore.MAX_DOCUMENT_BYTES);
    } catch (NoSuchFileException e) {
      return Head.MISSING;
    }
    ObjectNode body = CheckedJson.decode(bytes, "audit head " + head);
    Head h =
        new Head(
            body.path("seq").asLong(-1),
            body.path("last_sha256").asText(""),
            body.path("last_start").asLong(-1),
            body.path("end").asLong(-1));
    if (h.sequence() < 0 || h.lastStart() < 0 || h.end() < h.lastStart()) {
      throw new IntegrityException("audit head " + head + " has invalid fields");
    }
    return h;
  }

  private void writeHead(Head h) throws IOException {
    ObjectNode body = CheckedJson.object();
    body.put("seq", h.sequence());
    body.put("last_sha256", h.digest());
    body.put("last_start", h.lastStart());
    body.put("end", h.end());
    files.writeAtomically(head, CheckedJson.encode(body));
  }

  private static byte[] read(FileChannel channel, long position, long length) throws IOException {
    if (length > Integer.MAX_VALUE - 16) {
      throw new IntegrityException("audit log segment too large to read: " + length + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) length);
    long pos = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, pos);
      if (n < 0) {
        throw new IntegrityException("audit log ended early at byte " + pos);
      }
      pos += n;
    }
    return buffer.array();
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
