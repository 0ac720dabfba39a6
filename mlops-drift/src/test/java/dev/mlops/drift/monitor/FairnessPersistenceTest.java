package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.fairness.FairnessWindow;
import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.metrics.fairness.Disparity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The monitor's fairness counts in {@link DriftMonitor#snapshot()}, restore and merge. */
final class FairnessPersistenceTest {

  private static final String[] REGIONS = {"north", "south", "east", "west"};

  private static DriftMonitor monitor() {
    return monitor(SensitiveAttributes.builder("region", "age").minGroupSize(1).bootstrap(100)
        .alertAbove(Disparity.EQUAL_OPPORTUNITY_DIFFERENCE, 0.05).build());
  }

  private static DriftMonitor monitor(SensitiveAttributes attributes) {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .window(Window.tumblingCount(1_000_000)).fairness(attributes).build();
  }

  /** Row {@code i} of a seeded stream: its region, age band and the model's decision. */
  private static Map<String, Object> row(int i) {
    Map<String, Object> row = new HashMap<>(Map.of("x", 0.1, "y", 0.2, "city", "paris"));
    row.put("region", REGIONS[Math.floorMod(i * 7 + i / 3, REGIONS.length)]);
    row.put("age", i % 5 == 0 ? "under_30" : "30_plus");
    return row;
  }

  private static void record(DriftMonitor m, int from, int to, boolean backwards) {
    for (int k = from; k < to; k++) {
      int i = backwards ? to - 1 - (k - from) : k;
      SplittableRandom r = new SplittableRandom(i);
      double approval = "south".equals(row(i).get("region")) ? 0.35 : 0.6;
      m.record(row(i), Prediction.ofClass(r.nextDouble() < approval ? 1 : 0), "r" + i);
    }
  }

  private static void label(DriftMonitor m, int from, int to) {
    for (int i = from; i < to; i++) {
      m.recordLabel("r" + i, new SplittableRandom(~i).nextDouble() < 0.5 ? 1 : 0);
    }
  }

