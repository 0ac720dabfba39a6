package dev.mlops.drift.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.DriftThresholds;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.ThresholdCalibrator;
import dev.mlops.drift.monitor.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Threshold calibrations stored in the profile: built, serialised, merged and used by default. */
final class ProfileCalibrationTest {

  /** AR(1) rows (rho 0.9) with x, a category, a numeric prediction and a numeric label. */
  static List<Map<String, Object>> rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Map<String, Object>> rows = new ArrayList<>();
    double x = 0;
    for (int i = 0; i < n; i++) {
      x = 0.9 * x + Math.sqrt(1 - 0.81) * gaussian(r);
      Map<String, Object> row = new HashMap<>();
      row.put("x", x);
      row.put("c", r.nextDouble() < 0.3 ? "a" : "b");
      row.put(ReferenceProfile.PREDICTION, 2 * x + 0.1 * gaussian(r));
      row.put(ReferenceProfile.LABEL, 2 * x + gaussian(r));
      rows.add(row);
    }
    return rows;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static ReferenceProfile calibrated(List<Map<String, Object>> rows, int... windows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x").categorical("c");
    rows.forEach(b::add);
    return ThresholdCalibrator.withOrderedCalibrations(b.build(), rows, windows);
  }

  /**
   * The same profile in an older format version: without the longest runs (before 5), the chunks
   * (before 4, here none) and the calibration count (before 3, here 0).
   */
  static byte[] olderVersion(byte[] current, int version) {
    ReferenceProfile p = ReferenceProfile.fromBytes(current);
    if (version < 4 && p.chunks().isPresent()) {
      throw new IllegalArgumentException("profile must have no chunks");
    }
    if (version < 3 && !p.calibrations().isEmpty()) {
      throw new IllegalArgumentException("profile must have no calibration");
    }
    return ProfileCodec.encode(p, version);
  }

  @Test
  void orderedCalibration_storesOneCalibrationPerWindowSize_withPredictionAndLabel() {
    ReferenceProfile p = calibrated(rows(3_000, 1), 200, 1_000);

    assertThat(p.calibrations()).extracting(ThresholdCalibration::windowRows)
        .containsExactly(200L, 1_000L);
    ThresholdCalibration c200 = p.calibrations().get(0);
    assertThat(c200.method()).isEqualTo(ThresholdCalibration.Method.ORDERED_WINDOWS);
    assertThat(c200.windows()).isEqualTo(15);
    assertThat(c200.columns().keySet()).containsExactly("x", "c", ReferenceProfile.PREDICTION,
        ReferenceProfile.LABEL);
    // 3 windows of 1,000 rows: too few to cut, so block-resampled (and said so)
    ThresholdCalibration c1000 = p.calibrations().get(1);
    assertThat(c1000.method()).isEqualTo(ThresholdCalibration.Method.BLOCK_RESAMPLING);
    assertThat(c1000.origin("x")).contains("ordered reference shorter than 5 windows");
  }

  @Test
  void calibrations_roundTripThroughBytes_andOlderVersionsAreStillRead() {
    ReferenceProfile p = calibrated(rows(2_000, 2), 200);
    byte[] bytes = p.toBytes();
    assertThat(bytes.length).isEqualTo(p.sizeInBytes());
    assertThat(bytes[4] * 256 + bytes[5]).isEqualTo(10);
    ReferenceProfile back = ReferenceProfile.fromBytes(bytes);
    assertThat(back).isEqualTo(p);
    assertThat(back.calibrations().get(0).threshold("x"))
        .isEqualTo(p.calibrations().get(0).threshold("x"));

    ReferenceProfile plain = ReferenceProfile.builder().numeric("x").categorical("c").build();
    assertThat(ReferenceProfile.fromBytes(olderVersion(plain.toBytes(), 2))).isEqualTo(plain);
    // version 3: calibrations, no chunks
    assertThat(ReferenceProfile.fromBytes(olderVersion(p.withoutChunks().toBytes(), 3)))
        .isEqualTo(p.withoutChunks());
  }

  @Test
  void merge_poolsTheWindowsOfCalibrationsOfTheSameSize() {
    ReferenceProfile a = calibrated(rows(2_000, 3), 200);
    ReferenceProfile b = calibrated(rows(1_200, 4), 200, 400);

    ReferenceProfile merged = a.merge(b);
    assertThat(merged.rows()).isEqualTo(3_200);
    assertThat(merged.calibrations()).extracting(ThresholdCalibration::windowRows)
        .containsExactly(200L, 400L);
    assertThat(merged.calibrations().get(0).windows()).isEqualTo(10 + 6);
    assertThat(merged.calibrations().get(0).columns().get("x").windowValues())
        .hasSize(16);
  }

