package dev.mlops.drift.monitor;

import dev.mlops.drift.decision.PerformanceEstimator;
import dev.mlops.drift.decision.ProbabilityCalibration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each row's chance of being predicted right, summed into its window's confidence sums for the
 * label-free estimate, computed where buffered rows are applied (the monitor's evaluation thread)
 * and not on the request: a recording thread only writes what the chance needs besides the
 * row's buffered features (the number of classes, the top probability and class, the positive
 * class's raw probability; {@link #write}), and the chance (calibration, the stacked outcome
 * model, the neighbour search of the local correction) is computed when the row's buffer is
 * applied to its window.
 *
 * <p>Until the estimator's fit is ready ({@link EstimatorFit}), applied rows are kept in their
 * window's backlog, in order, and their chances are computed, in the same order, by the first
 * application after the fit or at the window's evaluation, which waits for the fit. So a window's
 * sums are the same, bit for bit, whenever the fit finishes, and the same as when they were
 * computed on the recording thread (one recording thread: rows are applied in the order they were
 * recorded). The backlogs of all windows hold at most {@link #BACKLOG_DOUBLES} values (32 MiB);
 * beyond it, a row's chance is not computed and the row is counted ({@link
 * WindowState#unestimated}, said in the window's performance section): recording neither blocks
 * nor grows memory without bound, and nothing is left out silently.
 *
 * <p>Thread-safe: {@link #apply} and {@link #resolve} run with the window state locked.
 */
final class RowChances {

  /**
   * Values a row's chance needs besides its numeric features, per buffered row, before its
   * categorical features' codes ({@link #width}).
   */
  static final int WIDTH = 4;
  /** The number of classes, or {@link #NONE} for a row without class probabilities. */
  static final int K = 0;
  static final int MAX = 1;
  static final int TOP = 2;
  /** The positive class's probability (binary), else NaN. */
  static final int RAW = 3;
  static final double NONE = -1;

  /** Rows {@link #drain} computes with a window locked. */
  static final int CHUNK_ROWS = 64;

  /** Values all windows' backlogs may hold (32 MiB): rows waiting for the fit or for {@link #drain}. */
  static final long BACKLOG_DOUBLES = 1L << 22;

  private final Schema schema;
  private final EstimatorFit fit;
  private final double threshold;
  private final long budget;
  /** Values per row of the chance inputs ({@link #width}). */
  private final int cw;
  private final AtomicLong held = new AtomicLong();
  /** Windows whose backlog {@link #drain} is to compute (each at most once, see {@link WindowState#draining}). */
  private final ConcurrentLinkedQueue<WindowState> waiting = new ConcurrentLinkedQueue<>();
  private volatile Fitted fitted;

  RowChances(Schema schema, EstimatorFit fit, double threshold, long budget) {
    this.schema = schema;
    this.fit = fit;
    this.threshold = threshold;
    this.budget = budget;
    this.cw = width(schema);
  }

  /**
   * Values per row of the chance inputs: {@link #WIDTH}, then one category code per categorical
   * feature (at {@code WIDTH + categoricalSlot}: the index among the reference categories, -1
   * unseen, NaN missing), which the estimate's indicator columns read ({@link Fitted}).
   */
  static int width(Schema schema) {
    return WIDTH + schema.categorical;
  }

  /** The monitor's row chances, or null when it has no estimator (the raw sums on the request). */
  static RowChances of(Schema schema, MonitorConfig config) {
    return config.estimator().expected()
        ? new RowChances(schema, config.estimator(), config.classificationThreshold(), BACKLOG_DOUBLES)
        : null;
  }

  /** The raw-probability sums (no estimator), computed as rows are recorded. */
  static Fitted raw(double threshold) {
    return new Fitted(null, null, null, threshold);
  }

  /** The estimator's fit. */
  EstimatorFit fit() {
    return fit;
  }

  /** Writes what a row's chance needs of its prediction (probabilities) at {@code o}. */
  static void write(double[] ch, int o, Prediction p) {
    int k = p.classes();
    int top = p.classIndex(); // the first most probable class (ofProbabilities validates [0, 1])
    double max = p.probability(top);
    ch[o + K] = k;
    ch[o + MAX] = max;
    ch[o + TOP] = top;
    ch[o + RAW] = k == 2 ? p.probability(1) : Double.NaN;
  }

  /**
   * Adds the chances of {@code rows} buffered rows (features in {@code buf}, {@code w} per row;
   * chance inputs in {@code ch}) to window {@code s}, whose monitor the caller holds. With {@code
   * mayWait} (a {@link MonitorState}: the updating thread is the only one), waits for the fit and
   * computes them here; without it (the hand-off), only appends them to the window's backlog, in
   * order: {@link #drain} computes them on the monitor's thread after the queued buffers are
   * applied, and a window's evaluation computes what is left. So a recording thread that applies
   * buffers itself (none free) never computes a chance, and the sums are added in the order the
   * rows were applied, as when each buffer's chances were computed at once.
   */
  void apply(WindowState s, double[] buf, int w, double[] ch, int rows, boolean mayWait) {
    if (!mayWait) {
      defer(s, buf, w, ch, rows);
      return;
    }
    Fitted f = fitted(true);
    if (s.backlog != null) {
      flush(s, f, Integer.MAX_VALUE);
    }
    double[] row = f.scratch();
    for (int r = 0, o = 0, base = 0; r < rows; r++, o += cw, base += w) {
      if (ch[o + K] >= 0) {
        f.features(buf, base, ch, o, row);
        f.add(s.confidence, 0, (int) ch[o + K], ch[o + MAX], (int) ch[o + TOP], ch[o + RAW], row);
      }
    }
  }

  /**
   * Marks window {@code s} as holding rows whose chances {@link #drain} is to compute (called by
   * the hand-off after it applied a buffer to {@code s}; a copy taken for a snapshot is not
   * marked, its backlog is resolved by the snapshot).
   */
  void waiting(WindowState s) {
    synchronized (s) {
      if (s.backlog != null && !s.draining) {
        s.draining = true;
        waiting.add(s);
      }
    }
  }

  /**
   * Computes backlogged chances, in each window's row order, {@link #CHUNK_ROWS} rows at a time
   * (the window locked for one chunk only, so a recording thread applying a buffer to it waits
   * at most a chunk), until no window waits, {@code yield} says that buffers wait to be applied
   * (they go first: binning them keeps recording threads from applying buffers themselves) or
   * {@code maxRows} rows were computed. Nothing is computed while the fit is not ready. One
   * thread drains at a time (the hand-off's task is scheduled once).
   *
   * @return the rows computed
   */
  long drain(java.util.function.BooleanSupplier yield, long maxRows) {
    Fitted f = fitted(false);
    if (f == null) {
      return 0;
    }
    long done = 0;
    for (;;) {
      WindowState s = waiting.peek();
      if (s == null) {
        return done;
      }
      synchronized (s) {
        done += s.backlog == null ? 0 : flush(s, f, CHUNK_ROWS);
        if (s.backlog == null) {
          waiting.poll(); // only the drainer removes: the head is still s
          s.draining = false;
        }
      }
      if (done >= maxRows || yield.getAsBoolean()) {
        return done;
      }
    }
  }

  /** Whether {@link #drain} has work: the fit is ready and a window's backlog waits. */
  boolean draining() {
    return fitted != null && !waiting.isEmpty();
  }

  /**
   * Waits for the estimator's fit (running it here if no thread has started it), adds the
   * window's backlog to its sums and returns the fit's outcome: what the window's estimate uses.
   */
  Fitted resolve(WindowState s) {
    Fitted f = fitted(true);
    synchronized (s) {
      if (s.backlog != null) {
        flush(s, f, Integer.MAX_VALUE);
      }
    }
    return f;
  }

  /** Gives the values of a window's backlog back to the budget (the state is emptied or dropped). */
  void release(WindowState s) {
    if (s.backlog != null) {
      held.addAndGet(-(s.backlogLength - s.backlogStart));
      s.backlog = null;
      s.backlogLength = 0;
      s.backlogStart = 0;
    }
  }

  /** Appends {@code other}'s backlog to {@code s}'s (a merge; both locked or confined). */
  void merge(WindowState s, WindowState other) {
    if (other.backlog == null) {
      return;
    }
    int n = other.backlogLength - other.backlogStart;
    if (!reserve(n)) {
      count(s, n / (schema.bufferWidth() + cw));
      return;
    }
    append(s, other.backlog, other.backlogStart, n);
  }

  private Fitted fitted(boolean mayWait) {
    Fitted f = fitted;
    if (f != null) {
      return f;
    }
    EstimatorFit.Outcome o = mayWait ? fit.await() : fit.now();
    if (o == null) {
      return null;
    }
    f = new Fitted(o.estimator(), o.failure(), schema, threshold);
    if (fit.now() != null) {
      fitted = f; // a settled fit (not an interrupted wait) is kept
    }
    return f;
  }

  private void defer(WindowState s, double[] buf, int w, double[] ch, int rows) {
    int keep = 0;
    for (int r = 0; r < rows; r++) {
      keep += ch[r * cw + K] >= 0 ? 1 : 0;
    }
    if (keep == 0) {
      return;
    }
    int width = w + cw;
    if (!reserve((long) keep * width)) {
      count(s, keep);
      return;
    }
    for (int r = 0; r < rows; r++) {
      if (ch[r * cw + K] >= 0) {
        append(s, buf, r * w, w);
        append(s, ch, r * cw, cw);
      }
    }
  }

  private boolean reserve(long n) {
    long now = held.addAndGet(n);
    if (now > budget || now < 0) {
      held.addAndGet(-n);
      return false;
    }
    return true;
  }

  private static void append(WindowState s, double[] from, int at, int n) {
    double[] b = s.backlog;
    int len = s.backlogLength;
    if (b != null && len + n > b.length && s.backlogStart > 0) {
      // rows drained from the front: move the rest down before growing
      System.arraycopy(b, s.backlogStart, b, 0, len - s.backlogStart);
      len -= s.backlogStart;
      s.backlogStart = 0;
    }
    if (b == null || len + n > b.length) {
      long grow = b == null ? 1_024 : 2L * b.length;
      int size = (int) Math.min(Integer.MAX_VALUE - 8, Math.max((long) len + n, grow));
      b = b == null ? new double[size] : Arrays.copyOf(b, size);
      s.backlog = b;
    }
    System.arraycopy(from, at, b, len, n);
    s.backlogLength = len + n;
  }

  /**
   * Rows left out of the estimate because the backlog's budget was spent: before the fit was
   * ready ({@link WindowState#unestimated}), or after it, while the monitor's thread was behind
   * ({@link WindowState#unestimatedBehind}).
   */
  private void count(WindowState s, long rows) {
    if (fit.now() == null) {
      s.unestimated += rows;
    } else {
      s.unestimatedBehind += rows;
    }
  }

  /**
   * Adds up to {@code maxRows} of the backlog's rows to the sums, from its front in their order,
   * and gives their values back to the budget; empties the backlog when none is left.
   *
   * @return the rows taken from the backlog
   */
  private int flush(WindowState s, Fitted f, int maxRows) {
    int w = schema.bufferWidth();
    int width = w + cw;
    double[] b = s.backlog;
    double[] row = f.scratch();
    int o = s.backlogStart;
    int taken = 0;
    for (; o + width <= s.backlogLength && taken < maxRows; o += width, taken++) {
      int c = o + w;
      f.features(b, o, b, c, row);
      f.add(s.confidence, 0, (int) b[c + K], b[c + MAX], (int) b[c + TOP], b[c + RAW], row);
    }
    held.addAndGet(-(o - s.backlogStart));
    s.backlogStart = o;
    if (o >= s.backlogLength) {
      s.backlog = null;
      s.backlogLength = 0;
      s.backlogStart = 0;
    }
    return taken;
  }

  /**
   * What the sums use once the fit is settled: the estimator (null: the raw probabilities) with
   * its calibration, its correction's features as buffer slots, and why there is none.
   */
  static final class Fitted {
    final PerformanceEstimator estimator;
    final String failure;
    private final ProbabilityCalibration calibration;
    private final boolean topLabel;
    /** The estimator when it corrects each row's chance by its features, else null. */
    private final PerformanceEstimator corrected;
    /** Per correction feature, its numeric buffer slot ({@code -1}: not a numeric feature here). */
    private final int[] slots;
    /**
     * Per correction feature read from a categorical feature's code (an indicator column {@code
     * feature=level}, {@link CategoryColumns}), the code's place in the chance inputs; -1 for the
     * others.
     */
    private final int[] codeAt;
    /**
     * Per correction feature with a {@link #codeAt}, per reference category index, 1 when the
     * category is the column's level, else 0 (unseen codes: 0, pooled with the rare levels).
     */
    private final double[][] indicator;
    private final double threshold;

    Fitted(PerformanceEstimator estimator, String failure, Schema schema, double threshold) {
      this.estimator = estimator;
      this.failure = failure;
      this.threshold = threshold;
      this.calibration = estimator == null ? null : estimator.calibration();
      this.topLabel = estimator != null && estimator.isTopLabel();
      List<String> names = estimator == null ? List.of() : estimator.correctionFeatures();
      if (names.isEmpty()) {
        this.corrected = null;
        this.slots = null;
        this.codeAt = null;
        this.indicator = null;
      } else {
        this.corrected = estimator;
        this.slots = new int[names.size()];
        Arrays.fill(slots, -1);
        for (FeatureSpec f : schema.features) {
          int j = names.indexOf(f.name);
          if (j >= 0 && f.numeric) {
            slots[j] = f.numericSlot;
          }
        }
        int[] at = new int[names.size()];
        double[][] ind = new double[names.size()][];
        boolean any = CategoryColumns.indicators(schema, names, slots, at, ind);
        for (int j = 0; j < at.length; j++) {
          at[j] = at[j] < 0 ? -1 : WIDTH + at[j];
        }
        this.codeAt = any ? at : null;
        this.indicator = any ? ind : null;
      }
    }

    /** A row of the correction's features for {@link #add}, or null without a correction. */
    double[] scratch() {
      return slots == null ? null : new double[slots.length];
    }

    /**
     * Reads a row's correction features into {@code row} (from {@link #scratch}; no effect when
     * null): numeric ones from {@code buf} at {@code base} (as buffered, NaN when missing), the
     * indicator columns from the category codes in the chance inputs {@code ch} at {@code o}.
     */
    void features(double[] buf, int base, double[] ch, int o, double[] row) {
      if (row == null) {
        return;
      }
      for (int j = 0; j < row.length; j++) {
        int slot = slots[j];
        row[j] = slot < 0 ? Double.NaN : buf[base + slot];
      }
      if (codeAt != null) {
        for (int j = 0; j < row.length; j++) {
          if (codeAt[j] >= 0) {
            double code = ch[o + codeAt[j]];
            double[] levels = indicator[j];
            // NaN: a missing value (NaN in every column of the feature); -1 (unseen) or a rare
            // level: 0 in every column of the feature
            row[j] = Double.isNaN(code) ? Double.NaN
                : code >= 0 && code < levels.length ? levels[(int) code] : 0;
          }
        }
      }
    }

    /**
     * Adds one row's chance to the sums {@code c} (at offset {@code o}): {@code k} classes, the
     * top probability and class, the positive class's raw probability (binary); {@code row} the
     * correction's features ({@link #features}), or null without a correction.
     */
    void add(double[] c, int o, int k, double max, int top, double raw, double[] row) {
      c[o + WindowState.CB_N] += 1;
      if (topLabel) {
        // the top class's calibrated chance of being right (any number of classes; beyond the
        // reference, the multinomial model's P(y = top | x) when the estimator has one)
        double right = row == null ? calibration.apply(max) : corrected.chanceCorrect(max, top, row);
        c[o + WindowState.CB_SUM_MAX] += right;
        c[o + WindowState.CB_VAR] += right * (1 - right);
      } else {
        c[o + WindowState.CB_SUM_MAX] += max;
      }
      if (k == 2) {
        // the predicted class follows the model's own score; its chance of being right follows
        // the calibrated probability (a binary search in the isotonic steps), or with a
        // correction the corrected chance of the predicted class being right, as a
        // positive-class probability (which calibrates the score itself)
        double p1;
        if (row != null && !topLabel) {
          double right = corrected.chanceCorrect(raw, row);
          p1 = raw >= threshold ? right : 1 - right;
        } else {
          p1 = calibration == null || topLabel ? raw : calibration.apply(raw);
        }
        c[o + WindowState.CB_BINARY] += 1;
        if (!topLabel) {
          c[o + WindowState.CB_VAR] += p1 * (1 - p1);
        }
        if (raw >= threshold) {
          c[o + WindowState.CB_TP] += p1;
          c[o + WindowState.CB_FP] += 1 - p1;
        } else {
          c[o + WindowState.CB_FN] += p1;
          c[o + WindowState.CB_TN] += 1 - p1;
        }
      }
    }
  }
}