  @Test
  void restoredMonitor_reportsTheSameFairness_asTheMonitorItWasSnapshottedFrom() {
    DriftMonitor original = monitor();
    record(original, 0, 400, false);
    original.closeWindow();
    record(original, 400, 700, false);
    label(original, 0, 150); // window 1's predictions, not yet reported
    label(original, 400, 450); // the open window's
    byte[] snapshot = original.snapshot();

    DriftMonitor restored = monitor();
    restored.restore(snapshot);
    for (DriftMonitor m : new DriftMonitor[] {original, restored}) {
      record(m, 700, 800, false);
      label(m, 150, 300); // joined through the restored pending predictions of window 1
      label(m, 450, 600);
    }
    FairnessWindow expected = original.closeWindow().orElseThrow().fairness();
    FairnessWindow actual = restored.closeWindow().orElseThrow().fairness();

    assertThat(expected.rows()).isEqualTo(400);
    assertThat(expected.outcomesOf(1).orElseThrow().labelledRows()).isEqualTo(300);
    assertThat(expected.outcomesOf(2).orElseThrow().labelledRows()).isEqualTo(200);
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.toJson()).isEqualTo(expected.toJson());
    assertThat(restored.fairnessAlerts()).isEqualTo(original.fairnessAlerts());
  }

  @Test
  void mergedMonitors_reportTheSameFairness_asOneMonitorThatSawAllRecords() {
    DriftMonitor one = monitor();
    DriftMonitor two = monitor();
    DriftMonitor all = monitor();
    // the second monitor meets the groups in another order, so its group codes differ
    record(one, 0, 500, false);
    record(two, 500, 1_000, true);
    record(all, 0, 1_000, false);
    label(two, 500, 600); // labels the second monitor joined before its snapshot
    label(all, 500, 600);

    one.merge(two.snapshot());
    label(one, 0, 100);
    label(one, 600, 800); // predictions made on the second monitor, labelled on the first
    label(all, 0, 100);
    label(all, 600, 800);
    FairnessWindow merged = one.closeWindow().orElseThrow().fairness();
    FairnessWindow single = all.closeWindow().orElseThrow().fairness();

    assertThat(single.rows()).isEqualTo(1_000);
    assertThat(single.outcomesOf(1).orElseThrow().labelledRows()).isEqualTo(400);
    assertThat(merged).isEqualTo(single);
    assertThat(merged.toJson()).isEqualTo(single.toJson());
  }

  @Test
  void restore_intoAMonitorWatchingOtherAttributes_orNone_failsTyped_andChangesNothing() {
    DriftMonitor m = monitor();
    record(m, 0, 100, false);
    byte[] snapshot = m.snapshot();

    DriftMonitor other = monitor(SensitiveAttributes.builder("region").build());
    record(other, 0, 10, false);
    assertThatThrownBy(() -> other.restore(snapshot)).isInstanceOf(MonitorStateException.class)
        .hasMessageContaining("same sensitive attributes: [region, age], expected [region]");
    assertThat(other.closeWindow().orElseThrow().fairness().rows()).isEqualTo(10);

    DriftMonitor none = DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1))).build();
    assertThatThrownBy(() -> none.merge(snapshot)).isInstanceOf(MonitorStateException.class)
        .hasMessageContaining("fairness setting");
    // a state read as a MonitorState (no fairness there) is still readable by any monitor of the schema
    assertThat(none.state(snapshot).rows()).isEqualTo(100);
  }

  @Test
  void forgedGroupCount_isRefusedTyped_beforeAnythingIsAllocated() {
    DriftMonitor m = monitor();
    record(m, 0, 100, false);
    byte[] bytes = m.snapshot();
    // the fairness block starts with the attribute count (1 int) and the first name ("region")
    byte[] name = "region".getBytes(StandardCharsets.UTF_8);
    int at = lastIndexOf(bytes, name);
    assertThat(at).isPositive();
    int groupCount = at + name.length;
    ByteBuffer.wrap(bytes).putInt(groupCount, Integer.MAX_VALUE - 8);
    fixChecksum(bytes);

    DriftMonitor target = monitor();
    assertThatThrownBy(() -> target.restore(bytes)).isInstanceOf(MonitorStateException.class)
        .hasMessageContaining("groups of a sensitive attribute need at least");

    ByteBuffer.wrap(bytes).putInt(groupCount, -1);
    fixChecksum(bytes);
    assertThatThrownBy(() -> target.merge(bytes)).isInstanceOf(MonitorStateException.class)
        .hasMessageContaining("must not be negative: -1");
  }

  @Test
  void snapshotOfAnOlderFormat_withoutFairness_restoresAnEmptyFairnessWindow() {
    DriftMonitor m = monitor();
    record(m, 0, 50, false);
    byte[] bytes = m.snapshot();
    // version 3 ended after the pending predictions: drop the fairness block and its flag
    byte[] name = "region".getBytes(StandardCharsets.UTF_8);
    int flag = lastIndexOf(bytes, name) - 2 - 4 - 1;
    assertThat(bytes[flag]).isEqualTo((byte) 1);
    byte[] v3 = new byte[flag + 8];
    System.arraycopy(bytes, 0, v3, 0, flag);
    ByteBuffer.wrap(v3).putInt(4, 3);
    fixChecksum(v3);

    DriftMonitor restored = monitor();
    restored.restore(v3);
    assertThat(restored.records()).isEqualTo(50);
    record(restored, 50, 60, false);
    assertThat(restored.closeWindow().orElseThrow().fairness().rows()).isEqualTo(10);
  }

  private static int lastIndexOf(byte[] bytes, byte[] what) {
    for (int i = bytes.length - what.length; i >= 0; i--) {
      int j = 0;
      while (j < what.length && bytes[i + j] == what[j]) {
        j++;
      }
      if (j == what.length) {
        return i;
      }
    }
    return -1;
  }

  /** Monitor state: magic (4), version (4), payload length (4), payload, CRC-32 (8). */
  private static void fixChecksum(byte[] b) {
    ByteBuffer.wrap(b).putInt(8, b.length - 20);
    CRC32 crc = new CRC32();
    crc.update(b, 0, b.length - 8);
    ByteBuffer.wrap(b).putLong(b.length - 8, crc.getValue());
  }
}
