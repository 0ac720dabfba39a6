package dev.mlops.drift.monitor;

import dev.mlops.drift.internal.QuantileSketch;
import dev.mlops.drift.internal.Reservoir;
import java.util.Map;

/**
 * The aggregated state of one window (or pane): counts, quality counters, reservoirs, the row
 * sample for multivariate drift, top offenders, labels and confidence sums. While a window is
 * open, its reservoir part is written under this object's monitor by recording threads flushing
 * their buffers; once harvested it is confined to the thread computing the report.
 */
final class WindowState {

  /** Confidence-based estimation sums. */
  static final int CB_N = 0;
  static final int CB_TP = 1;
  static final int CB_FP = 2;
  static final int CB_FN = 3;
  static final int CB_TN = 4;
  static final int CB_SUM_MAX = 5;
  static final int CB_BINARY = 6;
  /** Sum of p (1 - p) of the calibrated positive-class probabilities (binary, with an estimator). */
  static final int CB_VAR = 7;
  static final int CB_SIZE = 8;

  /**
   * Label pairs: label, monitored prediction value, predicted class, prediction kind ordinal, then
   * the class probabilities when the monitor keeps them ({@link KeptProbabilities}).
   */
  static final int PAIR_WIDTH = 4;

  final Schema schema;
  long start;
  long end;
  /** Rows recorded in full: every statistic of the window rests on them. */
  long rows;
  /**
   * Rows counted but not recorded in full by a sampled monitor ({@code sampleOneIn(k)}, k > 1):
   * they count towards the window's size and its records, not its statistics.
   */
  long unsampled;
  /** Of {@link #unsampled}, the rows that carried a prediction (kept for a label when given an id). */
  long unsampledPredictions;
  long rowsWithUnknown;
  long nonFinitePredictions;
  long predictions;
  /** Labels joined during the window (its own predictions', and the late ones below). */
  long labels;
  /** Labels joined during the window for predictions of earlier windows (credited to those). */
  long lateLabels;
  /** Labels joined during the window whose prediction's window lies beyond the label horizon. */
  long labelsBeyondHorizon;
  /** Of {@link #lateLabels}, those outside the declared classes (also in {@link #outsideClasses}). */
  long lateOutsideClasses;
  /** The number of the window (pane) this state was closed as, from 0; set by the close. */
  long pane;
  long expired;
  long unmatched;
  long pending;
  /** Labels of classifier predictions (or their predicted class) outside the declared classes. */
  long outsideClasses;
  final long[] counts;
  final long[] quality;
  final Reservoir[] reservoirs;
  final Reservoir rowSample;
  final Reservoir labelPairs;
  /** Scratch row for {@link #labelPairs} offers (used with this state locked; never read back). */
  final double[] pairScratch;
  final TopOffenders[] unseen;
  final TopOffenders unknown = new TopOffenders();
  final double[] confidence = new double[CB_SIZE];
  /**
   * Rows applied before the estimator's fit was ready, their chances not yet in {@link
   * #confidence}: per row its buffered values then {@link RowChances#width} chance inputs (null
   * when none; see {@link RowChances}).
   */
  double[] backlog;
  int backlogLength;
  /** Where the backlog's first row not yet computed starts ({@link RowChances#drain} takes from the front). */
  int backlogStart;
  /** Whether the state waits in {@link RowChances}' queue of backlogs to drain. */
  boolean draining;
  /** Rows whose chance was not computed: the backlog's budget was spent before the fit was ready. */
  long unestimated;
  /**
   * Rows whose chance was not computed: the backlog's budget was spent after the fit was ready,
   * while the monitor's thread was behind.
   */
  long unestimatedBehind;
  /** The window's selections by sensitive group (null unless the monitor watches fairness). */
  FairnessTracker.Selection fairness;
  /**
   * The monitor's whole fairness state, on a snapshot's copy of the open window and on a decoded
   * snapshot only (never merged: the tracker applies it on a restore or merge).
   */
  FairnessState fairnessState;
  /** Deterministic KLL quantile sketches of the numeric features (null unless configured). */
  final QuantileSketch[] sketches;


  WindowState(Schema schema, int reservoirSize, int rowSampleSize, long seed) {
    this(schema, reservoirSize, rowSampleSize, seed, 0);
  }

  WindowState(Schema schema, int reservoirSize, int rowSampleSize, long seed, int sketchK) {
    this(schema, reservoirSize, rowSampleSize, seed, sketchK, 0);
  }

