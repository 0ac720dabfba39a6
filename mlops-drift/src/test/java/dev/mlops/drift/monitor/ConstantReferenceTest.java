package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.FeatureType;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A numeric column constant in the reference (Elec2's imputed {@code vicprice}) is profiled as
 * numeric, and when it later varies the monitor says so in numbers: "constant in the reference at
 * v, now varying", with the window's range and the share of rows that differ, never as unseen
 * categories with long float strings.
 */
final class ConstantReferenceTest {

  private static final double IMPUTED = 0.003467;

  /** {@code x} an AR(1) at 0.9, {@code v} the imputed constant, in time order. */
  private static ReferenceProfile profile() {
    return profile(10_000);
  }

  private static ReferenceProfile profile(int rows) {
    SplittableRandom r = new SplittableRandom(11);
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    double x = 0;
    for (int i = 0; i < rows; i++) {
      x = 0.9 * x + Math.sqrt(1 - 0.81) * gaussian(r);
      b.add(Map.of("x", x, "v", IMPUTED));
    }
    return b.build();
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** Ten windows of 1,000 rows: {@code v} still the constant in the first five, varying after. */
  private static List<DriftReport> replay(ReferenceProfile p) {
    DriftMonitor m = DriftMonitor.builder(p).window(Window.tumblingCount(1_000)).history(10)
        .build();
    SplittableRandom r = new SplittableRandom(12);
    double x = 0;
    for (int i = 0; i < 10_000; i++) {
      x = 0.9 * x + Math.sqrt(1 - 0.81) * gaussian(r);
      double v = i < 5_000 ? IMPUTED : 0.002 + 0.004 * r.nextDouble();
      m.record(Map.of("x", x, "v", v), null, null);
    }
    return m.history();
  }

  @Test
  void aColumnOfOneNumber_isProfiledNumeric() {
    ReferenceProfile p = profile();

    assertThat(p.feature("v").orElseThrow().type()).isEqualTo(FeatureType.NUMERIC);
    assertThat(p.feature("x").orElseThrow().type()).isEqualTo(FeatureType.NUMERIC);
  }

  @Test
  void aConstantReferenceColumnThatStartsToVary_isOneNumericFinding_notUnseenCategories() {
    List<DriftReport> reports = replay(profile());

    assertThat(reports).hasSize(10);
    // still the constant: no finding, no drift
    for (DriftReport d : reports.subList(0, 5)) {
      assertThat(d.dataQuality().findings()).isEmpty();
      assertThat(d.datasetDrift()).isFalse();
    }
    for (DriftReport d : reports.subList(5, 10)) {
      List<String> v = new ArrayList<>();
      for (String f : d.dataQuality().findings()) {
        if (f.startsWith("v:")) {
          v.add(f);
        }
      }
      assertThat(v).hasSize(1);
      assertThat(v.get(0)).startsWith("v: constant 0.003467 in the reference (10000 rows), now "
          + "varying: 1000 of 1000 rows differ (1.0000 > 0.1000), window range [0.0020, 0.0060]");
      assertThat(v.get(0)).doesNotContain("unseen");
      assertThat(d.dataQuality().feature("v").unseen()).isZero();
      assertThat(d.dataQuality().feature("v").outOfRange()).isGreaterThan(990);
      assertThat(d.feature("v").orElseThrow().drifted()).isTrue();
      assertThat(d.feature("x").orElseThrow().drifted()).isFalse();
    }
  }

  @Test
  void aProfileOfTheOldFormat_withTheConstantInferredCategorical_isReadAsNumeric()
      throws java.io.IOException {
    // written by main at 3eddb5d (format 7) from profile(3_000): v was an inferred categorical
    // of one category, "0.003467"; the codec reads it as the numeric profile built today
    byte[] bytes;
    try (java.io.InputStream in = ConstantReferenceTest.class.getResourceAsStream(
        "/profiles/constant-inferred-categorical-v7.mlrp")) {
      bytes = in.readAllBytes();
    }
    ReferenceProfile old = ReferenceProfile.fromBytes(bytes);

    assertThat(old.feature("v").orElseThrow().type()).isEqualTo(FeatureType.NUMERIC);
    assertThat(old.feature("v").orElseThrow()).isEqualTo(profile(3_000).feature("v")
        .orElseThrow());
    List<DriftReport> reports = replay(old);
    assertThat(reports.subList(0, 5)).allSatisfy(d -> assertThat(d.dataQuality().findings())
        .noneSatisfy(f -> assertThat(f).startsWith("v:")));
    assertThat(reports.subList(5, 10)).allSatisfy(d -> assertThat(d.dataQuality().findings())
        .anySatisfy(f -> assertThat(f).startsWith(
            "v: constant 0.003467 in the reference (3000 rows), now varying: 1000 of 1000 rows"))
        .noneSatisfy(f -> assertThat(f).contains("unseen")));
  }
}
