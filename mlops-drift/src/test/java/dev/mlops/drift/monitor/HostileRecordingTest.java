package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.mlops.drift.fairness.SensitiveAttributes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on the public recording APIs (issue 14: "recording never throws, everything
 * counted"): non-finite and wrong-typed values, null maps, keys and values, huge strings, labels
 * for unknown or repeated ids, duplicate ids, a clock that goes back. Each is counted, none throws
 * from a recording call, and nothing a caller sends is held without bound.
 */
final class HostileRecordingTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String HUGE = "h".repeat(1_000_000);

  private static DriftMonitor.Builder builder(MutableClock clock) {
    return DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .clock(clock).window(Window.tumblingCount(1_000_000)).logWindows(false);
  }

  @Test
  void nonFiniteNullAndWrongTypedValues_areCountedPerFeature_neverThrown() {
    DriftMonitor m = builder(new MutableClock(T0)).build();
    List<Map<String, Object>> rows = List.of(
        Fixtures.row(Double.NaN, Double.POSITIVE_INFINITY, "paris"),
        Fixtures.row(Double.NEGATIVE_INFINITY, null, null),
        Fixtures.row(true, List.of(1, 2), 42),
        Fixtures.row(new Object(), Map.of("nested", 1), new StringBuilder("paris")),
        Fixtures.row(new BigDecimal("1e400"), 'c', HUGE),
        Fixtures.row(Float.NaN, Long.MAX_VALUE, ""));
    assertThatCode(() -> {
      rows.forEach(r -> m.record(r, Prediction.ofValue(Double.NaN), null));
      m.record((Map<String, ?>) null, null, null);
      Map<String, Object> nullKey = Fixtures.row(0.1, 0.2, "lyon");
      nullKey.put(null, "value of a null key");
      m.record(nullKey, Prediction.ofValue(Double.POSITIVE_INFINITY), "id");
      m.record(Fixtures.row(0.1, 0.2, "lyon"), new Object[] {"wrong", null, 3.5}, null, null);
      m.record(null, new Object[] {1.0}, null, null);
      m.record(new double[] {Double.NaN, Double.POSITIVE_INFINITY, -7, 1e9}, null, null);
      m.record((double[]) null, null, null);
      m.record(new double[] {0.5, 0.5, 2.5}, null, null);
    }).doesNotThrowAnyException();

    DriftReport r = m.closeWindow().orElseThrow();

    assertThat(m.recordErrors()).isZero();
    assertThat(r.records()).isEqualTo(rows.size() + 7);
    DataQuality q = r.dataQuality();
    assertThat(q.nonFinitePredictions()).isEqualTo(rows.size() + 1);
    FeatureQuality x = q.feature("x");
    FeatureQuality city = q.feature("city");
    assertThat(x.missing() + x.nonFinite()).isGreaterThanOrEqualTo(4);
    assertThat(x.wrongType()).isGreaterThanOrEqualTo(2);
    assertThat(city.unseen()).isGreaterThanOrEqualTo(4);
    assertThat(q.rowsWithUnknownFeatures()).isGreaterThanOrEqualTo(2);
    // a category of a million characters is reported (and snapshotted) by a bounded prefix
    assertThat(city.topUnseen().keySet()).allSatisfy(k -> assertThat(k.length()).isLessThanOrEqualTo(1_000));
    assertThatCode(m::snapshot).doesNotThrowAnyException();
  }

  @Test
  void theStateValue_takesTheSameHostileRows_andCountsThem() {
    DriftMonitor m = builder(new MutableClock(T0)).build();
    Map<String, Object> nullKey = Fixtures.row(Double.NaN, "not a number", HUGE);
    nullKey.put(null, 1);
    nullKey.put(HUGE, 2);
    MonitorState state = m.newState();
    assertThatCode(() -> state.update(nullKey, Prediction.ofValue(Double.NEGATIVE_INFINITY))
        .update((Map<String, ?>) null, null).update((double[]) null, null)
        .update(new double[] {1, 2, -3, 4, 5}, null)).doesNotThrowAnyException();

    DriftReport r = m.evaluate(state);

    assertThat(state.rows()).isEqualTo(4);
    assertThat(r.records()).isEqualTo(4);
    assertThat(r.dataQuality().nonFinitePredictions()).isEqualTo(1);
    assertThat(r.dataQuality().rowsWithUnknownFeatures()).isEqualTo(2);
    assertThat(r.dataQuality().topUnknownFeatures().keySet())
        .allSatisfy(k -> assertThat(k.length()).isLessThanOrEqualTo(1_000));
    assertThat(r.dataQuality().feature("y").wrongType()).isEqualTo(1);
  }

  @Test
  void labelsForUnknownRepeatedOrNullIds_andNonFiniteLabels_areCountedAsUnmatchedOrFindings() {
    DriftMonitor m = builder(new MutableClock(T0)).classes(2).build();
    m.record(Fixtures.row(0.1, 0.2, "paris"), Prediction.ofClass(1), "a");
    m.record(Fixtures.row(0.1, 0.2, "paris"), Prediction.ofClass(0), "b");
    m.record(Fixtures.row(0.1, 0.2, "paris"), Prediction.ofClass(7), "c");

    assertThat(m.recordLabel(null, 1)).isFalse();
    assertThat(m.recordLabel("never-seen", 1)).isFalse();
    assertThat(m.recordLabel(HUGE, 1)).isFalse();
    assertThat(m.recordLabel("a", 1)).isTrue();
    assertThat(m.recordLabel("a", 1)).isFalse();
    assertThat(m.recordLabel("b", Double.NaN)).isTrue();
    assertThat(m.recordLabel("c", 0)).isTrue();

    DriftReport r = m.closeWindow().orElseThrow();

    assertThat(r.performance().unmatchedLabels()).isEqualTo(4);
    assertThat(r.performance().labelled()).isEqualTo(3);
    // the NaN label and the class-7 prediction lie outside the declared classes
    assertThat(r.dataQuality().labelsOutsideClasses()).isEqualTo(2);
    assertThat(m.recordErrors()).isZero();
  }

  @Test
  void aDuplicateRequestId_keepsTheNewerPrediction_andCountsTheOlderAsExpired() {
    DriftMonitor m = builder(new MutableClock(T0)).build();
    m.record(Fixtures.row(0.1, 0.2, "paris"), Prediction.ofValue(1), "dup");
    m.record(Fixtures.row(0.1, 0.2, "paris"), Prediction.ofValue(5), "dup");

    assertThat(m.pendingLabels()).isEqualTo(1);
    assertThat(m.recordLabel("dup", 5)).isTrue();
    assertThat(m.recordLabel("dup", 1)).isFalse();
    DriftReport r = m.closeWindow().orElseThrow();
    assertThat(r.performance().labelled()).isEqualTo(1);
    assertThat(r.performance().expired() + r.performance().unmatchedLabels()).isEqualTo(2);
  }

  @Test
  void aClockGoingBack_neitherThrowsNorLosesRows() {
    MutableClock clock = new MutableClock(T0);
    DriftMonitor m = builder(clock).window(Window.tumblingTime(Duration.ofMinutes(1)))
        .pendingLabels(1_000, Duration.ofMinutes(5)).build();
    m.record(Fixtures.row(0.1, 0.2, "paris"), Prediction.ofValue(1), "early");
    clock.set(T0.minus(Duration.ofHours(1)));
    m.record(Fixtures.row(0.1, 0.2, "paris"), Prediction.ofValue(1), "from-the-past");
    assertThat(m.recordLabel("from-the-past", 1)).isTrue();
    m.record(Fixtures.row(0.1, 0.2, "paris"), Prediction.ofValue(1), "past-and-never-labelled");
    clock.set(T0.plus(Duration.ofSeconds(30)));
    m.record(Fixtures.row(0.1, 0.2, "paris"), Prediction.ofValue(1), "late");
    m.tick();
    clock.set(T0.plus(Duration.ofMinutes(2)));
    m.tick();
    m.record(Fixtures.row(0.1, 0.2, "paris"), null, null);
    // a snapshot taken now sorts its pending predictions by time, and restores
    DriftMonitor restored = builder(clock).window(Window.tumblingTime(Duration.ofMinutes(1)))
        .pendingLabels(1_000, Duration.ofMinutes(5)).build();
    restored.restore(m.snapshot());
    assertThat(restored.recordLabel("late", 1)).isTrue();

    m.awaitEvaluation();
    List<DriftReport> closed = m.history();
    DriftReport open = m.closeWindow().orElseThrow();
    assertThat(closed.stream().mapToLong(DriftReport::records).sum() + open.records())
        .isEqualTo(5);
    // the prediction stamped an hour back is older than the timeout: counted as expired
    assertThat(closed.stream().mapToLong(c -> c.performance().expired()).sum()
        + open.performance().expired()).isEqualTo(1);
    assertThat(m.recordErrors()).isZero();
  }

  @Test
  void hugeRequestIdsAndGroupNames_areHeldByBoundedKeys() {
    DriftMonitor m = builder(new MutableClock(T0)).fairness(SensitiveAttributes.builder("city")
        .minGroupSize(1).bootstrap(0).build()).build();
    String large = HUGE.substring(0, 100_000);
    for (int i = 0; i < 50; i++) {
      // each id and group value a distinct string of 100,000 characters: none may be held whole
      String big = i + large;
      m.record(Fixtures.row(0.1, 0.2, big), Prediction.ofProbabilities(new double[] {0.4, 0.6}), big);
    }

    assertThat(m.pendingLabels()).isEqualTo(50);
    assertThat(m.hashedRequestIds()).isEqualTo(50);
    assertThat(m.pendingLabelBytes()).isLessThan(50L * 1_000);
    assertThat(m.recordLabel(7 + large, 1)).isTrue();
    DriftReport r = m.closeWindow().orElseThrow();
    assertThat(r.records()).isEqualTo(50);
    // 50 groups named by their SHA-256 (the group names whole made 5 MB of JSON)
    assertThat(r.fairness().toJson().length()).isLessThan(500_000);
    assertThatCode(m::snapshot).doesNotThrowAnyException();
    assertThat(m.recordErrors()).isZero();
  }
}
