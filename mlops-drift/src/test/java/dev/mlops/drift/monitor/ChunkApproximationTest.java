package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.ReferenceProfile;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The chunk windows' distances are corrected for the chunks' approximation, so the per-window
 * false-alarm rate a chunk-calibrated monitor states holds on independent rows (the case where the
 * approximation matters most). Reference figures: SciPy ({@code scipy.stats.wasserstein_distance}),
 * 4,000 windows of 1,024 values bootstrapped from 20,000 standard normal values, chunks of 256
 * sorted into 64 slice means: log mean (exact - chunk) {@value #SCIPY_SHIFT}, log variance (exact -
 * chunk) {@value #SCIPY_VARIANCE}; over 200 windows their standard errors are 0.0026 and 0.0019,
 * over the 50 windows measured since the thirteenth session 0.0052 and 0.0038.
 */
final class ChunkApproximationTest {

  static final double SCIPY_SHIFT = -0.0536;
  static final double SCIPY_VARIANCE = 0.0142;

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log1p(-r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static double[] normal(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = gaussian(r);
    }
    Arrays.sort(v);
    return v;
  }

  @Test
  void measure_onIndependentNormalRows_matchesSciPysShiftAndVarianceOfTheChunkApproximation() {
    double[] ref = normal(20_000, 7);

    ChunkApproximation.Correction c = ChunkApproximation.measure(ref,
        FeatureEvaluator.populationStd(ref), 1_024, 256, 11);

    assertThat(c.windows()).isEqualTo(50);
    // 4.6 and 4.2 standard errors, as the 200 windows' bounds were (0.012 and 0.008)
    assertThat(c.logShift()).isBetween(SCIPY_SHIFT - 0.024, SCIPY_SHIFT + 0.024);
    assertThat(c.logVariance()).isBetween(SCIPY_VARIANCE - 0.016, SCIPY_VARIANCE + 0.016);
  }

  @Test
  void measure_ofFiftyWindows_hasTheStatedPrecision_overSeeds() {
    // the stated simulation error at 50 windows: sd 0.009 (log shift), 0.007 (log variance);
    // over 20 seeds their mean lies within 3 standard errors of this reference's own correction
    // (1,000 windows, standard errors 0.002 / 0.0015) and their sd under 1.5 times the stated
    double[] ref = normal(20_000, 7);
    double std = FeatureEvaluator.populationStd(ref);
    ChunkApproximation.Correction many = ChunkApproximation.measure(ref, std, 1_024, 256, 99,
        1_000);
    assertThat(many.windows()).isEqualTo(1_000);
    double[] shift = new double[20];
    double[] variance = new double[20];
    for (int s = 0; s < 20; s++) {
      ChunkApproximation.Correction c = ChunkApproximation.measure(ref, std, 1_024, 256, 100 + s);
      assertThat(c.windows()).isEqualTo(ChunkApproximation.WINDOWS);
      shift[s] = c.logShift();
      variance[s] = c.logVariance();
    }
    double seShift = Math.hypot(0.009 / Math.sqrt(20), 0.002);
    double seVariance = Math.hypot(0.007 / Math.sqrt(20), 0.0015);
    assertThat(mean(shift)).isCloseTo(many.logShift(), org.assertj.core.data.Offset.offset(
        3 * seShift));
    assertThat(mean(variance)).isCloseTo(many.logVariance(), org.assertj.core.data.Offset.offset(
        3 * seVariance));
    assertThat(sd(shift)).isLessThan(1.5 * 0.009);
    assertThat(sd(variance)).isLessThan(1.5 * 0.007);
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }

  private static double sd(double[] v) {
    double m = mean(v);
    return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
  }

  @Test
  void measure_isSkipped_whenChunksHoldEveryValueExactly() {
    double[] ref = normal(5_000, 3);

    assertThat(ChunkApproximation.measure(ref, 1.0, 640, 64, 1)).isNull();
    assertThat(ChunkApproximation.measure(new double[] {1}, 1.0, 1_024, 256, 1)).isNull();
  }

  @Test
  void apply_shiftsTheLogsAndWidensTheirVariance_byTheCorrection() {
    double[] values = {0.03, 0.04, 0.05, 0.06, 0.045};
    double[] logs = Arrays.stream(values).map(Math::log).toArray();
    double mean = Arrays.stream(logs).average().orElseThrow();
    double var = Arrays.stream(logs).map(z -> (z - mean) * (z - mean)).sum() / 4;

    double[] out = ChunkApproximation.apply(values,
        new ChunkApproximation.Correction(-0.05, 0.5 * var, 200));

    double[] outLogs = Arrays.stream(out).map(Math::log).toArray();
    double outMean = Arrays.stream(outLogs).average().orElseThrow();
    double outVar = Arrays.stream(outLogs).map(z -> (z - outMean) * (z - outMean)).sum() / 4;
    assertThat(outMean).isCloseTo(mean - 0.05, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(outVar).isCloseTo(1.5 * var, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void chunkCalibratedThreshold_ofAnExtremelySkewedFeature_namesTheCorrectionInItsOrigin() {
    // a log-normal feature of sigma 3 held for runs of 250 rows (skewness ~10 of the profile's
    // values, times its shifts' sd ~0.4: beyond ShiftThreshold.MAX_SHIFT_SKEWNESS) keeps the
    // log-normal fit of the chunk distances, corrected; an independent log-normal one (skewness
    // ~6, shift skewness ~0.2) gets the location-shape fit with its skewness (ShiftThreshold),
    // which needs no correction
    SplittableRandom r = new SplittableRandom(5);
    ReferenceProfile.Builder b = ReferenceProfile.builder().numeric("x").numeric("runs");
    double held = 0;
    for (int i = 0; i < 20_000; i++) {
      held = i % 250 == 0 ? Math.exp(3 * gaussian(r)) : held;
      b.add(Map.of("x", Math.exp(gaussian(r)), "runs", held));
    }
    DriftMonitor monitor = DriftMonitor.builder(b.build()).window(Window.tumblingCount(1_000))
        .logWindows(false).build();
    for (int i = 0; i < 1_000; i++) {
      held = i % 250 == 0 ? Math.exp(3 * gaussian(r)) : held;
      monitor.record(Map.of("x", Math.exp(gaussian(r)), "runs", held), null, null);
    }

    DriftReport report = monitor.latestReport().orElseThrow();
    assertThat(report.feature("runs").orElseThrow().reason()).contains("4 consecutive chunks of"
        + " 256 rows of the profile), corrected for the chunks' approximation (log shift ")
        .contains("log-normal fit");
    assertThat(report.feature("x").orElseThrow().reason()).contains("location-shape fit")
        .contains("(Wilson-Hilferty)").doesNotContain("corrected for the chunks'");
  }
}
