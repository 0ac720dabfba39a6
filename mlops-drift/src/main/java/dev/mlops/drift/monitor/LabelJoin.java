package dev.mlops.drift.monitor;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The label join: predictions recorded with a request id wait here (first in a per-stripe buffer
 * written under the stripe lock, then in the bounded {@link PendingPredictions} store) until their
 * label arrives or they expire. Each prediction carries the number of the window (pane) it was
 * recorded in; a joined pair goes into that window's performance sample: the open window's when it
 * is the prediction's, else the closed window's in {@link LateLabels} (within the label horizon;
 * beyond it the label is counted only). The label's distribution (label drift) and a label outside
 * the declared classes (data quality) count in the window open when it arrives.
 *
 * <p>Thread-safe.
 */
final class LabelJoin {

  /** Per-thread row that {@link PendingPredictions#take(String, long, double[])} fills. */
  private static final ThreadLocal<double[]> TAKEN =
      ThreadLocal.withInitial(() -> new double[PendingPredictions.TAKEN_WIDTH]);

  final PendingPredictions pending;
  /** The closed windows' late labels. */
  final LateLabels late;
  /**
   * The number of the open window (pane), from 0: written by the close with every stripe lock held,
   * read under one.
   */
  private long openPane;
  /** The recorder's stripes, whose {@code pending} buffers feed the store (see {@link #attach}). */
  private Accumulator.Stripe[] stripes = new Accumulator.Stripe[0];
  private final LongAdder unmatched = new LongAdder();
  private final Schema schema;
  private final Clock clock;
  /** Probabilities of multiclass predictions, kept only for declared realised metrics (or null). */
  private final KeptProbabilities kept;
  /** Where full buffers go (into the store off the recording thread), or null. */
  private RecordHandOff handOff;
  // written by the stamps, which run in window order (see stampLocked)
  private long lastExpired;
  private long lastUnmatched;

  LabelJoin(Schema schema, MonitorConfig config) {
    this.schema = schema;
    this.clock = config.clock();
    this.pending = new PendingPredictions(config.maxPending(), config.pendingTimeout().toMillis(),
        config.pendingBytes());
    int k = KeptProbabilities.columns(config, schema);
    this.kept = k == 0 ? null
        : new KeptProbabilities(k, config.maxPending(), config.pendingBytes());
    this.late = new LateLabels(config, schema, WindowState.PAIR_WIDTH + k);
  }

  /** The open window's (pane's) number; read under a stripe lock, or all of them. */
  long openPane() {
    return openPane;
  }

  /** Sets the hand-off of full buffers; called once, before any recording. */
  void handOff(RecordHandOff h) {
    this.handOff = h;
  }

  /** Sets the stripes whose buffered predictions this join drains; called once, before any recording. */
  void attach(Accumulator.Stripe[] recorderStripes) {
    this.stripes = recorderStripes;
  }

  /**
   * With stripe {@code s} locked: keeps the prediction for a later label in the stripe's buffer,
   * handing the buffer off (or moving it into the pending store) when it is full.
   */
  void buffer(int s, Prediction prediction, String requestId, long idNumber) {
    if (requestId != null && prediction != null) {
      Accumulator.Stripe st = stripes[s];
      PendingPredictions.Buffer b = st.pending;
      if (b.size == 0) {
        b.pane = openPane;
      }
      if (b.add(requestId, idNumber, prediction, clock.millis())) {
        if (handOff == null) {
          b.drainTo(pending);
        } else {
          st.pending = handOff.pass(b);
        }
      }
      if (kept != null) {
        kept.keep(Recorder.idOf(requestId, idNumber), prediction);
      }
    }
  }

  /**
   * With stripe {@code st} locked: as {@link #buffer(int, Prediction, String, long)} for a
   * regression value and a request id (not null) at {@code now}, without a prediction object;
   * only when {@link #keepsProbabilities()} is false.
   */
  void bufferValue(Accumulator.Stripe st, double value, String requestId, long idNumber, long now) {
    PendingPredictions.Buffer b = st.pending;
    if (b.size == 0) {
      b.pane = openPane;
    }
    if (b.addValue(requestId, idNumber, value, now)) {
      if (handOff == null) {
        b.drainTo(pending);
      } else {
        st.pending = handOff.pass(b);
      }
    }
  }

  /** Whether predictions' probabilities are kept for realised metrics (every prediction is then seen whole). */
  boolean keepsProbabilities() {
    return kept != null;
  }

  private void applyQueued() {
    if (handOff != null) {
      handOff.applyQueuedPredictions();
    }
  }

  /**
   * Moves the queued and every stripe's buffered predictions into the store, oldest first (takes
   * each stripe's lock).
   */
  void drain(Recorder rec) {
    applyQueued();
    for (int s = 0; s < stripes.length; s++) {
      if (stripes[s].pending.size > 0) {
        rec.lockStripe(s);
        try {
          stripes[s].pending.drainTo(pending);
        } finally {
          rec.unlockStripe(s);
        }
      }
    }
  }

  /** The pending store after {@link #drain(Recorder)}, for its counts. */
  PendingPredictions drained(Recorder rec) {
    drain(rec);
    return pending;
  }

