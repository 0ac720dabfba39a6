package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.fairness.FairnessWindow;
import dev.mlops.drift.fairness.SensitiveAttributes;
import dev.mlops.metrics.fairness.Disparity;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fairness counts of {@link MonitorState} values: update, bytes, merge and evaluate. */
final class FairnessStateValueTest {

  private static final String[] REGIONS = {"north", "south", "east", "west"};

  private static DriftMonitor monitor() {
    return monitor(SensitiveAttributes.builder("region", "age").minGroupSize(1)
        .alertBelow(Disparity.DISPARATE_IMPACT_RATIO, 0.8).build());
  }

  private static DriftMonitor monitor(SensitiveAttributes attributes) {
    DriftMonitor.Builder b = DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .window(Window.tumblingCount(1_000_000));
    return (attributes == null ? b : b.fairness(attributes)).build();
  }

  /** Row {@code i} of a seeded stream: its region and age band (south is approved less often). */
  private static Map<String, Object> row(int i) {
    Map<String, Object> row = new HashMap<>(Map.of("x", 0.1, "y", 0.2, "city", "paris"));
    row.put("region", REGIONS[Math.floorMod(i * 7 + i / 3, REGIONS.length)]);
    row.put("age", i % 5 == 0 ? "under_30" : "30_plus");
    return row;
  }

  private static Prediction decision(int i) {
    double approval = "south".equals(row(i).get("region")) ? 0.35 : 0.6;
    return i % 97 == 0 ? null : Prediction.ofClass(new SplittableRandom(i).nextDouble() < approval ? 1 : 0);
  }

  private static MonitorState update(MonitorState s, int from, int to, boolean backwards) {
    for (int k = from; k < to; k++) {
      int i = backwards ? to - 1 - (k - from) : k;
      s.update(row(i), decision(i));
    }
    return s;
  }

  /** The fairness a monitor that recorded rows [0, n) reports for its first window. */
  private static FairnessWindow recorded(int n) {
    DriftMonitor m = monitor();
    for (int i = 0; i < n; i++) {
      m.record(row(i), decision(i), "r" + i);
    }
    return m.closeWindow().orElseThrow().fairness();
  }

  @Test
  void stateOfRows_reportsTheSameFairness_asAMonitorThatRecordedThem() {
    DriftMonitor m = monitor();
    FairnessWindow expected = recorded(600);
    FairnessWindow actual = m.evaluate(update(m.newState(), 0, 600, false)).fairness();

    assertThat(expected.rows()).isEqualTo(593); // 7 rows without a decision are skipped
    assertThat(expected.skipped()).isEqualTo(7);
    assertThat(expected.alerts()).isNotEmpty(); // south's selection rate is below 0.8 of the others'
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.toJson()).isEqualTo(expected.toJson());
  }

  @Test
  void bytesRoundTrip_andMergedPartitions_giveTheFairnessOfOneStateOfAllRows() {
    DriftMonitor m = monitor();
    MonitorState first = update(m.newState(), 0, 300, false);
    // the second partition meets the groups in another order, so its group codes differ
    MonitorState second = update(monitor().newState(), 300, 600, true);
    MonitorState shipped = m.state(second.toByteArray());

    assertThat(m.evaluate(shipped).fairness()).isEqualTo(m.evaluate(second).fairness());
    FairnessWindow merged = m.evaluate(first.merge(shipped)).fairness();
    assertThat(merged).isEqualTo(recorded(600));
    assertThat(m.evaluate(m.state(first.toByteArray())).fairness()).isEqualTo(merged);
  }

  @Test
  void liveMonitor_mergingStateBytes_countsTheirSelectionsInItsOpenWindow() {
    DriftMonitor live = monitor();
    for (int i = 0; i < 250; i++) {
      live.record(row(i), decision(i), "r" + i);
    }
    live.merge(update(monitor().newState(), 250, 600, true).toByteArray());

    assertThat(live.closeWindow().orElseThrow().fairness()).isEqualTo(recorded(600));
  }

  @Test
  void statesOfOtherSensitiveAttributes_areRefused_andAMonitorWithoutFairnessReadsTheDriftPart() {
    MonitorState both = update(monitor().newState(), 0, 100, false);
    DriftMonitor regionOnly = monitor(SensitiveAttributes.builder("region").build());

    assertThatThrownBy(() -> regionOnly.state(both.toByteArray())).isInstanceOf(MonitorStateException.class)
        .hasMessageContaining("same sensitive attributes: [region, age], expected [region]");
    assertThatThrownBy(() -> regionOnly.newState().merge(both)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("states to merge must watch the same sensitive attributes: [region, age], expected [region]");
    DriftMonitor none = monitor(null);
    assertThatThrownBy(() -> none.newState().merge(both)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected none");
    MonitorState driftOnly = none.state(both.toByteArray());
    assertThat(driftOnly.rows()).isEqualTo(100);
    assertThat(none.evaluate(driftOnly).fairness()).isNull();
  }
}
