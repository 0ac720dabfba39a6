package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Count windows are calibrated on the monitor's own thread right after the monitor is built, so
 * the first window's calibration does not run while traffic is served: the reports are those of a
 * monitor that calibrates at its first window (a host executor gets no work ahead).
 */
final class CalibrationAheadTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void countWindows_areCalibratedAtBuild_withTheThresholdsAMonitorLearnsAtItsFirstWindow() {
    List<Map<String, Object>> ref = ThresholdCalibrationTest.rows(2_000, 0, 11);
    ReferenceProfile profile = ThresholdCalibrationTest.profile(ref);
    List<Map<String, Object>> live = ThresholdCalibrationTest.rows(2_000, 0.2, 12);
    // 200 rows: ordered chunk windows; 1,000 rows: too few for 5 windows, block-resampled;
    // a reservoir of 500 values under a window of 1,000 rows: the numeric column's values are 500
    int[][] settings = {{200, 10_000}, {1_000, 10_000}, {1_000, 500}};
    for (int[] s : settings) {
      DriftMonitor ahead = DriftMonitor.builder(profile).window(Window.tumblingCount(s[0]))
          .reservoirSize(s[1]).clock(new MutableClock(T0)).build();
      WindowReporter reporter = ahead.states().reporter();
      reporter.precalibrated().join();
      ThresholdResolver resolver = reporter.evaluator().resolver();
      // x: threshold and scale band; c: threshold
      assertThat(resolver.cached()).as("window %d", s[0]).isEqualTo(3);

      DriftMonitor atFirstWindow = DriftMonitor.builder(profile).window(Window.tumblingCount(s[0]))
          .reservoirSize(s[1]).clock(new MutableClock(T0)).executor(Runnable::run).build();
      assertThat(atFirstWindow.states().reporter().evaluator().resolver().cached()).isZero();

      for (Map<String, Object> row : live) {
        ahead.record(row, null, null);
        atFirstWindow.record(row, null, null);
      }
      List<DriftReport> a = ahead.history();
      List<DriftReport> b = atFirstWindow.history();
      assertThat(a).hasSize(2_000 / s[0]).hasSameSizeAs(b);
      for (int i = 0; i < a.size(); i++) {
        assertThat(a.get(i).toJson()).as("window %d of %d rows", i + 1, s[0])
            .isEqualTo(b.get(i).toJson());
        assertThat(a.get(i).features()).allSatisfy(f -> assertThat(f.threshold()).isFinite());
      }
      // the first window found every threshold computed ahead: nothing new was calibrated
      assertThat(resolver.cached()).isEqualTo(3);
    }
  }

  @Test
  void hostExecutors_andWindowsTheHostCloses_getNoCalibrationAhead() {
    ReferenceProfile profile = ThresholdCalibrationTest.profile(ThresholdCalibrationTest.rows(2_000, 0, 13));
    List<Runnable> tasks = new java.util.ArrayList<>();
    DriftMonitor host = DriftMonitor.builder(profile).window(Window.tumblingCount(200))
        .executor(tasks::add).build();
    assertThat(tasks).isEmpty();
    assertThat(host.states().reporter().evaluator().resolver().cached()).isZero();

    DriftMonitor unbounded = DriftMonitor.builder(profile).window(Window.tumblingCount(Long.MAX_VALUE))
        .build();
    unbounded.states().reporter().precalibrated().join();
    assertThat(unbounded.states().reporter().evaluator().resolver().cached()).isZero();
  }
}
