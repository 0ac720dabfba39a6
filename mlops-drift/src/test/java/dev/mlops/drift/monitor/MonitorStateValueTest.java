package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MonitorState as a value: update, merge, bytes, evaluation (the batch and distributed path). */
final class MonitorStateValueTest {

  private static final ReferenceProfile PROFILE = Fixtures.profile(Fixtures.rows(2_000, 1, 0, 1));

  private static DriftMonitor monitor() {
    return DriftMonitor.builder(PROFILE).window(Window.tumblingCount(1_000_000))
        .reservoirSize(5_000).clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .build();
  }

  @Test
  void partitionsMergedThroughBytes_giveTheLiveMonitorsVerdicts() {
    List<Map<String, Object>> rows = Fixtures.rows(1_200, 9, 0.4, 1);
    DriftMonitor live = monitor();
    rows.forEach(r -> live.record(r, null, null));
    DriftReport expected = live.closeWindow().orElseThrow();

    DriftMonitor batch = monitor();
    MonitorState a = batch.newState();
    MonitorState b = batch.newState();
    for (int i = 0; i < rows.size(); i++) {
      (i % 2 == 0 ? a : b).update(rows.get(i), null);
    }
    MonitorState merged = batch.state(a.toByteArray()).merge(batch.state(b.toByteArray()));
    assertThat(merged.rows()).isEqualTo(1_200);
    DriftReport report = batch.evaluate(merged);

    assertThat(report.records()).isEqualTo(1_200);
    assertThat(report.features()).extracting(FeatureDrift::feature, FeatureDrift::status,
            FeatureDrift::test, FeatureDrift::statistic)
        .isEqualTo(expected.features().stream().map(f -> org.assertj.core.groups.Tuple.tuple(
            f.feature(), f.status(), f.test(), f.statistic())).toList());
    assertThat(report.dataQuality()).isEqualTo(expected.dataQuality());
    // evaluating a state touches none of the monitor's windows
    assertThat(batch.history()).isEmpty();
    assertThat(batch.records()).isZero();
  }

  @Test
  void aStatesBytes_mergeIntoALiveMonitor() {
    DriftMonitor live = monitor();
    MonitorState s = live.newState();
    Fixtures.rows(100, 3, 0, 1).forEach(r -> s.update(r, null));
    live.merge(s.toByteArray());
    assertThat(live.closeWindow().orElseThrow().records()).isEqualTo(100);
  }

  @Test
  void badRowsAreCounted_neverThrown() {
    MonitorState s = monitor().newState();
    s.update(Map.of("x", "not a number", "unknown", 1), null).update((Map<String, ?>) null, null)
        .update(new double[] {Double.NaN}, null);
    assertThat(s.rows()).isEqualTo(3);
  }

  @Test
  void statesOfAnotherSchema_areRefused() {
    ReferenceProfile other = ReferenceProfile.builder().numeric("z").add(Map.of("z", 1.0))
        .add(Map.of("z", 2.0)).build();
    MonitorState foreign = DriftMonitor.builder(other).build().newState();
    assertThatThrownBy(() -> monitor().newState().merge(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("states to merge must come from monitors with the same features");
    assertThatThrownBy(() -> monitor().state(foreign.toByteArray()))
        .isInstanceOf(MonitorStateException.class);
  }
}
