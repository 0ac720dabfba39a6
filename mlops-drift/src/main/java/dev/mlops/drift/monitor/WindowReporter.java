package dev.mlops.drift.monitor;

import dev.mlops.drift.fairness.FairnessAlert;
import dev.mlops.drift.fairness.FairnessWindow;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluation and alerting of closed windows, off the recording threads: closed windows queue here
 * in window order and are evaluated one at a time on the host's executor or, by default, on a
 * daemon thread of the monitor's own (started on demand, gone after 5 s idle). Assembles sliding
 * windows from their panes, keeps the history, the alert state (consecutive drifted windows,
 * cooldown) and calls the listeners.
 *
 * <p>Thread-safe.
 */
final class WindowReporter {

  private static final Logger LOG = LoggerFactory.getLogger(DriftMonitor.class);
  /** Set while a thread evaluates windows (so that waiting on evaluation from there returns). */
  private static final ThreadLocal<Boolean> EVALUATING = ThreadLocal.withInitial(() -> false);

  /** A closed window (or pane) waiting for evaluation. */
  private record Closed(WindowState state, boolean forced,
      CompletableFuture<Optional<DriftReport>> report) {}

  private final MonitorConfig config;
  private final WindowEvaluator evaluator;
  private final Supplier<WindowState> fresh;
  private final Consumer<WindowState> recycle;
  private final Executor executor;
  private final boolean ownThread;
  private final FairnessTracker fairness;
  /** The closed windows' late labels (null for a reporter without a label join). */
  private final LateLabels late;
  /** Runs before each window's evaluation (applies the recorded rows still queued). */
  private volatile Runnable beforeEvaluation = () -> { };

  private final Object queueLock = new Object();
  // guarded by queueLock
  private final ArrayDeque<Closed> queue = new ArrayDeque<>();
  private CompletableFuture<Optional<DriftReport>> lastSubmitted =
      CompletableFuture.completedFuture(Optional.empty());

  private final ReentrantLock reportLock = new ReentrantLock();
  // guarded by reportLock
  private final ArrayDeque<WindowState> panes = new ArrayDeque<>();
  private final ArrayDeque<DriftReport> history = new ArrayDeque<>();
  private WindowState previous;
  private long panesClosed;
  private long windowSeq;
  private int consecutive;
  private int cooldownLeft;
  private volatile long alerts;
  private volatile long fairnessAlerts;
  private volatile DriftReport latest;

  WindowReporter(MonitorConfig config, WindowEvaluator evaluator, Supplier<WindowState> fresh,
      Consumer<WindowState> recycle, FairnessTracker fairness, LateLabels late) {
    this.config = config;
    this.late = late;
    this.evaluator = evaluator;
    this.fresh = fresh;
    this.recycle = recycle;
    this.fairness = fairness;
    this.ownThread = config.executor() == null;
    this.executor = ownThread ? ownThread() : config.executor();
  }

  /** The executor windows are evaluated on (the monitor's own thread or the host's). */
  Executor executor() {
    return executor;
  }

  /** Completes once {@link #precalibrate}'s work has run (at once when there is none). */
  private volatile CompletableFuture<Void> precalibrated = CompletableFuture.completedFuture(null);

  /**
   * On the monitor's own thread, right after the monitor is built: computes the thresholds a
   * first window of {@code rows} rows looks up ({@link WindowEvaluator#precalibrate}), so that
   * this work (and the compilation of its code) is done before traffic rather than while the
   * first window's evaluation competes with serving. A host's executor receives only the windows'
   * work (the host schedules it), so nothing is run there ahead.
   */
  void precalibrate(long rows) {
    if (!ownThread) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    precalibrated = done;
    try {
      executor.execute(() -> {
        try {
          evaluator.precalibrate(rows);
        } finally {
          done.complete(null);
        }
      });
    } catch (RuntimeException e) {
      done.complete(null);
      LOG.debug("the drift monitor's thread did not take the calibration ahead of the first window", e);
    }
  }

  /** The window evaluator (for tests). */
  WindowEvaluator evaluator() {
    return evaluator;
  }

  /** Completes once the calibration ahead of the first window has run (for tests). */
  CompletableFuture<Void> precalibrated() {
    return precalibrated;
  }

  /** Sets what runs before each window's evaluation; called once, before any window closes. */
  void beforeEvaluation(Runnable r) {
    this.beforeEvaluation = r;
  }

