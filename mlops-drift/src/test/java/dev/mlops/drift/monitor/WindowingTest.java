package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Windows, history, alerts and listeners, with an injected clock. */
final class WindowingTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static DriftMonitor.Builder builder(MutableClock clock) {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1))).clock(clock);
  }

  private static void feed(DriftMonitor m, List<Map<String, Object>> rows) {
    rows.forEach(r -> m.record(r, null, null));
  }

  @Test
  void timeWindow_closesWhenTheClockPassesItsEnd() {
    MutableClock clock = new MutableClock(T0);
    DriftMonitor m = builder(clock).window(Window.tumblingTime(Duration.ofMinutes(1))).build();
    feed(m, Fixtures.rows(50, 2, 0, 1));
    assertThat(m.latestReport()).isEmpty();
    clock.advance(Duration.ofSeconds(61));
    feed(m, Fixtures.rows(10, 3, 0, 1)); // the first of these closes the window
    DriftReport first = m.latestReport().orElseThrow();
    assertThat(first.records()).isEqualTo(50);
    assertThat(first.start()).isEqualTo(T0);
    assertThat(first.end()).isEqualTo(T0.plusSeconds(60));

    // idle: tick() closes the second window once its end has passed
    assertThat(m.tick()).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    DriftReport second = m.tick().orElseThrow();
    assertThat(second.window()).isEqualTo(2);
    assertThat(second.records()).isEqualTo(10);
    assertThat(second.start()).isEqualTo(T0.plusSeconds(60));
    assertThat(second.end()).isEqualTo(T0.plusSeconds(120));
    assertThat(m.records()).isEqualTo(60);
  }

  @Test
  void slidingCountWindow_reportsTheLastSizeRecords_everyStep() {
    MutableClock clock = new MutableClock(T0);
    List<DriftReport> reports = new ArrayList<>();
    DriftMonitor m = builder(clock).window(Window.slidingCount(300, 100))
        .listener(new DriftListener() {
          @Override
          public void onWindowClosed(DriftReport report) {
            reports.add(report);
          }
        }).build();
    feed(m, Fixtures.rows(500, 2, 0, 1));
    m.awaitEvaluation(); // listeners run on the evaluation thread
    // panes close at 100, 200, 300, 400, 500; reports start once 3 panes exist
    assertThat(reports).extracting(DriftReport::records).containsExactly(300L, 300L, 300L);
    assertThat(reports.get(2).dataQuality().rows()).isEqualTo(300);
    assertThat(reports.get(2).feature("x").orElseThrow().nCurrent()).isEqualTo(300);
  }

  @Test
  void slidingTimeWindow_dropsPanesOlderThanItsSpan_afterIdleTime() {
    MutableClock clock = new MutableClock(T0);
    DriftMonitor m = builder(clock)
        .window(Window.sliding(Duration.ofMinutes(3), Duration.ofMinutes(1))).build();
    for (int minute = 0; minute < 3; minute++) {
      feed(m, Fixtures.rows(40, minute, 0, 1));
      clock.advance(Duration.ofMinutes(1));
    }
    m.tick(); // closes the third pane: the first full window
    assertThat(m.latestReport().orElseThrow().records()).isEqualTo(120);
    clock.advance(Duration.ofMinutes(2)); // two idle minutes
    feed(m, Fixtures.rows(10, 9, 0, 1));
    clock.advance(Duration.ofMinutes(1));
    DriftReport r = m.tick().orElseThrow();
    // the window (T0 + 3 min, T0 + 6 min] holds the last 10 rows (the idle minute is no pane):
    // panes older than its span left it
    assertThat(r.records()).isEqualTo(10);
    assertThat(r.start()).isEqualTo(T0.plusSeconds(3 * 60));
    assertThat(r.end()).isEqualTo(T0.plusSeconds(6 * 60));
  }

  @Test
  void history_keepsTheLastReports() {
    MutableClock clock = new MutableClock(T0);
    DriftMonitor m = builder(clock).window(Window.tumblingCount(40)).history(3).build();
    feed(m, Fixtures.rows(200, 2, 0, 1));
    assertThat(m.history()).extracting(DriftReport::window).containsExactly(3L, 4L, 5L);
    assertThat(m.latestReport().orElseThrow().window()).isEqualTo(5);
  }

  @Test
  void alert_needsConsecutiveDriftedWindows_andRespectsCooldown() {
    MutableClock clock = new MutableClock(T0);
    List<Long> onDrift = new ArrayList<>();
    DriftMonitor m = builder(clock).window(Window.tumblingCount(100)).alertAfter(2).cooldown(1)
        .listener(new DriftListener() {
          @Override
          public void onDrift(DriftReport report) {
            onDrift.add(report.window());
          }
        }).build();
    for (int w = 0; w < 6; w++) {
      // x and y both shifted: dataset drift in every window
      List<Map<String, Object>> rows = Fixtures.rows(100, 10 + w, 3, 1);
      rows.forEach(r -> r.put("y", 3 + (double) r.get("y")));
      feed(m, rows);
    }
    assertThat(m.history()).extracting(DriftReport::drifted).containsOnly(true);
    assertThat(m.history()).extracting(DriftReport::consecutiveDrifted)
        .containsExactly(1, 2, 3, 4, 5, 6);
    // window 2 alerts, window 3 is the cooldown, window 4 alerts, 5 cools down, 6 alerts
    assertThat(m.history()).extracting(DriftReport::alert)
        .containsExactly(false, true, false, true, false, true);
    assertThat(onDrift).containsExactly(2L, 4L, 6L);
    assertThat(m.alerts()).isEqualTo(3);
  }

  @Test
  void failingListener_doesNotStopMonitoring() {
    MutableClock clock = new MutableClock(T0);
    DriftMonitor m = builder(clock).window(Window.tumblingCount(50))
        .listener(new DriftListener() {
          @Override
          public void onWindowClosed(DriftReport report) {
            throw new IllegalStateException("listener bug");
          }
        }).build();
    feed(m, Fixtures.rows(150, 2, 0, 1));
    assertThat(m.history()).hasSize(3);
    assertThat(m.recordErrors()).isZero();
  }

  @Test
  void previousWindowBaseline_comparesConsecutiveWindows() {
    MutableClock clock = new MutableClock(T0);
    DriftMonitor m = builder(clock).window(Window.tumblingCount(200))
        .baseline(Baseline.PREVIOUS_WINDOW).build();
    feed(m, Fixtures.rows(200, 2, 2, 1)); // shifted: compared with the reference
    feed(m, Fixtures.rows(200, 3, 2, 1)); // same shift: compared with window 1
    List<DriftReport> h = m.history();
    assertThat(h.get(0).baseline()).isEqualTo("reference");
    assertThat(h.get(0).feature("x").orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(h.get(1).baseline()).isEqualTo("previous_window");
    assertThat(h.get(1).feature("x").orElseThrow().status()).isEqualTo(DriftStatus.OK);
    assertThat(h.get(1).feature("x").orElseThrow().nReference()).isEqualTo(200);
  }

  @Test
  void executor_receivesTheReportWork() {
    MutableClock clock = new MutableClock(T0);
    List<Runnable> tasks = new ArrayList<>();
    DriftMonitor m = builder(clock).window(Window.tumblingCount(50)).executor(tasks::add).build();
    feed(m, Fixtures.rows(50, 2, 0, 1));
    assertThat(m.latestReport()).isEmpty();
    assertThat(tasks).hasSize(1);
    tasks.get(0).run();
    assertThat(m.latestReport().orElseThrow().records()).isEqualTo(50);
  }

  @Test
  void predictionDrift_isComparedWithThePreviousWindow_whenTheProfileHasNoPrediction() {
    MutableClock clock = new MutableClock(T0);
    DriftMonitor m = builder(clock).window(Window.tumblingCount(100)).build();
    for (int i = 0; i < 100; i++) {
      m.record(Fixtures.rows(1, i, 0, 1).get(0), Prediction.ofClass(i % 2), null);
    }
    for (int i = 0; i < 100; i++) {
      m.record(Fixtures.rows(1, i, 0, 1).get(0), Prediction.ofClass(i % 10 == 0 ? 0 : 1), null);
    }
    List<DriftReport> h = m.history();
    assertThat(h.get(0).prediction().status()).isEqualTo(DriftStatus.INSUFFICIENT_DATA);
    FeatureDrift second = h.get(1).prediction();
    assertThat(second.kind()).isEqualTo("categorical");
    assertThat(second.status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(h.get(1).drifted()).isTrue();
  }

  @Test
  void stateSizePerFeature_isUnder128KiB_withDefaults_evenAt16Stripes() {
    DriftMonitor m = builder(new MutableClock(T0)).concurrency(16).build();
    // 16 stripes x (10 bins + 6 quality counters) x 8 B + 10,000 x 8 B
    // + (16 stripes' + 32 pooled hand-off buffers) x 64 rows x 8 B
    assertThat(m.stateBytesPerFeature()).isEqualTo(16 * 16 * 8 + 80_000 + 48 * 64 * 8)
        .isLessThanOrEqualTo(128 * 1024);
  }

  @Test
  void stateSizePerFeature_countsTheEstimatesChanceBuffers_sharedByTheNumericFeatures() {
    // 4 numeric features; every stripe's and pooled row buffer carries 64 rows' chance inputs
    dev.mlops.drift.profile.ReferenceProfile p = ProfileEstimateTest.reference(2, 5_000, 77);
    DriftMonitor with = DriftMonitor.builder(p).concurrency(16).build();
    DriftMonitor without = DriftMonitor.builder(p).concurrency(16).withoutProfileEstimate().build();
    // (16 stripes' + 32 pooled buffers) x 64 rows x 4 values x 8 B, over 4 numeric features
    assertThat(with.stateBytesPerFeature() - without.stateBytesPerFeature())
        .isEqualTo(48 * 64 * 4 * 8 / 4);
  }

  @Test
  void builder_rejectsBadConfiguration_withClearMessages() {
    assertThatThrownBy(() -> Window.tumblingCount(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("window size must be positive: 0");
    assertThatThrownBy(() -> Window.slidingCount(300, 70))
        .hasMessage("window step must divide the window size: step 70, size 300");
    // one partial state per step: a step count beyond the limit (or beyond an int) is refused
    assertThatThrownBy(() -> Window.slidingCount(1L << 40, 1))
        .hasMessage("window size must be at most 1440 steps: size 1099511627776, step 1"
            + " (1099511627776 steps)");
    assertThatThrownBy(() -> Window.sliding(Duration.ofDays(1), Duration.ofSeconds(1)))
        .hasMessage("window size must be at most 1440 steps: size 86400000, step 1000"
            + " (86400 steps)");
    assertThat(Window.sliding(Duration.ofDays(1), Duration.ofMinutes(1)).step()).isEqualTo(60_000);
    assertThatThrownBy(() -> Window.tumblingTime(Duration.ZERO))
        .hasMessage("window duration must be at least 1 ms: PT0S");
    DriftMonitor.Builder b = builder(new MutableClock(T0));
    assertThatThrownBy(() -> b.alpha(1.5)).hasMessage("alpha must be in (0, 1): 1.5");
    assertThatThrownBy(() -> b.minSampleSize(0))
        .hasMessage("minimum sample size must be at least 1: 0");
    assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("clock must not be null");
    assertThatThrownBy(() -> builder(new MutableClock(T0))
        .featureThreshold("nope", 0.01).build())
        .hasMessage("overridden feature must be monitored: nope");
    assertThatThrownBy(() -> DriftMonitor.builder(null)).isInstanceOf(NullPointerException.class);
  }
}
