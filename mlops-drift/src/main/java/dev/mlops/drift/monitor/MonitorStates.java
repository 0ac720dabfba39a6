package dev.mlops.drift.monitor;

import dev.mlops.drift.fairness.SensitiveAttributes;

/**
 * The monitor's state glue: new and decoded {@link MonitorState} values of its schema (each with
 * its own fairness tracker when the monitor watches sensitive attributes), and the evaluation of
 * one such state as a window alone, apart from the monitor's own windows, history and listeners.
 *
 * <p>Thread-safe: it holds only the monitor's immutable settings; each call builds new values.
 */
final class MonitorStates {

  private final Schema schema;
  private final MonitorConfig config;
  private final Windowing windows;
  /** The watched sensitive attributes, or null. */
  private final SensitiveAttributes sensitive;

  /** The estimate's per-row chances (null without an estimator). */
  private final RowChances chances;

  MonitorStates(Schema schema, MonitorConfig config, Windowing windows, SensitiveAttributes sensitive,
      RowChances chances) {
    this.chances = chances;
    this.schema = schema;
    this.config = config;
    this.windows = windows;
    this.sensitive = sensitive;
  }

  /** The monitored columns. */
  Schema schema() {
    return schema;
  }

  /** The estimate's per-row chances, or null without an estimator. */
  RowChances chances() {
    return chances;
  }

  /** The monitor's settings. */
  MonitorConfig config() {
    return config;
  }

  /** The watched sensitive attributes, or null when none were declared. */
  SensitiveAttributes sensitive() {
    return sensitive;
  }

  /** An empty state whose window starts now (by the monitor's clock). */
  MonitorState newState() {
    WindowState w = windows.newState();
    w.start = config.clock().millis();
    return of(w);
  }

  /** A state read from {@link MonitorState#toByteArray()} or snapshot bytes (its window part). */
  MonitorState decode(byte[] bytes) {
    return of(StateCodec.decode(schema, bytes, windows::newState).state());
  }

  private MonitorState of(WindowState w) {
    FairnessTracker fairness = sensitive == null ? null : new FairnessTracker(sensitive, schema, config);
    return new MonitorState(schema, config, windows::newState, w, fairness, chances);
  }

  /**
   * Evaluates a state as one window on the calling thread (a merged copy, so the caller's state
   * is untouched); a state never closed ends now.
   */
  DriftReport evaluate(MonitorState state) {
    MonitorState copy = newState().merge(state);
    WindowState w = copy.window();
    if (w.end == 0) {
      w.end = Math.max(w.start, config.clock().millis());
    }
    return windows.reporter().evaluateAlone(w, copy.evaluateFairness());
  }

  /** The monitor's reporter (for tests). */
  WindowReporter reporter() {
    return windows.reporter();
  }
}