  private static Executor ownThread() {
    return new MonitorThread();
  }

  /**
   * Queues a closed window (the caller holds the window lock, so windows queue in order) and
   * schedules its evaluation.
   *
   * @return the window's report, once evaluated (empty for a pane that completes no window yet)
   */
  CompletableFuture<Optional<DriftReport>> submit(WindowState state, boolean forced) {
    Closed c = new Closed(state, forced, new CompletableFuture<>());
    synchronized (queueLock) {
      queue.add(c);
      lastSubmitted = c.report();
    }
    try {
      if (!forced && executor instanceof MonitorThread own) {
        // a window a record filled: nobody waits for it, and the polling thread takes it within
        // a millisecond without a wake-up system call on the recording thread
        own.executeLazily(this::drain);
      } else {
        executor.execute(this::drain);
      }
    } catch (RuntimeException e) {
      LOG.warn("executor rejected the drift evaluation task; evaluating on this thread", e);
      drain();
    }
    return c.report();
  }

  /** Waits until every window submitted so far is evaluated (returns at once on that thread). */
  void awaitEvaluation() {
    CompletableFuture<Optional<DriftReport>> last;
    synchronized (queueLock) {
      last = lastSubmitted;
    }
    await(last);
  }

  /**
   * Waits for the windows submitted so far when they run on the monitor's own thread (which
   * always progresses); with a host executor, whose scheduling the monitor does not control,
   * returns at once.
   */
  void awaitIfOwnThread() {
    if (ownThread) {
      awaitEvaluation();
    }
  }

  /** Waits for one future unless called from the evaluating thread (which would wait forever). */
  static Optional<DriftReport> await(CompletableFuture<Optional<DriftReport>> f) {
    if (EVALUATING.get() && !f.isDone()) {
      return Optional.empty();
    }
    return f.join();
  }

  /** Evaluates the queued windows in order. */
  private void drain() {
    reportLock.lock();
    boolean outer = !EVALUATING.get();
    EVALUATING.set(true);
    try {
      for (;;) {
        Closed c;
        synchronized (queueLock) {
          c = queue.poll();
        }
        if (c == null) {
          return;
        }
        DriftReport r = null;
        try {
          beforeEvaluation.run();
          r = report(c.state(), c.forced());
        } catch (RuntimeException e) {
          LOG.error("drift report of window failed; the window is dropped", e);
        } finally {
          c.report().complete(Optional.ofNullable(r));
        }
      }
    } finally {
      if (outer) {
        EVALUATING.set(false);
      }
      reportLock.unlock();
    }
  }

