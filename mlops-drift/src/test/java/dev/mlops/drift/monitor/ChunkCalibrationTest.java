package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ChunkCalibrationTest {

  /** An AR(1) stream of 3 numeric features and a categorical one, seeded. */
  static List<Map<String, Object>> ar1(int n, double rho, long seed, double sdFactorFrom,
      int from) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] s = new double[3];
    double innovation = Math.sqrt(1 - rho * rho);
    List<Map<String, Object>> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int j = 0; j < 3; j++) {
        s[j] = rho * s[j] + innovation * gaussian(r);
        row.put("x" + j, j == 0 && i >= from ? s[j] * sdFactorFrom : s[j]);
      }
      row.put("c", r.nextDouble() < 0.3 ? "a" : "b");
      rows.add(row);
    }
    return rows;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static ReferenceProfile profile(List<Map<String, Object>> rows) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().categorical("c");
    rows.forEach(b::add);
    return b.build();
  }

  private static List<DriftReport> replay(ReferenceProfile p, List<Map<String, Object>> live,
      int window) {
    DriftMonitor m = DriftMonitor.builder(p).window(Window.tumblingCount(window))
        .history(live.size() / window).build();
    live.forEach(row -> m.record(row, null, null));
    return m.history();
  }

  @Test
  void defaultProfileOfOrderedRows_calibratesOnItsChunks_andHoldsOnAutocorrelatedData() {
    List<Map<String, Object>> rows = ar1(20_000 + 30_000, 0.9, 11L, 1, Integer.MAX_VALUE);
    ReferenceProfile p = profile(rows.subList(0, 20_000));
    assertThat(p.chunks()).isPresent();

    List<DriftReport> reports = replay(p, rows.subList(20_000, 50_000), 1_000);
    assertThat(reports).hasSize(30);
    assertThat(reports.get(0).feature("x1").orElseThrow().reason())
        .contains("consecutive chunks of 256 rows of the profile")
        .contains("log sd ratio");
    long flagged = reports.stream().filter(DriftReport::datasetDrift).count();
    assertThat(flagged).isLessThanOrEqualTo(1);
    // the same profile without its order: rows taken as independent, most windows flag
    long resampled = replay(p.withoutChunks(), rows.subList(20_000, 50_000), 1_000).stream()
        .filter(DriftReport::datasetDrift).count();
    assertThat(resampled).isGreaterThan(20);
  }

  @Test
  void multivariateBand_isCalibratedOnChunksOfConsecutiveReferenceRows() {
    List<Map<String, Object>> rows = ar1(20_000 + 30_000, 0.9, 15L, 1, Integer.MAX_VALUE);
    List<Map<String, Object>> reference = rows.subList(0, 20_000);
    DriftMonitor m = DriftMonitor.builder(profile(reference))
        .window(Window.tumblingCount(1_000)).history(30).multivariate(reference).build();
    rows.subList(20_000, 50_000).forEach(row -> m.record(row, null, null));
    // every reference row in order (not a 10,000-row sample): 20 chunks of 1,000 consecutive rows
    assertThat(m.history().get(0).multivariate().reason())
        .contains("20 reference chunks of 1000 rows");
    assertThat(m.history().stream().filter(r -> r.multivariate().status() == DriftStatus.DRIFT)
        .count()).isLessThanOrEqualTo(1);
  }

  @Test
  void doubledVariance_isCaughtByTheScaleCheck() {
    List<Map<String, Object>> rows = ar1(20_000 + 2_000, 0.5, 12L, Math.sqrt(2), 20_000);
    List<DriftReport> reports = replay(profile(rows.subList(0, 20_000)),
        rows.subList(20_000, 22_000), 1_000);
    FeatureDrift x0 = reports.get(0).feature("x0").orElseThrow();
    assertThat(x0.status()).isEqualTo(DriftStatus.DRIFT);
    assertThat(x0.reason()).contains("log sd ratio").contains("outside");
    assertThat(reports.get(0).datasetDrift()).isTrue();
  }

  @Test
  void windowsUnderHalfAChunk_orTooFewWindows_fallBackToResampling_andSaySo() {
    List<Map<String, Object>> rows = ar1(20_000 + 400, 0.5, 13L, 1, Integer.MAX_VALUE);
    ReferenceProfile p = profile(rows.subList(0, 20_000));
    DriftReport small = replay(p, rows.subList(20_000, 20_100), 100).get(0);
    assertThat(small.feature("x0").orElseThrow().reason())
        .contains("resampled")
        .contains("values are smaller than half the profile's chunks of 256 rows");
    // from half a chunk on: one-chunk windows, their distances scaled by sqrt(256 / 200)
    DriftReport half = replay(p, rows.subList(20_000, 20_200), 200).get(0);
    assertThat(half.feature("x0").orElseThrow().reason())
        .contains("ordered reference windows of 256 rows (1 consecutive chunks of 256 rows");
    ReferenceProfile shortRef = profile(rows.subList(0, 2_000));
    DriftReport big = replay(shortRef, rows.subList(2_000, 2_500), 500).get(0);
    assertThat(big.feature("x0").orElseThrow().reason())
        .contains("block-resampled from the profile's 32 chunks").contains("fewer than 5");
    ReferenceProfile tiny = profile(rows.subList(0, 1_000)); // 16 chunks: too few for blocks
    DriftReport independent = replay(tiny, rows.subList(2_000, 2_500), 500).get(0);
    assertThat(independent.feature("x0").orElseThrow().reason())
        .contains("rows taken as independent").contains("fewer than 5");
  }

  /**
   * A numeric 0/1 flag in runs of 128 rows every 1,024 (as a holiday in hourly rows, aligned with
   * the profile's chunks of 128 rows) beside AR(1) features: every reference window of 5 chunks
   * either holds one whole run (all with the same standard deviation) or none (constant).
   */
  private static List<Map<String, Object>> flagged(int n, long seed) {
    List<Map<String, Object>> rows = ar1(n, 0.9, seed, 1, Integer.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      rows.get(i).put("flag", (double) ((i / 128) % 8 == 3 ? 1 : 0));
    }
    return rows;
  }

  @Test
  void aFlagWhoseReferenceWindowsAreOftenConstant_getsNoScaleCheck_andRaisesNoFalseAlarm() {
    List<Map<String, Object>> rows = flagged(16_128 + 16_128, 16L);
    ReferenceProfile.Builder b = ReferenceProfile.builder().categorical("c").numeric("flag");
    rows.subList(0, 16_128).forEach(b::add);
    ReferenceProfile p = b.build();
    assertThat(p.chunks().orElseThrow().chunkRows()).isEqualTo(128);

    // windows of 672 rows hold a whole run, part of one or none: before degenerate windows were
    // refused, their band was the zero-width [v, v] of the whole-run windows and part runs fell out
    List<DriftReport> reports = replay(p, rows.subList(16_128, 32_256), 672);
    assertThat(reports).hasSize(24);
    for (DriftReport r : reports) {
      FeatureDrift flag = r.feature("flag").orElseThrow();
      assertThat(flag.reason()).doesNotContain("log sd ratio");
      assertThat(flag.status()).as(flag.reason()).isEqualTo(DriftStatus.OK);
    }
    // a continuous feature keeps its scale check
    assertThat(reports.get(0).feature("x1").orElseThrow().reason()).contains("log sd ratio");
  }

  @Test
  void scaleBand_isNotFitted_toDegenerateWindowValues() {
    double inf = Double.NEGATIVE_INFINITY;
    // a constant reference window among them, or fewer than 3 distinct finite values
    assertThat(ScaleCheck.degenerate(new double[] {0.1, -0.2, 0.05, inf})).isTrue();
    assertThat(ScaleCheck.degenerate(new double[] {0.1481, 0.1481, 0.1481, 0.1481})).isTrue();
    assertThat(ScaleCheck.degenerate(new double[] {0.1, 0.2, 0.1, Double.NaN})).isTrue();
    assertThat(ScaleCheck.degenerate(new double[] {0.1, 0.2, -0.1, Double.NaN})).isFalse();
    assertThat(ScaleCheck.fit(new double[] {0.1481, 0.1481, 0.1481}, 0.01, 1, "x")).isNull();
    assertThat(ScaleCheck.logRatio(0, 1)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(ScaleCheck.logRatio(1, 0)).isNaN();
  }

  @Test
  void weightedDistance_matchesScipyWassersteinDistanceWithWeights() {
    // scipy.stats.wasserstein_distance([0, 1, 2.5, 4], [0.5, 1.5, 3], v_weights=[1, 3, 0.5])
    assertThat(ChunkCalibration.weightedDistance(new double[] {0, 1, 2.5, 4},
        new double[] {0.5, 1.5, 3}, new double[] {1, 3, 0.5})).isCloseTo(0.986111111111111,
        within(1e-12));
    // wasserstein_distance([-1, 0, 0, 2, 7], [0, 2], v_weights=[2, 2])
    assertThat(ChunkCalibration.weightedDistance(new double[] {-1, 0, 0, 2, 7},
        new double[] {0, 2}, new double[] {2, 2})).isCloseTo(1.4, within(1e-12));
  }

  @Test
  void chunkWindows_keepExactMoments() {
    List<Map<String, Object>> rows = ar1(5_000, 0.5, 14L, 1, Integer.MAX_VALUE);
    ReferenceChunks c = profile(rows).chunks().orElseThrow();
    double mean = rows.stream().mapToDouble(r -> (double) r.get("x2")).average().orElseThrow();
    double ss = rows.stream().mapToDouble(r -> (double) r.get("x2"))
        .map(v -> (v - mean) * (v - mean)).sum();
    ReferenceChunks.NumericWindow all = c.numeric("x2", 0, c.count());
    assertThat(all.count()).isEqualTo(5_000);
    assertThat(all.mean()).isCloseTo(mean, within(1e-12));
    assertThat(all.variance()).isCloseTo(ss / 4_999, within(1e-12));
    assertThat(c.categorical("c", 0, c.count()).categories().values().stream()
        .mapToLong(Long::longValue).sum()).isEqualTo(5_000);
  }
}
