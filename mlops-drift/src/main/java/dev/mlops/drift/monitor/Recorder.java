package dev.mlops.drift.monitor;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recording hot path: striped locks, admission of a row to the open window and the write of
 * its values into one stripe of the {@link Accumulator}. A row costs one stripe lock, the
 * per-feature counter updates and, for count windows, one shared atomic increment; it never
 * evaluates anything (closed windows go to {@link WindowReporter}). A sampled monitor
 * ({@code sampleOneIn(k)}) admits and counts every row but writes only 1 in k of each stripe's
 * rows into the stripe; the others cost a counter (and, with a request id, the kept prediction).
 *
 * <p>Thread-safe: a stripe is written only under its lock.
 */
final class Recorder {

  /** The row was admitted and the window stays open. */
  static final int ADMIT = 0;
  /** The row was admitted and filled the count window. */
  static final int ADMIT_LAST = 1;
  /** The window is full or its time is over: nothing was recorded. */
  static final int FULL = 2;

  /** Slots of {@link #homes} (a power of two). */
  private static final int HOME_SLOTS = 64;

  final Accumulator acc;
  final boolean countWindows;
  final long step;
  private final Clock clock;
  private final LabelJoin labels;
  private final FairnessTracker fairness;
  private final int stripeMask;
  /** {@code acc.stripes} (each holds its lock), {@code acc.claimed}: one load less per record. */
  private final Accumulator.Stripe[] stripes;
  private final AtomicLong claimed;
  /** Whether {@link #tryRecordValue} may be used (fixed at construction, see {@link #takesValues()}). */
  private final boolean takesValues;
  /** A sampled monitor records 1 row in this many in full per stripe (1: every row). */
  private final int sampleOneIn;
  /**
   * Home stripe per slot of thread ids (a thread id's hash picks the slot): a thread sticks to its
   * slot's stripe and moves the slot on when it finds the stripe taken. One array read instead of
   * a thread-local lookup (a chain of four dependent loads) on every record.
   */
  private final int[] homes = new int[HOME_SLOTS];
  /** End of the open time window (epoch ms); {@code Long.MAX_VALUE} for count windows. */
  volatile long windowEnd;

  Recorder(Schema schema, MonitorConfig config, WindowState first, LabelJoin labels,
      FairnessTracker fairness, RecordHandOff handOff, RowChances chances) {
    this.acc = new Accumulator(schema, config.stripes(), first, config, handOff, chances);
    this.countWindows = config.window().unit() == Window.Unit.RECORDS;
    this.step = config.window().step();
    this.clock = config.clock();
    this.labels = labels;
    this.fairness = fairness;
    this.stripes = acc.stripes;
    this.claimed = acc.claimed;
    this.takesValues = fairness == null && !labels.keepsProbabilities();
    this.sampleOneIn = config.sampleOneIn();
    this.stripeMask = config.stripes() - 1;
    for (int i = 0; i < HOME_SLOTS; i++) {
      homes[i] = i & stripeMask;
    }
    long now = clock.millis();
    acc.start = now;
    this.windowEnd = countWindows ? Long.MAX_VALUE : now + step;
  }

  /**
   * Records one row into the open window if it is admitted: {@code vector} when not null (schema
   * order), else {@code row} with the {@code values} read from it (or null). The prediction is kept
   * for a later label whenever the row was admitted, under {@code requestId}, or under the
   * generated id {@code requestId + idNumber} when {@code idNumber >= 0}.
   *
   * @return {@link #ADMIT}, {@link #ADMIT_LAST} or {@link #FULL} (nothing recorded)
   */
  int tryRecord(Map<String, ?> row, Object[] values, double[] vector, Prediction prediction,
      String requestId, long idNumber) {
    int s = lockStripe();
    try {
      int admitted = admit();
      if (admitted != FULL) {
        Accumulator.Stripe st = acc.stripes[s];
        if (sampleOneIn > 1 && skips(st)) {
          st.unsampled++;
          if (prediction != null) {
            st.unsampledPredictions++;
          }
          labels.buffer(s, prediction, requestId, idNumber);
          return admitted;
        }
        try {
          if (vector != null) {
            acc.record(acc.stripes[s], vector, prediction);
          } else {
            acc.record(acc.stripes[s], row, values, prediction);
          }
          if (fairness != null) {
            fairness.record(row, vector, prediction, idOf(requestId, idNumber));
          }
        } finally {
          labels.buffer(s, prediction, requestId, idNumber);
        }
      }
      return admitted;
    } finally {
      unlockStripe(s);
    }
  }