  /** Computes, stores and publishes one report; null while a sliding window is not yet full. */
  private DriftReport report(WindowState pane, boolean forced) {
    WindowState cur = assemble(pane, forced);
    if (cur == null) {
      return null;
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
    FairnessWindow fair = fairness == null || cur.fairness == null ? null
        : fairness.evaluate(cur.fairness, windowSeq);
    DriftReport report = evaluator.report(windowSeq, cur.end, p, drifted, consecutive, alert,
        cur, cur.start, fair);
    history.addLast(report);
    while (history.size() > config.historySize()) {
      history.removeFirst();
    }
    if (late != null) {
      // before the state is recycled: the pairs its panes had at their close
      late.reported(report, config.window().panes() == 1 ? List.of(cur) : List.copyOf(panes));
    }
    latest = report;
    WindowState old = previous;
    previous = cur;
    if (old != null && old != cur && config.window().panes() == 1) {
      // tumbling windows: the window before the previous one is referenced by nothing now
      recycle.accept(old);
    }
    if (alert) {
      alerts++;
    }
    publish(report, alert);
    if (late != null) {
      for (LabelledWindow update : late.updates(pane.pane)) {
        for (DriftListener l : config.listeners()) {
          try {
            l.onLabelledWindow(update);
          } catch (RuntimeException e) {
            LOG.warn("drift listener failed in onLabelledWindow", e);
          }
        }
      }
    }
    return report;
  }

  /**
   * The latest labelled performance of the reported windows still in the history, oldest first
   * (waits as {@link #history()} does not: the caller waits).
   */
  List<LabelledWindow> labelledWindows() {
    return late == null ? List.of() : late.latest();
  }

  /** The window a pane completes: the pane itself for tumbling windows, else the merged panes. */
  private WindowState assemble(WindowState pane, boolean forced) {
    int perWindow = config.window().panes();
    if (perWindow == 1) {
      return pane;
    }
    // the pane's backlogged chances: merging panes adds their sums, not their backlogs
    evaluator.resolve(pane);
    panes.addLast(pane);
    while (panes.size() > perWindow) {
      panes.removeFirst();
    }
    if (config.window().unit() == Window.Unit.TIME) {
      // after idle time, panes older than the window's span no longer belong to it
      long size = config.window().size();
      while (panes.size() > 1 && panes.peekFirst().end <= pane.end - size) {
        panes.removeFirst();
      }
    }
    panesClosed++;
    if (panesClosed < perWindow && !forced) {
      return null;
    }
    WindowState cur = fresh.get();
    for (WindowState p : panes) {
      cur.mergeFrom(p);
    }
    cur.start = panes.peekFirst().start;
    if (config.window().unit() == Window.Unit.TIME && !forced) {
      // a full time window spans (end - size, end] even when an idle step left no pane
      cur.start = Math.min(cur.start, pane.end - config.window().size());
    }
    cur.end = pane.end;
    cur.pending = pane.pending;
    return cur;
  }

  private void publish(DriftReport report, boolean alert) {
    if (!config.logWindows()) {
      // a scratch monitor: no log lines
    } else if (report.drifted()) {
      LOG.warn("drift in window {} ({} records): {}", report.window(), report.records(),
          summary(report));
    } else if (report.dataQuality().alert()) {
      LOG.warn("data quality findings in window {}: {}", report.window(),
          report.dataQuality().findings());
    }
    notify(report, "onWindowClosed", DriftListener::onWindowClosed);
    if (alert) {
      notify(report, "onDrift", DriftListener::onDrift);
    }
    if (report.dataQuality().alert()) {
      notify(report, "onDataQuality", DriftListener::onDataQuality);
    }
    FairnessWindow fair = report.fairness();
    if (fair != null && !fair.alerts().isEmpty()) {
      fairnessAlerts += fair.alerts().size();
      LOG.warn("fairness alerts in window {}: {}", report.window(),
          fair.alerts().stream().map(FairnessAlert::toText).collect(Collectors.joining("; ")));
      notify(report, "onFairness", DriftListener::onFairness);
    }
  }

  private void notify(DriftReport report, String what,
      java.util.function.BiConsumer<DriftListener, DriftReport> call) {
    for (DriftListener l : config.listeners()) {
      try {
        call.accept(l, report);
      } catch (RuntimeException e) {
        LOG.warn("drift listener failed in {}", what, e);
      }
    }
  }

  /** The drift log line: dataset share and each drifted feature with the checks that fired. */
  static String summary(DriftReport r) {
    StringBuilder sb = new StringBuilder();
    if (r.datasetDrift()) {
      sb.append(String.format(Locale.ROOT, "dataset drift share %s >= %s; ",
          DriftReport.fmt(r.driftShare()), DriftReport.fmt(r.driftShareThreshold())));
    }
    sb.append(r.driftedFeatures().stream()
        .map(f -> String.format(Locale.ROOT, "%s (%s; effect %s)", f.feature(), f.evidence(),
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

  /** A one-off evaluation of a state: no history, no alert state, no listeners. */
  DriftReport evaluateAlone(WindowState st, FairnessWindow fair) {
    WindowEvaluator.Partial p = evaluator.evaluate(st, null);
    boolean drifted = p.drifted();
    return evaluator.report(1, st.end, p, drifted, drifted ? 1 : 0, false, st, st.start,
        fair);
  }

  DriftReport latest() {
    return latest;
  }

  long alerts() {
    return alerts;
  }

  long fairnessAlerts() {
    return fairnessAlerts;
  }

  List<DriftReport> history() {
    reportLock.lock();
    try {
      return List.copyOf(history);
    } finally {
      reportLock.unlock();
    }
  }

  /** The alert state for a snapshot: {windowSeq, consecutive, cooldownLeft, alerts}. */
  long[] alertState() {
    reportLock.lock();
    try {
      return new long[] {windowSeq, consecutive, cooldownLeft, alerts};
    } finally {
      reportLock.unlock();
    }
  }

  void restoreAlertState(long seq, int cons, int cool, long alertCount) {
    reportLock.lock();
    try {
      windowSeq = seq;
      consecutive = cons;
      cooldownLeft = cool;
      alerts = alertCount;
    } finally {
      reportLock.unlock();
    }
  }
}
