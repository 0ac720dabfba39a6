package dev.mlops.drift.monitor;

import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.internal.Reservoir;
import dev.mlops.metrics.Metric;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Labels that arrive after their prediction's window (pane) closed, credited to that window: the
 * labelled pairs of each of the last {@code horizon} closed panes (those joined by the close, taken
 * from the pane's state when its report is made, and the late ones), and the reported windows whose
 * {@link LabelledWindow} they complete. A label of a pane closed longer ago is counted beyond the
 * horizon and credited to none.
 *
 * <p>Memory: per tracked pane its pairs, at most {@code min(reservoirSize, predictions of the
 * pane)} rows (allocated at the first pair); per reported window (at most the history size) its
 * latest {@link LabelledWindow}.
 *
 * <p>Thread-safe: one lock, held briefly by a late label (one reservoir offer), by a close (one
 * small object) and by the evaluation thread's updates.
 */
final class LateLabels {

  /** One closed pane's labels. */
  private static final class Pane {
    final long number;
    /** Predictions recorded in the pane (and merged into it). */
    long predictions;
    /** Its labelled pairs, allocated at the first (null before). */
    Reservoir pairs;
    /** Labels joined after the close (outside the declared classes included). */
    long late;
    /** Of those, outside the declared classes (no pair). */
    long lateOutside;
    /** Whether the pairs joined by the close were taken from the pane's state (at its report). */
    boolean closeTaken;
    long closeLabels;
    long closeOutside;

    Pane(long number, long predictions) {
      this.number = number;
      this.predictions = predictions;
    }
  }

  /** A reported window whose labelled performance may still change. */
  private static final class Reported {
    final long window;
    final long first;
    final long last;
    final long start;
    final long end;
    /** Its estimate as reported, without a realised accuracy (or null). */
    final AccuracyEstimate estimate;
    /** A late label arrived since its last labelled performance was told. */
    boolean dirty;
    /** A late label ever arrived (its settling is told). */
    boolean late;
    boolean settled;
    LabelledWindow latest;

    Reported(long window, long first, long last, long start, long end, AccuracyEstimate estimate) {
      this.window = window;
      this.first = first;
      this.last = last;
      this.start = start;
      this.end = end;
      this.estimate = estimate;
    }
  }

  private final int horizon;
  private final int historySize;
  private final int reservoirSize;
  private final int width;
  private final long seed;
  private final int declaredClasses;
  private final double threshold;
  private final List<Metric> extra;
  // guarded by this
  /** Panes that take late labels, oldest first, numbers consecutive. */
  private final ArrayDeque<Pane> panes = new ArrayDeque<>();
  /** Panes past the horizon still needed by a reported window not yet settled. */
  private final ArrayDeque<Pane> past = new ArrayDeque<>();
  private final ArrayDeque<Reported> windows = new ArrayDeque<>();
  private final LongAdder beyond = new LongAdder();

  /**
   * Tracks the last {@code labelHorizon} closed panes (plus, for sliding windows, the panes a window
   * spans beyond one), pairs {@code pairWidth} wide.
   */
  LateLabels(MonitorConfig config, Schema schema, int pairWidth) {
    this.horizon = config.labelHorizon() + config.window().panes() - 1;
    this.historySize = config.historySize();
    this.reservoirSize = config.reservoirSize();
    this.width = pairWidth;
    this.seed = config.seed();
    this.declaredClasses = schema.declaredClasses;
    this.threshold = config.classificationThreshold();
    this.extra = config.realisedMetrics();
  }

  /** Pane {@code number} closed with {@code predictions}: it takes late labels from now on. */
  synchronized void closed(long number, long predictions) {
    panes.addLast(new Pane(number, predictions));
    while (panes.size() > horizon) {
      past.addLast(panes.removeFirst());
    }
  }

  /**
   * Credits a late label of pane {@code number}: its pair (label, prediction value, class, kind,
   * probabilities), or only its count when {@code outside} the declared classes.
   *
   * @return false when the pane lies beyond the horizon (counted)
   */
  synchronized boolean credit(long number, double[] pair, boolean outside) {
    Pane p = tracked(number);
    if (p == null) {
      beyond.increment();
      return false;
    }
    p.late++;
    if (outside) {
      p.lateOutside++;
    } else {
      pairs(p).offerRow(pair, 0);
    }
    for (Reported r : windows) {
      if (r.first <= number && number <= r.last) {
        r.dirty = true;
        r.late = true;
      }
    }
    return true;
  }

  /** Labels whose pane lay beyond the horizon, since the monitor was built (or restored). */
  long beyondHorizon() {
    return beyond.sum();
  }

  private Pane tracked(long number) {
    Pane first = panes.peekFirst();
    if (first == null || number < first.number || number > panes.peekLast().number) {
      return null;
    }
    for (Pane p : panes) {
      if (p.number == number) {
        return p;
      }
    }
    return null;
  }

  private Pane any(long number) {
    Pane p = tracked(number);
    if (p != null) {
      return p;
    }
    for (Pane q : past) {
      if (q.number == number) {
        return q;
      }
    }
    return null;
  }

  /** The pane's pairs, allocated (or grown, after a merge added predictions) to hold them all. */
  private Reservoir pairs(Pane p) {
    int capacity = (int) Math.max(1, Math.min(reservoirSize, p.predictions));
    if (p.pairs == null || p.pairs.capacity() < capacity) {
      Reservoir grown = new Reservoir(capacity, width, Reservoir.mix(seed, -3 - p.number));
      if (p.pairs != null) {
        grown.unite(p.pairs);
      }
      p.pairs = grown;
    }
    return p.pairs;
  }

  /**
   * On the evaluation thread, after a window's report: takes the pairs its panes had at their
   * close and starts the window's labelled performance.
   *
   * @param report the window's report
   * @param states the states of the panes it spans, oldest first (one for tumbling windows)
   */
  synchronized void reported(DriftReport report, List<WindowState> states) {
    boolean late = false;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (WindowState s : states) {
      first = Math.min(first, s.pane);
      last = Math.max(last, s.pane);
      Pane p = any(s.pane);
      if (p == null) {
        continue;
      }
      if (!p.closeTaken) {
        p.closeTaken = true;
        p.closeLabels = Math.max(0, s.labels - s.lateLabels - s.labelsBeyondHorizon);
        p.closeOutside = Math.max(0, s.outsideClasses - s.lateOutsideClasses);
        if (s.labelPairs.size() > 0) {
          pairs(p).unite(s.labelPairs);
        }
      }
      late |= p.late > 0;
    }
    AccuracyEstimate e = report.performance().accuracyEstimate();
    Reported r = new Reported(report.window(), first, last, report.start().toEpochMilli(),
        report.end().toEpochMilli(), e == null ? null : new AccuracyEstimate(e.rows(), e.estimate(),
            e.lower(), e.upper(), e.confidence(), Double.NaN, e.extrapolated()));
    r.late = late;
    r.dirty = late;
    if (!late) {
      // nothing arrived after the close: the report's performance is the window's
      Performance perf = report.performance();
      long outside = 0;
      long predictions = 0;
      for (WindowState s : states) {
        outside += Math.max(0, s.outsideClasses - s.lateOutsideClasses);
        predictions += s.predictions;
      }
      r.latest = new LabelledWindow(r.window, report.start(), report.end(), predictions,
          perf.labelled(), 0, outside, perf.realised(), perf.undefined(), perf.accuracyEstimate(),
          false);
    }
    windows.addLast(r);
    while (windows.size() > historySize) {
      windows.removeFirst();
    }
  }

  /**
   * On the evaluation thread: the labelled performances changed by late labels since they were
   * last told, and the last of each window with late labels that left the horizon (settled); the
   * panes no window needs any more are dropped. A window settles at the report of the pane whose
   * close took its last pane out of the horizon (whenever that report is evaluated).
   *
   * @param reportedPane the last pane of the window just reported
   */
  synchronized List<LabelledWindow> updates(long reportedPane) {
    List<LabelledWindow> out = new ArrayList<>();
    long firstTracked = reportedPane + 1 - horizon;
    long needed = Long.MAX_VALUE;
    for (Reported r : windows) {
      if (r.settled) {
        continue;
      }
      boolean settles = r.last < firstTracked;
      if (r.dirty || (settles && r.late) || r.latest == null) {
        boolean tell = r.dirty || (settles && r.late);
        r.latest = compute(r, settles);
        r.dirty = false;
        if (tell) {
          out.add(r.latest);
        }
      } else if (settles) {
        r.latest = settledCopy(r.latest);
      }
      r.settled = settles;
      if (!settles) {
        needed = Math.min(needed, r.first);
      }
    }
    // a pane whose report is still queued (evaluation behind the closes) stays for it
    needed = Math.min(needed, reportedPane + 1);
    while (!past.isEmpty() && past.peekFirst().number < needed) {
      past.removeFirst();
    }
    return out;
  }

  /** The latest labelled performance of the reported windows, oldest first (none computed here when told since). */
  synchronized List<LabelledWindow> latest() {
    List<LabelledWindow> out = new ArrayList<>(windows.size());
    for (Reported r : windows) {
      if (r.dirty || r.latest == null) {
        // read without telling: the listeners hear of it after the next window's report
        out.add(compute(r, r.settled));
      } else {
        out.add(r.latest);
      }
    }
    return out;
  }

  private static LabelledWindow settledCopy(LabelledWindow w) {
    return new LabelledWindow(w.window(), w.start(), w.end(), w.predictions(), w.labelled(),
        w.lateLabels(), w.outsideClasses(), w.realised(), w.undefined(), w.accuracyEstimate(), true);
  }

  /** The labelled performance of a window from its panes' pairs (exact while they fit). */
  private LabelledWindow compute(Reported r, boolean settled) {
    long predictions = 0;
    long labelled = 0;
    long late = 0;
    long outside = 0;
    int rows = 0;
    List<Pane> spanned = new ArrayList<>();
    for (long n = r.first; n <= r.last; n++) {
      Pane p = any(n);
      if (p == null) {
        continue;
      }
      spanned.add(p);
      predictions += p.predictions;
      labelled += p.closeLabels + p.late;
      late += p.late;
      outside += p.closeOutside + p.lateOutside;
      rows += p.pairs == null ? 0 : p.pairs.size();
    }
    Reservoir all = new Reservoir(Math.max(1, rows), width, Reservoir.mix(seed, -3 - r.first));
    for (Pane p : spanned) {
      if (p.pairs != null) {
        all.unite(p.pairs);
      }
    }
    List<String> undefined = new ArrayList<>();
    Map<String, Double> realised;
    try {
      realised = Performances.realised(all, declaredClasses, threshold, undefined, extra);
    } catch (RuntimeException e) {
      realised = Map.of();
      undefined.add("realised metrics: " + e.getMessage());
    }
    AccuracyEstimate estimate = r.estimate;
    Double acc = realised.get(Metric.ACCURACY.key());
    if (estimate != null && acc != null && acc >= 0 && acc <= 1) {
      estimate = estimate.withRealised(acc);
    }
    return new LabelledWindow(r.window, Instant.ofEpochMilli(r.start), Instant.ofEpochMilli(r.end),
        predictions, labelled, Math.min(late, labelled), outside, realised, undefined, estimate,
        settled);
  }

  // ------------------------------------------------------------------------- state format

  /**
   * Writes the tracked panes and the reported windows not yet settled, pane numbers as ages before {@code openPane}
   * (so that a restoring or merging monitor maps them onto its own numbering).
   */
  synchronized void write(DataOutputStream out, long openPane) throws IOException {
    out.writeLong(beyond.sum());
    List<Pane> all = new ArrayList<>(past);
    all.addAll(panes);
    out.writeInt(all.size());
    for (Pane p : all) {
      out.writeLong(openPane - p.number);
      out.writeBoolean(tracked(p.number) != null);
      out.writeLong(p.predictions);
      out.writeLong(p.late);
      out.writeLong(p.lateOutside);
      out.writeBoolean(p.closeTaken);
      out.writeLong(p.closeLabels);
      out.writeLong(p.closeOutside);
      out.writeBoolean(p.pairs != null);
      if (p.pairs != null) {
        StateCodec.reservoir(out, p.pairs);
      }
    }
    List<Reported> open = windows.stream().filter(r -> !r.settled).toList();
    out.writeInt(open.size());
    for (Reported r : open) {
      out.writeLong(r.window);
      out.writeLong(openPane - r.first);
      out.writeLong(openPane - r.last);
      out.writeLong(r.start);
      out.writeLong(r.end);
      out.writeBoolean(r.late);
      out.writeBoolean(r.dirty);
      out.writeBoolean(r.settled);
      out.writeBoolean(r.estimate != null);
      if (r.estimate != null) {
        AccuracyEstimate e = r.estimate;
        out.writeLong(e.rows());
        for (double d : new double[] {e.estimate(), e.lower(), e.upper(), e.confidence(),
            e.extrapolated()}) {
          out.writeDouble(d);
        }
      }
    }
  }

  /** Writes an empty late-label state (a state of no monitor's windows). */
  static void writeNone(DataOutputStream out) throws IOException {
    out.writeLong(0);
    out.writeInt(0);
    out.writeInt(0);
  }

  /** A decoded late-label state, pane numbers as ages (see {@link #write}). */
  record Saved(long beyond, List<SavedPane> panes, List<SavedWindow> windows) {
    static final Saved NONE = new Saved(0, List.of(), List.of());
  }

  record SavedPane(long age, boolean tracked, long predictions, long late, long lateOutside,
      boolean closeTaken, long closeLabels, long closeOutside, Reservoir pairs) {}

  record SavedWindow(long window, long firstAge, long lastAge, long start, long end, boolean late,
      boolean dirty, boolean settled, AccuracyEstimate estimate) {}

  /** Reads what {@link #write} wrote, refusing negative counts and ages (a {@link MonitorStateException}). */
  static Saved read(DataInputStream in, int pairWidth, int reservoirSize, long seed)
      throws IOException {
    long beyond = in.readLong();
    int n = in.readInt();
    StateCodec.remaining(in, 51L * Math.max(0, n), n + " late-label panes");
    if (n < 0 || beyond < 0) {
      throw new MonitorStateException("monitor state late labels are invalid: " + n + " panes, "
          + beyond + " beyond the horizon");
    }
    List<SavedPane> panes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long age = in.readLong();
      boolean tracked = in.readBoolean();
      long predictions = in.readLong();
      long late = in.readLong();
      long lateOutside = in.readLong();
      boolean closeTaken = in.readBoolean();
      long closeLabels = in.readLong();
      long closeOutside = in.readLong();
      if (age < 1 || predictions < 0 || late < 0 || lateOutside < 0 || lateOutside > late
          || closeLabels < 0 || closeOutside < 0) {
        throw new MonitorStateException("monitor state late-label pane " + i + " is invalid: age "
            + age + ", predictions " + predictions + ", late " + late + " (" + lateOutside
            + " outside the classes), by the close " + closeLabels + " (" + closeOutside + ")");
      }
      Reservoir pairs = null;
      if (in.readBoolean()) {
        int capacity = (int) Math.max(1, Math.min(reservoirSize, predictions));
        pairs = new Reservoir(capacity, pairWidth, seed);
        StateCodec.readReservoir(in, pairs);
      }
      panes.add(new SavedPane(age, tracked, predictions, late, lateOutside, closeTaken,
          closeLabels, closeOutside, pairs));
    }
    int m = in.readInt();
    StateCodec.remaining(in, 44L * Math.max(0, m), m + " labelled windows");
    if (m < 0) {
      throw new MonitorStateException("monitor state labelled windows must not be negative: " + m);
    }
    List<SavedWindow> windows = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      long window = in.readLong();
      long firstAge = in.readLong();
      long lastAge = in.readLong();
      long start = in.readLong();
      long end = in.readLong();
      boolean late = in.readBoolean();
      boolean dirty = in.readBoolean();
      boolean settled = in.readBoolean();
      AccuracyEstimate estimate = null;
      if (in.readBoolean()) {
        long rows = in.readLong();
        double[] d = new double[5];
        for (int j = 0; j < d.length; j++) {
          d[j] = in.readDouble();
        }
        try {
          estimate = new AccuracyEstimate(rows, d[0], d[1], d[2], d[3], Double.NaN, d[4]);
        } catch (IllegalArgumentException e) {
          throw new MonitorStateException("monitor state labelled window " + window
              + " has an invalid estimate: " + e.getMessage(), e);
        }
      }
      if (window < 1 || lastAge < 1 || firstAge < lastAge) {
        throw new MonitorStateException("monitor state labelled window " + i + " is invalid:"
            + " window " + window + ", pane ages " + firstAge + " to " + lastAge);
      }
      windows.add(new SavedWindow(window, firstAge, lastAge, start, end, late, dirty, settled,
          estimate));
    }
    return new Saved(beyond, panes, windows);
  }

  /**
   * Replaces (a restore) or unites with (a merge, when {@code add}) the late-label state, its pane
   * ages mapped before {@code openPane}. A merge unites the pairs and counts of panes of the same
   * age and keeps this monitor's reported windows (the other monitor's reports are its own).
   */
  synchronized void load(Saved saved, long openPane, boolean add) {
    if (!add) {
      panes.clear();
      past.clear();
      windows.clear();
      beyond.reset();
    }
    if (!add) {
      beyond.add(saved.beyond()); // a merge unites windows, not the other monitor's counters
    }
    for (SavedPane s : saved.panes()) {
      long number = openPane - s.age();
      if (add) {
        Pane p = tracked(number);
        if (p == null) {
          continue; // not tracked here: its labels count beyond the horizon
        }
        p.predictions += s.predictions();
        p.late += s.late();
        p.lateOutside += s.lateOutside();
        if (s.pairs() != null) {
          pairs(p).unite(s.pairs());
        }
        for (Reported r : windows) {
          if (s.late() > 0 && r.first <= number && number <= r.last) {
            r.dirty = true;
            r.late = true;
          }
        }
        continue;
      }
      Pane p = new Pane(number, s.predictions());
      p.late = s.late();
      p.lateOutside = s.lateOutside();
      p.closeTaken = s.closeTaken();
      p.closeLabels = s.closeLabels();
      p.closeOutside = s.closeOutside();
      if (s.pairs() != null) {
        pairs(p).unite(s.pairs());
      }
      (s.tracked() ? panes : past).addLast(p);
    }
    if (!add) {
      for (SavedWindow w : saved.windows()) {
        Reported r = new Reported(w.window(), openPane - w.firstAge(), openPane - w.lastAge(),
            w.start(), w.end(), w.estimate());
        r.late = w.late();
        r.dirty = w.dirty();
        r.settled = w.settled();
        windows.addLast(r);
      }
      while (panes.size() > horizon) {
        past.addLast(panes.removeFirst());
      }
      while (windows.size() > historySize) {
        windows.removeFirst();
      }
    }
  }
}
