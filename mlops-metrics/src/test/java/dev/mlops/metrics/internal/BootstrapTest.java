package dev.mlops.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.metrics.BinaryMetrics;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class BootstrapTest {

  private static int[] labels(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextDouble() < 0.35 ? 1 : 0;
    }
    return y;
  }

  @Test
  void stratifiedResample_keepsEveryClassSize() {
    int[] y = labels(501, 1);
    Bootstrap bootstrap = Bootstrap.stratified(y, 2, 9L);
    int[] multiplicity = new int[y.length];
    for (int r = 0; r < 20; r++) {
      bootstrap.resample(multiplicity);
      long positives = 0;
      long total = 0;
      for (int i = 0; i < y.length; i++) {
        positives += (long) multiplicity[i] * y[i];
        total += multiplicity[i];
      }
      assertThat(total).isEqualTo(y.length);
      assertThat(positives).isEqualTo(Arrays.stream(y).sum());
    }
  }

  @Test
  void draws_areUniform() {
    Bootstrap bootstrap = Bootstrap.plain(1, 5L);
    int[] counts = new int[7];
    for (int i = 0; i < 70_000; i++) {
      counts[bootstrap.next(7)]++;
    }
    for (int c : counts) {
      // expected 10 000, sd about 93
      assertThat(c).isBetween(9_600, 10_400);
    }
  }

  @Test
  void packedDraws_areUniformAndInRange() {
    Bootstrap bootstrap = Bootstrap.plain(1, 8L);
    int[] out = new int[70_000];
    bootstrap.fillDraws(out, out.length, 7);
    int[] counts = new int[7];
    for (int v : out) {
      counts[v]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(9_600, 10_400);
    }
    int bound = (1 << 20) - 3; // exercises the rejection of the 21-bit path
    bootstrap.fillDraws(out, out.length, bound);
    long sum = 0;
    for (int v : out) {
      assertThat(v).isBetween(0, bound - 1);
      sum += v;
    }
    // mean of 70 000 uniform draws: (bound - 1) / 2, sd of the mean about bound * 0.0011
    assertThat(sum / (double) out.length).isCloseTo((bound - 1) / 2.0, within(bound * 0.005));
  }

  @Test
  void fastAucBootstrap_isCenteredOnTheAuc_andSpreadLikeDeLong_withTies() {
    // the resampled statistic is a V-statistic of independent uniform draws per class: E[AUC*] = AUC exactly
    int n = 3000;
    int[] y = labels(n, 2);
    SplittableRandom random = new SplittableRandom(3);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = Math.round((0.25 * y[i] + 0.75 * random.nextDouble()) * 20) / 20.0; // 21 levels: many ties
    }
    double auc = BinaryMetrics.rocAuc(y, s).value();
    double[] aucs = Bootstrap.stratifiedRocAuc(y, s, 2000, 17L);
    double mean = Arrays.stream(aucs).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(aucs).map(a -> (a - mean) * (a - mean)).sum() / (aucs.length - 1));
    double delongSe = Math.sqrt(DeLong.components(y, s).variance());
    assertThat(mean).isCloseTo(auc, within(4 * sd / Math.sqrt(aucs.length)));
    assertThat(sd).isCloseTo(delongSe, within(0.1 * delongSe));
  }

  @Test
  void kernelBootstrapAuc_agreesWithTheFastPathInDistribution() {
    int n = 2000;
    int[] y = labels(n, 4);
    SplittableRandom random = new SplittableRandom(5);
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = 0.3 * y[i] + 0.7 * random.nextDouble();
    }
    BinaryKernel kernel = new BinaryKernel(y, s, null, 0.5, true);
    Bootstrap bootstrap = Bootstrap.stratified(y, 2, 6L);
    int[] multiplicity = new int[n];
    double[] viaKernel = new double[1000];
    for (int r = 0; r < viaKernel.length; r++) {
      bootstrap.resample(multiplicity);
      viaKernel[r] = kernel.compute(multiplicity).auc;
    }
    double[] fast = Bootstrap.stratifiedRocAuc(y, s, 1000, 7L);
    double auc = BinaryMetrics.rocAuc(y, s).value();
    assertThat(kernel.compute(null).auc).isCloseTo(auc, within(1e-14));
    assertThat(Arrays.stream(viaKernel).average().orElseThrow()).isCloseTo(auc, within(0.002));
    assertThat(Arrays.stream(fast).average().orElseThrow()).isCloseTo(auc, within(0.002));
    assertThat(Bootstrap.percentileInterval(viaKernel, 1000, 0.95).width())
        .isCloseTo(Bootstrap.percentileInterval(fast, 1000, 0.95).width(), within(0.01));
  }
}
