package dev.mlops.drift.monitor;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open window (or pane): per-stripe counters written without contention by recording
 * threads, and the shared {@link WindowState} that stripes flush their buffered numeric values
 * into (reservoirs and row sample) once per {@link #BUFFER_ROWS} rows.
 *
 * <p>Thread-safety: a stripe is written only by the thread holding that stripe's lock in
 * {@link DriftMonitor}; the shared state under its own monitor; {@link #claimed} is atomic.
 */
final class Accumulator {

  /** Rows a stripe buffers before flushing its numeric values into the reservoirs. */
  static final int BUFFER_ROWS = 64;
  /** Padding (in array elements) around each stripe's hot arrays against false sharing. */
  static final int PAD = 16;

  static final int M_ROWS = 0;
  static final int M_UNKNOWN = 1;
  static final int M_NON_FINITE_PREDICTION = 2;
  static final int M_PREDICTIONS = 3;
  /** Rows buffered in the stripe (kept in the padded array, not a field, against false sharing). */
  static final int M_FILL = 4;
  static final int M_SIZE = 5;

  /** One stripe's counters; see the class comment. */
  static final class Stripe {
    final long[] counts;
    final long[] quality;
    final long[] misc;
    final double[] confidence;
    final double[] buffer;

    Stripe(Schema schema) {
      counts = new long[PAD + schema.totalSlots + PAD];
      quality = new long[PAD + schema.features.length * Schema.QUALITY + PAD];
      misc = new long[PAD + M_SIZE + PAD];
      confidence = new double[PAD + WindowState.CB_SIZE + PAD];
      buffer = new double[BUFFER_ROWS * schema.bufferWidth() + PAD];
    }

    void clear() {
      Arrays.fill(counts, 0);
      Arrays.fill(quality, 0);
      Arrays.fill(misc, 0);
      Arrays.fill(confidence, 0);
    }

    int fill() {
      return (int) misc[PAD + M_FILL];
    }
  }

  final Schema schema;
  final Stripe[] stripes;
  final AtomicLong claimed = new AtomicLong();
  final double classificationThreshold;
  volatile WindowState shared;
  volatile long start;
  volatile long end;

  /** Fields declared as ignored: present in rows, neither monitored nor unknown. */
  private final java.util.Set<String> ignored;

  /** Isotonic calibration of binary probabilities for the estimate, or null (raw scores). */
  private final dev.mlops.drift.decision.ProbabilityCalibration calibration;

  Accumulator(Schema schema, int stripeCount, WindowState shared, MonitorConfig config) {
    this(schema, stripeCount, shared, config.classificationThreshold(), config.ignoredFields(),
        config.estimator() == null ? null : config.estimator().calibration());
  }

  Accumulator(Schema schema, int stripeCount, WindowState shared, double threshold,
      java.util.Set<String> ignored,
      dev.mlops.drift.decision.ProbabilityCalibration calibration) {
    this.schema = schema;
    this.calibration = calibration;
    this.ignored = ignored;
    this.stripes = new Stripe[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new Stripe(schema);
    }
    this.shared = shared;
    this.classificationThreshold = threshold;
  }

  // ------------------------------------------------------------------ record paths (hot)

  /** Records a row; {@code values}, when not null, holds {@code row.get(name)} of every feature in schema order. */
  void record(Stripe st, Map<String, ?> row, Object[] values, Prediction p) {
    final FeatureSpec[] fs = schema.features;
    final long[] q = st.quality;
    final double[] buf = st.buffer;
    final int base = st.fill() * schema.bufferWidth();
    int present = 0;
    for (int i = 0; i < fs.length; i++) {
      final FeatureSpec f = fs[i];
      final int qo = PAD + i * Schema.QUALITY;
      final Object v = values != null ? values[i] : row.get(f.name);
      if (v == null) {
        if (row.containsKey(f.name)) {
          present++;
        } else {
          q[qo + Schema.ABSENT]++;
        }
        q[qo + Schema.MISSING]++;
        if (f.numeric) {
          buf[base + f.numericSlot] = Double.NaN;
        }
        continue;
      }
      present++;
      if (f.numeric) {
        double d;
        if (v instanceof Number n) {
          d = n.doubleValue();
        } else if (v instanceof Boolean b) {
          d = b ? 1.0 : 0.0;
        } else {
          q[qo + Schema.WRONG_TYPE]++;
          q[qo + Schema.MISSING]++;
          buf[base + f.numericSlot] = Double.NaN;
          continue;
        }
        buf[base + f.numericSlot] = numeric(st, f, qo, d);
      } else {
        categorical(st, i, f, qo, v);
      }
    }
    if (present < row.size()) {
      boolean unknown = false;
      for (Object key : row.keySet()) {
        if (key == null || !schema.index.containsKey(key) && !ignored.contains(key)) {
          shared.unknown.offer(String.valueOf(key), 1);
          unknown = true;
        }
      }
      if (unknown) {
        st.misc[PAD + M_UNKNOWN]++;
      }
    }
    finishRow(st, p, base);
  }

  void record(Stripe st, double[] values, Prediction p) {
    final FeatureSpec[] fs = schema.features;
    final long[] q = st.quality;
    final double[] buf = st.buffer;
    final int base = st.fill() * schema.bufferWidth();
    final int n = Math.min(values.length, fs.length);
    final int[] slots = schema.numericSlots;
    for (int i = 0; i < n; i++) {
      final double d = values[i];
      final int slot = slots[i];
      if (slot >= 0) {
        // a flat array, not the feature objects: one cache line for the slots of 16 features
        buf[base + slot] = d - d == 0 ? d : nonFinite(st, PAD + i * Schema.QUALITY, d);
        continue;
      }
      final FeatureSpec f = fs[i];
      final int qo = PAD + i * Schema.QUALITY;
      if (Double.isNaN(d)) {
        q[qo + Schema.MISSING]++;
      } else {
        int code = (int) d;
        if (code == d && code >= 0 && code < f.categories.length) {
          st.counts[PAD + f.slotOffset + code]++;
        } else {
          st.counts[PAD + f.slotOffset + f.slots() - 1]++;
          q[qo + Schema.UNSEEN]++;
        }
      }
    }
    for (int i = n; i < fs.length; i++) {
      final int qo = PAD + i * Schema.QUALITY;
      q[qo + Schema.ABSENT]++;
      q[qo + Schema.MISSING]++;
      if (fs[i].numeric) {
        buf[base + fs[i].numericSlot] = Double.NaN;
      }
    }
    if (values.length > fs.length) {
      st.misc[PAD + M_UNKNOWN]++;
    }
    finishRow(st, p, base);
  }

  private double numeric(Stripe st, FeatureSpec f, int qo, double d) {
    if (d - d != 0) {
      // NaN or infinite (x - x is NaN for both): the rare path
      return nonFinite(st, qo, d);
    }
    // binned, with the out-of-range check, when the buffered rows are flushed (see binBuffered)
    return d;
  }

  /** Counts a NaN (missing) or infinite value; buffers it as missing. */
  private static double nonFinite(Stripe st, int qo, double d) {
    st.quality[qo + (Double.isNaN(d) ? Schema.MISSING : Schema.NON_FINITE)]++;
    return Double.NaN;
  }

  private void categorical(Stripe st, int i, FeatureSpec f, int qo, Object v) {
    int k = f.categoryOfValue(v);
    if (k == FeatureSpec.MISSING_VALUE) {
      st.quality[qo + Schema.MISSING]++;
      return;
    }
    if (k == FeatureSpec.WRONG_TYPE_VALUE) {
      st.quality[qo + Schema.WRONG_TYPE]++;
      st.quality[qo + Schema.MISSING]++;
      return;
    }
    if (k >= 0) {
      st.counts[PAD + f.slotOffset + k]++;
    } else {
      st.counts[PAD + f.slotOffset + f.slots() - 1]++;
      st.quality[qo + Schema.UNSEEN]++;
      shared.unseen[i].offer(v instanceof Enum<?> e ? e.name() : String.valueOf(v), 1);
    }
  }

  private void finishRow(Stripe st, Prediction p, int base) {
    final double[] buf = st.buffer;
    final int predSlot = base + schema.numeric;
    if (p != null) {
      st.misc[PAD + M_PREDICTIONS]++;
      if (p.categorical()) {
        FeatureSpec pc = schema.predictionClasses;
        int k = pc.categoryOf((double) p.classIndex());
        st.counts[PAD + pc.slotOffset + (k < 0 ? pc.slots() - 1 : k)]++;
        buf[predSlot] = Double.NaN;
      } else {
        double v = p.value();
        if (Double.isFinite(v)) {
          // binned when the buffered rows are flushed (see binBuffered)
          buf[predSlot] = v;
        } else {
          st.misc[PAD + M_NON_FINITE_PREDICTION]++;
          buf[predSlot] = Double.NaN;
        }
      }
      if (p.kind() == Prediction.Kind.PROBABILITIES) {
        confidence(st.confidence, p);
      }
    } else {
      buf[predSlot] = Double.NaN;
    }
    st.misc[PAD + M_ROWS]++;
    if (++st.misc[PAD + M_FILL] == BUFFER_ROWS) {
      flush(st);
    }
  }

  private void confidence(double[] c, Prediction p) {
    int k = p.classes();
    double max = 0;
    for (int j = 0; j < k; j++) {
      max = Math.max(max, p.probability(j));
    }
    c[PAD + WindowState.CB_N] += 1;
    c[PAD + WindowState.CB_SUM_MAX] += max;
    if (k == 2) {
      double raw = p.probability(1);
      // the predicted class follows the model's own score; its chance of being right follows
      // the calibrated probability (a binary search in the isotonic steps)
      double p1 = calibration == null ? raw : calibration.apply(raw);
      c[PAD + WindowState.CB_BINARY] += 1;
      c[PAD + WindowState.CB_VAR] += p1 * (1 - p1);
      if (raw >= classificationThreshold) {
        c[PAD + WindowState.CB_TP] += p1;
        c[PAD + WindowState.CB_FP] += 1 - p1;
      } else {
        c[PAD + WindowState.CB_FN] += p1;
        c[PAD + WindowState.CB_TN] += 1 - p1;
      }
    }
  }

  /** Moves a stripe's buffered values into the shared reservoirs (one monitor enter per flush). */
  void flush(Stripe st) {
    final int w = schema.bufferWidth();
    final double[] buf = st.buffer;
    final int rows = st.fill();
    binBuffered(st, rows, st.counts, PAD, st.quality, PAD);
    final WindowState s = shared;
    synchronized (s) {
      for (int j = 0; j < w; j++) {
        s.reservoirs[j].offerColumn(buf, j, w, rows);
      }
      if (s.rowSample != null) {
        for (int row = 0; row < rows; row++) {
          s.rowSample.offerRow(buf, row * w);
        }
      }
      if (s.sketches != null) {
        sketch(s, buf, rows, w);
      }
    }
    st.misc[PAD + M_FILL] = 0;
  }

  /**
   * Sums every stripe into the shared state and returns it; the caller must hold every stripe
   * lock (or otherwise exclude writers). With {@code reset}, stripes are cleared and a fresh
   * shared state is installed.
   */
  WindowState harvest(boolean reset, WindowState fresh) {
    WindowState s = shared;
    WindowState target = s;
    if (!reset) {
      // snapshot without disturbing the window: copy the shared state first
      target = fresh;
      target.mergeFrom(s);
    }
    for (Stripe st : stripes) {
      if (st.fill() > 0) {
        if (reset) {
          flush(st);
        } else {
          flushInto(st, target);
        }
      }
      for (int i = 0; i < target.counts.length; i++) {
        target.counts[i] += st.counts[PAD + i];
      }
      for (int i = 0; i < target.quality.length; i++) {
        target.quality[i] += st.quality[PAD + i];
      }
      target.rows += st.misc[PAD + M_ROWS];
      target.rowsWithUnknown += st.misc[PAD + M_UNKNOWN];
      target.nonFinitePredictions += st.misc[PAD + M_NON_FINITE_PREDICTION];
      target.predictions += st.misc[PAD + M_PREDICTIONS];
      for (int i = 0; i < WindowState.CB_SIZE; i++) {
        target.confidence[i] += st.confidence[PAD + i];
      }
      if (reset) {
        st.clear();
      }
    }
    target.start = start;
    if (reset) {
      shared = fresh;
    }
    return target;
  }

  private void flushInto(Stripe st, WindowState target) {
    final int w = schema.bufferWidth();
    binBuffered(st, st.fill(), target.counts, 0, target.quality, 0);
    for (int j = 0; j < w; j++) {
      for (int row = 0, o = j; row < st.fill(); row++, o += w) {
        double v = st.buffer[o];
        if (v == v) {
          target.reservoirs[j].offer(v);
        }
      }
    }
    if (target.rowSample != null) {
      for (int row = 0; row < st.fill(); row++) {
        target.rowSample.offerRow(st.buffer, row * w);
      }
    }
    if (target.sketches != null) {
      sketch(target, st.buffer, st.fill(), w);
    }
  }

  /**
   * Bins a stripe's buffered numeric values (features and the prediction value; missing and
   * non-finite ones are buffered as NaN and were counted when recorded) into {@code counts}, and
   * counts the features' values outside the reference range into {@code quality}. Recording only
   * buffers the values; binning them here, one feature at a time over up to {@link #BUFFER_ROWS}
   * rows, keeps each feature's bin edges in registers and takes this work off most requests.
   */
  private void binBuffered(Stripe st, int rows, long[] counts, int co, long[] quality, int qo) {
    final int w = schema.bufferWidth();
    final double[] buf = st.buffer;
    final int[] numericFeatures = schema.numericFeatures;
    for (int j = 0; j < numericFeatures.length; j++) {
      final int i = numericFeatures[j];
      final FeatureSpec f = schema.features[i];
      final int slots = co + f.slotOffset;
      final double min = f.referenceMin;
      final double max = f.referenceMax;
      int outside = 0;
      for (int row = 0, o = f.numericSlot; row < rows; row++, o += w) {
        final double v = buf[o];
        if (v == v) {
          counts[slots + f.binIndex(v)]++;
          outside += v < min || v > max ? 1 : 0;
        }
      }
      quality[qo + i * Schema.QUALITY + Schema.OUT_OF_RANGE] += outside;
    }
    final FeatureSpec pn = schema.predictionNumeric;
    final int slots = co + pn.slotOffset;
    for (int row = 0, o = schema.numeric; row < rows; row++, o += w) {
      final double v = buf[o];
      if (v == v) {
        counts[slots + pn.binIndex(v)]++;
      }
    }
  }

  private void sketch(WindowState s, double[] buf, int rows, int w) {
    for (int j = 0; j < schema.numeric; j++) {
      org.apache.datasketches.kll.KllDoublesSketch k = s.sketches[j];
      for (int row = 0, o = j; row < rows; row++, o += w) {
        double v = buf[o];
        if (v == v) {
          k.update(v);
        }
      }
    }
  }
}