  @Test
  void monitorOnACalibratedProfile_usesTheStoredCalibration_byDefault() {
    List<Map<String, Object>> rows = rows(6_000, 5);
    ReferenceProfile p = calibrated(rows.subList(0, 4_000), 200);
    DriftMonitor m = DriftMonitor.builder(p).window(Window.tumblingCount(200)).build();
    for (Map<String, Object> row : rows.subList(4_000, 4_200)) {
      Map<String, Object> features = new HashMap<>(row);
      double y = (double) features.remove(ReferenceProfile.LABEL);
      double pred = (double) features.remove(ReferenceProfile.PREDICTION);
      String id = "r" + features.hashCode();
      m.record(features, Prediction.ofValue(pred), id);
      m.recordLabel(id, y);
    }
    DriftReport r = m.latestReport().orElseThrow();
    ThresholdCalibration stored = p.calibrations().get(0);
    FeatureDrift x = r.feature("x").orElseThrow();
    assertThat(x.test()).isEqualTo("normed_wasserstein");
    assertThat(x.reason()).contains("calibrated on 20 ordered reference windows of 200 rows "
        + "stored in the profile").contains("expected false alarms 0.200% of windows over 2 features");
    // a numeric feature has two checks (distance and scale), each at half its rate (the default
    // 0.2% of windows over 2 features)
    assertThat(x.threshold()).isEqualTo(CalibratedThreshold.fit(
        stored.column("x").orElseThrow().windowValues(), 1 - 0.002 / 4,
        CalibratedThreshold.Scale.LOG).threshold());
    assertThat(r.prediction().reason()).contains("stored in the profile");
    assertThat(r.prediction().threshold()).isEqualTo(stored.threshold(ReferenceProfile.PREDICTION));
    assertThat(r.label().threshold()).isEqualTo(stored.threshold(ReferenceProfile.LABEL));
    // the label: one check at its default 1% of windows; the prediction: one check at 0.2%
    ThresholdCalibration.Column label = stored.column(ReferenceProfile.LABEL).orElseThrow();
    assertThat(r.label().threshold()).isEqualTo(CalibratedThreshold.fit(label.windowValues(),
        1 - 0.01, CalibratedThreshold.Scale.forStatistic(label.statistic())).threshold());
    ThresholdCalibration.Column pred = stored.column(ReferenceProfile.PREDICTION).orElseThrow();
    assertThat(r.prediction().threshold()).isEqualTo(CalibratedThreshold.fit(pred.windowValues(),
        1 - 0.002, CalibratedThreshold.Scale.forStatistic(pred.statistic())).threshold());
    assertThat(r.label().reason()).contains("expected false alarms 1.00% of windows)");
    assertThat(r.prediction().reason()).contains("expected false alarms 0.200% of windows)");
    assertThat(r.toJson()).contains("stored in the profile");

    // a window size the profile has no calibration for, too long for 5 ordered windows:
    // block-resampled from the profile's chunks, and said so
    DriftMonitor other = DriftMonitor.builder(p).window(Window.tumblingCount(1_000)).build();
    rows.subList(4_000, 5_000).forEach(row -> other.record(row, null, null));
    assertThat(other.latestReport().orElseThrow().feature("x").orElseThrow().reason())
        .contains("windows of 1024 rows block-resampled from the profile's 63 chunks of 64 rows "
            + "(blocks of 12 consecutive chunks drawn with replacement: the profile's 63 chunks "
            + "of 64 rows form 3 windows of 1024 rows, fewer than 5)");

    // Evidently's fixed rules, by name
    DriftMonitor fixed = DriftMonitor.builder(p).window(Window.tumblingCount(1_000))
        .thresholds(DriftThresholds.evidentlyDefaults()).build();
    rows.subList(4_000, 5_000).forEach(row -> fixed.record(row, null, null));
    assertThat(fixed.latestReport().orElseThrow().feature("x").orElseThrow().threshold())
        .isEqualTo(0.1);
  }

  @Test
  void orderedCalibration_refusesTinyWindows() {
    List<Map<String, Object>> rows = rows(100, 1);
    ReferenceProfile plain = ReferenceProfile.builder().numeric("x").categorical("c").build();
    assertThatThrownBy(() -> ThresholdCalibrator.withOrderedCalibrations(plain, rows, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window rows must be at least 2: 1");
  }
}
