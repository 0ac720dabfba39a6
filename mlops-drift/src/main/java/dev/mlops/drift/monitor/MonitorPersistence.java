package dev.mlops.drift.monitor;

import java.util.Objects;

/**
 * The state part of {@link DriftMonitor}'s API: the open window as portable, versioned bytes
 * ({@link #snapshot()}, {@link #restore(byte[])}, {@link #merge(byte[])}) and {@link MonitorState}
 * values of the monitor's schema recorded outside it and evaluated with its settings. A
 * package-private base of the monitor (as the builder's option classes are of its builder): its
 * public methods are the monitor's, documented here.
 *
 * <p>Thread-safe, as the monitor.
 */
abstract class MonitorPersistence {

  /** The monitor's windows: recording, closing, snapshots. */
  final Windowing windows;
  /** The state glue, whose schema and settings {@link BatchComparison} reuses. */
  final MonitorStates states;

  MonitorPersistence(MonitorParts parts) {
    this.windows = parts.windows();
    this.states = parts.states();
  }

  /**
   * An empty state of this monitor's schema, for recording traffic outside the monitor (a batch,
   * a partition, a replica) and merging or evaluating it later.
   *
   * @return a new state
   */
  public MonitorState newState() {
    return states.newState();
  }

  /**
   * Reads a state written by {@link MonitorState#toByteArray()} or {@link #snapshot()} (its
   * window part; the pending predictions and counters of a snapshot are not part of a state, nor
   * are its fairness outcomes: of its fairness part, only the open window's selections by group).
   *
   * @param bytes the serialised state
   * @return the state
   * @throws MonitorStateException if the bytes are corrupt, of a newer format, or from a monitor
   *     with another schema, or watch other sensitive attributes than this monitor (a monitor that
   *     watches none reads the drift part only)
   * @throws NullPointerException if {@code bytes} is null
   */
  public MonitorState state(byte[] bytes) {
    return states.decode(Objects.requireNonNull(bytes, "state must not be null"));
  }

  /**
   * Evaluates a state as one window with this monitor's configuration (statistics, thresholds,
   * correction, quality rules), on the calling thread; the monitor's own windows, history, alert
   * state and listeners are untouched. The report's window number is 1 and it never alerts. With
   * group fairness, its {@link DriftReport#fairness()} is that of the state's rows (their
   * selections by group, as the open window of a monitor that recorded them would report; labels
   * are not part of a state), listing the bounds they break without telling any listener.
   *
   * @param state a state of this monitor's schema
   * @return the report
   * @throws NullPointerException if {@code state} is null
   * @throws IllegalArgumentException if the state belongs to another schema
   */
  public DriftReport evaluate(MonitorState state) {
    return states.evaluate(Objects.requireNonNull(state, "state must not be null"));
  }

  /**
   * Serialises the open window's state, the monitor's counters and the predictions still waiting
   * for a label (request id, prediction and time, oldest first, with their class probabilities
   * when a declared realised metric needs them) in a versioned, checksummed
   * binary format (see {@link #restore(byte[])}); the report history is not included. Writers pause
   * only while the stripes are summed; the pending predictions are copied shard by shard under
   * their locks, so a label joined concurrently with the snapshot may or may not be in it. The
   * alert counters are those after the windows already closed are evaluated (waited for on the
   * monitor's own thread; with a host executor, those evaluated so far).
   *
   * @return the state
   */
  public byte[] snapshot() {
    return windows.snapshot();
  }

  /**
   * Replaces the open window, the counters and the pending predictions with serialised state
   * (e.g. after a restart), so labels arriving after the restart still join the predictions made
   * before it. Restored predictions keep their original time (they expire by this monitor's
   * pending-label timeout measured from when they were made); beyond this monitor's pending bound
   * the oldest are dropped and counted as expired. State of format version 1 (written before
   * pending predictions were stored) is still read and restores no pending predictions.
   *
   * @param state bytes from {@link #snapshot()} of a monitor of the same schema
   * @throws MonitorStateException if the state is corrupt, of a newer format, or from a monitor
   *     with another schema
   * @throws NullPointerException if {@code state} is null
   */
  public void restore(byte[] state) {
    Objects.requireNonNull(state, "state must not be null");
    windows.restore(state);
  }

  /**
   * Adds another monitor's open window (serialised by its {@link #snapshot()}, or a {@link
   * MonitorState}'s bytes) into this monitor's open window: counts are summed and samples united,
   * so the result is the state of one monitor fed both streams (exactly for counts, and for samples
   * while they fit the reservoir; beyond it a uniform sample of the union). The pending predictions
   * are united too (so the other monitor's requests can be labelled here): of the union the newest
   * are kept up to this monitor's pending bound, the older ones dropped and counted as expired, and
   * of two predictions with the same request id the newer is kept (the other counted as expired).
   * History and counters are not merged. The other monitor's pending predictions and late labels
   * keep their window's age (windows closed since): a label of a prediction made two windows ago
   * there is credited to this monitor's window of two windows ago (replicas that close windows in
   * step). A state of format version 1 brings no pending predictions.
   *
   * @param state another monitor's snapshot
   * @throws MonitorStateException if the state is corrupt, of a newer format, or from a monitor
   *     with another schema
   * @throws NullPointerException if {@code state} is null
   */
  public void merge(byte[] state) {
    Objects.requireNonNull(state, "state must not be null");
    windows.merge(state);
  }

  /**
   * Adds another live monitor's open window into this one ({@code merge(other.snapshot())}).
   *
   * @param other a monitor of the same schema
   * @throws MonitorStateException if the schemas differ
   * @throws NullPointerException if {@code other} is null
   */
  public void merge(DriftMonitor other) {
    merge(Objects.requireNonNull(other, "other must not be null").snapshot());
  }
}
