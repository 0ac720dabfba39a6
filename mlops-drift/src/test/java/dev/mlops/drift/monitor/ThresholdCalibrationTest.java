package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.drift.profile.ProfileFormatException;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.ThresholdCalibration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ThresholdCalibrationTest {

  /** Rows with a numeric {@code x} ~ N(shift, 1) and a categorical {@code c}. */
  static List<Map<String, Object>> rows(int n, double shift, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("x", shift + Math.sqrt(-2 * Math.log1p(-r.nextDouble()))
          * Math.cos(2 * Math.PI * r.nextDouble()));
      row.put("c", r.nextDouble() < 0.6 ? "a" : "b");
      out.add(row);
    }
    return out;
  }

  static ReferenceProfile profile(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x").categorical("c");
    rows.forEach(b::add);
    return b.build();
  }

  @Test
  void orderedReference_ofFiveOrMoreWindows_isCalibratedOnItsWindows() {
    List<Map<String, Object>> ref = rows(5_000, 0, 1);
    ThresholdCalibration c = ThresholdCalibrator.builder(profile(ref))
        .orderedReference(ref).windowRows(500).build();

    assertThat(c.method()).isEqualTo(ThresholdCalibration.Method.ORDERED_WINDOWS);
    assertThat(c.windows()).isEqualTo(10);
    assertThat(c.columns()).containsOnlyKeys("x", "c");
    assertThat(c.column("x").orElseThrow().windowValues()).hasSize(10);
    // the default rate, 0.2% of windows, shared by the 2 features
    assertThat(c.falseAlarmRate()).isEqualTo(DriftThresholds.DEFAULT_FALSE_ALARM_RATE);
    assertThat(c.featureFalseAlarmRate()).isEqualTo(0.001);
    assertThat(c.origin("x")).startsWith("calibrated on 10 ordered reference windows of 500 rows:"
        + " 99.9th percentile").contains("expected false alarms 0.200% of windows over 2 features");
  }

  @Test
  void shortOrderedReference_fallsBackToBlockResampling_andSaysSo() {
    List<Map<String, Object>> ref = rows(2_000, 0, 2);
    ThresholdCalibration c = ThresholdCalibrator.builder(profile(ref))
        .orderedReference(ref).windowRows(500).resamples(30).build();

    assertThat(c.method()).isEqualTo(ThresholdCalibration.Method.BLOCK_RESAMPLING);
    assertThat(c.windows()).isEqualTo(30);
    assertThat(c.origin("x")).contains("block-resampled windows (ordered reference shorter than"
        + " 5 windows)");
  }

  @Test
  void unorderedReference_isResampled_andTheThresholdShrinksWithTheWindow() {
    List<Map<String, Object>> ref = rows(4_000, 0, 3);
    ReferenceProfile p = profile(ref);
    ThresholdCalibration small = ThresholdCalibrator.builder(p).unorderedReference(ref)
        .windowRows(100).resamples(40).build();
    ThresholdCalibration large = ThresholdCalibrator.builder(p).unorderedReference(ref)
        .windowRows(2_000).resamples(40).build();

    assertThat(small.method()).isEqualTo(ThresholdCalibration.Method.RESAMPLING);
    assertThat(small.origin("x")).contains("resampled windows (reference without order)");
    // sampling noise of a distance scales as 1 / sqrt(window): 20x the rows, a smaller threshold
    assertThat(large.threshold("x")).isLessThan(small.threshold("x") / 2);
  }

  @Test
  void appliedToAMonitor_statesTheOrigin_andFlagsAShiftNotTheReference() {
    List<Map<String, Object>> ref = rows(6_000, 0, 4);
    ReferenceProfile p = profile(ref);
    ThresholdCalibration c = ThresholdCalibrator.builder(p).orderedReference(ref)
        .windowRows(500).build();
    DriftMonitor monitor = ThresholdCalibrator.applyTo(c, DriftMonitor.builder(p)
        .window(Window.tumblingCount(Integer.MAX_VALUE))).build();

    rows(500, 0, 5).forEach(r -> monitor.record(r, null, null));
    DriftReport same = monitor.closeWindow().orElseThrow();
    rows(500, 0.5, 6).forEach(r -> monitor.record(r, null, null));
    DriftReport shifted = monitor.closeWindow().orElseThrow();

    assertThat(same.datasetDrift()).isFalse();
    assertThat(same.feature("x").orElseThrow().reason())
        .contains("(threshold calibrated on 12 ordered reference windows of 500 rows");
    assertThat(shifted.feature("x").orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(shifted.feature("c").orElseThrow().status()).isEqualTo(DriftStatus.OK);
    assertThat(shifted.datasetDrift()).as("one drifted feature is dataset drift").isTrue();
  }

  @Test
  void bytes_roundTrip_andMergePoolsTheWindows() {
    List<Map<String, Object>> ref = rows(3_000, 0, 7);
    ReferenceProfile p = profile(ref);
    ThresholdCalibration a = ThresholdCalibrator.builder(p).orderedReference(ref.subList(0, 1500))
        .windowRows(250).build();
    ThresholdCalibration b = ThresholdCalibrator.builder(p)
        .orderedReference(ref.subList(1500, 3000)).windowRows(250).build();

    assertThat(ThresholdCalibration.fromBytes(a.toBytes())).isEqualTo(a);
    ThresholdCalibration merged = a.merge(b);
    assertThat(merged.windows()).isEqualTo(12);
    assertThat(merged.column("x").orElseThrow().windowValues()).hasSize(12);
    assertThat(ThresholdCalibration.fromBytes(merged.toBytes())).isEqualTo(merged);
  }

  @Test
  void fromBytes_rejectsTruncatedOrOversizedInput_withATypedError() {
    List<Map<String, Object>> ref = rows(3_000, 0, 8);
    byte[] bytes = ThresholdCalibrator.builder(profile(ref)).orderedReference(ref)
        .windowRows(500).build().toBytes();

    assertThatThrownBy(() -> ThresholdCalibration.fromBytes(Arrays.copyOf(bytes, 40)))
        .isInstanceOf(ProfileFormatException.class);
    byte[] huge = bytes.clone();
    // the column count (after magic, version, method, window rows, windows and the two rates of
    // version 2) claims two billion columns
    huge[40] = 0x7f;
    assertThatThrownBy(() -> ThresholdCalibration.fromBytes(huge))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("length must fit the remaining");
    byte[] target = bytes.clone();
    // the label's rate set to 2.0 (0x4000000000000000), outside (0, 0.5]
    Arrays.fill(target, 32, 40, (byte) 0);
    target[32] = 0x40;
    assertThatThrownBy(() -> ThresholdCalibration.fromBytes(target))
        .isInstanceOf(ProfileFormatException.class)
        .hasMessageContaining("label rate 2.0");
  }

  @Test
  void label_takesTheLabelRate_predictionOneCheckAtTheDatasetRate_featuresShareIt() {
    List<Map<String, Object>> ref = labelled(rows(5_000, 0, 11));
    ReferenceProfile p = labelledProfile(ref);
    ThresholdCalibration c = ThresholdCalibrator.builder(p).orderedReference(ref).windowRows(500)
        .build();

    assertThat(c.falseAlarmRate()).isEqualTo(0.002);
    assertThat(c.labelFalseAlarmRate()).isEqualTo(DriftThresholds.DEFAULT_LABEL_FALSE_ALARM_RATE)
        .isEqualTo(0.01);
    assertThat(c.features()).isEqualTo(2);
    // the label's threshold is the fit at 1 - 0.01, the prediction's at 1 - 0.002 (one check
    // each), a feature's at 1 - 0.002 / 2
    ThresholdCalibration.Column label = c.column(ReferenceProfile.LABEL).orElseThrow();
    assertThat(c.threshold(ReferenceProfile.LABEL)).isEqualTo(
        dev.mlops.drift.profile.CalibratedThreshold.fit(label.windowValues(), 0.99,
            dev.mlops.drift.profile.CalibratedThreshold.Scale.forStatistic(label.statistic()))
            .threshold());
    ThresholdCalibration.Column pred = c.column(ReferenceProfile.PREDICTION).orElseThrow();
    assertThat(c.threshold(ReferenceProfile.PREDICTION)).isEqualTo(
        dev.mlops.drift.profile.CalibratedThreshold.fit(pred.windowValues(), 0.998,
            dev.mlops.drift.profile.CalibratedThreshold.Scale.forStatistic(pred.statistic()))
            .threshold());
    ThresholdCalibration.Column x = c.column("x").orElseThrow();
    assertThat(c.threshold("x")).isEqualTo(dev.mlops.drift.profile.CalibratedThreshold.fit(
        x.windowValues(), 0.999,
        dev.mlops.drift.profile.CalibratedThreshold.Scale.forStatistic(x.statistic()))
        .threshold());
    assertThat(c.origin(ReferenceProfile.LABEL)).endsWith("expected false alarms 1.00% of windows");
    assertThat(c.origin(ReferenceProfile.PREDICTION))
        .endsWith("expected false alarms 0.200% of windows");
    assertThat(c.origin("x")).endsWith("expected false alarms 0.200% of windows over 2 features");

    ThresholdCalibration strict = ThresholdCalibrator.builder(p).orderedReference(ref)
        .windowRows(500).labelFalseAlarmRate(0.002).build();
    assertThat(strict.threshold(ReferenceProfile.LABEL))
        .isGreaterThan(c.threshold(ReferenceProfile.LABEL));
    assertThat(strict.threshold("x")).isEqualTo(c.threshold("x"));
    assertThat(strict.threshold(ReferenceProfile.PREDICTION))
        .isEqualTo(c.threshold(ReferenceProfile.PREDICTION));
    assertThatThrownBy(() -> ThresholdCalibrator.builder(p).labelFalseAlarmRate(0.6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label false-alarm rate must be in (0, 0.5]: 0.6");
  }

  @Test
  void oneRateForAll_isWrittenAsVersion1_twoRatesAsVersion2_andBothRoundTrip() {
    List<Map<String, Object>> ref = labelled(rows(3_000, 0, 12));
    ReferenceProfile p = labelledProfile(ref);
    ThresholdCalibration two = ThresholdCalibrator.builder(p).orderedReference(ref)
        .windowRows(500).build();
    ThresholdCalibration one = ThresholdCalibrator.builder(p).orderedReference(ref)
        .windowRows(500).labelFalseAlarmRate(0.002).build();

    assertThat(java.nio.ByteBuffer.wrap(two.toBytes()).getInt(4)).isEqualTo(2);
    assertThat(java.nio.ByteBuffer.wrap(one.toBytes()).getInt(4)).isEqualTo(1);
    assertThat(two.toBytes()).hasSize(one.toBytes().length + 8);
    assertThat(ThresholdCalibration.fromBytes(two.toBytes())).isEqualTo(two);
    assertThat(ThresholdCalibration.fromBytes(one.toBytes())).isEqualTo(one)
        .isNotEqualTo(two);
    // one rate for all is the former meaning of a calibration: of(...) without a label rate
    ThresholdCalibration.Column label = one.column(ReferenceProfile.LABEL).orElseThrow();
    Map<String, double[]> values = new LinkedHashMap<>();
    Map<String, dev.mlops.drift.stat.DriftStatistic> stats = new LinkedHashMap<>();
    one.columns().forEach((k, v) -> {
      values.put(k, v.windowValues());
      stats.put(k, v.statistic());
    });
    assertThat(ThresholdCalibration.of(one.method(), one.windowRows(), one.windows(), 0.002,
        values, stats)).isEqualTo(one);
    assertThat(label.threshold().threshold()).isEqualTo(one.threshold(ReferenceProfile.LABEL));
    assertThatThrownBy(() -> one.merge(two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("merged label false-alarm rate must match: 0.01 vs 0.002");
  }

  /** The rows with a label {@code y = x + noise} and a prediction {@code x}. */
  private static List<Map<String, Object>> labelled(List<Map<String, Object>> rows) {
    SplittableRandom r = new SplittableRandom(99);
    for (Map<String, Object> row : rows) {
      double x = (Double) row.get("x");
      row.put(ReferenceProfile.PREDICTION, x);
      row.put(ReferenceProfile.LABEL, x + 0.5 * (r.nextDouble() - 0.5));
    }
    return rows;
  }

  private static ReferenceProfile labelledProfile(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x").categorical("c");
    rows.forEach(b::add);
    return b.build();
  }

  @Test
  void merge_rejectsADifferentWindowSize() {
    List<Map<String, Object>> ref = rows(3_000, 0, 9);
    ReferenceProfile p = profile(ref);
    ThresholdCalibration a = ThresholdCalibrator.builder(p).orderedReference(ref)
        .windowRows(500).build();
    ThresholdCalibration b = ThresholdCalibrator.builder(p).orderedReference(ref)
        .windowRows(300).build();

    assertThatThrownBy(() -> a.merge(b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("merged window rows must match: 300 vs 500");
  }

  @Test
  void build_withoutRows_isAnIllegalState() {
    assertThatThrownBy(() -> ThresholdCalibrator.builder(profile(rows(10, 0, 1))).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("reference rows must be given: none");
  }
}
