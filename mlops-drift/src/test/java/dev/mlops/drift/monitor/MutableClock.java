package dev.mlops.drift.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand (thread-safe); shared with mlops-core's tests through the test-jar. */
public final class MutableClock extends Clock {

  private final AtomicLong millis;

  /**
   * Starts the clock.
   *
   * @param start the first instant
   */
  public MutableClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  /**
   * Sets the time.
   *
   * @param now the new instant
   */
  public void set(Instant now) {
    millis.set(now.toEpochMilli());
  }

  /**
   * Moves the time forward.
   *
   * @param d the duration (millisecond resolution)
   */
  public void advance(Duration d) {
    millis.addAndGet(d.toMillis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public long millis() {
    return millis.get();
  }
}
