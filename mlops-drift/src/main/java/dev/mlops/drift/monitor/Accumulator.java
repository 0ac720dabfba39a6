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

  /** Padding before a stripe's hot fields, so that no other object's fields share their line. */
  abstract static class StripePad {
    long p01, p02, p03, p04, p05, p06, p07, p08;
  }

  /**
   * What a record touches in its stripe, in one cache line: the stripe's lock, the buffer being
   * filled and its fill, the row counters and the buffer of predictions kept for a label.
   */
  abstract static class StripeHot extends StripePad {
    /** 0 when free, 1 when a thread holds the stripe (see {@link Recorder}; through {@link #LOCK}). */
    int lock;
    /** Rows buffered in {@link #buffer}. */
    int fill;
    long rows;
    long unknown;
    long nonFinitePredictions;
    long predictions;
    /** Rows the sampled monitor counted without recording them (see {@link Recorder}). */
    long unsampled;
    /** Of {@link #unsampled}, those with a prediction. */
    long unsampledPredictions;
    /** Rows since this stripe's last sampled row (a sampled monitor records the row at 0). */
    int skip;
    /** {@code chunk.values}, the buffer of numeric rows being filled. */
    double[] buffer;
    /** {@code chunk.chances}: per buffered row, what its chance needs (null without an estimator). */
    double[] chances;
    /** Predictions kept for a delayed label, buffered (see {@link LabelJoin}). */
    PendingPredictions.Buffer pending = new PendingPredictions.Buffer();
  }

  /** One stripe's counters; see the class comment. */
  static final class Stripe extends StripeHot {
    /** Atomic access to {@link StripeHot#lock}. */
    static final java.lang.invoke.VarHandle LOCK;

    static {
      try {
        LOCK = java.lang.invoke.MethodHandles.lookup().findVarHandle(StripeHot.class, "lock", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    long q01, q02, q03, q04, q05, q06, q07, q08;
    final long[] counts;
    final long[] quality;
    final double[] confidence;
    /** The buffer of numeric rows being filled (swapped for a free one when handed off). */
    RecordHandOff.Rows chunk;

    Stripe(Schema schema, boolean chances) {
      counts = new long[PAD + schema.totalSlots + PAD];
      quality = new long[PAD + schema.features.length * Schema.QUALITY + PAD];
      confidence = new double[PAD + WindowState.CB_SIZE + PAD];
      chunk = RecordHandOff.newRows(schema, chances);
      buffer = chunk.values;
      this.chances = chunk.chances;
    }

    void clear() {
      Arrays.fill(counts, 0);
      Arrays.fill(quality, 0);
      Arrays.fill(confidence, 0);
      fill = 0;
      rows = 0;
      unknown = 0;
      nonFinitePredictions = 0;
      predictions = 0;
      unsampled = 0;
      unsampledPredictions = 0;
      skip = 0;
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

  /**
   * The label-free estimate's per-row chances, computed where buffered rows are applied (off the
   * recording thread), or null when the monitor has no estimator: the raw-probability sums are
   * then added on the recording thread ({@link #raw}, a few additions).
   */
  private final RowChances chances;
  private final RowChances.Fitted raw;

  /** Where full buffers go (applied off the recording thread), or null: applied at once. */
  private final RecordHandOff handOff;

  /**
   * The schema's buffered row width, and its feature count when every feature is numeric (else
   * -1), held here so that a record does not read the schema.
   */
  private final int width;
  private final int allNumericLength;
  /** Values per row in a stripe's chance inputs ({@link RowChances#width}). */
  private final int chanceWidth;

  /**
   * An accumulator that applies its buffers at once, on the recording thread (a {@link
   * MonitorState}): it waits for the estimator's fit where a row's chance needs it.
   */
  Accumulator(Schema schema, int stripeCount, WindowState shared, MonitorConfig config,
      RowChances chances) {
    this(schema, stripeCount, shared, config, null, chances);
  }

  Accumulator(Schema schema, int stripeCount, WindowState shared, MonitorConfig config,
      RecordHandOff handOff, RowChances chances) {
    this.schema = schema;
    this.handOff = handOff;
    this.chances = chances;
    this.width = schema.bufferWidth();
    this.allNumericLength = schema.allNumeric ? schema.features.length : -1;
    this.chanceWidth = RowChances.width(schema);
    this.ignored = config.ignoredFields();
    this.classificationThreshold = config.classificationThreshold();
    this.raw = RowChances.raw(classificationThreshold);
    this.stripes = new Stripe[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new Stripe(schema, chances != null);
    }
    this.shared = shared;
  }

  // ------------------------------------------------------------------ record paths (hot)

  /** Records a row; {@code values}, when not null, holds {@code row.get(name)} of every feature in schema order. */
  void record(Stripe st, Map<String, ?> row, Object[] values, Prediction p) {
    final FeatureSpec[] fs = schema.features;
    final long[] q = st.quality;
    final double[] buf = st.buffer;
    final int base = st.fill * schema.bufferWidth();
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
        } else {
          code(st, f, Double.NaN);
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
        st.unknown++;
      }
    }
    finishRow(st, p, base);
  }

  void record(Stripe st, double[] values, Prediction p) {
    finishRow(st, p, vector(st, values));
  }

  /**
   * Records a row in schema order with a regression value: the same as {@link #record(Stripe,
   * double[], Prediction)} with {@code Prediction.ofValue(value)}, without the prediction object.
   */
  void recordValue(Stripe st, double[] values, double value) {
    final int base = vector(st, values);
    final double[] buf = st.buffer;
    st.predictions++;
    if (Double.isFinite(value)) {
      // binned when the buffered rows are flushed (see binBuffered)
      buf[base + width - 1] = value;
    } else {
      st.nonFinitePredictions++;
      buf[base + width - 1] = Double.NaN;
    }
    if (chances != null) {
      st.chances[st.fill * chanceWidth] = RowChances.NONE;
    }
    endRow(st);
  }

  /** Writes a row's features given in schema order into the stripe; returns the row's buffer offset. */
  private int vector(Stripe st, double[] values) {
    final double[] buf = st.buffer;
    final int base = st.fill * width;
    if (values.length == allNumericLength) {
      // every feature numeric and present: feature i is numeric slot i (no slot table, no checks)
      for (int i = 0; i < values.length; i++) {
        final double d = values[i];
        buf[base + i] = d - d == 0 ? d : nonFinite(st, PAD + i * Schema.QUALITY, d);
      }
      return base;
    }
    final FeatureSpec[] fs = schema.features;
    final long[] q = st.quality;
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
        code(st, f, Double.NaN);
      } else {
        int code = (int) d;
        if (code == d && code >= 0 && code < f.categories.length) {
          st.counts[PAD + f.slotOffset + code]++;
          code(st, f, code);
        } else {
          st.counts[PAD + f.slotOffset + f.slots() - 1]++;
          q[qo + Schema.UNSEEN]++;
          code(st, f, -1);
        }
      }
    }
    for (int i = n; i < fs.length; i++) {
      final int qo = PAD + i * Schema.QUALITY;
      q[qo + Schema.ABSENT]++;
      q[qo + Schema.MISSING]++;
      if (fs[i].numeric) {
        buf[base + fs[i].numericSlot] = Double.NaN;
      } else {
        code(st, fs[i], Double.NaN);
      }
    }
    if (values.length > fs.length) {
      st.unknown++;
    }
    return base;
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
      code(st, f, Double.NaN);
      return;
    }
    if (k == FeatureSpec.WRONG_TYPE_VALUE) {
      st.quality[qo + Schema.WRONG_TYPE]++;
      st.quality[qo + Schema.MISSING]++;
      code(st, f, Double.NaN);
      return;
    }
    code(st, f, k);
    if (k >= 0) {
      st.counts[PAD + f.slotOffset + k]++;
    } else {
      st.counts[PAD + f.slotOffset + f.slots() - 1]++;
      st.quality[qo + Schema.UNSEEN]++;
      shared.unseen[i].offer(v instanceof Enum<?> e ? e.name() : String.valueOf(v), 1);
    }
  }

  /**
   * With an estimator, buffers a categorical feature's category code for the row's chance (its
   * index among the reference categories, -1 unseen, NaN missing; {@link RowChances}): one store.
   */
  private void code(Stripe st, FeatureSpec f, double code) {
    if (chances != null) {
      st.chances[st.fill * chanceWidth + RowChances.WIDTH + f.categoricalSlot] = code;
    }
  }

  private void finishRow(Stripe st, Prediction p, int base) {
    final double[] buf = st.buffer;
    final int predSlot = base + schema.numeric;
    if (p != null) {
      st.predictions++;
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
          st.nonFinitePredictions++;
          buf[predSlot] = Double.NaN;
        }
      }
      if (p.kind() == Prediction.Kind.PROBABILITIES) {
        confidence(st, p);
      } else if (chances != null) {
        st.chances[st.fill * chanceWidth] = RowChances.NONE;
      }
    } else {
      buf[predSlot] = Double.NaN;
      if (chances != null) {
        st.chances[st.fill * chanceWidth] = RowChances.NONE;
      }
    }
    endRow(st);
  }

  /** Counts the row and hands the stripe's buffer off when it is full. */
  private void endRow(Stripe st) {
    st.rows++;
    if (++st.fill == BUFFER_ROWS) {
      flush(st);
    }
  }

  /**
   * With an estimator, buffers what the row's chance needs (computed where the buffer is applied,
   * off this thread; {@link RowChances}); without one, adds the raw-probability sums here.
   */
  private void confidence(Stripe st, Prediction p) {
    if (chances != null) {
      RowChances.write(st.chances, st.fill * chanceWidth, p);
      return;
    }
    int k = p.classes();
    int top = p.classIndex(); // the first most probable class (ofProbabilities validates [0, 1])
    double max = p.probability(top);
    raw.add(st.confidence, PAD, k, max, top, k == 2 ? p.probability(1) : Double.NaN, null);
  }

  /**
   * Empties a stripe's buffer: hands it off to be applied to the open window off this thread, or,
   * without a hand-off (a {@link MonitorState}), applies it now.
   */
  void flush(Stripe st) {
    int rows = st.fill;
    if (handOff == null) {
      apply(schema, st.buffer, st.chances, rows, shared, chances, true);
    } else {
      RecordHandOff.Rows next = handOff.pass(st.chunk, rows, shared);
      st.chunk = next;
      st.buffer = next.values;
      st.chances = next.chances;
    }
    st.fill = 0;
  }

  /**
   * Sums every stripe into the shared state and returns it; the caller must hold every stripe
   * lock (or otherwise exclude writers). With {@code reset}, stripes are cleared (their buffered
   * rows handed off to the closing window) and a fresh shared state is installed; without it, the
   * hand-off queue is applied first and the result is a copy.
   */
  WindowState harvest(boolean reset, WindowState fresh) {
    WindowState s = shared;
    WindowState target = s;
    if (!reset) {
      // snapshot without disturbing the window: copy the shared state first
      if (handOff != null) {
        handOff.applyQueued();
      }
      target = fresh;
      synchronized (s) {
        target.mergeFrom(s);
        if (chances != null) {
          chances.merge(target, s);
        }
      }
    }
    for (Stripe st : stripes) {
      if (st.fill > 0) {
        if (reset) {
          flush(st);
        } else {
          apply(schema, st.buffer, st.chances, st.fill, target, chances, handOff == null);
        }
      }
    }
    synchronized (target) {
      // the hand-off thread may be applying rows to this state
      for (Stripe st : stripes) {
        for (int i = 0; i < target.counts.length; i++) {
          target.counts[i] += st.counts[PAD + i];
        }
        for (int i = 0; i < target.quality.length; i++) {
          target.quality[i] += st.quality[PAD + i];
        }
        target.rows += st.rows;
        target.unsampled += st.unsampled;
        target.unsampledPredictions += st.unsampledPredictions;
        target.rowsWithUnknown += st.unknown;
        target.nonFinitePredictions += st.nonFinitePredictions;
        target.predictions += st.predictions;
        for (int i = 0; i < WindowState.CB_SIZE; i++) {
          target.confidence[i] += st.confidence[PAD + i];
        }
        if (reset) {
          st.clear();
        }
      }
      target.start = start;
    }
    if (reset) {
      shared = fresh;
    }
    return target;
  }

  /**
   * Applies {@code rows} buffered rows to a window state under its monitor: bins the numeric
   * values (features and the prediction value; missing and non-finite ones are buffered as NaN
   * and were counted when recorded), counts the features' values outside the reference range, and
   * offers the values to the reservoirs, the row sample and the sketches. Recording only buffers
   * the values; binning them here, one feature at a time over up to {@link #BUFFER_ROWS} rows,
   * keeps each feature's bin edges in registers and takes this work off the requests. With an
   * estimator, adds the rows' chances ({@code ch}; waiting for the estimator's fit when {@code
   * mayWait}, else keeping them in the window's backlog until it is ready).
   */
  static void apply(Schema schema, double[] buf, double[] ch, int rows, WindowState s,
      RowChances chances, boolean mayWait) {
    final int w = schema.bufferWidth();
    synchronized (s) {
      if (chances != null && ch != null) {
        chances.apply(s, buf, w, ch, rows, mayWait);
      }
      binBuffered(schema, buf, rows, s.counts, s.quality);
      for (int j = 0; j < w; j++) {
        s.reservoirs[j].offerColumn(buf, j, w, rows);
      }
      if (s.rowSample != null) {
        for (int row = 0; row < rows; row++) {
          s.rowSample.offerRow(buf, row * w);
        }
      }
      if (s.sketches != null) {
        sketch(schema, s, buf, rows, w);
      }
    }
  }

  private static void binBuffered(Schema schema, double[] buf, int rows, long[] counts,
      long[] quality) {
    final int w = schema.bufferWidth();
    final int[] numericFeatures = schema.numericFeatures;
    for (int j = 0; j < numericFeatures.length; j++) {
      final int i = numericFeatures[j];
      final FeatureSpec f = schema.features[i];
      final int slots = f.slotOffset;
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
      quality[i * Schema.QUALITY + Schema.OUT_OF_RANGE] += outside;
    }
    final FeatureSpec pn = schema.predictionNumeric;
    final int slots = pn.slotOffset;
    for (int row = 0, o = schema.numeric; row < rows; row++, o += w) {
      final double v = buf[o];
      if (v == v) {
        counts[slots + pn.binIndex(v)]++;
      }
    }
  }

  private static void sketch(Schema schema, WindowState s, double[] buf, int rows, int w) {
    for (int j = 0; j < schema.numeric; j++) {
      dev.mlops.drift.internal.QuantileSketch k = s.sketches[j];
      for (int row = 0, o = j; row < rows; row++, o += w) {
        double v = buf[o];
        if (v == v) {
          k.update(v);
        }
      }
    }
  }
}