  /**
   * As {@link #tryRecord} for a row in schema order with a regression value, without a prediction
   * object; only when no fairness tracker and no kept probabilities need the prediction
   * ({@link #takesValues()}).
   */
  int tryRecordValue(double[] vector, double value, String requestId, long idNumber) {
    Accumulator.Stripe st = stripes[lockStripe()];
    try {
      int admitted = admit();
      if (admitted != FULL) {
        if (sampleOneIn > 1 && skips(st)) {
          st.unsampled++;
          st.unsampledPredictions++;
          if (requestId != null) {
            labels.bufferValue(st, value, requestId, idNumber, clock.millis());
          }
          return admitted;
        }
        try {
          acc.recordValue(st, vector, value);
        } finally {
          if (requestId != null) {
            labels.bufferValue(st, value, requestId, idNumber, clock.millis());
          }
        }
      }
      return admitted;
    } finally {
      Accumulator.Stripe.LOCK.setRelease(st, 0);
    }
  }

  /** Whether {@link #tryRecordValue} may be used (nothing else needs a prediction object). */
  boolean takesValues() {
    return takesValues;
  }

  /** The request id: {@code id}, or the generated {@code id + number} when {@code number >= 0}. */
  static String idOf(String id, long number) {
    return number < 0 || id == null ? id : id + number;
  }

  /**
   * Called with stripe {@code st} locked by a sampled monitor: whether its next admitted row is
   * only counted (each stripe records the first of every {@link #sampleOneIn} rows it admits in a
   * window, so one recording thread records rows 0, k, 2k, ... of each window).
   */
  private boolean skips(Accumulator.Stripe st) {
    int k = st.skip;
    st.skip = k + 1 == sampleOneIn ? 0 : k + 1;
    return k != 0;
  }

  /** Called with a stripe locked: whether the row belongs to the open window. */
  private int admit() {
    if (countWindows) {
      long n = claimed.incrementAndGet();
      return n < step ? ADMIT : n == step ? ADMIT_LAST : FULL;
    }
    return clock.millis() >= windowEnd ? FULL : ADMIT;
  }

  /** Whether the open window is due to close. */
  boolean due(long now) {
    return countWindows ? claimed.get() >= step : now >= windowEnd;
  }

  int stripes() {
    return stripeMask + 1;
  }

  /** Locks the calling thread's stripe (moving on when it is taken) and returns its index. */
  int lockStripe() {
    // each thread sticks to its slot's stripe (spread by a hash of the thread id) and moves the
    // slot to the next stripe when it finds its stripe taken, so concurrent threads settle on
    // distinct stripes; a racy slot update only changes where a thread starts looking
    int slot = (int) ((Thread.currentThread().getId() * 0x9E3779B97F4A7C15L) >>> 58);
    int s = homes[slot];
    int tries = 0;
    for (;;) {
      if (Accumulator.Stripe.LOCK.compareAndSet(stripes[s], 0, 1)) {
        if (tries > 0) {
          homes[slot] = s;
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

  /** Locks stripe {@code s}, waiting for it. */
  void lockStripe(int s) {
    int spins = 0;
    while (!Accumulator.Stripe.LOCK.compareAndSet(stripes[s], 0, 1)) {
      if (++spins > 64) {
        Thread.yield();
        spins = 0;
      } else {
        Thread.onSpinWait();
      }
    }
  }

  void unlockStripe(int s) {
    Accumulator.Stripe.LOCK.setRelease(stripes[s], 0);
  }

  void lockAll() {
    for (int s = 0; s <= stripeMask; s++) {
      lockStripe(s);
    }
  }

  void unlockAll() {
    for (int s = 0; s <= stripeMask; s++) {
      unlockStripe(s);
    }
  }

  /** Rows in the open window, read without stopping writers. */
  long openRows() {
    long n = 0;
    for (Accumulator.Stripe st : acc.stripes) {
      n += st.rows + st.unsampled;
    }
    return n + acc.shared.rows + acc.shared.unsampled;
  }
}
