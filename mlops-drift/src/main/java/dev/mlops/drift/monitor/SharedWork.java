package dev.mlops.drift.monitor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code n} independent tasks (a first window's per-feature calibrations) on the calling
 * thread together with helpers on an executor, without ever waiting for a task that has not
 * started: the tasks are claimed one by one from a shared counter, the calling thread claims and
 * runs them like any helper, and at the end it waits only for the tasks a running helper has
 * claimed. A helper still queued when the work is done finds nothing left and returns at once.
 * So the work completes on a bounded executor whose every thread is busy, including a
 * single-thread executor that is running the caller itself (an evaluation waiting for subtasks
 * queued behind it would deadlock there); it then simply runs on the calling thread alone.
 *
 * <p>Which executor: the host's when the monitor was given one ({@link
 * MonitorOptions#executor}: the host sized and owns the threads the monitor may use), else the
 * JVM's common fork-join pool beside the monitor's own thread. Helpers: one fewer than the
 * available processors, at most one fewer than the tasks. A rejected helper is logged at debug
 * level and its share run by the others. Each task must catch its own failures; one that throws
 * anyway is counted as done and the exception logged (the caller's evaluation must not fail on
 * it); an error (an {@code OutOfMemoryError}) still counts its task done and ends that thread's
 * share. Stateless.
 */
final class SharedWork {

  private static final Logger LOG = LoggerFactory.getLogger(SharedWork.class);

  private SharedWork() {}

  /**
   * Runs {@code task.accept(i)} for every {@code i} in {@code [0, n)} on this thread and helpers
   * on {@code executor}, returning once every task has run.
   *
   * @param executor the helpers' executor (null: this thread alone)
   * @param n the tasks
   * @param task the task of an index
   */
  static void run(Executor executor, int n, IntConsumer task) {
    if (n <= 0) {
      return;
    }
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(n);
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        try {
          task.accept(i);
        } catch (RuntimeException e) {
          LOG.debug("a shared task failed", e);
        } finally {
          done.countDown();
        }
      }
    };
    int helpers = executor == null ? 0
        : Math.min(n - 1, Runtime.getRuntime().availableProcessors() - 1);
    for (int h = 0; h < helpers; h++) {
      try {
        executor.execute(worker);
      } catch (RejectedExecutionException e) {
        LOG.debug("the executor rejected a calibration helper; the others take its share", e);
        break;
      }
    }
    worker.run();
    // every task is claimed now, each by a thread that is running it: wait for those alone
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
