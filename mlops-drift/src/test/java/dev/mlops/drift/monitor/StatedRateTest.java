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
 * Seeded regression tests of the stated false-alarm rate per window: a rate going wrong moves a
 * threshold or a band away from the percentile it must sit at, which these tests see in a few
 * seconds (counting alarms at a rate of 0.05% per check would take minutes). The figures of the
 * full probe are in docs/benchmarks.md (issue 14, "Fifth session").
 */
final class StatedRateTest {

  /**
   * {@code sd(window mean - reference mean)} of a unit-variance AR(1) stream, windows of 1,000
   * rows against a reference of 20,000: {@code var(mean of n) = (1/n) ((1+rho)/(1-rho) - 2 rho
   * (1 - rho^n) / (n (1-rho)^2))} for both, added.
   */
  private static double shiftSd(double rho) {
    return Math.sqrt(meanVariance(1_000, rho) + meanVariance(20_000, rho));
  }

  private static double meanVariance(int n, double rho) {
    return ((1 + rho) / (1 - rho) - 2 * rho * (1 - Math.pow(rho, n)) / (n * (1 - rho)
        * (1 - rho))) / n;
  }

  /**
   * The mean ratio of the distance thresholds of x0..x2 (3 numeric features and {@code c}: each
   * distance check at the default 0.002 / 8) to the percentile of a stationary window's distance
   * that the fit aims at, which at the tail is its mean shift's, predicted from the reference's 19
   * windows: {@code t_19(1 - 0.002 / 16) sd(shift)} = 4.4914 sd(shift) (scipy.stats.t.ppf; the
   * normal percentile with sd(shift) known, {@code z(1 - 0.002 / 16)} = 3.6623, is 1.226 times
   * lower: the margin for estimating sd(shift) from 19 windows, 1.173 at the former 1%), over 4
   * seeded references of 20,000 rows. Since the spread from sub-window chunks ({@link
   * SubWindowSpread}: 78 sub-chunks of 256 rows, 77 df, used when the windows are consistent with
   * them) the fit aims lower, at {@code t_77(1 - 0.002 / 16)} = 3.8410 sd(shift) (0.855 of the
   * truth above), raised by {@code max(1, F)}; the ratio's bounds were kept, and hold.
   */
  private static double thresholdRatio(double rho) {
    assertThat(DriftThresholds.DEFAULT_FALSE_ALARM_RATE).isEqualTo(0.002);
    double truth = 4.491429655925217 * shiftSd(rho);
    double sum = 0;
    int n = 0;
    for (long seed = 1; seed <= 4; seed++) {
      List<Map<String, Object>> rows = ChunkCalibrationTest.ar1(21_000, rho, seed, 1,
          Integer.MAX_VALUE);
      ReferenceProfile.Builder b = ReferenceProfile.builder().categorical("c");
      rows.subList(0, 20_000).forEach(b::add);
      DriftMonitor m = DriftMonitor.builder(b.build()).window(Window.tumblingCount(1_000))
          .build();
      rows.subList(20_000, 21_000).forEach(r -> m.record(r, null, null));
      DriftReport r = m.history().get(0);
      for (String x : new String[] {"x0", "x1", "x2"}) {
        FeatureDrift f = r.feature(x).orElseThrow();
        assertThat(f.reason()).contains("location-shape fit to 19 windows");
        sum += f.threshold() / truth;
        n++;
      }
    }
    return sum / n;
  }

  @Test
  void distanceThreshold_atRho09_sitsAtTheTruePercentile_notTwiceIt() {
    // the log-normal fit to the distances put it at about twice the percentile (0.45% of windows
    // flagged for a stated 1%); against the normal percentile at 1% the bound was [0.85, 1.2],
    // i.e. [0.72, 1.02] of the Student-t one
    assertThat(thresholdRatio(0.9)).isBetween(0.8, 1.1);
  }

  @Test
  void distanceThreshold_atRho0_sitsAtTheTruePercentile() {
    // at rho 0 a window's shape adds a few percent at the tail
    assertThat(thresholdRatio(0)).isBetween(0.85, 1.15);
  }

  /** An AR(1) stream of p numeric features, x0 and x1 with innovations correlated 0.8. */
  private static List<Map<String, Object>> correlated(int n, int p, double rho, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] s = new double[p];
    double innovation = Math.sqrt(1 - rho * rho);
    List<Map<String, Object>> rows = new ArrayList<>(n);
    double[] e = new double[p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        e[j] = Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI
            * r.nextDouble());
      }
      e[1] = 0.8 * e[0] + 0.6 * e[1];
      Map<String, Object> row = new LinkedHashMap<>();
      for (int j = 0; j < p; j++) {
        s[j] = rho * s[j] + innovation * e[j];
        row.put("x" + j, s[j]);
      }
      rows.add(row);
    }
    return rows;
  }

  @Test
  void multivariateBand_isCentredWhereLiveWindowsFall_onAutocorrelatedRows() {
    // in-sample reconstruction errors sit below a live window's (the components and the
    // standardisation are fitted to them): at rho 0.9 the band's centre was 0.78 of its chunk
    // standard deviation below the live windows' mean error (SciPy, 155 seeds), and the band
    // flagged 1.9% of stationary windows for a nominal 0.27%
    double gap = 0;
    for (long seed = 1; seed <= 3; seed++) {
      List<Map<String, Object>> rows = correlated(30_000, 8, 0.9, seed);
      List<Map<String, Object>> reference = rows.subList(0, 20_000);
      ReferenceProfile.Builder b = ReferenceProfile.builder();
      reference.forEach(b::add);
      DriftMonitor m = DriftMonitor.builder(b.build()).window(Window.tumblingCount(1_000))
          .history(10).multivariate(reference).build();
      rows.subList(20_000, 30_000).forEach(r -> m.record(r, null, null));
      double live = m.history().stream().mapToDouble(r -> r.multivariate().reconstructionError())
          .average().orElseThrow();
      MultivariateDrift first = m.history().get(0).multivariate();
      gap += (live - first.referenceMean()) / first.referenceStd() / 3;
    }
    assertThat(gap).isBetween(-0.4, 0.4);
  }
}
