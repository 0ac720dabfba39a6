package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.ThresholdCalibration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A batch comparison with calibrated thresholds decides as a monitor window with them does. */
final class CalibratedBatchComparisonTest {

  @Test
  void batchComparison_decidesWithTheCalibratedThresholds_likeAMonitorWindow() {
    List<Map<String, Object>> reference = ThresholdCalibrationTest.rows(5_000, 0, 1);
    ReferenceProfile profile = ThresholdCalibrationTest.profile(reference);
    ThresholdCalibration calibration = ThresholdCalibrator.builder(profile)
        .orderedReference(reference).windowRows(500).build();
    List<Map<String, Object>> current = ThresholdCalibrationTest.rows(500, 0.25, 9);

    DriftReport batch = BatchComparison.of(ThresholdCalibrator.applyTo(calibration, DriftMonitor.builder(profile)))
        .compareRows(current);
    DriftMonitor monitor = ThresholdCalibrator.applyTo(calibration, DriftMonitor.builder(profile))
        .window(Window.tumblingCount(1_000_000)).build();
    current.forEach(row -> monitor.record(row, null, null));
    DriftReport window = monitor.closeWindow().orElseThrow();

    assertThat(batch.features()).isEqualTo(window.features());
    assertThat(batch.datasetDrift()).isEqualTo(window.datasetDrift());
    FeatureDrift x = batch.feature("x").orElseThrow();
    assertThat(x.threshold()).isEqualTo(calibration.threshold("x"));
    assertThat(x.reason()).contains("calibrated on 10 ordered reference windows of 500 rows");
    // the default threshold is another number: the calibration is what decided
    assertThat(BatchComparison.of(profile).compareRows(current).feature("x").orElseThrow()
        .threshold()).isNotEqualTo(calibration.threshold("x"));
  }
}
