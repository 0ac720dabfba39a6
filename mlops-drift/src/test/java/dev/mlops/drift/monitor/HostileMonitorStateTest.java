package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Monitor state and recording under hostile or unlucky input: sketch snapshots of any data, huge
 * request ids and class labels, forged counters and lengths (checksums recomputed).
 */
final class HostileMonitorStateTest {

  private static final Map<String, Object> ROW = Map.of("x", 0.1, "y", 0.2, "city", "paris");

  private static DriftMonitor sketched(int k) {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(300, 1, 0, 1)))
        .quantileSketch(k).reservoirSize(100)
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(1_000_000)).build();
  }

  private static DriftMonitor plain() {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(300, 1, 0, 1)))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(1_000_000)).build();
  }

  /**
   * A version 6 state of a monitor with {@code pending} pending predictions and no closed window,
   * as version 5 wrote it: without the trailing window late-label counts (3 longs), the pending
   * window ages (int, a long each) and the empty late-label section (long, int, int).
   */
  static byte[] asVersion5(byte[] v6, int pending) {
    int trailer = 3 * 8 + 4 + 8 * pending + 8 + 4 + 4;
    assertThat(ByteBuffer.wrap(v6).getInt(4)).isEqualTo(6);
    assertThat(ByteBuffer.wrap(v6).getInt(v6.length - 8 - 8 - 4 - 4 - 8 * pending - 4))
        .isEqualTo(pending);
    byte[] v5 = new byte[v6.length - trailer];
    System.arraycopy(v6, 0, v5, 0, v6.length - 8 - trailer);
    ByteBuffer.wrap(v5).putInt(4, 5).putInt(8, ByteBuffer.wrap(v6).getInt(8) - trailer);
    return withCrc(v5);
  }

  static byte[] withCrc(byte[] state) {
    CRC32 crc = new CRC32();
    crc.update(state, 0, state.length - 8);
    ByteBuffer.wrap(state).putLong(state.length - 8, crc.getValue());
    return state;
  }

  /** The quantile sketch's sorted view holds zero-weight entries for unsorted data. */
  @Property(tries = 40)
  void sketchSnapshots_ofRandomGaussianData_restoreAndMerge(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 4_000) int rows,
      @ForAll boolean smallK) {
    int k = smallK ? 16 : 200;
    SplittableRandom r = new SplittableRandom(seed);
    DriftMonitor a = sketched(k);
    DriftMonitor b = sketched(k);
    for (int i = 0; i < rows; i++) {
      a.record(Map.of("x", Fixtures.gaussian(r) * 3 + 1, "y", Fixtures.gaussian(r),
          "city", "paris"), null, null);
      b.record(Map.of("x", Fixtures.gaussian(r), "y", Fixtures.gaussian(r), "city", "lyon"),
          null, null);
    }
    byte[] snapshot = a.snapshot();
    DriftMonitor restored = sketched(k);
    restored.restore(snapshot);
    b.merge(snapshot);
    FeatureQuantiles original = a.closeWindow().orElseThrow().quantiles().get(0);
    FeatureQuantiles again = restored.closeWindow().orElseThrow().quantiles().get(0);
    FeatureQuantiles merged = b.closeWindow().orElseThrow().quantiles().get(0);
    assertThat(again.n()).isEqualTo(original.n()).isEqualTo(rows);
    assertThat(merged.n()).isEqualTo(2L * rows);
    // the restored sketch holds the same weighted items: the same quantiles within its rank error
    double[] o = original.values();
    double[] g = again.values();
    for (int i = 0; i < o.length; i++) {
      assertThat(g[i]).isBetween(Math.min(o[0], g[0]) - 1e-9, Math.max(o[o.length - 1],
          g[g.length - 1]) + 1e-9);
    }
  }

  @Test
  void requestIdOf65536Chars_isHashed_snapshotsStillWork_andTheLabelStillJoins() {
    DriftMonitor m = plain();
    String longId = "r".repeat(65_536);
    m.record(ROW, Prediction.ofClass(1), longId);
    byte[] state = m.snapshot();
    assertThat(m.hashedRequestIds()).isEqualTo(1);
    DriftMonitor restored = plain();
    restored.restore(state);
    assertThat(restored.pendingLabels()).isEqualTo(1);
    assertThat(restored.recordLabel(longId, 1)).isTrue();
    assertThat(restored.closeWindow().orElseThrow().performance().labelled()).isEqualTo(1);
  }

  @Test
  void labelFarOutsideTheDeclaredClasses_isCountedAsDataQuality_notAllocated() {
    DriftMonitor m = plain();
    m.record(ROW, Prediction.ofClass(1), "r0");
    m.record(ROW, Prediction.ofClass(Integer.MAX_VALUE - 1), "r1");
    m.record(ROW, Prediction.ofClass(0), "r2");
    m.record(ROW, Prediction.ofClass(1), "r3");
    assertThat(m.recordLabel("r0", 100_000)).isTrue();
    assertThat(m.recordLabel("r1", 1)).isTrue();
    assertThat(m.recordLabel("r2", 0)).isTrue();
    assertThat(m.recordLabel("r3", 1)).isTrue();
    DriftReport report = m.closeWindow().orElseThrow();
    assertThat(report).isNotNull();
    assertThat(report.dataQuality().labelsOutsideClasses()).isEqualTo(2);
    assertThat(report.dataQuality().findings())
        .anySatisfy(f -> assertThat(f).contains("2 labelled classifier predictions"));
    assertThat(report.performance().labelled()).isEqualTo(4);
    // the two pairs inside the classes: both right
    assertThat(report.performance().realised()).containsEntry("accuracy", 1.0);
  }

  @Test
  void forgedNegativeWindowCounter_isRefusedAtDecode() {
    DriftMonitor m = plain();
    for (int i = 0; i < 20; i++) {
      m.record(ROW, Prediction.ofValue(i), null);
    }
    byte[] state = m.snapshot();
    // window rows: after magic, version, length (12), fingerprint (8), header (40), start, end
    ByteBuffer.wrap(state).putLong(12 + 8 + 40 + 16, -5);
    withCrc(state);
    assertThatThrownBy(() -> plain().restore(state))
        .isInstanceOf(MonitorStateException.class)
        .hasMessage("monitor state window counters must not be negative: -5");
    byte[] header = m.snapshot();
    ByteBuffer.wrap(header).putInt(12 + 8 + 8, -1); // consecutive drifted windows
    withCrc(header);
    assertThatThrownBy(() -> plain().merge(header))
        .isInstanceOf(MonitorStateException.class)
        .hasMessageContaining("counters must not be negative");
  }

  @Test
  void forgedPendingCount_isRefusedBeforeAllocating() {
    DriftMonitor m = plain();
    m.record(ROW, Prediction.ofValue(1), null);
    byte[] state = asVersion5(m.snapshot(), 0);
    // no pending prediction: the count is the int just before the fairness flag, the kept
    // probabilities (columns 0, count 0) and the checksum
    assertThat(ByteBuffer.wrap(state).getInt(state.length - 21)).isZero();
    ByteBuffer.wrap(state).putInt(state.length - 21, Integer.MAX_VALUE - 8);
    withCrc(state);
    assertThatThrownBy(() -> plain().restore(state))
        .isInstanceOf(MonitorStateException.class)
        .hasMessageContaining("2147483639 pending predictions need at least");
  }

  @Test
  void pendingStore_isBoundedInBytes_longIdsHashedAndOldestEvicted() {
    // ids of 1,000 characters (100,000 of them held 105 MB before): each is kept as a 71-char key
    PendingPredictions hashedIds = new PendingPredictions(100_000, Long.MAX_VALUE / 2);
    String prefix = "x".repeat(990);
    int n = 30_000;
    for (int i = 0; i < n; i++) {
      hashedIds.put(prefix + String.format("%010d", i), Prediction.ofValue(i), i);
    }
    assertThat(hashedIds.hashedIds()).isEqualTo(n);
    // 242 bytes each fit the 32 MiB bound; any evicted went by the count bound of their shard
    assertThat(hashedIds.size()).isGreaterThan(n * 95L / 100);
    assertThat(hashedIds.expiredTotal()).isEqualTo(n - hashedIds.size());
    assertThat(hashedIds.oldestFirst()).allSatisfy(p -> assertThat(p.id()).hasSize(71));
    assertThat(hashedIds.take(prefix + String.format("%010d", n - 1), n)).isNotNull();

    long maxBytes = 1L << 20;
    PendingPredictions bounded = new PendingPredictions(100_000, Long.MAX_VALUE / 2, maxBytes);
    String idPrefix = "y".repeat(246);
    for (int i = 0; i < 10_000; i++) {
      bounded.put(idPrefix + String.format("%010d", i), Prediction.ofValue(i), i);
    }
    // 256-char ids are kept as they are: 612 bytes each, so 1 MiB holds at most 1,713
    assertThat(bounded.hashedIds()).isZero();
    assertThat(bounded.size()).isLessThanOrEqualTo(maxBytes / PendingPredictions.bytes(256))
        .isGreaterThan(1_000);
    assertThat(bounded.expiredTotal()).isEqualTo(10_000 - bounded.size());
    // the newest survive, the oldest were evicted
    assertThat(bounded.take(idPrefix + String.format("%010d", 9_999), 10_000)).isNotNull();
    assertThat(bounded.take(idPrefix + String.format("%010d", 0), 10_000)).isNull();
  }

  @Test
  void pendingLabelBytes_onTheBuilder_bound100000IdsOf1000Chars_andTheOverflowIsCounted() {
    long bound = 4L << 20;
    DriftMonitor m = DriftMonitor.builder(Fixtures.profile(Fixtures.rows(300, 1, 0, 1)))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(1_000_000)).pendingLabels(1_000_000, java.time.Duration.ofDays(1))
        .pendingLabelBytes(bound).build();
    String prefix = "x".repeat(990);
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      m.record(ROW, Prediction.ofClass(i & 1), prefix + String.format("%010d", i));
    }
    assertThat(m.hashedRequestIds()).isEqualTo(n);
    // each kept as a 71-character key: 242 bytes, so 4 MiB holds at most 17,331 of them
    assertThat(m.pendingLabelBytes()).isLessThanOrEqualTo(bound)
        .isEqualTo(m.pendingLabels() * PendingPredictions.bytes(71));
    assertThat(m.pendingLabels()).isLessThanOrEqualTo(bound / 242).isGreaterThan(15_000);
    // the newest still join; the overflow is counted as expired in the window's performance
    assertThat(m.recordLabel(prefix + String.format("%010d", n - 1), 1)).isTrue();
    long pending = m.pendingLabels();
    Performance p = m.closeWindow().orElseThrow().performance();
    assertThat(p.expired()).isEqualTo(n - 1 - pending);
    assertThat(p.labelled()).isEqualTo(1);
  }

  @Test
  void pendingLabelBytes_isValidated_andDefaultsTo32MiB() {
    DriftMonitor.Builder b = DriftMonitor.builder(Fixtures.profile(Fixtures.rows(300, 1, 0, 1)));
    assertThatThrownBy(() -> b.pendingLabelBytes(65_535))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pending label bytes must be in [65536, 1099511627776]: 65535");
    assertThatThrownBy(() -> b.pendingLabelBytes((1L << 40) + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PendingPredictions.DEFAULT_MAX_BYTES).isEqualTo(33_554_432L);
    // the default holds all 100,000 hashed ids of the issue (24.2 MB) within 32 MiB
    DriftMonitor m = b.pendingLabels(1_000_000, java.time.Duration.ofDays(1)).build();
    String prefix = "y".repeat(990);
    for (int i = 0; i < 100_000; i++) {
      m.record(ROW, Prediction.ofClass(1), prefix + String.format("%010d", i));
    }
    assertThat(m.pendingLabels()).isEqualTo(100_000);
    assertThat(m.pendingLabelBytes()).isEqualTo(100_000 * 242L)
        .isLessThanOrEqualTo(PendingPredictions.DEFAULT_MAX_BYTES);
  }

  @Test
  void oldPendingLongIds_restoredFromAState_areHashedOnLoad() {
    PendingPredictions store = new PendingPredictions(10, Long.MAX_VALUE / 2);
    String id = "z".repeat(1_000);
    store.load(List.of(new PendingPredictions.Saved(id, 1, 1, 0, 5)), false);
    assertThat(store.hashedIds()).isZero(); // counted when recorded, not when restored
    assertThat(store.oldestFirst().get(0).id()).startsWith("sha256:").hasSize(71);
    assertThat(store.take(id, 6)).isNotNull();
  }
}
