package dev.mlops.core.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.io.InputStream;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Crash-safe file writes: write to a temporary file in the target directory, force it, rename it
 * atomically over the target, force the directory. Any failure, including a failed force, throws
 * (the write is aborted, never retried). Thread-safe (stateless apart from the force hook).
 */
final class DurableFiles {

  /** Forces a channel to the storage device; replaceable in tests to simulate failures. */
  @FunctionalInterface
  interface Forcer {
    void force(FileChannel channel, Path path) throws IOException;
  }

  static final Forcer DEFAULT_FORCER = (channel, path) -> channel.force(true);

  /** Directories cannot be opened as channels on Windows; everywhere else a failure is an error. */
  private static final boolean DIRECTORY_FORCE_UNSUPPORTED =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  static final String TEMP_MARK = ".tmp-";

  private final Forcer forcer;

  DurableFiles(Forcer forcer) {
    this.forcer = forcer;
  }

  /** Writes a file atomically: readers see the old content or the new, never a mix. */
  void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.getParent();
    Path temp = dir.resolve("." + target.getFileName() + TEMP_MARK + UUID.randomUUID());
    try {
      writeNew(temp, bytes);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    forceDirectory(dir);
  }

  /** Creates a new file with the bytes and forces it (the caller forces the directory). */
  void writeNew(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      writeFully(channel, bytes);
      forcer.force(channel, file);
    }
  }

  static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Forces a file channel through the hook. */
  void force(FileChannel channel, Path path) throws IOException {
    forcer.force(channel, path);
  }

  /** Forces a directory, so that entries created or renamed in it survive a crash. */
  void forceDirectory(Path dir) throws IOException {
    if (DIRECTORY_FORCE_UNSUPPORTED) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      forcer.force(channel, dir);
    }
  }

  /** Creates a directory if absent and forces its parent so the new entry is durable. */
  void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      return;
    }
    forceDirectory(dir.getParent());
  }

  /** Deletes a file tree (used only for temporaries that were never made visible). */
  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Reads a registry file with a size bound, refusing anything but a regular file before opening
   * it: a symbolic link (to {@code /dev/zero}, say), a FIFO (whose open would block while the
   * caller holds the registry locks), a device or a directory. Refusals are {@link
   * IntegrityException}s, so a planted file cannot cost memory or stall writers.
   *
   * @param file the file
   * @param maxBytes the most it may hold
   * @return its bytes
   * @throws java.nio.file.NoSuchFileException if it does not exist
   * @throws IOException if it cannot be read
   */
  static byte[] readRegular(Path file, long maxBytes) throws IOException {
    requireRegular(file, maxBytes);
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 16));
      if (in.read() != -1) {
        throw new IntegrityException(
            "registry file must hold at most " + maxBytes + " bytes: it grew while read: " + file);
      }
      return bytes;
    }
  }

  /**
   * Refuses, without opening it, anything but a regular file of at most {@code maxBytes} bytes.
   *
   * @throws java.nio.file.NoSuchFileException if it does not exist
   */
  static void requireRegular(Path file, long maxBytes) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!a.isRegularFile()) {
      throw new IntegrityException("registry file must be a regular file, not "
          + (a.isSymbolicLink() ? "a symbolic link" : a.isDirectory() ? "a directory"
              : "a device, FIFO or socket") + ": " + file);
    }
    if (a.size() > maxBytes) {
      throw new IntegrityException(
          "registry file must hold at most " + maxBytes + " bytes: " + a.size() + " in " + file);
    }
  }

  static boolean isTemporary(Path path) {
    String name = path.getFileName().toString();
    return name.startsWith(".") && name.contains(TEMP_MARK);
  }
}
