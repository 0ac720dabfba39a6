package dev.mlops.drift.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Reference profiles on disk: an atomic write (a temporary file in the same directory, then a
 * move) and a bounded read that refuses anything but a regular file. The bytes themselves are
 * {@link ProfileCodec}'s business.
 *
 * <p>Stateless and thread-safe.
 */
final class ProfileFiles {

  /** Largest profile file {@link #read} reads. */
  static final int MAX_FILE_BYTES = 1 << 30;

  private ProfileFiles() {}

  /** Writes a profile's bytes to a file atomically. */
  static void write(ReferenceProfile profile, Path path) {
    Objects.requireNonNull(path, "path");
    Path abs = path.toAbsolutePath();
    Path dir = abs.getParent();
    try {
      Path tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".tmp");
      try {
        Files.write(tmp, profile.toBytes());
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write reference profile to " + path, e);
    }
  }

  /** Reads and decodes a profile file; format errors name the file. */
  static ReferenceProfile read(Path path) {
    Objects.requireNonNull(path, "path");
    byte[] bytes;
    try {
      bytes = readBounded(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference profile from " + path, e);
    }
    try {
      return ReferenceProfile.fromBytes(bytes);
    } catch (ProfileFormatException e) {
      throw new ProfileFormatException(path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a profile file with a size bound. Anything but a regular file (after following links) is
   * refused before it is opened, so a FIFO cannot block the reader and a device such as
   * {@code /dev/zero} cannot fill the heap; a file that grows while read past the bound is refused
   * too.
   */
  private static byte[] readBounded(Path path) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      throw new ProfileFormatException(
          path + ": reference profile must be a regular file: " + kind(attributes));
    }
    if (attributes.size() > MAX_FILE_BYTES) {
      throw new ProfileFormatException(path + ": reference profile must be at most "
          + MAX_FILE_BYTES + " bytes: " + attributes.size());
    }
    try (InputStream in = Files.newInputStream(path)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES);
      if (in.read() != -1) {
        throw new ProfileFormatException(path + ": reference profile must be at most "
            + MAX_FILE_BYTES + " bytes: it grew while read");
      }
      return bytes;
    }
  }

  private static String kind(BasicFileAttributes a) {
    return a.isDirectory() ? "a directory" : a.isSymbolicLink() ? "a symbolic link"
        : "a device, FIFO or socket";
  }
}
