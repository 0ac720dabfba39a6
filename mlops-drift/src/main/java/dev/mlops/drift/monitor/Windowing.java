package dev.mlops.drift.monitor;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The windowing: decides when the open window closes (count reached, time over, or forced),
 * harvests it from the recorder's stripes and hands it to the {@link WindowReporter}; an open
 * window without rows and labels is never closed as a window (its time grid moves on), nor is an
 * open count window without rows (its labels stay open and count with the next rows). Admits
 * recorded rows and labels to the open window (closing it when a row fills it), and swaps the
 * open window for snapshots, restores and merges.
 *
 * <p>Thread-safe: closing, snapshotting and merging serialise on one lock and pause writers only
 * while the stripes are summed.
 */
final class Windowing {

  private static final Logger LOG = LoggerFactory.getLogger(DriftMonitor.class);

  /**
   * Count windows up to this size are calibrated ahead of the first window; a larger size stands
   * for windows the host closes ({@code tumblingCount(Long.MAX_VALUE)}), whose size is unknown.
   */
  static final long PRECALIBRATED_ROWS = 100_000_000L;

  private final MonitorConfig config;
  private final Schema schema;
  private final int rowSampleSize;
  private final Recorder rec;
  private final LabelJoin labels;
  private final FairnessTracker fairness;
  private final WindowReporter reporter;
  private final RecordHandOff handOff;
  private final Object closeLock = new Object();
  private final LongAdder recordErrors = new LongAdder();
  /** A closed window's state no longer referenced, reused for the next window (no reallocation). */
  private final AtomicReference<WindowState> spare = new AtomicReference<>();
  private final AtomicLong paneSeed = new AtomicLong();
  private volatile long closedRecords;

  /** The estimate's per-row chances (null without an estimator). */
  private final RowChances chances;

  Windowing(MonitorConfig config, Schema schema, PcaModel pca, LabelJoin labels,
      WindowEvaluator evaluator, FairnessTracker fairness, RowChances chances) {
    this.chances = chances;
    this.config = config;
    this.schema = schema;
    this.rowSampleSize = pca == null ? 0 : config.rowSampleSize();
    this.labels = labels;
    this.fairness = fairness;
    this.reporter = new WindowReporter(config, evaluator, this::newState, spare::set, fairness,
        labels.late);
    // on the monitor's own threads, buffers are applied on a thread of their own: a window's
    // evaluation (milliseconds) would otherwise hold them up until the pool runs dry and the
    // recording threads apply them; a host's executor runs both
    this.handOff = new RecordHandOff(schema, config.stripes(), labels.pending,
        config.executor() == null ? new MonitorThread("drift-monitor-hand-off-")
            : reporter.executor(), chances);
    labels.handOff(handOff);
    // a closed window's buffered rows are applied before it is evaluated
    reporter.beforeEvaluation(handOff::applyQueued);
    this.rec = new Recorder(schema, config, newState(), labels, fairness, handOff, chances);
    labels.attach(rec.acc.stripes);
    if (rec.countWindows && config.window().size() <= PRECALIBRATED_ROWS) {
      // the first window's size is known: its thresholds are computed before traffic
      // (a sampled monitor's statistics rest on the window's sampled rows: 1 in k, rounded up)
      long size = config.window().size();
      reporter.precalibrate(size / config.sampleOneIn() + (size % config.sampleOneIn() == 0 ? 0 : 1));
    }
  }

  /**
   * Records one row into the open window, closing the window when the row fills it or finds it
   * full (and retrying there); never throws: an internal failure is counted and logged.
   */
  void record(java.util.Map<String, ?> row, Object[] values, double[] vector,
      Prediction prediction, String requestId, long idNumber) {
    record(false, row, values, vector, prediction, Double.NaN, requestId, idNumber);
  }

  /**
   * Records a regression value of a row in schema order without a prediction object (through the
   * calling thread's reused one, read during the call only, when a fairness tracker or kept
   * probabilities need one), so the call allocates no prediction.
   */
  void recordValue(double[] vector, double value, String requestId, long idNumber) {
    if (rec.takesValues()) {
      record(true, null, null, vector, null, value, requestId, idNumber);
    } else {
      record(false, null, null, vector, REUSED.get().set(value), Double.NaN, requestId, idNumber);
    }
  }

