package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.profile.ReferenceProfile;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Snapshots merge and restore: replicas add up to one monitor fed both streams. */
final class MonitorStateTest {

  private static final ReferenceProfile PROFILE = Fixtures.profile(Fixtures.rows(500, 1, 0, 1));
  private static final List<Map<String, Object>> TRAFFIC = Fixtures.rows(300, 2, 0.3, 1.2);

  /**
   * At a stated 1% of windows: the traffic's shift (0.3 sd on 300 rows against 500) drifts at 1%
   * but not at the default 0.2%, and the merge test needs a drifting verdict to compare.
   */
  private static DriftMonitor monitor() {
    return DriftMonitor.builder(PROFILE)
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .thresholds(DriftThresholds.calibrated(0.01))
        .window(Window.tumblingCount(1_000)).build();
  }

  private static void feed(DriftMonitor m, int from, int to) {
    for (int i = from; i < to; i++) {
      m.record(TRAFFIC.get(i), Prediction.ofValue(i % 7), null);
    }
  }

  private static void assertSameVerdicts(DriftReport actual, DriftReport expected) {
    assertThat(actual.records()).isEqualTo(expected.records());
    assertThat(actual.features()).isEqualTo(expected.features());
    assertThat(actual.prediction()).isEqualTo(expected.prediction());
    assertThat(actual.dataQuality()).isEqualTo(expected.dataQuality());
  }

  @Test
  void mergeOfTwoReplicas_equalsOneMonitorFedBothStreams() {
    DriftMonitor a = monitor();
    DriftMonitor b = monitor();
    DriftMonitor single = monitor();
    feed(a, 0, 130);
    feed(b, 130, 300);
    feed(single, 0, 300);
    a.merge(b.snapshot());
    DriftReport merged = a.closeWindow().orElseThrow();
    DriftReport expected = single.closeWindow().orElseThrow();
    assertSameVerdicts(merged, expected);
    assertThat(merged.feature("x").orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
  }

  @Test
  void quantileSketches_coverTheWholeWindow_andSurviveMerge() {
    DriftMonitor a = DriftMonitor.builder(PROFILE).quantileSketch(200).reservoirSize(100)
        .window(Window.tumblingCount(100_000)).build();
    DriftMonitor b = DriftMonitor.builder(PROFILE).quantileSketch(200).reservoirSize(100)
        .window(Window.tumblingCount(100_000)).build();
    for (int i = 0; i < 5_000; i++) {
      // x = 0, 1, ..., 9999 split across the replicas: exact median 4999.5
      a.record(Map.of("x", (double) i, "y", 0.0, "city", "paris"), null, null);
      b.record(Map.of("x", (double) (i + 5_000), "y", 0.0, "city", "paris"), null, null);
    }
    a.merge(b.snapshot());
    FeatureQuantiles x = a.closeWindow().orElseThrow().quantiles().get(0);
    assertThat(x.feature()).isEqualTo("x");
    assertThat(x.n()).isEqualTo(10_000);
    // ranks 0.01 ... 0.99: within the sketch's rank error (1.3% of 10,000 values = 133)
    double[] expected = {100, 500, 2_500, 5_000, 7_500, 9_500, 9_900};
    for (int i = 0; i < expected.length; i++) {
      assertThat(x.values()[i]).isCloseTo(expected[i],
          org.assertj.core.api.Assertions.within(10_000 * x.normalizedRankError() + 1));
    }
  }

  @Test
  void restoredMonitor_continuesTheWindow() {
    DriftMonitor before = monitor();
    feed(before, 0, 180);
    byte[] state = before.snapshot();

    DriftMonitor after = monitor();
    after.restore(state);
    assertThat(after.records()).isEqualTo(180);
    feed(after, 180, 300);

    DriftMonitor single = monitor();
    feed(single, 0, 300);
    assertSameVerdicts(after.closeWindow().orElseThrow(), single.closeWindow().orElseThrow());
  }

  @Test
  void restore_keepsCountersAndCountWindowBoundaries() {
    DriftMonitor before = DriftMonitor.builder(PROFILE)
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(100)).build();
    feed(before, 0, 250); // two windows closed, 50 open
    DriftMonitor after = DriftMonitor.builder(PROFILE)
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(100)).build();
    after.restore(before.snapshot());
    assertThat(after.records()).isEqualTo(250);
    feed(after, 250, 300);
    DriftReport third = after.latestReport().orElseThrow();
    assertThat(third.window()).isEqualTo(3);
    assertThat(third.records()).isEqualTo(100);
  }

  @Test
  void mergeBeyondTheReservoir_keepsExactCounts_andAFullSample() {
    DriftMonitor a = DriftMonitor.builder(PROFILE).reservoirSize(100)
        .window(Window.tumblingCount(10_000)).build();
    DriftMonitor b = DriftMonitor.builder(PROFILE).reservoirSize(100)
        .window(Window.tumblingCount(10_000)).build();
    List<Map<String, Object>> rows = Fixtures.rows(1_000, 3, 0, 1);
    rows.subList(0, 400).forEach(r -> a.record(r, null, null));
    rows.subList(400, 1_000).forEach(r -> b.record(r, null, null));
    a.merge(b);
    DriftReport r = a.closeWindow().orElseThrow();
    assertThat(r.records()).isEqualTo(1_000);
    // counts are exact; the KS test ran on the 100-value merged sample
    assertThat(r.feature("x").orElseThrow().nCurrent()).isEqualTo(100);
    assertThat(r.dataQuality().rows()).isEqualTo(1_000);
  }

  @Test
  void corruptState_isRejected_withTheReason() {
    DriftMonitor m = monitor();
    feed(m, 0, 50);
    byte[] state = m.snapshot();

    byte[] flipped = state.clone();
    flipped[40] ^= 1;
    assertThatThrownBy(() -> monitor().restore(flipped))
        .isInstanceOf(MonitorStateException.class).hasMessageContaining("checksum must match");

    byte[] newer = state.clone();
    ByteBuffer.wrap(newer).putInt(4, StateCodec.VERSION + 1);
    CRC32 crc = new CRC32();
    crc.update(newer, 0, newer.length - 8);
    ByteBuffer.wrap(newer).putLong(newer.length - 8, crc.getValue());
    assertThatThrownBy(() -> monitor().restore(newer))
        .isInstanceOf(MonitorStateException.class)
        .hasMessage("monitor state format version " + (StateCodec.VERSION + 1)
            + " is newer than this library reads (" + StateCodec.VERSION + ")");

    assertThatThrownBy(() -> monitor().merge(new byte[] {1, 2, 3}))
        .isInstanceOf(MonitorStateException.class).hasMessageContaining("truncated");

    DriftMonitor otherSchema = DriftMonitor.builder(ReferenceProfile.builder().numeric("x", "z")
        .add(Map.of("x", 1.0, "z", 2.0)).build()).build();
    assertThatThrownBy(() -> otherSchema.restore(state))
        .isInstanceOf(MonitorStateException.class).hasMessageContaining("same features");
  }
}
