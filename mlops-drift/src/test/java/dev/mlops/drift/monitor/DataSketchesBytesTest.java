package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.profile.NumericProfile;
import dev.mlops.drift.profile.ReferenceProfile;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Profiles and monitor states written while the sketches were DataSketches' KLL still load: the
 * bytes always held the sketch's weighted sorted view, which the deterministic sketch reads and
 * rebuilds from. The resources were written by main at 159e3a8 (profile format 8), with {@link
 * #reference()}'s rows: {@code ReferenceProfile.builder().exactCap(500).addColumn("skewed",
 * ...).addColumn("normal", ...).build().toBytes()}, and the {@code snapshot()} of a monitor on
 * that profile ({@code tumblingCount(100_000)}, {@code quantileSketch(200)}) after 2,000 records
 * {@code {exp(z1 + 0.1), z2}} drawn as in the second test.
 */
final class DataSketchesBytesTest {

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** The 3,000 reference rows the old profile was built from (exact cap 500). */
  private static double[][] reference() {
    double[] skewed = new double[3_000];
    double[] normal = new double[3_000];
    SplittableRandom r = new SplittableRandom(7);
    double ar = 0;
    for (int i = 0; i < skewed.length; i++) {
      ar = 0.9 * ar + Math.sqrt(1 - 0.81) * gaussian(r);
      skewed[i] = Math.exp(ar);
      normal[i] = gaussian(r);
    }
    return new double[][] {skewed, normal};
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DataSketchesBytesTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static void assertWithinRankError(double[] values, double[] quantiles, double[] ranks,
      double error) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < ranks.length; i++) {
      int lo = (int) Math.max(0, Math.floor((ranks[i] - error) * sorted.length) - 1);
      int hi = (int) Math.min(sorted.length - 1, Math.ceil((ranks[i] + error) * sorted.length));
      assertThat(quantiles[i]).as("rank %s", ranks[i]).isBetween(sorted[lo], sorted[hi]);
    }
  }

  @Test
  void aProfileWrittenWithDataSketchesKll_loadsUnchanged_andMergesWithANewOne() throws IOException {
    byte[] bytes = resource("/profiles/kll-sketch-v8.mlrp");
    ReferenceProfile old = ReferenceProfile.fromBytes(bytes);
    NumericProfile skewed = (NumericProfile) old.feature("skewed").orElseThrow();
    assertThat(skewed.isExact()).isFalse();
    assertThat(skewed.count()).isEqualTo(3_000);
    // re-encoded in the current format (version 10: the header's version and so the CRC differ)
    // to the same payload
    byte[] again = old.toBytes();
    assertThat(again[5]).isEqualTo((byte) 10);
    assertThat(Arrays.equals(Arrays.copyOfRange(again, 6, again.length - 4),
        Arrays.copyOfRange(bytes, 6, bytes.length - 4))).as("re-encoded to the same payload").isTrue();
    double[][] rows = reference();
    double[] ranks = {0.05, 0.25, 0.5, 0.75, 0.95};
    assertWithinRankError(rows[0], skewed.quantiles(ranks), ranks, 0.01);

    ReferenceProfile fresh = ReferenceProfile.builder().exactCap(500)
        .addColumn("skewed", rows[0]).addColumn("normal", rows[1]).build();
    ReferenceProfile merged = old.merge(fresh);
    NumericProfile both = (NumericProfile) merged.feature("skewed").orElseThrow();
    assertThat(both.count()).isEqualTo(6_000);
    double[] twice = new double[6_000];
    System.arraycopy(rows[0], 0, twice, 0, 3_000);
    System.arraycopy(rows[0], 0, twice, 3_000, 3_000);
    assertWithinRankError(twice, both.quantiles(ranks), ranks, 0.01);
    // and the merge is reproducible
    assertThat(Arrays.equals(old.merge(fresh).toBytes(), merged.toBytes())).isTrue();
  }

  @Test
  void aMonitorStateWithDataSketchesWindowSketches_restoresItsQuantiles() throws IOException {
    ReferenceProfile profile = ReferenceProfile.fromBytes(resource("/profiles/kll-sketch-v8.mlrp"));
    DriftMonitor monitor = DriftMonitor.builder(profile).window(Window.tumblingCount(100_000))
        .quantileSketch(200).build();
    monitor.restore(resource("/states/kll-window-sketch-state.mlms"));
    DriftReport report = monitor.closeWindow().orElseThrow();
    FeatureQuantiles skewed = report.quantiles().get(0);
    assertThat(skewed.feature()).isEqualTo("skewed");
    assertThat(skewed.n()).isEqualTo(2_000);
    double[] window = new double[2_000];
    SplittableRandom w = new SplittableRandom(8);
    for (int i = 0; i < window.length; i++) {
      window[i] = Math.exp(gaussian(w) + 0.1);
      gaussian(w);
    }
    assertWithinRankError(window, skewed.values(), skewed.ranks(), 0.03);
  }
}
