package dev.mlops.drift.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * How live traffic is cut into windows: tumbling or sliding, by record count or by time.
 *
 * <p>A sliding window of size {@code s} and step {@code t} closes every {@code t} (records or
 * time) and reports on the last {@code s}; the size must be a multiple of the step. The first
 * sliding report comes once the monitor has closed as many steps as the size holds (earlier only
 * through {@link DriftMonitor#closeWindow()}). The monitor keeps one partial state per step of the
 * window, so a window holds at most {@link #MAX_STEPS} steps (a day of one-minute steps). A tumbling
 * window is a sliding window whose step equals its size. Time comes from the monitor's
 * {@link java.time.Clock}. Immutable and thread-safe.
 */
public final class Window {

  /** The unit of a window. */
  public enum Unit {
    /** Windows measured in recorded rows. */
    RECORDS,
    /** Windows measured in clock time (milliseconds). */
    TIME
  }

  /**
   * The most steps one sliding window may hold: the monitor keeps a partial state per step and
   * merges them all at every step, so more steps would cost memory and time without bound.
   */
  public static final long MAX_STEPS = 1_440;

  private final Unit unit;
  private final long size;
  private final long step;

  private Window(Unit unit, long size, long step) {
    this.unit = unit;
    this.size = size;
    this.step = step;
  }

  /**
   * Tumbling windows of {@code records} rows each.
   *
   * @param records rows per window, at least 1
   * @return the window
   * @throws IllegalArgumentException if {@code records} is not positive
   */
  public static Window tumblingCount(long records) {
    requirePositive("window size", records);
    return new Window(Unit.RECORDS, records, records);
  }

  /**
   * Tumbling windows of a fixed duration, aligned to the monitor's creation time (by its clock);
   * after idle time the next window starts on the same grid.
   *
   * @param duration window length, at least 1 ms
   * @return the window
   * @throws NullPointerException if {@code duration} is null
   * @throws IllegalArgumentException if {@code duration} is shorter than 1 ms
   */
  public static Window tumblingTime(Duration duration) {
    long ms = millis("window duration", duration);
    return new Window(Unit.TIME, ms, ms);
  }

  /**
   * Sliding windows of {@code size} rows that close every {@code step} rows.
   *
   * @param size rows in each report, at least 1
   * @param step rows between reports, at least 1, dividing {@code size}
   * @return the window
   * @throws IllegalArgumentException if a value is not positive, {@code step} does not divide
   *     {@code size}, or the window holds more than {@link #MAX_STEPS} steps
   */
  public static Window slidingCount(long size, long step) {
    requirePositive("window size", size);
    requirePositive("window step", step);
    requireMultiple(size, step);
    return new Window(Unit.RECORDS, size, step);
  }

  /**
   * Sliding windows of duration {@code size} that close every {@code step}.
   *
   * @param size the time covered by each report, at least 1 ms
   * @param step the time between reports, at least 1 ms, dividing {@code size}
   * @return the window
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a duration is shorter than 1 ms, {@code step} does not
   *     divide {@code size}, or the window holds more than {@link #MAX_STEPS} steps
   */
  public static Window sliding(Duration size, Duration step) {
    long s = millis("window duration", size);
    long t = millis("window step", step);
    requireMultiple(s, t);
    return new Window(Unit.TIME, s, t);
  }

  private static long millis(String what, Duration d) {
    Objects.requireNonNull(d, what + " must not be null");
    long ms = d.toMillis();
    if (ms < 1) {
      throw new IllegalArgumentException(what + " must be at least 1 ms: " + d);
    }
    return ms;
  }

  private static void requirePositive(String what, long v) {
    if (v < 1) {
      throw new IllegalArgumentException(what + " must be positive: " + v);
    }
  }

  private static void requireMultiple(long size, long step) {
    if (step > size || size % step != 0) {
      throw new IllegalArgumentException(
          "window step must divide the window size: step " + step + ", size " + size);
    }
    if (size / step > MAX_STEPS) {
      throw new IllegalArgumentException("window size must be at most " + MAX_STEPS
          + " steps: size " + size + ", step " + step + " (" + size / step + " steps)");
    }
  }

  /**
   * The unit of size and step.
   *
   * @return records or time
   */
  public Unit unit() {
    return unit;
  }

  /**
   * The size: rows, or milliseconds for time windows.
   *
   * @return the size
   */
  public long size() {
    return size;
  }

  /**
   * The step between reports: rows, or milliseconds for time windows.
   *
   * @return the step
   */
  public long step() {
    return step;
  }

  /**
   * Whether reports overlap (step smaller than size).
   *
   * @return {@code true} for sliding windows
   */
  public boolean isSliding() {
    return step < size;
  }

  /** Number of panes (steps) per reported window. */
  int panes() {
    return (int) (size / step);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Window w && w.unit == unit && w.size == size && w.step == step;
  }

  @Override
  public int hashCode() {
    return Objects.hash(unit, size, step);
  }

  @Override
  public String toString() {
    String u = unit == Unit.RECORDS ? " records" : " ms";
    return isSliding()
        ? "sliding(" + size + u + ", step " + step + u + ")"
        : "tumbling(" + size + u + ")";
  }
}
