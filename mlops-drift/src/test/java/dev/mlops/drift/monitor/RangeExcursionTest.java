package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The out-of-range finding calibrated on the ordered reference ({@link RangeTolerance}): a
 * slowly wandering feature leaving the range of its 10,000 reference rows on a clean continuation
 * is counted, not a finding, while a unit change or a sign flip stays a finding in every window.
 */
final class RangeExcursionTest {

  /**
   * {@code walk} 5 plus an AR(1) at 0.999 (correlation time ~2,000 rows, sd 1), {@code x} an AR(1)
   * at 0.5.
   */
  private static double[][] stream(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double walk = gaussian(r);
    double x = 0;
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      walk = 0.999 * walk + Math.sqrt(1 - 0.999 * 0.999) * gaussian(r);
      x = 0.5 * x + Math.sqrt(0.75) * gaussian(r);
      rows[i] = new double[] {5 + walk, x};
    }
    return rows;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static ReferenceProfile profile(double[][] rows, int n, boolean ordered) {
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("walk", "x");
    for (int i = 0; i < n; i++) {
      b.add(Map.of("walk", rows[i][0], "x", rows[i][1]));
    }
    ReferenceProfile p = b.build();
    return ordered ? p : p.withoutChunks();
  }

  /** The data-quality reports of the rows after the reference, {@code walk} mapped by {@code f}. */
  private static List<DataQuality> replay(ReferenceProfile p, double[][] rows, int from,
      int window, DoubleUnaryOperator f) {
    DriftMonitor m = DriftMonitor.builder(p).window(Window.tumblingCount(window))
        .history((rows.length - from) / window + 1).build();
    for (int i = from; i < rows.length; i++) {
      m.record(Map.of("walk", f.applyAsDouble(rows[i][0]), "x", rows[i][1]), null, null);
    }
    return m.history().stream().map(DriftReport::dataQuality).toList();
  }

  private static boolean walkOutOfRange(DataQuality q) {
    return q.findings().stream().anyMatch(s -> s.startsWith("walk: out-of-range"));
  }

  @Test
  void aWanderingFeatureOnACleanContinuation_isCountedNotAFinding() {
    int counted = 0;
    int findings = 0;
    int exactRange = 0;
    int windows = 0;
    for (long seed = 1; seed <= 20; seed++) {
      double[][] rows = stream(20_000, seed);
      ReferenceProfile p = profile(rows, 10_000, true);
      List<DataQuality> calibrated = replay(p, rows, 10_000, 1_000, v -> v);
      List<DataQuality> exact = replay(p.withoutChunks(), rows, 10_000, 1_000, v -> v);
      for (int i = 0; i < calibrated.size(); i++) {
        windows++;
        counted += calibrated.get(i).feature("walk").outOfRange() > 0 ? 1 : 0;
        findings += walkOutOfRange(calibrated.get(i)) ? 1 : 0;
        exactRange += walkOutOfRange(exact.get(i)) ? 1 : 0;
      }
    }

    assertThat(windows).isEqualTo(200);
    assertThat(counted).isGreaterThanOrEqualTo(30);
    // the exact range (a reference without order) flags most of those windows
    assertThat(exactRange).isGreaterThanOrEqualTo(20);
    assertThat(findings).isLessThanOrEqualTo(1);
  }

  @Test
  void aUnitChangeOrASignFlipOfTheWanderingFeature_isAFindingInEveryWindow() {
    for (long seed = 1; seed <= 5; seed++) {
      double[][] rows = stream(14_000, seed);
      ReferenceProfile p = profile(rows, 10_000, true);
      for (DoubleUnaryOperator f : List.<DoubleUnaryOperator>of(v -> 1_000 * v, v -> -v)) {
        List<DataQuality> qs = replay(p, rows, 10_000, 500, f);

        assertThat(qs).hasSize(8).allMatch(RangeExcursionTest::walkOutOfRange);
      }
    }
  }

  @Test
  void withoutRowOrder_theExactRangeDecides() {
    double[][] rows = stream(20_000, 1);
    ReferenceProfile p = profile(rows, 10_000, false);

    List<DataQuality> qs = replay(p, rows, 10_000, 1_000, v -> v);

    assertThat(qs).allMatch(q -> walkOutOfRange(q)
        == (q.feature("walk").outOfRangeRate() > QualityThresholds.defaults().maxOutOfRangeRate()));
  }
}
