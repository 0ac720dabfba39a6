package dev.mlops.drift.monitor;

import dev.mlops.drift.fairness.FairnessWindow;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The recorded state of one stretch of traffic (a window, a partition of a batch, a replica's
 * share) as a mergeable value, in the manner of a DataSketches sketch: {@link #update} with rows,
 * {@link #merge} with another state of the same monitor, {@link #toByteArray()} to ship it, then
 * {@link DriftMonitor#evaluate(MonitorState)} for a report. Counts and quality counters merge
 * exactly; samples (reservoirs, row sample, quantile sketches) merge as uniform samples of the
 * union. The bytes are the monitor's versioned, checksummed state format (those of {@link
 * DriftMonitor#snapshot()}, without pending predictions), read back by {@link
 * DriftMonitor#state(byte[])} — so a live monitor can {@link DriftMonitor#merge(byte[])} them too.
 * A state of a monitor that watches group fairness also counts each row's sensitive groups and
 * favourable decision (as the monitor's open window does), merged by group name, in its bytes and
 * in its {@link DriftReport#fairness()}; labels are not part of a state.
 *
 * <pre>{@code
 * MonitorState part = monitor.newState();
 * partitionRows.forEach(row -> part.update(row, null));
 * byte[] shipped = part.toByteArray();
 * MonitorState all = monitor.state(shipped).merge(otherPart);
 * DriftReport report = monitor.evaluate(all);
 * }</pre>
 *
 * <p>With the monitor's label-free estimator, a state's rows get their chances as they are
 * applied (every 64 rows) on the updating thread, which waits for the estimator's fit the first
 * time if it is not done (see {@link DriftMonitor.Builder#build()}).
 *
 * <p>Not thread-safe: one thread updates a state (use one state per thread or partition and merge
 * them). {@link #update} never throws for bad data: it is counted as by {@link
 * DriftMonitor#record(Map, Prediction, String)}.
 */
public final class MonitorState {

  private final Schema schema;
  private final Supplier<WindowState> fresh;
  private final Accumulator acc;
  /** The rows' selections by sensitive group; null unless the monitor watches fairness. */
  private final FairnessTracker fairness;

  MonitorState(Schema schema, MonitorConfig config, Supplier<WindowState> fresh,
      WindowState initial, FairnessTracker fairness, RowChances chances) {
    this.schema = schema;
    this.fresh = fresh;
    this.fairness = fairness;
    FairnessState saved = initial.fairnessState;
    initial.fairnessState = null;
    // a monitor that watches no sensitive attribute reads a state's drift part only
    if (saved != null && fairness != null) {
      fairness.check(saved);
      fairness.mergeSelections(saved);
    }
    this.acc = new Accumulator(schema, 1, initial, config, chances);
  }

  /**
   * Adds one row: features by name and the model's prediction.
   *
   * @param features feature values by name ({@code null} records every feature absent)
   * @param prediction the prediction, or {@code null}
   * @return this state
   */
  public MonitorState update(Map<String, ?> features, Prediction prediction) {
    Map<String, ?> row = features == null ? Map.of() : features;
    acc.record(acc.stripes[0], row, null, prediction);
    if (fairness != null) {
      fairness.record(row, null, prediction, null);
    }
    return this;
  }

  /**
   * Adds one row given in schema order (as {@link DriftMonitor#record(double[], Prediction,
   * String)}).
   *
   * @param values one value per feature in schema order
   * @param prediction the prediction, or {@code null}
   * @return this state
   */
  public MonitorState update(double[] values, Prediction prediction) {
    double[] row = values == null ? new double[0] : values;
    acc.record(acc.stripes[0], row, prediction);
    if (fairness != null) {
      fairness.record(null, row, prediction, null);
    }
    return this;
  }

  /**
   * Adds another state of the same monitor into this one.
   *
   * @param other a state from {@link DriftMonitor#newState()} or {@link DriftMonitor#state}
   *     of a monitor with the same features, bins and categories
   * @return this state
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the other state belongs to another schema or watches
   *     other sensitive attributes
   */
  public MonitorState merge(MonitorState other) {
    Objects.requireNonNull(other, "other state must not be null");
    if (other.schema.fingerprint != schema.fingerprint) {
      throw new IllegalArgumentException("states to merge must come from monitors with the same "
          + "features, bins and categories: fingerprint " + Long.toHexString(other.schema.fingerprint)
          + ", expected " + Long.toHexString(schema.fingerprint));
    }
    FairnessState theirs = other.fairness == null ? null : other.fairness.save();
    List<String> mine = fairness == null ? null : fairness.spec().names();
    if (!Objects.equals(mine, theirs == null ? null : theirs.attributes())) {
      throw new IllegalArgumentException("states to merge must watch the same sensitive attributes: "
          + (theirs == null ? "none" : theirs.attributes()) + ", expected " + (mine == null ? "none" : mine));
    }
    acc.harvest(true, acc.shared).mergeFrom(other.window());
    if (theirs != null) {
      fairness.mergeSelections(theirs);
    }
    return this;
  }

  /**
   * Rows added so far (directly or through merges).
   *
   * @return the row count
   */
  public long rows() {
    return acc.stripes[0].rows + acc.shared.rows;
  }

  /**
   * The state in the monitor's binary state format.
   *
   * @return the bytes
   */
  public byte[] toByteArray() {
    WindowState w = window();
    w.fairnessState = fairness == null ? null : fairness.save();
    return StateCodec.encode(schema, w, new StateCodec.Header(0, 0, 0, 0, w.start, 0), List.of(),
        List.of());
  }

  /**
   * Evaluates the selections of this state's rows as one window (numbered 1), or null without
   * fairness. Consumes them: for a throwaway copy only.
   */
  FairnessWindow evaluateFairness() {
    return fairness == null ? null : fairness.evaluate(fairness.harvest(), 1);
  }

  /** The summed window state (a copy; this state is unchanged). */
  WindowState window() {
    return acc.harvest(false, fresh.get());
  }
}
