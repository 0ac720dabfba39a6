package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.stat.DriftStatistic;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online drift monitoring of a live model: every request's features and prediction are
 * recorded, windows of traffic are compared with the {@link ReferenceProfile} (or with the
 * previous window), and an immutable {@link DriftReport} is produced per closed window.
 *
 * <pre>{@code
 * DriftMonitor monitor = DriftMonitor.builder(profile)
 *     .window(Window.tumblingCount(1_000))
 *     .clock(clock)
 *     .listener(new DriftListener() {
 *       public void onDrift(DriftReport report) { alerts.send(report.toText()); }
 *     })
 *     .build();
 * monitor.record(Map.of("age", 42, "city", "Lyon"), Prediction.ofProbabilities(p), requestId);
 * monitor.recordLabel(requestId, 1);          // later, when the ground truth is known
 * }</pre>
 *
 * <h2>Recording</h2>
 * {@link #record(Map, Prediction, String)} never throws for bad data: missing, non-finite, out of
 * range, unseen categories, unknown or absent features and wrong types are counted in the
 * window's {@link DataQuality}. Recording takes no global lock: a thread locks one of several
 * stripes (chosen by thread, probing on contention) and increments that stripe's counters; the
 * numeric values are buffered per stripe and flushed every 64 rows into the window's seeded
 * reservoirs (one monitor enter per 64 rows). With no request id, the path allocates nothing in
 * steady state. A request id stores the prediction (one small entry) until its label arrives or
 * it expires. Count windows add one shared atomic increment per row (to close at exactly
 * {@code n} rows); time windows read the clock instead.
 *
 * <h2>Windows and decisions</h2>
 * Windows close on the recording thread that fills them (or on the host's executor when one is
 * given), on {@link #tick()} for idle time windows, and on {@link #closeWindow()}. Per feature,
 * the statistic is Evidently's default unless overridden: for a reference of at most 1,000
 * values, Kolmogorov-Smirnov (numeric with more than 5 distinct values), chi-square (other numeric
 * and categorical) or a two-proportion Z-test (binary) at p &lt; alpha; for larger references the
 * normed Wasserstein distance (numeric) or the Jensen-Shannon distance (categorical) at distance
 * &gt;= 0.1. Two deliberate differences from Evidently: the chi-square test is the test of
 * homogeneity of the 2 x k table [reference, window] (Evidently's goodness of fit against the
 * reference proportions is infinite as soon as the window holds a category the reference never
 * saw), and numeric features with few distinct values are counted in the reference's quantile
 * bins; the Z-test compares the share of the reference's most frequent category. Effect sizes:
 * normed Wasserstein distance (numeric) and Jensen-Shannon distance (categorical), always
 * computed when both sides have values. Tests are corrected for multiple testing (Benjamini-Hochberg by default) and, by
 * default, drift also needs an effect size of at least 0.1 ({@link DecisionRule}).
 *
 * <h2>State size</h2>
 * Per numeric feature and open window: the reservoir ({@code 8 x reservoirSize} bytes, 80,000 at
 * the default 10,000), the bin counters ({@code 8 x bins} bytes per stripe) and the stripe
 * buffers ({@code 8 x 64} bytes per stripe); per categorical feature {@code 8 x (categories + 1)}
 * bytes per stripe. {@link #stateBytesPerFeature()} reports the figure for this monitor (under
 * 128 KiB with the defaults and up to 16 stripes). The optional quantile sketch
 * ({@link Builder#quantileSketch(int)}) adds a few KB per numeric feature; multivariate drift adds
 * a row sample of {@code 8 x rowSampleSize} bytes per numeric feature. Sliding windows keep one
 * such state per step (pane) of the window; the previous window is kept for comparisons.
 * Predictions waiting for labels are bounded separately ({@link Builder#pendingLabels}).
 *
 * <p>Thread-safe: any number of threads may record, label, snapshot, merge and close
 * concurrently.
 */
public final class DriftMonitor {

  private static final Logger LOG = LoggerFactory.getLogger(DriftMonitor.class);
  /** Per-thread row that {@link PendingPredictions#take(String, long, double[])} fills. */
  private static final ThreadLocal<double[]> TAKEN =
      ThreadLocal.withInitial(() -> new double[PendingPredictions.TAKEN_WIDTH]);
  private static final int LOCK_PAD = 16;
  private static final int ADMIT = 0;
  private static final int ADMIT_LAST = 1;
  private static final int FULL = 2;

  private final ReferenceProfile profile;
  private final MonitorConfig config;
  private final Schema schema;
  private final PcaModel pca;
  private final WindowEvaluator evaluator;
  private final Accumulator acc;
  private final AtomicIntegerArray locks;
  private final int stripeMask;
  private final java.util.concurrent.atomic.AtomicInteger nextStripe =
      new java.util.concurrent.atomic.AtomicInteger();
  private final ThreadLocal<int[]> homeStripe =
      ThreadLocal.withInitial(() -> new int[] {nextStripe.getAndIncrement() & stripeMaskOf()});
  private final boolean countWindows;
  private final long step;
  private final PendingPredictions pending;
  /** Per stripe, the predictions recorded since its last move into {@link #pending}. */
  private final PendingPredictions.Buffer[] pendingBuffers;
  private final LongAdder recordErrors = new LongAdder();
  /** A closed window's state no longer referenced, reused for the next window (no reallocation). */
  private final java.util.concurrent.atomic.AtomicReference<WindowState> spare =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final LongAdder unmatchedLabels = new LongAdder();

  private final Object closeLock = new Object();
  // guarded by closeLock
  private final ArrayDeque<WindowState> closed = new ArrayDeque<>();
  private final ArrayDeque<Boolean> closedForced = new ArrayDeque<>();
  private long lastExpired;
  private long lastUnmatched;
  private final java.util.concurrent.atomic.AtomicLong paneSeed =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile long windowEnd;
  private volatile long closedRecords;

  private final java.util.concurrent.locks.ReentrantLock reportLock =
      new java.util.concurrent.locks.ReentrantLock();
  // guarded by reportLock
  private final ArrayDeque<WindowState> panes = new ArrayDeque<>();
  private final ArrayDeque<DriftReport> history = new ArrayDeque<>();
  private WindowState previous;
  private long panesClosed;
  private long windowSeq;
  private int consecutive;
  private int cooldownLeft;
  private volatile long alerts;
  private volatile DriftReport latest;

  private DriftMonitor(ReferenceProfile profile, MonitorConfig config, Schema schema,
      PcaModel pca) {
    this.profile = profile;
    this.config = config;
    this.schema = schema;
    this.pca = pca;
    this.evaluator = new WindowEvaluator(config, schema, pca);
    this.acc = new Accumulator(schema, config.stripes(), newState(),
        config.classificationThreshold(), config.ignoredFields());
    // one 64-byte line per lock, none on the line holding the array header (read by every access)
    this.locks = new AtomicIntegerArray((config.stripes() + 2) * LOCK_PAD);
    this.stripeMask = config.stripes() - 1;
    this.countWindows = config.window().unit() == Window.Unit.RECORDS;
    this.step = config.window().step();
    this.pending = new PendingPredictions(config.maxPending(), config.pendingTimeout().toMillis());
    this.pendingBuffers = new PendingPredictions.Buffer[config.stripes()];
    for (int i = 0; i < pendingBuffers.length; i++) {
      pendingBuffers[i] = new PendingPredictions.Buffer();
    }
    long now = config.clock().millis();
    acc.start = now;
    this.windowEnd = countWindows ? Long.MAX_VALUE : now + step;
  }

  /**
   * Starts a monitor of traffic against a reference profile.
   *
   * @param profile the reference profile (features, and optionally prediction and label)
   * @return a builder with the defaults described on each setter
   * @throws NullPointerException if {@code profile} is null
   */
  public static Builder builder(ReferenceProfile profile) {
    return new Builder(Objects.requireNonNull(profile, "profile must not be null"));
  }

  /** The decision settings, for {@link BatchComparison}. */
  MonitorConfig config() {
    return config;
  }

  /** The monitored columns, for {@link BatchComparison}. */
  Schema schema() {
    return schema;
  }

  private WindowState newState() {
    long seed = WindowState.mix(config.seed(), paneSeed.getAndIncrement());
    WindowState recycled = spare.getAndSet(null);
    if (recycled != null) {
      recycled.reset(seed, config.sketchK());
      return recycled;
    }
    return new WindowState(schema, config.reservoirSize(), pca == null ? 0 : config.rowSampleSize(),
        seed, config.sketchK());
  }

  // ---------------------------------------------------------------------------- stripes

  private int lockStripe() {
    // each thread sticks to one stripe (assigned round-robin on first use) and moves to the next
    // one when it finds it taken, so concurrent threads settle on distinct stripes
    int[] home = homeStripe.get();
    int s = home[0];
    int tries = 0;
    for (;;) {
      if (locks.compareAndSet((s + 1) * LOCK_PAD, 0, 1)) {
        if (tries > 0) {
          home[0] = s;
        }
        return s;
      }
      s = (s + 1) & stripeMask;
      if (++tries > stripeMask) {
        Thread.onSpinWait();
        if (tries > 64 * (stripeMask + 1)) {
          Thread.yield();
          tries = 0;
        }
      }
    }
  }

  private int stripeMaskOf() {
    return stripeMask;
  }

  private void unlockStripe(int s) {
    locks.setRelease((s + 1) * LOCK_PAD, 0);
  }

  private void lockAll() {
    for (int s = 0; s <= stripeMask; s++) {
      lockStripe(s);
    }
  }

  private void unlockAll() {
    for (int s = 0; s <= stripeMask; s++) {
      unlockStripe(s);
    }
  }

  // ---------------------------------------------------------------------------- recording

  /**
   * Records one request: its features by name and the model's prediction. Never throws for bad
   * data (see {@link DataQuality}); a {@code null} row is recorded with every feature absent.
   *
   * @param features feature values by name: {@link Number} (numeric), {@link String} (category)
   *     or {@code null} (missing)
   * @param prediction the model's prediction, or {@code null} when none is monitored
   * @param requestId the request id to join a later label with ({@link #recordLabel}), or
   *     {@code null}
   */
  public void record(Map<String, ?> features, Prediction prediction, String requestId) {
    recordRow(features == null ? Map.of() : features, null, null, prediction, requestId);
  }

  /**
   * Records one request whose feature values the caller has already read from its row: the same
   * result as {@link #record(Map, Prediction, String)}, without looking every feature up in the row
   * again (a serving endpoint reads each value once for validation, prediction and monitoring).
   * {@code values[i]} must be {@code row.get(featureNames().get(i))}; the row itself is still
   * consulted for what the values cannot tell (whether a {@code null} value's key is present, and
   * which keys are unknown). Values of the wrong length are ignored and the row is read as by
   * {@link #record(Map, Prediction, String)}. Never throws for bad data.
   *
   * @param row the request row (feature values by name), or {@code null} when the values are all
   *     there is (a {@code null} value is then an absent feature)
   * @param values the row's value of each feature, in {@link #featureNames()} order
   * @param prediction the model's prediction, or {@code null} when none is monitored
   * @param requestId the request id to join a later label with, or {@code null}
   */
  public void record(Map<String, ?> row, Object[] values, Prediction prediction, String requestId) {
    recordRow(row == null ? Map.of() : row,
        values != null && values.length == schema.features.length ? values : null, null, prediction, requestId);
  }

  /**
   * Records one row — {@code vector} when not null (the schema-order fast path), else {@code row}
   * with the {@code values} read from it (or null) — admitting it to the open window, and keeps the
   * prediction for a label.
   */
  private void recordRow(Map<String, ?> row, Object[] values, double[] vector, Prediction prediction,
      String requestId) {
    int last = -1;
    try {
      for (;;) {
        int s = lockStripe();
        int admitted;
        try {
          admitted = admit();
          if (admitted != FULL) {
            try {
              if (vector != null) {
                acc.record(acc.stripes[s], vector, prediction);
              } else {
                acc.record(acc.stripes[s], row, values, prediction);
              }
            } finally {
              bufferPending(s, prediction, requestId);
            }
          }
        } finally {
          unlockStripe(s);
        }
        if (admitted == FULL) {
          rollover(false);
          continue;
        }
        last = admitted;
        break;
      }
    } catch (RuntimeException e) {
      failed(e);
    }
    afterRecord(last, prediction, requestId);
  }

  /**
   * Records one request from values in schema order ({@link #featureNames()}): the fast path.
   * Numeric features take their value (NaN = missing); categorical features take the index of the
   * category in {@link #categories(String)} (NaN = missing, any other value = unseen). A shorter
   * array marks the remaining features absent; a longer one is counted as unknown features.
   *
   * @param values one value per feature in schema order
   * @param prediction the model's prediction, or {@code null}
   * @param requestId the request id for a later label, or {@code null}
   */
  public void record(double[] values, Prediction prediction, String requestId) {
    recordRow(null, null, values == null ? new double[0] : values, prediction, requestId);
  }

  /**
   * With stripe {@code s} locked: keeps the prediction for a later label in the stripe's buffer,
   * moving the buffer into the pending store when it is full.
   */
  private void bufferPending(int s, Prediction prediction, String requestId) {
    if (requestId != null && prediction != null) {
      PendingPredictions.Buffer b = pendingBuffers[s];
      if (b.add(requestId, prediction, config.clock().millis())) {
        b.drainTo(pending);
      }
    }
  }

  /** Moves every stripe's buffered predictions into the pending store (takes each stripe's lock). */
  private void drainPending() {
    for (int s = 0; s <= stripeMask; s++) {
      if (pendingBuffers[s].size > 0) {
        lockStripe(s);
        try {
          pendingBuffers[s].drainTo(pending);
        } finally {
          unlockStripe(s);
        }
      }
    }
  }

  /** As {@link #drainPending()}, for a caller holding every stripe lock. */
  private void drainPendingLocked() {
    for (PendingPredictions.Buffer b : pendingBuffers) {
      b.drainTo(pending);
    }
  }

  private void lockStripe(int s) {
    int spins = 0;
    while (!locks.compareAndSet((s + 1) * LOCK_PAD, 0, 1)) {
      if (++spins > 64) {
        Thread.yield();
        spins = 0;
      } else {
        Thread.onSpinWait();
      }
    }
  }

  private void afterRecord(int admitted, Prediction prediction, String requestId) {
    try {
      if (admitted == ADMIT_LAST) {
        rollover(false);
      }
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void failed(RuntimeException e) {
    recordErrors.increment();
    LOG.warn("drift monitor could not record a row (counted, monitoring continues)", e);
  }

  /** Called with a stripe locked: whether the row belongs to the open window. */
  private int admit() {
    if (countWindows) {
      long n = acc.claimed.incrementAndGet();
      return n < step ? ADMIT : n == step ? ADMIT_LAST : FULL;
    }
    return config.clock().millis() >= windowEnd ? FULL : ADMIT;
  }

  /**
   * Records the ground truth of an earlier request; the pair counts towards the realised
   * performance of the window open now. Never throws for bad data.
   *
   * @param requestId the id given to {@link #record(Map, Prediction, String)}
   * @param label the true class index or the true value
   * @return {@code true} if a pending prediction was found and joined; {@code false} when the id
   *     is unknown, already labelled or expired (counted as an unmatched label)
   */
  public boolean recordLabel(String requestId, double label) {
    if (requestId == null) {
      unmatchedLabels.increment();
      return false;
    }
    try {
      drainPending();
      double[] taken = TAKEN.get();
      if (!pending.take(requestId, config.clock().millis(), taken)) {
        unmatchedLabels.increment();
        return false;
      }
      int s = lockStripe();
      try {
        WindowState st = acc.shared;
        synchronized (st) {
          st.labels++;
          if (outsideClasses(label, taken)) {
            st.outsideClasses++;
            return true;
          }
          double[] pair = st.pairScratch;
          pair[0] = label;
          pair[1] = taken[0];
          pair[2] = taken[1];
          pair[3] = taken[2];
          st.labelPairs.offerRow(pair, 0);
          if (Double.isFinite(label)) {
            FeatureSpec ln = schema.labelNumeric;
            st.reservoirs[ln.numericSlot].offer(label);
            st.counts[ln.slotOffset + ln.binIndex(label)]++;
            FeatureSpec lc = schema.labelClasses;
            int k = lc.categoryOf(label);
            st.counts[lc.slotOffset + (k < 0 ? lc.slots() - 1 : k)]++;
          }
        }
      } finally {
        unlockStripe(s);
      }
      return true;
    } catch (RuntimeException ex) {
      failed(ex);
      return false;
    }
  }

  /**
   * Whether a label joined to a classifier's prediction (or that prediction's class) lies outside
   * the declared classes; such a pair is counted, never offered to the performance sample.
   */
  private boolean outsideClasses(double label, double[] taken) {
    if ((int) taken[2] == Prediction.Kind.VALUE.ordinal()) {
      return false;
    }
    int k = schema.declaredClasses;
    return !(label >= 0 && label < k && label == Math.rint(label)) || taken[1] >= k;
  }

  // ---------------------------------------------------------------------------- windows

  private void rollover(boolean force) {
    boolean harvested = false;
    synchronized (closeLock) {
      long now = config.clock().millis();
      boolean due = countWindows ? acc.claimed.get() >= step : now >= windowEnd;
      if (due || force) {
        lockAll();
        WindowState st;
        try {
          st = acc.harvest(true, newState());
          long rows = st.rows;
          if (countWindows) {
            acc.claimed.set(0);
            st.end = now;
            acc.start = now;
          } else if (due && !force) {
            st.end = windowEnd;
            long skipped = (now - windowEnd) / step;
            acc.start = windowEnd + skipped * step;
            windowEnd = acc.start + step;
          } else {
            st.end = now;
            acc.start = now;
            windowEnd = now + step;
          }
          closedRecords += rows;
          drainPendingLocked();
        } finally {
          unlockAll();
        }
        pending.expire(now);
        long expired = pending.expiredTotal();
        st.expired = expired - lastExpired;
        lastExpired = expired;
        long unmatched = unmatchedLabels.sum();
        st.unmatched = unmatched - lastUnmatched;
        lastUnmatched = unmatched;
        st.pending = pending.size();
        closed.add(st);
        closedForced.add(force);
        harvested = true;
      }
    }
    if (harvested) {
      Executor ex = config.executor();
      if (ex != null && !force) {
        try {
          ex.execute(() -> drain(true));
        } catch (RuntimeException e) {
          LOG.warn("executor rejected the drift report task; computing it inline", e);
          drain(true);
        }
      } else if (!force) {
        drain(false);
      }
    }
  }

  /**
   * Evaluates the harvested windows in order. With {@code wait} false, a thread that finds
   * another thread evaluating leaves its window in the queue for that thread (recording threads
   * never queue behind a report computation).
   */
  private void drain(boolean wait) {
    for (;;) {
      if (wait) {
        reportLock.lock();
      } else if (!reportLock.tryLock()) {
        return;
      }
      try {
        for (;;) {
          WindowState st;
          boolean forced;
          synchronized (closeLock) {
            st = closed.poll();
            forced = Boolean.TRUE.equals(closedForced.poll());
          }
          if (st == null) {
            break;
          }
          try {
            report(st, forced);
          } catch (RuntimeException e) {
            LOG.error("drift report of window failed; the window is dropped", e);
          }
        }
      } finally {
        reportLock.unlock();
      }
      synchronized (closeLock) {
        if (closed.isEmpty()) {
          return;
        }
      }
      wait = false;
    }
  }

  /** Computes, stores and publishes one report; called under reportLock. */
  private void report(WindowState pane, boolean forced) {
    int perWindow = config.window().panes();
    WindowState cur = pane;
    if (perWindow > 1) {
      panes.addLast(pane);
      while (panes.size() > perWindow) {
        panes.removeFirst();
      }
      if (!countWindows) {
        // after idle time, panes older than the window's span no longer belong to it
        long size = config.window().size();
        while (panes.size() > 1 && panes.peekFirst().end <= pane.end - size) {
          panes.removeFirst();
        }
      }
      panesClosed++;
      if (panesClosed < perWindow && !forced) {
        return;
      }
      cur = newState();
      cur.start = panes.peekFirst().start;
      for (WindowState p : panes) {
        cur.mergeFrom(p);
      }
      cur.start = panes.peekFirst().start;
      cur.end = pane.end;
      cur.pending = pane.pending;
    }
    WindowEvaluator.Partial p = evaluator.evaluate(cur, previous);
    windowSeq++;
    boolean drifted = p.drifted();
    consecutive = drifted ? consecutive + 1 : 0;
    boolean alert = false;
    if (cooldownLeft > 0) {
      cooldownLeft--;
    } else if (drifted && consecutive >= config.alertAfter()) {
      alert = true;
      cooldownLeft = config.cooldownWindows();
    }
    DriftReport report = evaluator.report(windowSeq, cur.end, p, drifted, consecutive, alert,
        cur.rows, cur.start);
    history.addLast(report);
    while (history.size() > config.historySize()) {
      history.removeFirst();
    }
    latest = report;
    WindowState old = previous;
    previous = cur;
    if (old != null && old != cur && perWindow == 1) {
      // tumbling windows: the window before the previous one is referenced by nothing now
      spare.set(old);
    }
    if (alert) {
      alerts++;
    }
    if (drifted) {
      LOG.warn("drift in window {} ({} records): {}", report.window(), report.records(),
          summary(report));
    } else if (report.dataQuality().alert()) {
      LOG.warn("data quality findings in window {}: {}", report.window(),
          report.dataQuality().findings());
    }
    for (DriftListener l : config.listeners()) {
      try {
        l.onWindowClosed(report);
      } catch (RuntimeException e) {
        LOG.warn("drift listener failed in onWindowClosed", e);
      }
    }
    if (alert) {
      for (DriftListener l : config.listeners()) {
        try {
          l.onDrift(report);
        } catch (RuntimeException e) {
          LOG.warn("drift listener failed in onDrift", e);
        }
      }
    }
    if (report.dataQuality().alert()) {
      for (DriftListener l : config.listeners()) {
        try {
          l.onDataQuality(report);
        } catch (RuntimeException e) {
          LOG.warn("drift listener failed in onDataQuality", e);
        }
      }
    }
  }

  private static String summary(DriftReport r) {
    StringBuilder sb = new StringBuilder();
    if (r.datasetDrift()) {
      sb.append(String.format(Locale.ROOT, "dataset drift share %s >= %s; ",
          DriftReport.fmt(r.driftShare()), DriftReport.fmt(r.driftShareThreshold())));
    }
    sb.append(r.driftedFeatures().stream()
        .map(f -> String.format(Locale.ROOT, "%s (%s %s, p %s, effect %s)", f.feature(), f.test(),
            DriftReport.fmt(f.statistic()), DriftReport.fmt(f.pValue()),
            DriftReport.fmt(f.effectSize())))
        .collect(Collectors.joining(", ")));
    if (r.prediction() != null && r.prediction().drifted()) {
      sb.append("; prediction: ").append(r.prediction().reason());
    }
    if (r.multivariate() != null && r.multivariate().status() == DriftStatus.DRIFT) {
      sb.append("; multivariate: ").append(r.multivariate().reason());
    }
    return sb.toString();
  }

  /**
   * Closes the open window now, whatever its size or age, and returns its report (computed on
   * the calling thread). For sliding windows, the report covers the panes seen so far.
   *
   * @return the report of the window just closed
   */
  public DriftReport closeWindow() {
    rollover(true);
    drain(true);
    return latest;
  }

  /**
   * Closes the open time window if its end has passed (for idle traffic: call it from the host's
   * scheduler) and expires old pending predictions. Does nothing for count windows.
   *
   * @return the latest report if a window was closed by this call
   */
  public Optional<DriftReport> tick() {
    drainPending();
    pending.expire(config.clock().millis());
    if (countWindows || config.clock().millis() < windowEnd) {
      return Optional.empty();
    }
    long before = windowSeq();
    rollover(false);
    drain(true);
    return windowSeq() > before ? Optional.ofNullable(latest) : Optional.empty();
  }

  private long windowSeq() {
    reportLock.lock();
    try {
      return windowSeq;
    } finally {
      reportLock.unlock();
    }
  }

  // ---------------------------------------------------------------------------- queries

  /**
   * The report of the most recently closed window.
   *
   * @return the latest report, empty before the first window closes
   */
  public Optional<DriftReport> latestReport() {
    return Optional.ofNullable(latest);
  }

  /**
   * The reports of the last closed windows, oldest first (at most the configured history size).
   *
   * @return an immutable copy
   */
  public List<DriftReport> history() {
    reportLock.lock();
    try {
      return List.copyOf(history);
    } finally {
      reportLock.unlock();
    }
  }

  /**
   * Rows recorded since the monitor was created (or restored).
   *
   * @return the total, including the open window (read without stopping writers, so a concurrent
   *     count may lag by the rows in flight)
   */
  public long records() {
    long n = closedRecords;
    for (Accumulator.Stripe st : acc.stripes) {
      n += st.misc[Accumulator.PAD + Accumulator.M_ROWS];
    }
    return n + acc.shared.rows;
  }

  /**
   * Alerts raised so far.
   *
   * @return the alert count
   */
  public long alerts() {
    return alerts;
  }

  /**
   * Rows that could not be recorded because of an internal failure (logged; expected 0).
   *
   * @return the count
   */
  public long recordErrors() {
    return recordErrors.sum();
  }

  /**
   * Predictions waiting for their label.
   *
   * @return the pending count
   */
  public long pendingLabels() {
    drainPending();
    return pending.size();
  }

  /**
   * Request ids longer than 256 characters recorded so far: the pending store keeps each as
   * {@code "sha256:"} and the hex SHA-256 of its UTF-8 bytes (a later label with the same long id
   * still joins), so no id can make the store or a {@link #snapshot()} large or unwritable. The
   * store is also bounded in bytes (32 MiB: ids at two bytes per character plus about 100 bytes
   * per prediction); beyond it the oldest predictions are dropped and counted as expired.
   *
   * @return the count since the monitor was built
   */
  public long hashedRequestIds() {
    drainPending();
    return pending.hashedIds();
  }

  /**
   * The monitored features in schema order (the order of the fast path).
   *
   * @return the feature names
   */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (FeatureSpec f : schema.features) {
      names.add(f.name);
    }
    return Collections.unmodifiableList(names);
  }

  /**
   * The reference categories of a categorical feature, in the order of their fast-path codes.
   *
   * @param feature the feature name
   * @return the categories
   * @throws IllegalArgumentException if the feature is unknown or numeric
   */
  public List<String> categories(String feature) {
    Integer i = schema.index.get(feature);
    if (i == null || schema.features[i].numeric) {
      throw new IllegalArgumentException("feature must be a monitored categorical feature: "
          + feature);
    }
    return List.of(schema.features[i].categories);
  }

  /**
   * The reference profile the monitor compares with.
   *
   * @return the profile
   */
  public ReferenceProfile profile() {
    return profile;
  }

  /**
   * The window configuration.
   *
   * @return the window
   */
  public Window window() {
    return config.window();
  }

  /**
   * The memory one monitored feature costs in the open window, in bytes, for the largest feature
   * of this monitor (reservoir, counters and buffers of every stripe; see the class comment).
   *
   * @return bytes per feature
   */
  public long stateBytesPerFeature() {
    long max = 0;
    int stripes = config.stripes();
    for (FeatureSpec f : schema.features) {
      long b = 8L * (f.slots() + Schema.QUALITY) * stripes;
      if (f.numeric) {
        b += 8L * config.reservoirSize() + 8L * Accumulator.BUFFER_ROWS * stripes;
        if (pca != null) {
          b += 8L * config.rowSampleSize();
        }
      }
      max = Math.max(max, b);
    }
    return max;
  }

  /**
   * A monitor with the same configuration and listeners comparing with another reference (e.g.
   * after retraining). The new monitor starts empty. Multivariate drift, fitted on the old
   * reference rows, is not carried over: use {@link #withReference(ReferenceProfile, List)}.
   *
   * @param newProfile the new reference profile
   * @return a new monitor
   * @throws NullPointerException if {@code newProfile} is null
   * @throws IllegalArgumentException if the new profile has no feature
   */
  public DriftMonitor withReference(ReferenceProfile newProfile) {
    Objects.requireNonNull(newProfile, "new profile must not be null");
    return new DriftMonitor(newProfile, config, ProfileSchema.of(newProfile), null);
  }

  /**
   * A monitor with the same configuration and listeners comparing with another reference, with
   * multivariate drift fitted on new reference rows.
   *
   * @param newProfile the new reference profile
   * @param referenceRows the new reference rows for the PCA (see
   *     {@link Builder#multivariate(List)})
   * @return a new monitor
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the profile has no feature, fewer than 2 numeric
   *     features or fewer than 2 rows
   */
  public DriftMonitor withReference(ReferenceProfile newProfile,
      List<? extends Map<String, ?>> referenceRows) {
    Objects.requireNonNull(newProfile, "new profile must not be null");
    Objects.requireNonNull(referenceRows, "reference rows must not be null");
    Schema s = ProfileSchema.of(newProfile);
    return new DriftMonitor(newProfile, config, s,
        Builder.fitPca(s, referenceRows, config.pcaVarianceShare(), config.seed()));
  }

  // ---------------------------------------------------------------------------- state

  /**
   * Serialises the open window's state, the monitor's counters and the predictions still waiting
   * for a label (request id, prediction and time, oldest first) in a versioned, checksummed
   * binary format (see {@link #restore(byte[])}); the report history is not included. Writers pause
   * only while the stripes are summed; the pending predictions are copied shard by shard under
   * their locks, so a label joined concurrently with the snapshot may or may not be in it.
   *
   * @return the state
   */
  public byte[] snapshot() {
    WindowState st;
    long start;
    synchronized (closeLock) {
      lockAll();
      try {
        st = acc.harvest(false, newState());
        start = acc.start;
        drainPendingLocked();
      } finally {
        unlockAll();
      }
    }
    long seq;
    int cons;
    int cool;
    reportLock.lock();
    try {
      seq = windowSeq;
      cons = consecutive;
      cool = cooldownLeft;
    } finally {
      reportLock.unlock();
    }
    return StateCodec.encode(schema, st, new StateCodec.Header(seq, cons, cool, closedRecords,
        start, alerts), pending.oldestFirst());
  }

  /**
   * Replaces the open window, the counters and the pending predictions with serialised state
   * (e.g. after a restart), so labels arriving after the restart still join the predictions made
   * before it. Restored predictions keep their original time (they expire by this monitor's
   * pending-label timeout measured from when they were made); beyond this monitor's pending bound
   * the oldest are dropped and counted as expired. State of format version 1 (written before
   * pending predictions were stored) is still read and restores no pending predictions.
   *
   * @param state bytes from {@link #snapshot()} of a monitor of the same schema
   * @throws MonitorStateException if the state is corrupt, of a newer format, or from a monitor
   *     with another schema
   * @throws NullPointerException if {@code state} is null
   */
  public void restore(byte[] state) {
    Objects.requireNonNull(state, "state must not be null");
    StateCodec.Decoded d = StateCodec.decode(schema, state, this::newState);
    synchronized (closeLock) {
      lockAll();
      try {
        acc.harvest(true, d.state());
        acc.start = d.header().windowStart();
        if (countWindows) {
          acc.claimed.set(d.state().rows);
        } else {
          windowEnd = d.header().windowStart() + step;
        }
        closedRecords = d.header().closedRecords();
        for (PendingPredictions.Buffer b : pendingBuffers) {
          b.clear();
        }
        pending.load(d.pending(), false);
      } finally {
        unlockAll();
      }
    }
    reportLock.lock();
    try {
      windowSeq = d.header().windowSeq();
      consecutive = d.header().consecutive();
      cooldownLeft = d.header().cooldownLeft();
      alerts = d.header().alerts();
    } finally {
      reportLock.unlock();
    }
    if (countWindows && d.state().rows >= step) {
      rollover(false);
    }
  }

  /**
   * Adds another monitor's open window (serialised by its {@link #snapshot()}) into this
   * monitor's open window: counts are summed and samples united, so the result is the state of
   * one monitor fed both streams (exactly for counts, and for samples while they fit the
   * reservoir; beyond it a uniform sample of the union). The pending predictions are united too
   * (so the other monitor's requests can be labelled here): of the union the newest are kept up to
   * this monitor's pending bound, the older ones dropped and counted as expired, and of two
   * predictions with the same request id the newer is kept (the other counted as expired).
   * History and counters are not merged. A state of format version 1 brings no pending
   * predictions.
   *
   * @param state another monitor's snapshot
   * @throws MonitorStateException if the state is corrupt, of a newer format, or from a monitor
   *     with another schema
   * @throws NullPointerException if {@code state} is null
   */
  public void merge(byte[] state) {
    Objects.requireNonNull(state, "state must not be null");
    StateCodec.Decoded d = StateCodec.decode(schema, state, this::newState);
    synchronized (closeLock) {
      lockAll();
      try {
        acc.shared.mergeFrom(d.state());
        drainPendingLocked();
        pending.load(d.pending(), true);
        if (countWindows) {
          acc.claimed.addAndGet(d.state().rows);
        }
      } finally {
        unlockAll();
      }
    }
    if (countWindows && acc.claimed.get() >= step) {
      rollover(false);
    }
  }

  /**
   * Adds another live monitor's open window into this one ({@code merge(other.snapshot())}).
   *
   * @param other a monitor of the same schema
   * @throws MonitorStateException if the schemas differ
   * @throws NullPointerException if {@code other} is null
   */
  public void merge(DriftMonitor other) {
    merge(Objects.requireNonNull(other, "other must not be null").snapshot());
  }

  @Override
  public String toString() {
    return "DriftMonitor[" + schema.features.length + " features, " + config.window()
        + ", records " + records() + "]";
  }

  // ---------------------------------------------------------------------------- builder

  /**
   * Configures a {@link DriftMonitor}. Each setter validates its argument at once; rules that
   * span options are checked by {@link #build()}. Not thread-safe; build once per monitor.
   */
  public static final class Builder {

    private final ReferenceProfile profile;
    private Window window = Window.tumblingCount(1_000);
    private Clock clock = Clock.systemUTC();
    private final List<DriftListener> listeners = new ArrayList<>();
    private Executor executor;
    private int historySize = 100;
    private int reservoirSize = 10_000;
    private int rowSampleSize = 1_000;
    private long seed = 42L;
    private int minSampleSize = 30;
    private double alpha = 0.05;
    private double distanceThreshold = 0.1;
    private double minEffectSize = 0.1;
    private DecisionRule rule = DecisionRule.SIGNIFICANT_AND_EFFECT;
    private Correction correction = Correction.BENJAMINI_HOCHBERG;
    private double driftShare = 0.5;
    private int alertAfter = 1;
    private int cooldownWindows;
    private Baseline baseline = Baseline.REFERENCE;
    private final Map<String, DriftStatistic> tests = new HashMap<>();
    private final Map<String, Double> thresholds = new HashMap<>();
    private final Map<String, String> origins = new HashMap<>();
    private final java.util.Set<String> ignoredFields = new java.util.HashSet<>();
    private QualityThresholds quality = QualityThresholds.defaults();
    private int maxPending = 100_000;
    private Duration pendingTimeout = Duration.ofDays(1);
    private double classificationThreshold = 0.5;
    private int stripes = defaultStripes();
    private List<? extends Map<String, ?>> referenceRows;
    private double varianceShare = 0.65;
    private int sketchK;
    private static final int MAX_REFERENCE_ROWS = 10_000;

    private Builder(ReferenceProfile profile) {
      this.profile = profile;
    }

    private static int defaultStripes() {
      int n = Math.min(16, 4 * Runtime.getRuntime().availableProcessors());
      return Integer.highestOneBit(Math.max(1, n - 1) << 1);
    }

    /**
     * How traffic is cut into windows (default: tumbling windows of 1,000 records).
     *
     * @param window the window
     * @return this builder
     * @throws NullPointerException if {@code window} is null
     */
    public Builder window(Window window) {
      this.window = Objects.requireNonNull(window, "window must not be null");
      return this;
    }

    /**
     * The clock for time windows, label timeouts and report times (default the UTC system
     * clock); tests pass a controllable clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Adds a listener (called in the order added).
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(DriftListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
      return this;
    }

    /**
     * The host's executor on which closed windows are evaluated (default none: on the recording
     * thread that closed the window). The monitor never creates threads.
     *
     * @param executor the executor
     * @return this builder
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor must not be null");
      return this;
    }

    /**
     * Number of reports kept in {@link DriftMonitor#history()} (default 100).
     *
     * @param reports at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code reports} is less than 1
     */
    public Builder history(int reports) {
      requireArgument(reports >= 1, "history size must be at least 1: " + reports);
      this.historySize = reports;
      return this;
    }

    /**
     * Reservoir sample size per numeric feature and window (default 10,000), for the
     * exact-sample tests.
     *
     * @param size at least 100
     * @return this builder
     * @throws IllegalArgumentException if {@code size} is less than 100 or above 10,000,000
     */
    public Builder reservoirSize(int size) {
      requireArgument(size >= 100 && size <= 10_000_000,
          "reservoir size must be in [100, 10000000]: " + size);
      this.reservoirSize = size;
      return this;
    }

    /**
     * Seed of the reservoirs' random numbers (default 42): the same rows in the same order
     * give the same reports.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Minimum number of values (in the window and in the baseline) for a verdict; below it the
     * feature is {@link DriftStatus#INSUFFICIENT_DATA} (default 30).
     *
     * @param n at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public Builder minSampleSize(int n) {
      requireArgument(n >= 1, "minimum sample size must be at least 1: " + n);
      this.minSampleSize = n;
      return this;
    }

    /**
     * Significance level of the tests before correction (default 0.05).
     *
     * @param alpha in (0, 1)
     * @return this builder
     * @throws IllegalArgumentException if {@code alpha} is not in (0, 1)
     */
    public Builder alpha(double alpha) {
      requireArgument(alpha > 0 && alpha < 1, "alpha must be in (0, 1): " + alpha);
      this.alpha = alpha;
      return this;
    }

    /**
     * Distance at or above which a distance statistic (normed Wasserstein, Jensen-Shannon, PSI...)
     * means drift (default 0.1, Evidently's).
     *
     * @param threshold positive and finite
     * @return this builder
     * @throws IllegalArgumentException if {@code threshold} is not positive and finite
     */
    public Builder distanceThreshold(double threshold) {
      requireArgument(threshold > 0 && Double.isFinite(threshold),
          "distance threshold must be positive and finite: " + threshold);
      this.distanceThreshold = threshold;
      return this;
    }

    /**
     * Minimum effect size for a significant test to count as drift under
     * {@link DecisionRule#SIGNIFICANT_AND_EFFECT} (default 0.1).
     *
     * @param effect zero or more, finite
     * @return this builder
     * @throws IllegalArgumentException if {@code effect} is negative or not finite
     */
    public Builder minEffectSize(double effect) {
      requireArgument(effect >= 0 && Double.isFinite(effect),
          "minimum effect size must be finite and not negative: " + effect);
      this.minEffectSize = effect;
      return this;
    }

    /**
     * How a test becomes a verdict (default {@link DecisionRule#SIGNIFICANT_AND_EFFECT}).
     *
     * @param rule the rule
     * @return this builder
     * @throws NullPointerException if {@code rule} is null
     */
    public Builder decisionRule(DecisionRule rule) {
      this.rule = Objects.requireNonNull(rule, "decision rule must not be null");
      return this;
    }

    /**
     * Multiple-testing correction across features (default Benjamini-Hochberg).
     *
     * @param correction the correction
     * @return this builder
     * @throws NullPointerException if {@code correction} is null
     */
    public Builder correction(Correction correction) {
      this.correction = Objects.requireNonNull(correction, "correction must not be null");
      return this;
    }

    /**
     * Share of tested features that must drift for dataset drift (default 0.5).
     *
     * @param share in (0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code share} is not in (0, 1]
     */
    public Builder driftShare(double share) {
      requireArgument(share > 0 && share <= 1, "drift share must be in (0, 1]: " + share);
      this.driftShare = share;
      return this;
    }

    /**
     * Alert after this many consecutive drifted windows (default 1).
     *
     * @param windows at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code windows} is less than 1
     */
    public Builder alertAfter(int windows) {
      requireArgument(windows >= 1, "alert-after window count must be at least 1: " + windows);
      this.alertAfter = windows;
      return this;
    }

    /**
     * Windows after an alert during which no new alert is raised (default 0).
     *
     * @param windows zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code windows} is negative
     */
    public Builder cooldown(int windows) {
      requireArgument(windows >= 0, "cooldown window count must not be negative: " + windows);
      this.cooldownWindows = windows;
      return this;
    }

    /**
     * What windows are compared with (default the reference).
     *
     * @param baseline the baseline
     * @return this builder
     * @throws NullPointerException if {@code baseline} is null
     */
    public Builder baseline(Baseline baseline) {
      this.baseline = Objects.requireNonNull(baseline, "baseline must not be null");
      return this;
    }

    /**
     * Overrides the statistic of one feature (or of {@code "__prediction__"} /
     * {@code "__label__"}): a built-in ({@code DriftStatistic.KOLMOGOROV_SMIRNOV}) or a user's
     * ({@link DriftStatistic#ofSamples}, {@link DriftStatistic#ofCounts}). A statistic with a
     * p-value is decided on its p-value after the multiple-testing correction (with the effect-size
     * rule of {@link #decisionRule}), one without on its value against {@link
     * #distanceThreshold} or {@link #featureThreshold}; either way it appears in the report's text
     * and JSON under its key. A numeric feature's counts are its reference quantile bins; a
     * categorical feature takes only count statistics ({@link #build()} checks). A statistic that
     * throws, or returns a p-value outside [0, 1], gives the feature status {@link
     * DriftStatus#ERROR} with the reason; it never stops the monitor.
     *
     * @param feature the feature name
     * @param statistic the statistic
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public Builder featureTest(String feature, DriftStatistic statistic) {
      Objects.requireNonNull(feature, "feature must not be null");
      tests.put(feature, Objects.requireNonNull(statistic, "statistic must not be null"));
      return this;
    }

    /**
     * Overrides the threshold of one feature: the significance level for a test (then used
     * without multiple-testing correction), the distance for a distance.
     *
     * @param feature the feature name
     * @param threshold positive and finite
     * @return this builder
     * @throws NullPointerException if {@code feature} is null
     * @throws IllegalArgumentException if {@code threshold} is not positive and finite
     */
    public Builder featureThreshold(String feature, double threshold) {
      Objects.requireNonNull(feature, "feature must not be null");
      requireArgument(threshold > 0 && Double.isFinite(threshold),
          "threshold of feature " + feature + " must be positive and finite: " + threshold);
      thresholds.put(feature, threshold);
      origins.remove(feature);
      return this;
    }

    /**
     * Overrides the threshold of one feature as {@link #featureThreshold(String, double)} does and
     * says where it comes from; the origin is appended to the verdict's reason (e.g. {@code
     * "calibrated on 12 reference windows of 1000 rows: 99th percentile 0.0830"}).
     *
     * @param feature the feature name
     * @param threshold positive and finite
     * @param origin where the threshold comes from, in words
     * @return this builder
     * @throws NullPointerException if {@code feature} or {@code origin} is null
     * @throws IllegalArgumentException if {@code threshold} is not positive and finite
     */
    public Builder featureThreshold(String feature, double threshold, String origin) {
      Objects.requireNonNull(origin, "origin must not be null");
      featureThreshold(feature, threshold);
      origins.put(feature, origin);
      return this;
    }

    /**
     * Fields that requests carry but that are not model features (an id, a timestamp): they are
     * neither monitored nor counted as unknown features in {@link DataQuality}.
     *
     * @param names the field names
     * @return this builder
     * @throws NullPointerException if a name is null
     */
    public Builder ignoreFields(String... names) {
      for (String n : names) {
        ignoredFields.add(Objects.requireNonNull(n, "ignored field name must not be null"));
      }
      return this;
    }

    /**
     * Data-quality thresholds (default {@link QualityThresholds#defaults()}).
     *
     * @param thresholds the thresholds
     * @return this builder
     * @throws NullPointerException if {@code thresholds} is null
     */
    public Builder qualityThresholds(QualityThresholds thresholds) {
      this.quality = Objects.requireNonNull(thresholds, "quality thresholds must not be null");
      return this;
    }

    /**
     * Bounds on predictions waiting for labels (default 100,000 and one day): beyond the count
     * the oldest are evicted, beyond the age they expire; both are reported as expired.
     *
     * @param maxPending at least 1
     * @param timeout at least 1 ms
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if a bound is not positive
     */
    public Builder pendingLabels(int maxPending, Duration timeout) {
      requireArgument(maxPending >= 1, "max pending labels must be at least 1: " + maxPending);
      Objects.requireNonNull(timeout, "label timeout must not be null");
      requireArgument(timeout.toMillis() >= 1, "label timeout must be at least 1 ms: " + timeout);
      this.maxPending = maxPending;
      this.pendingTimeout = timeout;
      return this;
    }

    /**
     * Decision threshold on P(class 1) for estimated binary performance (default 0.5).
     *
     * @param threshold in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code threshold} is outside [0, 1]
     */
    public Builder classificationThreshold(double threshold) {
      requireArgument(threshold >= 0 && threshold <= 1,
          "classification threshold must be in [0, 1]: " + threshold);
      this.classificationThreshold = threshold;
      return this;
    }

    /**
     * Number of recording stripes (rounded up to a power of two; default 4 per processor, at
     * most 16). More stripes mean less contention and more memory.
     *
     * @param stripes in [1, 256]
     * @return this builder
     * @throws IllegalArgumentException if {@code stripes} is outside [1, 256]
     */
    public Builder concurrency(int stripes) {
      requireArgument(stripes >= 1 && stripes <= 256,
          "concurrency must be in [1, 256]: " + stripes);
      this.stripes = Integer.highestOneBit(stripes) == stripes ? stripes
          : Integer.highestOneBit(stripes) << 1;
      return this;
    }

    /**
     * Enables multivariate drift by PCA reconstruction error of the numeric features, fitted on
     * (a seeded sample of at most 10,000 of) these reference rows, keeping the components that
     * explain 65% of the variance.
     *
     * @param referenceRows reference rows with the numeric features by name
     * @return this builder
     * @throws NullPointerException if {@code referenceRows} is null
     * @throws IllegalArgumentException if there are fewer than 2 rows
     */
    public Builder multivariate(List<? extends Map<String, ?>> referenceRows) {
      Objects.requireNonNull(referenceRows, "reference rows must not be null");
      requireArgument(referenceRows.size() >= 2,
          "reference rows must number at least 2: " + referenceRows.size());
      this.referenceRows = referenceRows;
      return this;
    }

    /**
     * Share of the reference variance the kept principal components explain (default 0.65).
     *
     * @param share in (0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code share} is not in (0, 1]
     */
    public Builder pcaVarianceShare(double share) {
      requireArgument(share > 0 && share <= 1, "PCA variance share must be in (0, 1]: " + share);
      this.varianceShare = share;
      return this;
    }

    /**
     * Rows sampled per window for the multivariate check (default 1,000).
     *
     * @param rows at least 30
     * @return this builder
     * @throws IllegalArgumentException if {@code rows} is less than 30
     */
    public Builder rowSampleSize(int rows) {
      requireArgument(rows >= 30, "row sample size must be at least 30: " + rows);
      this.rowSampleSize = rows;
      return this;
    }

    /**
     * Adds a KLL quantile sketch (Apache DataSketches) per numeric feature and window, so each
     * report carries quantiles over every value of the window ({@link DriftReport#quantiles()}),
     * not only the reservoir's sample (default: no sketch). The sketch is updated when a stripe
     * flushes its buffer and costs a few KB per feature (about 1.3% rank error at k = 200); it
     * allocates only when it grows a level, O(log n) times per window.
     *
     * @param k the KLL accuracy parameter, in [8, 65535]
     * @return this builder
     * @throws IllegalArgumentException if {@code k} is outside [8, 65535]
     */
    public Builder quantileSketch(int k) {
      requireArgument(k >= 8 && k <= 65_535, "quantile sketch k must be in [8, 65535]: " + k);
      this.sketchK = k;
      return this;
    }

    /**
     * Builds the monitor; the open window starts now (by the clock).
     *
     * @return the monitor
     * @throws IllegalArgumentException if the profile has no feature, an override names an
     *     unknown feature, a categorical feature is given a sample statistic, or multivariate drift is enabled with fewer than 2 numeric features
     */
    public DriftMonitor build() {
      Schema schema = ProfileSchema.of(profile);
      for (Map.Entry<String, DriftStatistic> e : tests.entrySet()) {
        requireKnown(schema, e.getKey());
        Integer i = schema.index.get(e.getKey());
        requireArgument(i == null || schema.features[i].numeric || !e.getValue().onSamples(),
            "statistic of categorical feature " + e.getKey()
                + " must work on counts, not numeric samples: " + e.getValue().key());
      }
      for (String f : thresholds.keySet()) {
        requireKnown(schema, f);
      }
      PcaModel pca = referenceRows == null ? null
          : fitPca(schema, referenceRows, varianceShare, seed);
      MonitorConfig config = new MonitorConfig(window, clock, List.copyOf(listeners), executor,
          historySize, reservoirSize, rowSampleSize, seed, minSampleSize, alpha,
          distanceThreshold, minEffectSize, rule, correction, driftShare, alertAfter,
          cooldownWindows, baseline, Map.copyOf(tests), Map.copyOf(thresholds), Map.copyOf(origins),
          java.util.Set.copyOf(ignoredFields), quality,
          maxPending, pendingTimeout, classificationThreshold, stripes, varianceShare, sketchK);
      return new DriftMonitor(profile, config, schema, pca);
    }

    static PcaModel fitPca(Schema schema, List<? extends Map<String, ?>> rows, double share,
        long seed) {
      requireArgument(rows.size() >= 2, "reference rows must number at least 2: " + rows.size());
      String[] names = new String[schema.numeric];
      for (int j = 0; j < schema.numeric; j++) {
        names[j] = schema.features[schema.numericFeatures[j]].name;
      }
      requireArgument(names.length >= 2,
          "multivariate drift needs at least 2 numeric features: " + names.length);
      return PcaModel.fit(names, sample(rows, seed), share);
    }

    private static List<? extends Map<String, ?>> sample(List<? extends Map<String, ?>> rows,
        long seed) {
      if (rows.size() <= MAX_REFERENCE_ROWS) {
        return rows;
      }
      // seeded selection sampling (Knuth's Algorithm S), order preserved for chunking
      List<Map<String, ?>> out = new ArrayList<>(MAX_REFERENCE_ROWS);
      java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
      int needed = MAX_REFERENCE_ROWS;
      for (int i = 0; i < rows.size() && needed > 0; i++) {
        if (rnd.nextInt(rows.size() - i) < needed) {
          out.add(rows.get(i));
          needed--;
        }
      }
      return out;
    }

    private static void requireKnown(Schema schema, String feature) {
      requireArgument(schema.index.containsKey(feature) || Schema.PREDICTION.equals(feature)
          || Schema.LABEL.equals(feature), "overridden feature must be monitored: " + feature);
    }

    private static void requireArgument(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
