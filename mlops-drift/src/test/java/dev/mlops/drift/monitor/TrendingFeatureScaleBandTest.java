package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A trending feature (a date column of a half-hourly stream, as a new user leaves it among the
 * features) replayed over its own training period: its scale band is the union of the bands of
 * the chunk windows on both sides of the live window's size.
 */
final class TrendingFeatureScaleBandTest {

  /** 10,000 half-hourly rows: {@code date} the day number normalised, {@code x} AR(1) noise. */
  private static List<Map<String, Object>> rows(long seed, int n, double xScale) {
    Random rnd = new Random(seed);
    List<Map<String, Object>> out = new ArrayList<>(n);
    double x = 0;
    for (int i = 0; i < n; i++) {
      x = 0.5 * x + Math.sqrt(0.75) * rnd.nextGaussian();
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("date", (i / 48) / 944.0);
      r.put("x", xScale * x);
      out.add(r);
    }
    return out;
  }

  private static ReferenceProfile profile(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    rows.forEach(b::add);
    return b.build();
  }

  private static List<DriftReport> replay(ReferenceProfile profile, List<Map<String, Object>> rows) {
    DriftMonitor m = DriftMonitor.builder(profile).window(Window.tumblingCount(1_000)).history(20)
        .build();
    rows.forEach(r -> m.record(r, null, null));
    return m.history();
  }

  @Test
  void dateColumn_replayedOverItsOwnTrainingPeriod_isNotFlaggedByItsScaleCheck() {
    List<Map<String, Object>> reference = rows(3L, 10_000, 1);
    ReferenceProfile profile = profile(reference);

    List<DriftReport> own = replay(profile, reference);

    assertThat(own).hasSize(10);
    // windows of 1,000 rows between 7 and 8 chunks of 128: before, every window's log sd ratio
    // (log(1000 / 10000) = -2.30) was outside the band of 1,024-row windows ([-2.28, -2.27])
    assertThat(own).allSatisfy(r -> assertThat(r.feature("date").orElseThrow().drifted())
        .as("window %d: %s", r.window(), r.feature("date").orElseThrow().reason()).isFalse());
    assertThat(own.get(0).feature("date").orElseThrow().scaleCheck().orElseThrow().origin())
        .contains("the union of the bands from windows of 7 and 8 chunks around");
  }

  @Test
  void dateColumn_inWindowsShorterThanTheProfilesChunks_isNotFlaggedByItsScaleCheck() {
    List<Map<String, Object>> reference = rows(6L, 20_000, 1);
    ReferenceProfile profile = profile(reference);
    assertThat(profile.chunks().orElseThrow().chunkRows()).isEqualTo(256);
    DriftMonitor m = DriftMonitor.builder(profile).window(Window.tumblingCount(200)).history(100)
        .build();

    reference.forEach(r -> m.record(r, null, null));

    assertThat(m.history()).hasSize(100);
    assertThat(m.history()).allSatisfy(r -> assertThat(r.feature("date").orElseThrow()
        .scaleDrifted()).as("window %d", r.window()).isFalse());
  }

  @Test
  void doubledVariance_isStillFlaggedByTheUnionBand() {
    ReferenceProfile profile = profile(rows(4L, 10_000, 1));
    List<Map<String, Object>> doubled = rows(5L, 5_000, Math.sqrt(2));

    List<DriftReport> live = replay(profile, doubled);

    assertThat(live).hasSize(5);
    assertThat(live).allSatisfy(r -> assertThat(r.feature("x").orElseThrow().scaleDrifted())
        .as("window %d", r.window()).isTrue());
  }
}