  /** Records a row with its prediction, or with the regression {@code value} when {@code valueOnly}. */
  private void record(boolean valueOnly, java.util.Map<String, ?> row, Object[] values, double[] vector,
      Prediction prediction, double value, String requestId, long idNumber) {
    try {
      for (;;) {
        int admitted = valueOnly ? rec.tryRecordValue(vector, value, requestId, idNumber)
            : rec.tryRecord(row, values, vector, prediction, requestId, idNumber);
        if (admitted == Recorder.FULL) {
          rollover(false);
          continue;
        }
        if (admitted == Recorder.ADMIT_LAST) {
          rollover(false);
        }
        return;
      }
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /**
   * Records a classifier's row in schema order with its class probabilities: through the calling
   * thread's reused prediction (the array read during the call only) when nothing keeps the
   * prediction object (no fairness tracker, no kept probabilities), else a new one.
   *
   * @throws IllegalArgumentException as {@link Prediction#ofProbabilities} for probabilities it
   *     refuses (before anything is recorded)
   */
  void recordProbabilities(double[] vector, double[] probabilities, String requestId,
      long idNumber) {
    Prediction p = rec.takesValues() ? REUSED_PROBABILITIES.get().set(probabilities) : null;
    if (p == null) {
      p = Prediction.ofProbabilities(probabilities);
    }
    record(false, null, null, vector, p, Double.NaN, requestId, idNumber);
  }

  /** Per-thread class probabilities of {@link #recordProbabilities}. */
  private static final ThreadLocal<Prediction.ReusedProbabilities> REUSED_PROBABILITIES =
      ThreadLocal.withInitial(Prediction.ReusedProbabilities::new);

  /** Per-thread regression value of {@link #recordValue}. */
  private static final ThreadLocal<Prediction.Reused> REUSED = ThreadLocal.withInitial(Prediction.Reused::new);

  /** Joins a label (and its fairness counts); never throws (an internal failure is counted). */
  boolean label(String requestId, double label) {
    try {
      if (fairness != null) {
        fairness.label(requestId, label);
      }
      return labels.join(rec, requestId, label);
    } catch (RuntimeException ex) {
      failed(ex);
      return false;
    }
  }

  private void failed(RuntimeException e) {
    recordErrors.increment();
    LOG.warn("drift monitor could not record a row (counted, monitoring continues)", e);
  }

  long recordErrors() {
    return recordErrors.sum();
  }

  /** Expires old pending predictions and closes a time window whose end has passed. */
  Optional<CompletableFuture<Optional<DriftReport>>> tick() {
    labels.drain(rec);
    labels.pending.expire(config.clock().millis());
    return rec.countWindows ? Optional.empty() : rollover(false);
  }

  /** The open window, counters and pending predictions, serialised (see StateCodec). */
  byte[] snapshot() {
    reporter.awaitIfOwnThread();
    WindowState st = copyOpen();
    if (chances != null) {
      // rows kept until the estimator's fit was ready: their chances, off the writers' locks
      chances.resolve(st);
    }
    long[] a = reporter.alertState();
    return StateCodec.encode(schema, st, new StateCodec.Header(a[0], (int) a[1], (int) a[2],
        closedRecords(), st.start, a[3]), labels.pending.oldestFirst(), labels.keptProbabilities(),
        labels.late);
  }

  /** Replaces the open window, counters, alert state and pending predictions with a snapshot's. */
  void restore(byte[] state) {
    StateCodec.Decoded d = StateCodec.decode(schema, state, this::newState);
    StateCodec.Header h = d.header();
    replaceOpen(d.state(), h.windowStart(), h.closedRecords(), d.pending(), d.probabilities(),
        d.late());
    reporter.restoreAlertState(h.windowSeq(), h.consecutive(), h.cooldownLeft(), h.alerts());
    rollover(false);
  }

  /** Adds a snapshot's open window and pending predictions into the open window. */
  void merge(byte[] state) {
    StateCodec.Decoded d = StateCodec.decode(schema, state, this::newState);
    mergeIntoOpen(d.state(), d.pending(), d.probabilities(), d.late());
    rollover(false);
  }

  /** The hand-off of recorded buffers (for tests). */
  RecordHandOff handOff() {
    return handOff;
  }

  /** Buffers of recorded rows applied on a recording thread because none was free. */
  long inlineApplies() {
    return handOff.inlineApplies();
  }

  Recorder recorder() {
    return rec;
  }

  WindowReporter reporter() {
    return reporter;
  }

  /** A fresh window state (a recycled one when available), seeded per pane. */
  WindowState newState() {
    long seed = WindowState.mix(config.seed(), paneSeed.getAndIncrement());
    WindowState recycled = spare.getAndSet(null);
    if (recycled != null) {
      recycled.reset(seed, config.sketchK());
      return recycled;
    }
    return new WindowState(schema, config.reservoirSize(), rowSampleSize, seed, config.sketchK(),
        KeptProbabilities.columns(config, schema));
  }

  /**
   * Closes the open window if it is due, or now when {@code force}, unless it holds no row.
   *
   * @return the future report of the window closed, empty when none was closed
   */
  Optional<CompletableFuture<Optional<DriftReport>>> rollover(boolean force) {
    synchronized (closeLock) {
      long now = config.clock().millis();
      boolean due = rec.due(now);
      if (!due && !force) {
        return Optional.empty();
      }
      Accumulator acc = rec.acc;
      WindowState st;
      rec.lockAll();
      try {
        if (rec.openRows() == 0 && (acc.shared.labels == 0 || rec.countWindows)) {
          // nothing recorded or labelled: not a window; a time window's grid moves on. A count
          // window is made of rows: labels joined since the last one closed (the label of its
          // last row arrives after the row closed it) stay open and count with the next rows
          if (!rec.countWindows && due) {
            long skipped = (now - rec.windowEnd) / rec.step;
            acc.start = rec.windowEnd + skipped * rec.step;
            rec.windowEnd = acc.start + rec.step;
          }
          acc.claimed.set(0);
          return Optional.empty();
        }
        st = acc.harvest(true, newState());
        if (fairness != null) {
          st.fairness = fairness.harvest();
        }
        if (rec.countWindows) {
          acc.claimed.set(0);
          st.end = now;
          acc.start = now;
        } else if (due && !force) {
          st.end = rec.windowEnd;
          long skipped = (now - rec.windowEnd) / rec.step;
          acc.start = rec.windowEnd + skipped * rec.step;
          rec.windowEnd = acc.start + rec.step;
        } else {
          st.end = now;
          acc.start = now;
          rec.windowEnd = now + rec.step;
        }
        closedRecords += st.rows + st.unsampled;
        labels.stampLocked(st, now);
      } finally {
        rec.unlockAll();
      }
      return Optional.of(reporter.submit(st, force));
    }
  }

  long closedRecords() {
    return closedRecords;
  }

  /** A copy of the open window (writers pause while the stripes are summed), with its start. */
  WindowState copyOpen() {
    synchronized (closeLock) {
      rec.lockAll();
      try {
        WindowState st = rec.acc.harvest(false, newState());
        st.start = rec.acc.start;
        st.pane = labels.openPane();
        if (fairness != null) {
          st.fairnessState = fairness.save();
        }
        labels.drainLocked();
        return st;
      } finally {
        rec.unlockAll();
      }
    }
  }

  /** Replaces the open window, the record count and the pending predictions (a restore). */
  void replaceOpen(WindowState st, long windowStart, long records,
      List<PendingPredictions.Saved> pending, List<KeptProbabilities.Saved> probabilities,
      LateLabels.Saved late) {
    FairnessState fair = fairnessOf(st);
    synchronized (closeLock) {
      rec.lockAll();
      try {
        rec.acc.harvest(true, st);
        if (fairness != null) {
          fairness.restore(fair);
        }
        rec.acc.start = windowStart;
        if (rec.countWindows) {
          rec.acc.claimed.set(st.rows + st.unsampled);
        } else {
          rec.windowEnd = windowStart + rec.step;
        }
        closedRecords = records;
        labels.replaceLocked(pending, probabilities, late);
      } finally {
        rec.unlockAll();
      }
    }
  }

  /** Adds another window's state and pending predictions into the open window (a merge). */
  void mergeIntoOpen(WindowState st, List<PendingPredictions.Saved> pending,
      List<KeptProbabilities.Saved> probabilities, LateLabels.Saved late) {
    FairnessState fair = fairnessOf(st);
    synchronized (closeLock) {
      rec.lockAll();
      try {
        WindowState open = rec.acc.shared;
        synchronized (open) {
          open.mergeFrom(st);
        }
        if (fair != null) {
          fairness.merge(fair);
        }
        labels.addLocked(pending, probabilities, late);
        if (rec.countWindows) {
          rec.acc.claimed.addAndGet(st.rows + st.unsampled);
        }
      } finally {
        rec.unlockAll();
      }
    }
  }

  /**
   * Takes a decoded snapshot's fairness state off its window, refusing (before anything changes)
   * one of other attributes or one this monitor has no tracker for.
   */
  private FairnessState fairnessOf(WindowState st) {
    FairnessState fair = st.fairnessState;
    st.fairnessState = null;
    if (fair != null) {
      if (fairness == null) {
        throw new MonitorStateException("monitor state must match the fairness setting: state watches "
            + fair.attributes() + ", this monitor no sensitive attribute");
      }
      fairness.check(fair);
    }
    return fair;
  }
}
