package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Broken pipelines that a new user's replay missed or mistook (issue 14 item 4, seventh session):
 * a numeric feature rounded to few values was no finding unless its distinct count fell to a
 * tenth; a calendar code that the reference held for thousands of rows at each of its values was
 * "constant where the reference varied" in every short window (the profile's single longest run
 * names one value only). Seeded synthetic streams; the same cases on bike sharing are in {@code
 * BikeBrokenPipelineTest}.
 */
final class RoundedAndSeasonalCodesTest {

  private static final int ROWS = 10_000;

  /** Rows in time order: x an AR(1) at 0.9 on a 0.01 grid, season 1..4 each for 2,500 rows. */
  private static List<Map<String, Object>> stream(long seed, int from, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    double s = 0;
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < from + n; i++) {
      s = 0.9 * s + Math.sqrt(1 - 0.81) * gaussian(r);
      if (i >= from) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("x", Math.rint(100 * (0.5 + 0.15 * s)) / 100);
        row.put("season", (double) (1 + (i / 2_500) % 4));
        rows.add(row);
      }
    }
    return rows;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static ReferenceProfile ordered(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    rows.forEach(b::add);
    return b.build();
  }

  private static List<DriftReport> replay(ReferenceProfile p, List<Map<String, Object>> rows,
      int window, boolean roundX) {
    DriftMonitor m = DriftMonitor.builder(p).window(Window.tumblingCount(window))
        .history(rows.size() / window + 1).build();
    for (Map<String, Object> row : rows) {
      Map<String, Object> r = new LinkedHashMap<>(row);
      if (roundX) {
        r.put("x", Math.rint((Double) r.get("x") * 10) / 10);
      }
      m.record(r, null, null);
    }
    return m.history();
  }

  private static long withFinding(List<DriftReport> reports, String prefix) {
    return reports.stream().filter(r -> r.dataQuality().findings().stream()
        .anyMatch(f -> f.startsWith(prefix))).count();
  }

  @Test
  void aFeatureRoundedToATenth_isARoundingFindingInEveryWindow_namingTheGrid() {
    List<Map<String, Object>> reference = stream(1, 0, ROWS);
    List<DriftReport> reports = replay(ordered(reference), stream(1, ROWS, 4_000), 200, true);

    assertThat(reports).hasSize(20);
    // a window whose rounded values span few tenths is first a distinct-count collapse
    assertThat(reports).allMatch(r -> r.dataQuality().findings().stream().anyMatch(
        f -> f.startsWith("x: rounded") || f.startsWith("x: distinct values collapsed")));
    assertThat(withFinding(reports, "x: rounded")).isGreaterThanOrEqualTo(15);
    assertThat(reports.get(0).dataQuality().findings())
        .anyMatch(f -> f.startsWith("x: rounded, every value of the window (200 values")
            && f.contains("is a multiple of 0.1"));
  }

  @Test
  void cleanWindowsOnTheReferencesOwnGrid_haveNoRoundingFinding() {
    List<Map<String, Object>> reference = stream(2, 0, ROWS);
    List<DriftReport> own = replay(ordered(reference), reference, 200, false);
    List<DriftReport> next = replay(ordered(reference), stream(2, ROWS, 4_000), 200, false);

    assertThat(withFinding(own, "x:")).isZero();
    assertThat(withFinding(next, "x:")).isZero();
  }

  @Test
  void aWindowConstantAtASeasonTheReferenceHeldForLonger_isNoFinding_atAnySeason() {
    // season 1 and 2 are not the profile's single longest run (ties keep the first: 1), yet
    // the reference held each for 2,500 consecutive rows: no 200-row window of them is a
    // broken pipeline
    List<Map<String, Object>> reference = stream(3, 0, ROWS);
    List<DriftReport> own = replay(ordered(reference), reference, 200, false);

    assertThat(own).hasSize(50);
    assertThat(withFinding(own, "season:")).isZero();
  }

  @Test
  void aSeasonStuckForLongerThanTheReferenceHeldIt_isStillAFinding() {
    List<Map<String, Object>> reference = stream(4, 0, ROWS);
    List<Map<String, Object>> stuck = new ArrayList<>();
    for (Map<String, Object> row : stream(4, ROWS, 3_000)) {
      Map<String, Object> r = new LinkedHashMap<>(row);
      r.put("season", 3.0);
      stuck.add(r);
    }
    List<DriftReport> one = replay(ordered(reference), stuck, 3_000, false);

    assertThat(one.get(0).dataQuality().findings())
        .anyMatch(f -> f.startsWith("season: constant 3 in the window (3000 values)"));
  }

  @Test
  void withoutOrder_aConstantSeasonWindowIsStillAFinding_asTheClassSays() {
    List<Map<String, Object>> reference = stream(5, 0, ROWS);
    // season 2: not the single longest run (ties keep the first, season 1)
    List<DriftReport> own = replay(ordered(reference).withoutChunks(),
        reference.subList(2_500, 2_900), 200, false);

    assertThat(withFinding(own, "season: constant 2")).isEqualTo(2);
  }
}
