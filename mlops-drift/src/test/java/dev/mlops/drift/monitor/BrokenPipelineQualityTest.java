package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceProfile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class BrokenPipelineQualityTest {

  private static ReferenceProfile profile() {
    SplittableRandom r = new SplittableRandom(1);
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x", "y").categorical("c");
    for (int i = 0; i < 5_000; i++) {
      b.add(Map.of("x", r.nextDouble(), "y", r.nextDouble(), "c", r.nextDouble() < 0.5 ? "a"
          : r.nextDouble() < 0.5 ? "b" : "d"));
    }
    return b.build();
  }

  private static DriftMonitor monitor(ReferenceProfile p) {
    return DriftMonitor.builder(p).window(Window.tumblingCount(Integer.MAX_VALUE))
        .ignoreFields("request_id").build();
  }

  @Test
  void aConstantInRangeFeature_isAFinding_thoughNoCounterMoves() {
    DriftMonitor m = monitor(profile());
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 1_000; i++) {
      // x imputed with a constant inside the reference range
      m.record(Map.of("x", 0.5, "y", r.nextDouble(), "c", "a"), null, null);
    }

    DataQuality q = m.closeWindow().orElseThrow().dataQuality();

    assertThat(q.feature("x").missing()).isZero();
    assertThat(q.feature("x").outOfRange()).isZero();
    assertThat(q.feature("x").distinct()).isEqualTo(1);
    // 5,000 reference values are beyond the default exact cap: the expectation comes from the
    // profile's 4,096-value uniform sample (887 here; 906 from all 5,000 exact values)
    assertThat(q.feature("x").expectedDistinct()).isGreaterThan(850);
    assertThat(q.findings()).anySatisfy(f -> assertThat(f)
        .startsWith("x: constant 0.5000 in the window (1000 values) where the reference varied"));
    assertThat(q.findings()).noneSatisfy(f -> assertThat(f).startsWith("y:"));
    // c is constant too: "a" holds half the reference, so 1,000 rows of "a" are no accident
    assertThat(q.findings()).anySatisfy(f -> assertThat(f).startsWith("c: constant a"));
  }

  @Test
  void theShareOfTheMostFrequentValueJumping_isAFinding() {
    DriftMonitor m = monitor(profile());
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 1_000; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("x", i % 2 == 0 ? 0.25 : r.nextDouble());
      row.put("y", r.nextDouble());
      row.put("c", "b");
      m.record(row, null, null);
    }

    DataQuality q = m.closeWindow().orElseThrow().dataQuality();

    assertThat(q.feature("x").topValueShare()).isEqualTo(0.5);
    assertThat(q.findings()).anySatisfy(f -> assertThat(f).startsWith(
        "x: most frequent value 0.2500 takes 0.5000 of the window vs 0.0000 of the reference"));
  }

  @Test
  void ignoredFields_areNotUnknownFeatures() {
    DriftMonitor m = monitor(profile());
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 100; i++) {
      m.record(Map.of("x", r.nextDouble(), "y", r.nextDouble(), "c", "a", "request_id", "r" + i,
          "session", "s"), null, null);
    }

    DataQuality q = m.closeWindow().orElseThrow().dataQuality();

    assertThat(q.topUnknownFeatures()).containsOnlyKeys("session");
    assertThat(q.rowsWithUnknownFeatures()).isEqualTo(100);
  }

  /** A reference in time order: x varies, except for one stretch of 600 consecutive zeros. */
  private static ReferenceProfile profileWithAStretchOfZeros() {
    SplittableRandom r = new SplittableRandom(6);
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x", "y");
    for (int i = 0; i < 5_000; i++) {
      b.add(Map.of("x", i >= 2_000 && i < 2_600 ? 0.0 : r.nextDouble(), "y", r.nextDouble()));
    }
    return b.build();
  }

  private static DataQuality windowWithXConstant(ReferenceProfile p, double x, int rows) {
    DriftMonitor m = monitor(p);
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < rows; i++) {
      m.record(Map.of("x", x, "y", r.nextDouble()), null, null);
    }
    return m.closeWindow().orElseThrow().dataQuality();
  }

  @Test
  void aConstantWindow_isNoFinding_whenTheReferenceHeldThatValueForAsManyConsecutiveRows() {
    ReferenceProfile p = profileWithAStretchOfZeros();
    assertThat(p.feature("x").orElseThrow().longestRun()).isEqualTo(600);
    assertThat(p.feature("x").orElseThrow().longestRunValue()).isEqualTo("0");

    assertThat(windowWithXConstant(p, 0.0, 600).findings()).isEmpty();
  }

  @Test
  void aConstantWindow_isAFinding_whenItOutlastsTheReferencesLongestRunOfThatValue() {
    ReferenceProfile p = profileWithAStretchOfZeros();

    assertThat(windowWithXConstant(p, 0.0, 601).findings())
        .anySatisfy(f -> assertThat(f).startsWith("x: constant 0.0000 in the window (601 values)"));
    // another value inside the range, never held by the reference
    assertThat(windowWithXConstant(p, 0.5, 100).findings())
        .anySatisfy(f -> assertThat(f).startsWith("x: constant 0.5000 in the window (100 values)"));
  }

  @Test
  void aVaryingWindow_hasNoCollapseFinding() {
    DriftMonitor m = monitor(profile());
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 1_000; i++) {
      m.record(Map.of("x", r.nextDouble(), "y", r.nextDouble(),
          "c", r.nextDouble() < 0.5 ? "a" : "b"), null, null);
    }

    assertThat(m.closeWindow().orElseThrow().dataQuality().findings()).isEmpty();
  }
}
