package dev.mlops.core.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the writers of one registry directory: an in-JVM lock (a {@link FileLock} is held per
 * process, not per thread) plus a {@link FileLock} on {@code root/.lock} shared with other
 * processes. The lock file must be a regular file: a FIFO planted there would block the open while
 * the in-JVM lock is held. Thread-safe.
 */
final class RegistryLock {

  /** One lock per registry directory in this JVM. */
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  /** An action run under the locks. */
  @FunctionalInterface
  interface Action<T> {
    T run() throws IOException;
  }

  private final Path root;
  private final Path lockFile;
  private final ReentrantLock jvmLock;

  RegistryLock(Path root) {
    this.root = root;
    this.lockFile = root.resolve(".lock");
    this.jvmLock = JVM_LOCKS.computeIfAbsent(root, k -> new ReentrantLock());
  }

  /**
   * Runs an action holding the in-JVM lock of this directory and (outermost call only) the file
   * lock shared with other processes.
   *
   * @throws RegistryException if the locks cannot be taken or the action fails with an I/O error
   */
  <T> T locked(String what, Action<T> action) {
    jvmLock.lock();
    try {
      if (jvmLock.getHoldCount() > 1) {
        return action.run();
      }
      try {
        DurableFiles.requireRegular(lockFile, Long.MAX_VALUE);
      } catch (NoSuchFileException e) {
        // created below
      }
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
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