  /** As {@link #drain(Recorder)}, for a caller holding every stripe lock. */
  void drainLocked() {
    applyQueued();
    for (Accumulator.Stripe st : stripes) {
      st.pending.drainTo(pending);
    }
  }

  /**
   * Replaces the pending predictions and their kept probabilities (the caller holds every stripe
   * lock).
   */
  void replaceLocked(List<PendingPredictions.Saved> saved,
      List<KeptProbabilities.Saved> probabilities, LateLabels.Saved lateSaved) {
    applyQueued();
    for (Accumulator.Stripe st : stripes) {
      st.pending.clear();
    }
    pending.load(numbered(saved), false);
    late.load(lateSaved, openPane, false);
    if (kept != null) {
      kept.load(probabilities, false);
    }
  }

  /**
   * Adds pending predictions of another monitor and their kept probabilities (the caller holds
   * every stripe lock).
   */
  void addLocked(List<PendingPredictions.Saved> saved,
      List<KeptProbabilities.Saved> probabilities, LateLabels.Saved lateSaved) {
    drainLocked();
    pending.load(numbered(saved), true);
    late.load(lateSaved, openPane, true);
    if (kept != null) {
      kept.load(probabilities, true);
    }
  }

  /**
   * Saved predictions whose {@code pane} is an age (windows before the open one, as a state
   * stores it) with this monitor's window numbers.
   */
  private List<PendingPredictions.Saved> numbered(List<PendingPredictions.Saved> saved) {
    List<PendingPredictions.Saved> out = new java.util.ArrayList<>(saved.size());
    for (PendingPredictions.Saved p : saved) {
      out.add(new PendingPredictions.Saved(p.id(), p.value(), p.classIndex(), p.kind(), p.time(),
          openPane - p.pane()));
    }
    return out;
  }

  /** The class probabilities kept for pending predictions, oldest first (none when not kept). */
  List<KeptProbabilities.Saved> keptProbabilities() {
    return kept == null ? List.of() : kept.oldestFirst();
  }

  /**
   * Joins a label with its pending prediction into the window the prediction was recorded in (see
   * the class comment).
   *
   * @return whether a pending prediction was found
   */
  boolean join(Recorder rec, String requestId, double label) {
    if (requestId == null) {
      unmatched.increment();
      return false;
    }
    drain(rec);
    double[] taken = TAKEN.get();
    if (!pending.take(requestId, clock.millis(), taken)) {
      unmatched.increment();
      return false;
    }
    double[] probabilities = kept == null ? null : kept.take(requestId);
    long pane = (long) taken[4];
    int s = rec.lockStripe();
    try {
      WindowState st = rec.acc.shared;
      synchronized (st) {
        st.labels++;
        boolean own = pane >= openPane;
        boolean outside = outsideClasses(label, taken);
        if (outside) {
          st.outsideClasses++;
        }
        double[] pair = st.pairScratch;
        if (!outside) {
          pair[0] = label;
          pair[1] = taken[0];
          pair[2] = taken[1];
          pair[3] = taken[2];
          if (kept != null) {
            kept.write(probabilities, pair, WindowState.PAIR_WIDTH);
          }
          if (own) {
            st.labelPairs.offerRow(pair, 0);
          }
        }
        if (!own) {
          if (late.credit(pane, pair, outside)) {
            st.lateLabels++;
            if (outside) {
              st.lateOutsideClasses++;
            }
          } else {
            st.labelsBeyondHorizon++;
          }
        }
        if (outside) {
          return true;
        }
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
      rec.unlockStripe(s);
    }
    return true;
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

  /**
   * With every stripe lock held, as a window closes: hands the stripes' buffered predictions off
   * behind those already queued, then the closed window's stamp ({@link #stamp}), so that the
   * store work and the expiry run off the closing (recording) thread, in order: the stamp sees
   * exactly the predictions recorded before the close, and the unmatched labels counted by then.
   * Whoever reads the store first (the window's evaluation, a label, a count) applies the queue
   * up to the stamp. Without a hand-off, or without a free buffer to carry the stamp, the same
   * happens at once on this thread.
   */
  void stampLocked(WindowState st, long now) {
    st.pane = openPane;
    // a sampled monitor keeps every row's prediction for its label, sampled or not
    late.closed(openPane, st.predictions + st.unsampledPredictions);
    openPane++;
    long u = unmatched.sum();
    if (handOff == null) {
      drainLocked();
      stamp(st, now, u);
      return;
    }
    for (Accumulator.Stripe stripe : stripes) {
      if (stripe.pending.size > 0) {
        stripe.pending = handOff.pass(stripe.pending);
      }
    }
    handOff.passMarker(() -> stamp(st, now, u));
  }

  /**
   * Expires old predictions and writes the window's expired / unmatched / pending counts
   * ({@code unmatchedTotal}: labels unmatched so far, read at the close). Runs in window order
   * (the queue's, under its apply lock).
   */
  private void stamp(WindowState st, long now, long unmatchedTotal) {
    pending.expire(now);
    long expired = pending.expiredTotal();
    st.expired = expired - lastExpired;
    lastExpired = expired;
    st.unmatched = unmatchedTotal - lastUnmatched;
    lastUnmatched = unmatchedTotal;
    st.pending = pending.size();
  }

  void countUnmatched() {
    unmatched.increment();
  }
}
