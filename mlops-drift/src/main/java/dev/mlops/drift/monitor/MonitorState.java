package dev.mlops.drift.monitor;

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
 *
 * <pre>{@code
 * MonitorState part = monitor.newState();
 * partitionRows.forEach(row -> part.update(row, null));
 * byte[] shipped = part.toByteArray();
 * MonitorState all = monitor.state(shipped).merge(otherPart);
 * DriftReport report = monitor.evaluate(all);
 * }</pre>
 *
 * <p>Not thread-safe: one thread updates a state (use one state per thread or partition and merge
 * them). {@link #update} never throws for bad data: it is counted as by {@link
 * DriftMonitor#record(Map, Prediction, String)}.
 */
public final class MonitorState {

  private final Schema schema;
  private final Supplier<WindowState> fresh;
  private final Accumulator acc;

  MonitorState(Schema schema, MonitorConfig config, Supplier<WindowState> fresh,
      WindowState initial) {
    this.schema = schema;
    this.fresh = fresh;
    this.acc = new Accumulator(schema, 1, initial, config);
  }

  /**
   * Adds one row: features by name and the model's prediction.
   *
   * @param features feature values by name ({@code null} records every feature absent)
   * @param prediction the prediction, or {@code null}
   * @return this state
   */
  public MonitorState update(Map<String, ?> features, Prediction prediction) {
    acc.record(acc.stripes[0], features == null ? Map.of() : features, null, prediction);
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
    acc.record(acc.stripes[0], values == null ? new double[0] : values, prediction);
    return this;
  }

  /**
   * Adds another state of the same monitor into this one.
   *
   * @param other a state from {@link DriftMonitor#newState()} or {@link DriftMonitor#state}
   *     of a monitor with the same features, bins and categories
   * @return this state
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the other state belongs to another schema
   */
  public MonitorState merge(MonitorState other) {
    Objects.requireNonNull(other, "other state must not be null");
    if (other.schema.fingerprint != schema.fingerprint) {
      throw new IllegalArgumentException("states to merge must come from monitors with the same "
          + "features, bins and categories: fingerprint " + Long.toHexString(other.schema.fingerprint)
          + ", expected " + Long.toHexString(schema.fingerprint));
    }
    acc.harvest(true, acc.shared).mergeFrom(other.window());
    return this;
  }

  /**
   * Rows added so far (directly or through merges).
   *
   * @return the row count
   */
  public long rows() {
    return acc.stripes[0].misc[Accumulator.PAD + Accumulator.M_ROWS] + acc.shared.rows;
  }

  /**
   * The state in the monitor's binary state format.
   *
   * @return the bytes
   */
  public byte[] toByteArray() {
    WindowState w = window();
    return StateCodec.encode(schema, w, new StateCodec.Header(0, 0, 0, 0, w.start, 0), List.of(),
        List.of());
  }

  /** The summed window state (a copy; this state is unchanged). */
  WindowState window() {
    return acc.harvest(false, fresh.get());
  }
}
