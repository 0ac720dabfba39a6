package dev.mlops.drift.monitor;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off of recorded rows from the recording threads to the monitor's background thread.
 * A stripe buffers {@link Accumulator#BUFFER_ROWS} rows of numeric values and up to as many
 * predictions kept for a delayed label; when a buffer is full, the recording thread swaps it for
 * a free one from a preallocated pool and queues the full one (no allocation, no binning, no
 * reservoir or pending-store work on the request). The monitor's hand-off thread (or the host's executor) applies the
 * queued buffers in the order they were queued: numeric values are binned, range-checked and
 * offered to the window's reservoirs, row sample and sketches; predictions go into the pending
 * store. Whoever needs the result first applies what is queued itself: the evaluation of a
 * closed window, a snapshot, a label looking for its prediction, a count of the pending store.
 *
 * <p>With a label-free estimator, a buffer also carries each row's chance inputs. Applying it
 * appends them to the window's bounded backlog; the monitor's thread computes the chances
 * ({@link RowChances#drain}) once the queued buffers are applied, at most {@link #DRAIN_ROWS}
 * rows per task, yielding to buffers queued meanwhile (binning them first keeps recording
 * threads from applying buffers themselves), and a window's evaluation computes what is left.
 *
 * <p>Nothing is ever dropped. When every pooled buffer is queued (the background thread fell
 * behind), the recording thread applies the queue itself and then its own buffer, as before the
 * hand-off existed, but never computes a chance (the rows' chance inputs join the window's
 * backlog for the monitor's thread), and the event is counted ({@link #inlineApplies()}):
 * back-pressure instead of loss or unbounded memory. Buffers are applied in queue order, so a single recording thread
 * offers its values to the seeded reservoirs in the order it recorded them.
 *
 * <p>Thread-safe: queues and pools are bounded blocking queues (never full, since their capacity
 * is the pool's size); buffers are applied under one lock, which its holder never holds together
 * with a stripe lock of a thread that waits for it (appliers take no stripe lock).
 */
final class RecordHandOff {

  private static final Logger LOG = LoggerFactory.getLogger(DriftMonitor.class);

  /** Queued buffers at which the background thread is woken (fewer wake-ups than buffers). */
  static final int WAKE_AT = 4;
  /** Most backlogged chances one run of the hand-off task computes before it lets other tasks run. */
  static final long DRAIN_ROWS = 4_096;
  /** Extra pooled buffers beyond one per stripe, bounded in bytes by {@link #POOL_BYTES}. */
  static final int SPARES = 16;
  /** The pooled numeric buffers hold at most this many bytes (beyond one per stripe). */
  static final long POOL_BYTES = 2L << 20;

  /** A stripe's buffered numeric rows on their way into a window's shared state. */
  static final class Rows {
    final double[] values;
    /** Per row, what its chance needs ({@link RowChances#width} values), or null without an estimator. */
    final double[] chances;
    int rows;
    WindowState target;

    Rows(int size, int chances) {
      this.values = new double[size];
      this.chances = chances > 0 ? new double[Accumulator.BUFFER_ROWS * chances] : null;
    }
  }

  private final Schema schema;
  /** The estimate's per-row chances, computed as buffers are applied (null without an estimator). */
  private final RowChances chances;
  private final PendingPredictions store;
  private final Executor executor;
  private final ArrayBlockingQueue<Rows> fullRows;
  private final ArrayBlockingQueue<Rows> freeRows;
  private final ArrayBlockingQueue<PendingPredictions.Buffer> fullPending;
  private final ArrayBlockingQueue<PendingPredictions.Buffer> freePending;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final ReentrantLock applyLock = new ReentrantLock();
  private final LongAdder inline = new LongAdder();
  private final Runnable task = this::applyScheduled;

  RecordHandOff(Schema schema, int stripes, PendingPredictions store, Executor executor,
      RowChances chances) {
    this.schema = schema;
    this.chances = chances;
    this.store = store;
    this.executor = executor;
    int rowSpares = spareRows(schema, stripes);
    this.fullRows = new ArrayBlockingQueue<>(rowSpares);
    this.freeRows = new ArrayBlockingQueue<>(rowSpares);
    for (int i = 0; i < rowSpares; i++) {
      freeRows.add(newRows(schema, chances != null));
    }
    int pendingSpares = stripes + SPARES;
    this.fullPending = new ArrayBlockingQueue<>(pendingSpares);
    this.freePending = new ArrayBlockingQueue<>(pendingSpares);
    for (int i = 0; i < pendingSpares; i++) {
      freePending.add(new PendingPredictions.Buffer());
    }
  }

  /** A stripe's own buffer of numeric rows (and of the rows' chance inputs, with {@code chances}). */
  static Rows newRows(Schema schema, boolean chances) {
    return new Rows(Accumulator.BUFFER_ROWS * schema.bufferWidth() + Accumulator.PAD,
        chances ? RowChances.width(schema) : 0);
  }

  /** Pooled numeric buffers besides the stripes' own: at least 2, at most stripes + 16 and 2 MiB. */
  static int spareRows(Schema schema, int stripes) {
    long bytes = 8L * Accumulator.BUFFER_ROWS * schema.bufferWidth();
    return (int) Math.max(2, Math.min(stripes + SPARES, POOL_BYTES / Math.max(1, bytes)));
  }

  /**
   * Queues a stripe's full (or, when a window closes, partial) buffer of {@code rows} rows for
   * {@code target} and returns a free buffer to continue with; when none is free, applies the queue
   * and then this buffer on the calling thread (counted) and returns the same buffer, emptied.
   */
  Rows pass(Rows full, int rows, WindowState target) {
    Rows next = freeRows.poll();
    if (next == null) {
      inline.increment();
      applyQueuedRows();
      Accumulator.apply(schema, full.values, full.chances, rows, target, chances, false);
      if (chances != null) {
        chances.waiting(target);
      }
      return full;
    }
    full.rows = rows;
    full.target = target;
    fullRows.add(full);
    queued(1);
    return next;
  }

  /**
   * Queues a stripe's buffer of predictions and returns a free one; when none is free, applies the
   * queue and then this buffer on the calling thread (counted) and returns the same buffer, emptied.
   */
  PendingPredictions.Buffer pass(PendingPredictions.Buffer full) {
    PendingPredictions.Buffer next = freePending.poll();
    if (next == null) {
      inline.increment();
      applyQueuedPredictions();
      full.drainTo(store);
      return full;
    }
    fullPending.add(full);
    queued(1);
    return next;
  }

  /**
   * Queues {@code after} behind every buffer of predictions queued so far (a free buffer carries
   * it): it runs on whichever thread applies the queue up to it (the monitor's, or one that needs
   * the store first), once every prediction queued before it is in the store. When no buffer is
   * free, applies the queue and runs {@code after} on the calling thread.
   */
  void passMarker(Runnable after) {
    PendingPredictions.Buffer carrier = freePending.poll();
    if (carrier == null) {
      inline.increment();
      applyQueuedPredictions();
      after.run();
      return;
    }
    carrier.after = after;
    fullPending.add(carrier);
    queued(1);
  }

  private void queued(int n) {
    wakeIfDue(queued.addAndGet(n));
  }

  /** Schedules the apply task when {@code waiting} buffers are due and none is scheduled. */
  private void wakeIfDue(int waiting) {
    if (waiting >= WAKE_AT && scheduled.compareAndSet(false, true)) {
      submit();
    }
  }

  /** Submits the task ({@link #scheduled} is set); clears the flag when the executor rejects it. */
  private void submit() {
    try {
      if (executor instanceof MonitorThread own) {
        own.executeLazily(task); // no wake-up call while the monitor's thread polls
      } else {
        executor.execute(task);
      }
    } catch (RejectedExecutionException e) {
      // applied later by whoever reads the state next, or by a recording thread out of buffers
      scheduled.set(false);
      LOG.debug("executor rejected the drift monitor's hand-off task", e);
    }
  }

  private void applyScheduled() {
    boolean again = false;
    try {
      long left = DRAIN_ROWS;
      for (;;) {
        applyQueued();
        if (chances == null || left <= 0) {
          break;
        }
        left -= chances.drain(() -> queued.get() > 0, left);
        if (queued.get() == 0) {
          break;
        }
      }
      // backlogged chances left: run again after the executor's other tasks (an evaluation)
      again = chances != null && chances.draining();
    } finally {
      if (again) {
        submit();
      } else {
        scheduled.set(false);
      }
    }
    if (!again) {
      wakeIfDue(queued.get());
    }
  }

  /**
   * Applies every buffer queued before the call (and any queued meanwhile) in queue order; on
   * return, the windows and the pending store hold everything recorded before the call that is
   * not still in a stripe's open buffer.
   */
  void applyQueued() {
    apply(true, true);
  }

  /** As {@link #applyQueued()}, for the predictions only (a label, a count of the store). */
  void applyQueuedPredictions() {
    apply(false, true);
  }

  private void applyQueuedRows() {
    apply(true, false);
  }

  private void apply(boolean rows, boolean predictions) {
    applyLock.lock();
    try {
      for (;;) {
        PendingPredictions.Buffer b = predictions ? fullPending.poll() : null;
        if (b != null) {
          b.drainTo(store);
          Runnable after = b.after;
          b.after = null;
          freePending.add(b);
          if (after != null) {
            after.run();
          }
          queued.decrementAndGet();
          continue;
        }
        Rows r = rows ? fullRows.poll() : null;
        if (r == null) {
          return;
        }
        WindowState target = r.target;
        r.target = null;
        Accumulator.apply(schema, r.values, r.chances, r.rows, target, chances, false);
        freeRows.add(r);
        if (chances != null) {
          chances.waiting(target);
        }
        queued.decrementAndGet();
      }
    } finally {
      applyLock.unlock();
    }
  }

  /** The executor the apply task runs on (for tests: a task queued there runs after it). */
  Executor executor() {
    return executor;
  }

  /** Times a recording thread applied buffers itself because none was free. */
  long inlineApplies() {
    return inline.sum();
  }
}
