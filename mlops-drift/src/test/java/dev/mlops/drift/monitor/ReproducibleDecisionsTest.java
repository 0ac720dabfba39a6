package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.NumericProfile;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The same rows in the same order give the same profile bytes, thresholds, statistics and
 * verdicts (up to the eleventh session the reference's KLL sketches compacted with DataSketches'
 * unseeded {@code Random}: a skewed feature's calibrated threshold moved 0.40-0.50 between builds
 * of the same rows).
 */
final class ReproducibleDecisionsTest {

  private static final int N = 20_000;

  /** Ordered reference rows: a skewed AR(1) feature (exp of rho 0.9) and a normal one. */
  private static double[][] reference() {
    double[] skewed = new double[N];
    double[] normal = new double[N];
    SplittableRandom r = new SplittableRandom(7);
    double ar = 0;
    for (int i = 0; i < N; i++) {
      ar = 0.9 * ar + Math.sqrt(1 - 0.81) * gaussian(r);
      skewed[i] = Math.exp(ar);
      normal[i] = gaussian(r);
    }
    return new double[][] {skewed, normal};
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static ReferenceProfile build(double[][] columns, int from, int to) {
    return ReferenceProfile.builder()
        .addColumn("skewed", Arrays.copyOfRange(columns[0], from, to))
        .addColumn("normal", Arrays.copyOfRange(columns[1], from, to))
        .build();
  }

  private static DriftReport evaluate(ReferenceProfile profile) {
    DriftMonitor monitor = DriftMonitor.builder(profile).window(Window.tumblingCount(1_000))
        .quantileSketch(200).build();
    SplittableRandom r = new SplittableRandom(8);
    for (int i = 0; i < 1_000; i++) {
      monitor.record(new double[] {Math.exp(gaussian(r) + 0.1), gaussian(r)}, null, null);
    }
    monitor.awaitEvaluation();
    return monitor.latestReport().orElseThrow();
  }

  @Test
  void aProfileBuiltTwiceFromTheSameRows_hasTheSameBytes_andGivesTheSameVerdicts() {
    double[][] rows = reference();
    ReferenceProfile first = build(rows, 0, N);
    ReferenceProfile second = build(rows, 0, N);
    assertThat(((NumericProfile) first.feature("skewed").orElseThrow()).isExact()).isFalse();
    assertThat(second).isEqualTo(first);
    assertThat(Arrays.equals(second.toBytes(), first.toBytes())).as("the same bytes").isTrue();

    DriftReport a = evaluate(first);
    DriftReport b = evaluate(second);
    for (String f : new String[] {"skewed", "normal"}) {
      FeatureDrift x = a.feature(f).orElseThrow();
      FeatureDrift y = b.feature(f).orElseThrow();
      assertThat(y.statistic()).as(f).isEqualTo(x.statistic());
      assertThat(y.threshold()).as(f).isEqualTo(x.threshold());
      assertThat(y.status()).as(f).isEqualTo(x.status());
      assertThat(y.reason()).as(f).isEqualTo(x.reason());
    }
    assertThat(b.datasetDrift()).isEqualTo(a.datasetDrift());
  }

  @Test
  void partialProfilesMergedInTheSameOrder_haveTheSameBytes() {
    double[][] rows = reference();
    byte[] first = build(rows, 0, 12_000).merge(build(rows, 12_000, N)).toBytes();
    byte[] second = build(rows, 0, 12_000).merge(build(rows, 12_000, N)).toBytes();
    assertThat(Arrays.equals(second, first)).as("the same bytes").isTrue();
  }

  @Test
  void aWindowsQuantileSketch_isTheSameForTheSameRecords() {
    ReferenceProfile profile = build(reference(), 0, N);
    DriftReport a = evaluate(profile);
    DriftReport b = evaluate(profile);
    // the window's 1,000 values fit under k = 200's compactions only after several: compared
    assertThat(a.quantiles()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(b.quantiles().get(i).values()).containsExactly(a.quantiles().get(i).values());
    }
  }
}
