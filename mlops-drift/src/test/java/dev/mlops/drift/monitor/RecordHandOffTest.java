package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Recorded rows are handed off to the evaluation executor in buffers of 64 and applied there; a
 * window, a snapshot, a label and the pending counts see every row recorded before them, and a
 * host executor that falls behind costs back-pressure, never a lost row.
 */
final class RecordHandOffTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** An executor that keeps its tasks until it is opened, then runs them (and later ones) at once. */
  private static final class Gate implements Executor {
    private final List<Runnable> held = new ArrayList<>();
    private boolean open;

    @Override
    public synchronized void execute(Runnable task) {
      if (open) {
        task.run();
      } else {
        held.add(task);
      }
    }

    synchronized void open() {
      open = true;
      held.forEach(Runnable::run);
      held.clear();
    }

    synchronized int held() {
      return held.size();
    }
  }

  private static DriftMonitor.Builder builder() {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .clock(new MutableClock(T0)).concurrency(1);
  }

  @Test
  void recording_losesNothing_whenTheExecutorFallsBehind_andCountsTheInlineFlushes() {
    Gate gate = new Gate();
    DriftMonitor m = builder().window(Window.tumblingCount(100_000)).executor(gate).build();
    List<Map<String, Object>> rows = Fixtures.rows(5_000, 2, 0, 1);
    for (int i = 0; i < rows.size(); i++) {
      m.record(rows.get(i), Prediction.ofValue(i), "r" + i);
    }
    // 1 stripe: 17 pooled row buffers and 17 prediction buffers for 78 full ones of each
    assertThat(m.inlineFlushes()).isPositive();
    assertThat(gate.held()).isPositive();
    assertThat(m.records()).isEqualTo(5_000);
    assertThat(m.pendingLabels()).isEqualTo(5_000);
    // the oldest prediction went through the queue, the newest is still in the stripe's buffer
    assertThat(m.recordLabel("r0", 0.0)).isTrue();
    assertThat(m.recordLabel("r4999", 4_999.0)).isTrue();
    gate.open();
    DriftReport r = m.closeWindow().orElseThrow();
    assertThat(r.records()).isEqualTo(5_000);
    assertThat(r.feature("x").orElseThrow().nCurrent()).isEqualTo(5_000);
    assertThat(r.feature("y").orElseThrow().nCurrent()).isEqualTo(5_000);
    assertThat(m.pendingLabels()).isEqualTo(4_998);
  }

  @Test
  void handedOffRows_giveTheReportOfTheSameRowsAppliedAtOnce() {
    DriftMonitor m = builder().window(Window.tumblingCount(3_000)).build();
    MonitorState batch = m.newState();
    List<Map<String, Object>> rows = Fixtures.rows(3_000, 3, 0.2, 1.3);
    for (Map<String, Object> row : rows) {
      m.record(row, null, null);
      batch.update(row, null);
    }
    DriftReport live = m.latestReport().orElseThrow();
    DriftReport applied = m.evaluate(batch);
    for (String f : List.of("x", "y", "city")) {
      FeatureDrift a = live.feature(f).orElseThrow();
      FeatureDrift b = applied.feature(f).orElseThrow();
      assertThat(a.nCurrent()).as(f).isEqualTo(3_000);
      // a record's equality compares its doubles as Double.equals does (NaN p-values included)
      assertThat(a).as(f).isEqualTo(b);
    }
    assertThat(live.dataQuality()).isEqualTo(applied.dataQuality());
  }

  @Test
  void snapshot_holdsTheRowsStillQueued() {
    Gate gate = new Gate();
    DriftMonitor m = builder().window(Window.tumblingCount(100_000)).executor(gate).build();
    List<Map<String, Object>> rows = Fixtures.rows(640, 4, 0, 1);
    rows.forEach(r -> m.record(r, Prediction.ofValue(1.0), null));
    assertThat(gate.held()).isPositive();
    MonitorState state = m.state(m.snapshot());
    assertThat(state.rows()).isEqualTo(640);
    gate.open();
    DriftReport r = m.evaluate(state);
    assertThat(r.feature("x").orElseThrow().nCurrent()).isEqualTo(640);
  }
}
