package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Predictions waiting for a delayed label survive snapshot, restore and merge. */
final class PendingStateTest {

  private static final Map<String, Object> ROW = Map.of("x", 0.1, "y", 0.2, "city", "paris");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final double[] P1 = {0.9, 0.8, 0.3, 0.6, 0.1};
  private static final int[] LABELS = {1, 0, 1, 0, 0};

  private static DriftMonitor monitor(MutableClock clock, int maxPending) {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1))).clock(clock)
        .window(Window.tumblingCount(1_000)).pendingLabels(maxPending, Duration.ofHours(1))
        .build();
  }

  /** Records request i with probability P1[i], one second apart (request i at T0 + i s). */
  private static void predict(DriftMonitor m, MutableClock clock, int from, int to) {
    for (int i = from; i < to; i++) {
      clock.set(T0.plusSeconds(i));
      m.record(ROW, Prediction.ofProbabilities(new double[] {1 - P1[i], P1[i]}), "req-" + i);
    }
  }

  /** A monitor (bound 100) that recorded requests 0 to 4 on {@code clock}. */
  private static DriftMonitor fivePredictions(MutableClock clock) {
    DriftMonitor m = monitor(clock, 100);
    predict(m, clock, 0, 5);
    return m;
  }

  /** A monitor whose clock reads {@code now}, restored from {@code state}. */
  private static DriftMonitor restored(Instant now, int maxPending, byte[] state) {
    DriftMonitor m = monitor(new MutableClock(now), maxPending);
    m.restore(state);
    return m;
  }

  private static int label(DriftMonitor m, int from, int to) {
    int joined = 0;
    for (int i = from; i < to; i++) {
      joined += m.recordLabel("req-" + i, LABELS[i]) ? 1 : 0;
    }
    return joined;
  }

  private static byte[] withCrc(byte[] state) {
    CRC32 crc = new CRC32();
    crc.update(state, 0, state.length - 8);
    ByteBuffer.wrap(state).putLong(state.length - 8, crc.getValue());
    return state;
  }

  @Test
  void labelAfterRestore_joins_andGivesTheOriginalsRealisedPerformance() {
    MutableClock clock = new MutableClock(T0);
    DriftMonitor original = fivePredictions(clock);

    DriftMonitor restarted = restored(T0.plusSeconds(60), 100, original.snapshot());
    assertThat(restarted.pendingLabels()).isEqualTo(5);

    clock.set(T0.plusSeconds(60));
    assertThat(label(original, 0, 5)).isEqualTo(5);
    assertThat(label(restarted, 0, 5)).isEqualTo(5);
    Performance expected = original.closeWindow().orElseThrow().performance();
    Performance actual = restarted.closeWindow().orElseThrow().performance();
    assertThat(actual.realised()).isEqualTo(expected.realised());
    assertThat(actual.labelled()).isEqualTo(5);
    assertThat(actual.unmatchedLabels()).isZero();
    assertThat(actual.pending()).isZero();
    // same literals as PerformanceTest: predicted [1,1,0,1,0] vs [1,0,1,0,0];
    // accuracy 0.4, roc_auc_score([1,0,1,0,0], [.9,.8,.3,.6,.1]) = 4/6
    assertThat(actual.realised()).containsEntry("accuracy", 0.4);
    assertThat(actual.realised().get("roc_auc")).isCloseTo(4.0 / 6, within(1e-12));
  }

  @Test
  void restoredPredictions_keepTheirAge_andTheBoundKeepsTheNewest() {
    byte[] state = fivePredictions(new MutableClock(T0)).snapshot();

    DriftMonitor small = restored(T0.plusSeconds(60), 2, state);
    assertThat(small.pendingLabels()).isEqualTo(2);
    // oldest first in the state: req-0..2 evicted, req-3 and req-4 (the newest) kept
    assertThat(label(small, 0, 3)).isZero();
    assertThat(label(small, 3, 5)).isEqualTo(2);
    Performance perf = small.closeWindow().orElseThrow().performance();
    assertThat(perf.expired()).isEqualTo(3);
    assertThat(perf.labelled()).isEqualTo(2);

    // restored predictions age from when they were made: req-0 was made at T0, timeout 1 h
    DriftMonitor late = restored(T0.plus(Duration.ofMinutes(61)), 100, state);
    assertThat(late.recordLabel("req-0", 1)).isFalse();
  }

  @Test
  void merge_unitesPendingPredictions_keepingTheNewestUpToTheBound() {
    MutableClock clockA = new MutableClock(T0);
    MutableClock clockB = new MutableClock(T0);
    MutableClock clockSingle = new MutableClock(T0);
    DriftMonitor a = monitor(clockA, 100);
    DriftMonitor b = monitor(clockB, 100);
    DriftMonitor single = monitor(clockSingle, 100);
    predict(a, clockA, 0, 2);
    predict(b, clockB, 2, 5);
    predict(single, clockSingle, 0, 5);

    a.merge(b.snapshot());
    assertThat(a.pendingLabels()).isEqualTo(5);
    assertThat(label(a, 0, 5)).isEqualTo(5);
    assertThat(label(single, 0, 5)).isEqualTo(5);
    Performance merged = a.closeWindow().orElseThrow().performance();
    assertThat(merged.realised()).isEqualTo(single.closeWindow().orElseThrow().performance().realised());
    assertThat(merged.expired()).isZero();

    // a bound of 3: of req-0..4 (T0 + 0..4 s) the newest three stay, the two oldest expire
    MutableClock clockC = new MutableClock(T0);
    MutableClock clockD = new MutableClock(T0);
    DriftMonitor c = monitor(clockC, 3);
    DriftMonitor d = monitor(clockD, 3);
    predict(c, clockC, 0, 1);
    predict(c, clockC, 3, 4);
    predict(d, clockD, 1, 3);
    predict(d, clockD, 4, 5);
    c.merge(d.snapshot());
    assertThat(c.pendingLabels()).isEqualTo(3);
    assertThat(label(c, 0, 2)).isZero();
    assertThat(label(c, 2, 5)).isEqualTo(3);
    assertThat(c.closeWindow().orElseThrow().performance().expired()).isEqualTo(2);
  }

  @Test
  void olderVersionStates_downToVersion1WithoutPendingPredictions_stillLoad() {
    MutableClock clock = new MutableClock(T0);
    DriftMonitor original = monitor(clock, 100);
    for (int i = 0; i < 40; i++) {
      original.record(ROW, Prediction.ofValue(i % 3), null);
    }
    byte[] v6 = original.snapshot();
    // version 5 is version 6 without the late-label section (nothing pending, no window closed)
    byte[] v5 = HostileMonitorStateTest.asVersion5(v6, 0);
    // version 4 is version 5 without the kept probabilities (columns 0, count 0) before the CRC
    assertThat(ByteBuffer.wrap(v5).getLong(v5.length - 16)).isZero();
    byte[] v4 = Arrays.copyOf(v5, v5.length - 8);
    System.arraycopy(v5, v5.length - 8, v4, v4.length - 8, 8);
    ByteBuffer.wrap(v4).putInt(4, 4).putInt(8, ByteBuffer.wrap(v5).getInt(8) - 8);
    withCrc(v4);
    // version 3 is version 4 without the fairness flag (false: no sensitive attribute) before the CRC
    assertThat(v4[v4.length - 9]).isZero();
    byte[] v3 = Arrays.copyOf(v4, v4.length - 1);
    System.arraycopy(v4, v4.length - 8, v3, v3.length - 8, 8);
    ByteBuffer.wrap(v3).putInt(4, 3).putInt(8, ByteBuffer.wrap(v4).getInt(8) - 1);
    withCrc(v3);
    // version 2 is version 3 without the count of labels outside the declared classes (the long
    // after the ten window counters, at byte 12 + 8 + 40 + 80 = 140)
    byte[] v2 = new byte[v3.length - 8];
    System.arraycopy(v3, 0, v2, 0, 140);
    System.arraycopy(v3, 148, v2, 140, v3.length - 148);
    ByteBuffer.wrap(v2).putInt(4, 2).putInt(8, ByteBuffer.wrap(v3).getInt(8) - 8);
    withCrc(v2);
    // version 1 is version 2 without the trailing pending section, here the count int 0:
    // drop those 4 bytes, write version 1 and the shorter length, and recompute the CRC
    assertThat(ByteBuffer.wrap(v2).getInt(v2.length - 12)).isZero();
    byte[] v1 = Arrays.copyOf(v2, v2.length - 4);
    ByteBuffer.wrap(v1).putInt(4, 1).putInt(8, ByteBuffer.wrap(v2).getInt(8) - 4);
    withCrc(v1);

    MutableClock other = new MutableClock(T0);
    DriftMonitor fromV5 = monitor(other, 100);
    fromV5.restore(v5);
    assertThat(fromV5.records()).isEqualTo(original.records());
    DriftMonitor fromV4 = monitor(other, 100);
    fromV4.restore(v4);
    assertThat(fromV4.records()).isEqualTo(original.records());
    DriftMonitor restored = monitor(other, 100);
    predict(restored, other, 0, 2); // replaced by the restore: version 1 has no pending section
    restored.restore(v1);
    assertThat(restored.pendingLabels()).isZero();
    assertThat(restored.records()).isEqualTo(original.records());
    assertThat(restored.closeWindow().orElseThrow().features()).isEqualTo(original.closeWindow().orElseThrow().features());

    // a version 2 payload labelled version 1 leaves bytes unread: rejected, not misread
    byte[] mislabelled = withCrc(ByteBuffer.wrap(v2.clone()).putInt(4, 1).array());
    assertThatThrownBy(() -> monitor(other, 100).restore(mislabelled))
        .isInstanceOf(MonitorStateException.class)
        .hasMessage("monitor state payload must end before the checksum: 4 bytes left");
  }

  @Test
  void corruptPendingSection_isRejected_withTheTypedError() {
    MutableClock clock = new MutableClock(T0);
    byte[] state = HostileMonitorStateTest.asVersion5(fivePredictions(clock).snapshot(), 5);

    // the last entry's time is the 8 bytes before the fairness flag (1 byte), the kept
    // probabilities (8 bytes when none) and the CRC; its kind the byte before that
    byte[] flipped = state.clone();
    flipped[state.length - 18] ^= 1;
    assertThatThrownBy(() -> monitor(clock, 100).restore(flipped))
        .isInstanceOf(MonitorStateException.class).hasMessageContaining("checksum must match");

    byte[] badKind = state.clone();
    badKind[state.length - 26] = 9;
    withCrc(badKind);
    assertThatThrownBy(() -> monitor(clock, 100).merge(badKind))
        .isInstanceOf(MonitorStateException.class)
        .hasMessageStartingWith("monitor state pending prediction 4 is invalid: kind 9");

    byte[] outOfOrder = state.clone();
    ByteBuffer.wrap(outOfOrder).putLong(state.length - 25, T0.toEpochMilli() - 1);
    withCrc(outOfOrder);
    assertThatThrownBy(() -> monitor(clock, 100).restore(outOfOrder))
        .isInstanceOf(MonitorStateException.class)
        .hasMessageContaining("pending prediction 4 is invalid");
    // a rejected state changes nothing
    DriftMonitor target = monitor(clock, 100);
    predict(target, clock, 0, 1);
    assertThatThrownBy(() -> target.restore(outOfOrder)).isInstanceOf(MonitorStateException.class);
    assertThat(target.pendingLabels()).isEqualTo(1);
  }
}