  /** A state whose label pairs also carry {@code probabilityColumns} class probabilities. */
  WindowState(Schema schema, int reservoirSize, int rowSampleSize, long seed, int sketchK,
      int probabilityColumns) {
    this.schema = schema;
    this.counts = new long[schema.totalSlots];
    this.quality = new long[schema.features.length * Schema.QUALITY];
    this.reservoirs = new Reservoir[schema.reservoirs()];
    for (int i = 0; i < reservoirs.length; i++) {
      reservoirs[i] = new Reservoir(reservoirSize, mix(seed, i));
    }
    this.rowSample = rowSampleSize > 0 && schema.numeric > 0
        ? new Reservoir(rowSampleSize, schema.numeric, mix(seed, -1)) : null;
    this.labelPairs = new Reservoir(reservoirSize, PAIR_WIDTH + probabilityColumns, mix(seed, -2));
    this.pairScratch = new double[PAIR_WIDTH + probabilityColumns];
    if (sketchK > 0) {
      sketches = new QuantileSketch[schema.numeric];
      for (int i = 0; i < sketches.length; i++) {
        sketches[i] = new QuantileSketch(sketchK);
      }
    } else {
      sketches = null;
    }
    this.unseen = new TopOffenders[schema.features.length];
    for (int i = 0; i < unseen.length; i++) {
      unseen[i] = new TopOffenders();
    }
  }

  /**
   * Empties this state for reuse as a new window (keeps the arrays: a reservoir is emptied by
   * its counters, not by zeroing its sample).
   */
  void reset(long seed, int sketchK) {
    start = 0;
    end = 0;
    rows = 0;
    unsampled = 0;
    unsampledPredictions = 0;
    rowsWithUnknown = 0;
    nonFinitePredictions = 0;
    predictions = 0;
    labels = 0;
    lateLabels = 0;
    labelsBeyondHorizon = 0;
    lateOutsideClasses = 0;
    pane = 0;
    expired = 0;
    unmatched = 0;
    pending = 0;
    outsideClasses = 0;
    fairness = null;
    fairnessState = null;
    java.util.Arrays.fill(counts, 0);
    java.util.Arrays.fill(quality, 0);
    for (int i = 0; i < reservoirs.length; i++) {
      reservoirs[i].reset(mix(seed, i));
    }
    if (rowSample != null) {
      rowSample.reset(mix(seed, -1));
    }
    labelPairs.reset(mix(seed, -2));
    for (TopOffenders t : unseen) {
      t.clear();
    }
    unknown.clear();
    java.util.Arrays.fill(confidence, 0);
    backlog = null;
    backlogLength = 0;
    backlogStart = 0;
    unestimated = 0;
    unestimatedBehind = 0;
    if (sketches != null) {
      for (int i = 0; i < sketches.length; i++) {
        sketches[i] = new QuantileSketch(sketchK);
      }
    }
  }

  static long mix(long seed, long i) {
    return Reservoir.mix(seed, i);
  }

  /** Adds {@code other} into this state (counts summed, samples united). */
  void mergeFrom(WindowState other) {
    start = rows == 0 && start == 0 ? other.start : Math.min(start, other.start);
    end = Math.max(end, other.end);
    rows += other.rows;
    unsampled += other.unsampled;
    unsampledPredictions += other.unsampledPredictions;
    rowsWithUnknown += other.rowsWithUnknown;
    nonFinitePredictions += other.nonFinitePredictions;
    predictions += other.predictions;
    labels += other.labels;
    lateLabels += other.lateLabels;
    labelsBeyondHorizon += other.labelsBeyondHorizon;
    lateOutsideClasses += other.lateOutsideClasses;
    pane = Math.max(pane, other.pane);
    expired += other.expired;
    unmatched += other.unmatched;
    pending = Math.max(pending, other.pending);
    outsideClasses += other.outsideClasses;
    if (other.fairness != null) {
      fairness = fairness == null ? other.fairness : fairness.merge(other.fairness);
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    for (int i = 0; i < quality.length; i++) {
      quality[i] += other.quality[i];
    }
    for (int i = 0; i < reservoirs.length; i++) {
      reservoirs[i].unite(other.reservoirs[i]);
    }
    if (rowSample != null && other.rowSample != null) {
      rowSample.unite(other.rowSample);
    }
    labelPairs.unite(other.labelPairs);
    for (int i = 0; i < unseen.length; i++) {
      unseen[i].offerAll(other.unseen[i].snapshot());
    }
    unknown.offerAll(other.unknown.snapshot());
    for (int i = 0; i < confidence.length; i++) {
      confidence[i] += other.confidence[i];
    }
    unestimated += other.unestimated;
    unestimatedBehind += other.unestimatedBehind;
    if (sketches != null && other.sketches != null) {
      for (int i = 0; i < sketches.length; i++) {
        sketches[i].merge(other.sketches[i]);
      }
    }
  }


  /** Count of valid values of a column (sum of its slots). */
  long valid(FeatureSpec f) {
    long n = 0;
    for (int i = 0; i < f.slots(); i++) {
      n += counts[f.slotOffset + i];
    }
    return n;
  }

  long[] slots(FeatureSpec f) {
    long[] c = new long[f.slots()];
    System.arraycopy(counts, f.slotOffset, c, 0, c.length);
    return c;
  }

  long quality(int feature, int counter) {
    return quality[feature * Schema.QUALITY + counter];
  }

  Map<String, Long> topUnseen(int feature) {
    return unseen[feature].snapshot();
  }
}
