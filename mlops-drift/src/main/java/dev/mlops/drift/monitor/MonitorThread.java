package dev.mlops.drift.monitor;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's own background thread (when the host gives no executor): runs the window
 * evaluations and the hand-off of recorded buffers, in submission order, on one daemon thread
 * started on demand and gone after about {@link #KEEP_ALIVE_NANOS} without work.
 *
 * <p>Waking a parked thread is a system call (a futex wake, and on a virtual machine an
 * inter-processor interrupt) of several microseconds, paid by the thread that submits. While work
 * keeps coming (within {@link #POLL_FOR_NANOS} of the last task), the thread does not wait to be
 * woken: it polls its queue every {@link #POLL_NANOS}, so a recording thread that hands a buffer
 * off ({@link #executeLazily}) makes no system call. Only a thread that has gone to sleep is
 * woken, and {@link #execute} (a closed window, which a caller may be waiting for) always wakes it.
 * A task that throws is logged and the thread goes on.
 *
 * <p>Thread-safe: any thread may submit.
 */
final class MonitorThread implements Executor {

  private static final Logger LOG = LoggerFactory.getLogger(DriftMonitor.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Poll interval while work keeps coming. */
  static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** How long after its last task the thread keeps polling before it sleeps until woken. */
  static final long POLL_FOR_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** How long the thread sleeps without work before it ends (a new one starts on demand). */
  static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final int STOPPED = 0;
  private static final int POLLING = 1;
  private static final int SLEEPING = 2;

  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger state = new AtomicInteger(STOPPED);
  private final long pollFor;
  private final long keepAlive;
  private final String name;
  private volatile Thread thread;
  /** Run by the thread each time it goes to sleep until woken (a test's latch); none by default. */
  private volatile Runnable onSleep;

  /** A monitor's evaluation thread with the default polling and keep-alive times. */
  MonitorThread() {
    this(POLL_FOR_NANOS, KEEP_ALIVE_NANOS);
  }

  /**
   * A monitor's thread named {@code name} and a number ({@code "drift-monitor-evaluation-"} for
   * the evaluations, {@code "drift-monitor-hand-off-"} for the hand-off of recorded buffers), with
   * the default polling and keep-alive times.
   */
  MonitorThread(String name) {
    this(POLL_FOR_NANOS, KEEP_ALIVE_NANOS, name);
  }

  /** A thread that polls for {@code pollFor} ns after its last task and ends {@code keepAlive} ns later. */
  MonitorThread(long pollFor, long keepAlive) {
    this(pollFor, keepAlive, "drift-monitor-evaluation-");
  }

  private MonitorThread(long pollFor, long keepAlive, String name) {
    this.pollFor = pollFor;
    this.keepAlive = keepAlive;
    this.name = name;
  }

  /** Whether a thread is running (polling or asleep), for tests. */
  boolean running() {
    return state.get() != STOPPED;
  }

  /**
   * Runs {@code hook} on the thread each time it has gone to sleep until woken, just before it
   * parks (for tests: a latch instead of polling its state).
   */
  void onSleep(Runnable hook) {
    this.onSleep = hook;
  }

  /** Runs the task on the thread soon, waking the thread if it waits (a system call). */
  @Override
  public void execute(Runnable task) {
    submit(task, true);
  }

  /**
   * Runs the task on the thread within about {@link #POLL_NANOS} while the thread polls (no system
   * call); wakes it only if it sleeps or has ended.
   */
  void executeLazily(Runnable task) {
    submit(task, false);
  }

  private void submit(Runnable task, boolean urgent) {
    tasks.add(task);
    for (;;) {
      int s = state.get();
      if (s == STOPPED) {
        if (state.compareAndSet(STOPPED, POLLING)) {
          start();
          return;
        }
      } else if (s == SLEEPING) {
        if (state.compareAndSet(SLEEPING, POLLING)) {
          LockSupport.unpark(thread);
          return;
        }
      } else {
        if (urgent) {
          LockSupport.unpark(thread);
        }
        return;
      }
    }
  }

  private void start() {
    Thread t = new Thread(this::loop, name + THREADS.incrementAndGet());
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  private void loop() {
    long lastWork = System.nanoTime();
    for (;;) {
      Runnable r = tasks.poll();
      if (r != null) {
        run(r);
        lastWork = System.nanoTime();
        continue;
      }
      if (System.nanoTime() - lastWork < pollFor) {
        LockSupport.parkNanos(this, POLL_NANOS);
        continue;
      }
      // no work for a while: sleep until woken; a task queued before the state change is seen
      // here, one queued after it sees SLEEPING and wakes this thread
      state.set(SLEEPING);
      if (!tasks.isEmpty()) {
        state.compareAndSet(SLEEPING, POLLING);
        continue;
      }
      Runnable hook = onSleep;
      if (hook != null) {
        hook.run();
      }
      LockSupport.parkNanos(this, keepAlive);
      if (!state.compareAndSet(SLEEPING, POLLING)) {
        lastWork = System.nanoTime(); // woken by a submitter
        continue;
      }
      if (tasks.isEmpty() && System.nanoTime() - lastWork >= pollFor + keepAlive) {
        state.set(STOPPED);
        // a task queued before STOPPED was visible: take it over, unless a submitter already
        // started a new thread for it
        if (tasks.isEmpty() || !state.compareAndSet(STOPPED, POLLING)) {
          return;
        }
      }
    }
  }

  private static void run(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException | Error e) {
      LOG.error("drift monitor background task failed (the monitor goes on)", e);
    }
  }
}
