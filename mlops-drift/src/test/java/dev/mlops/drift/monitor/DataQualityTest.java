package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bad data is counted in the window's data quality and never throws on the record path. */
final class DataQualityTest {

  private static DriftMonitor monitor() {
    // reference x, y ~ N(0, 1): range well inside [-5, 5]
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(1_000)).minSampleSize(1).build();
  }

  @Test
  void everyKindOfBadValue_isCounted_perFeature() {
    DriftMonitor m = monitor();
    m.record(Fixtures.row(0.5, 0.1, "paris"), null, null); // clean
    m.record(Fixtures.row(null, 0.1, "paris"), null, null); // x missing (null)
    m.record(Fixtures.row(Double.NaN, 0.1, "lyon"), null, null); // x missing (NaN)
    m.record(Fixtures.row(Double.POSITIVE_INFINITY, 0.1, "lyon"), null, null); // x non-finite
    m.record(Fixtures.row(100.0, -100, "nice"), null, null); // x and y out of range
    m.record(Fixtures.row("abc", 0.1, "rome"), null, null); // x wrong type, city unseen
    m.record(Fixtures.row(1, 0.1, 42), null, null); // city unseen (a number)
    Map<String, Object> absent = new HashMap<>();
    absent.put("x", 0.0);
    absent.put("zzz", 1);
    m.record(absent, null, null); // y and city absent, unknown feature zzz
    m.record((Map<String, ?>) null, null, null); // everything absent
    m.record(Fixtures.row(0.2, 0.3, new Object()), null, null); // city wrong type

    DriftReport r = m.closeWindow().orElseThrow();
    DataQuality q = r.dataQuality();
    assertThat(q.rows()).isEqualTo(10);
    FeatureQuality x = q.feature("x");
    assertThat(x.missing()).isEqualTo(4); // null, NaN, "abc", null row
    assertThat(x.absent()).isEqualTo(1);
    assertThat(x.wrongType()).isEqualTo(1);
    assertThat(x.nonFinite()).isEqualTo(1);
    assertThat(x.outOfRange()).isEqualTo(1);
    FeatureQuality y = q.feature("y");
    assertThat(y.outOfRange()).isEqualTo(1);
    assertThat(y.absent()).isEqualTo(2);
    assertThat(y.missing()).isEqualTo(2);
    FeatureQuality city = q.feature("city");
    assertThat(city.unseen()).isEqualTo(2);
    assertThat(city.topUnseen()).containsEntry("rome", 1L).containsEntry("42", 1L);
    assertThat(city.absent()).isEqualTo(2);
    assertThat(city.wrongType()).isEqualTo(1);
    assertThat(city.missing()).isEqualTo(3);
    assertThat(q.rowsWithUnknownFeatures()).isEqualTo(1);
    assertThat(q.topUnknownFeatures()).containsEntry("zzz", 1L);
    // x: 4 of 10 missing > 10%; non-finite 10% > 1%; out of range 10% is not > 10%
    assertThat(q.findings()).anySatisfy(f -> assertThat(f)
        .startsWith("x: missing rate 0.4000 > 0.1000 (4 of 10 rows; 1 absent, 1 wrong type)"));
    assertThat(q.findings()).anySatisfy(f -> assertThat(f).startsWith("x: non-finite rate"));
    assertThat(q.findings()).noneSatisfy(f -> assertThat(f).startsWith("x: out-of-range"));
    assertThat(q.findings()).anySatisfy(f -> assertThat(f).startsWith("unknown feature names"));
    // the valid values still feed the tests: x has 5 valid values (0.5, 100, 1, 0, 0.2)
    assertThat(r.feature("x").orElseThrow().nCurrent()).isEqualTo(5);
    assertThat(m.recordErrors()).isZero();
  }

  @Test
  void failingRowMap_isCountedAsRecordError_notThrown() {
    DriftMonitor m = monitor();
    Map<String, Object> hostile = new AbstractMap<>() {
      @Override
      public Object get(Object key) {
        throw new IllegalStateException("broken row");
      }

      @Override
      public Set<Entry<String, Object>> entrySet() {
        return Set.of();
      }
    };
    m.record(hostile, Prediction.ofClass(1), null);
    m.record(Fixtures.row(0.1, 0.2, "paris"), null, null);
    assertThat(m.recordErrors()).isEqualTo(1);
    assertThat(m.closeWindow().orElseThrow().records()).isEqualTo(1);
  }

  @Test
  void fastPath_takesValuesInSchemaOrder_withCategoryCodes() {
    DriftMonitor m = monitor();
    assertThat(m.featureNames()).containsExactly("x", "y", "city");
    int lyon = m.categories("city").indexOf("lyon");
    m.record(new double[] {0.1, 0.2, lyon}, null, null);
    m.record(new double[] {Double.NaN, 0.2, 99}, null, null); // x missing, city code unseen
    m.record(new double[] {0.3}, null, null); // y, city absent
    m.record(new double[] {0.1, 0.2, lyon, 7}, null, null); // one unknown extra value
    DataQuality q = m.closeWindow().orElseThrow().dataQuality();
    assertThat(q.feature("x").missing()).isEqualTo(1);
    assertThat(q.feature("y").absent()).isEqualTo(1);
    assertThat(q.feature("city").unseen()).isEqualTo(1);
    assertThat(q.feature("city").absent()).isEqualTo(1);
    assertThat(q.rowsWithUnknownFeatures()).isEqualTo(1);
  }

  @Test
  void qualityFindings_notifyTheListener() {
    java.util.List<DriftReport> notified = new java.util.ArrayList<>();
    DriftMonitor m = DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(10)).listener(new DriftListener() {
          @Override
          public void onDataQuality(DriftReport report) {
            notified.add(report);
          }
        }).build();
    for (int i = 0; i < 10; i++) {
      m.record(Fixtures.row(0.1, 0.2, "paris"), null, null);
    }
    for (int i = 0; i < 10; i++) {
      m.record(Fixtures.row(i < 5 ? null : 0.1, 0.2, "paris"), null, null);
    }
    m.awaitEvaluation();
    assertThat(notified).extracting(DriftReport::window).containsExactly(2L);
  }

  @Test
  void nonFinitePredictions_areCounted() {
    DriftMonitor m = monitor();
    m.record(Fixtures.row(0.1, 0.2, "paris"), Prediction.ofValue(Double.NaN), null);
    m.record(Fixtures.row(0.1, 0.2, "paris"), Prediction.ofValue(1.5), null);
    DataQuality q = m.closeWindow().orElseThrow().dataQuality();
    assertThat(q.nonFinitePredictions()).isEqualTo(1);
    assertThat(q.findings()).anySatisfy(f ->
        assertThat(f).startsWith("predictions: non-finite rate 0.5000 > 0.0100"));
  }
}
