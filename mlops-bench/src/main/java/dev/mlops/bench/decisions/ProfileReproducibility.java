package dev.mlops.bench.decisions;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Scratch probe (eleventh session, lead): builds the same reference profile from the same rows
 * several times in one JVM and evaluates the same 1,000-row window against each, printing each
 * profile's byte hash and each feature's statistic and threshold. Every input is seeded, so any
 * difference comes from the profile build itself: up to the twelfth session DataSketches' KLL
 * compaction drew from its own unseeded {@code Random} (the skewed feature's threshold moved
 * 0.399-0.501 between builds); since then the profile's sketch is deterministic ({@code
 * QuantileSketch}) and every build prints the same line. Reference: 20,000 ordered rows, a skewed AR(1) feature ({@code exp} of
 * rho 0.9) and an independent normal one.
 *
 * <pre>{@code
 * java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.decisions.ProfileReproducibility 4
 * }</pre>
 */
public final class ProfileReproducibility {

  private ProfileReproducibility() {}

  /**
   * Runs the probe.
   *
   * @param args optional number of builds (default 4)
   */
  public static void main(String[] args) {
    int builds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int n = 20_000;
    double[] skewed = new double[n];
    double[] normal = new double[n];
    SplittableRandom r = new SplittableRandom(7);
    double ar = 0;
    for (int i = 0; i < n; i++) {
      ar = 0.9 * ar + Math.sqrt(1 - 0.81) * r.nextGaussian();
      skewed[i] = Math.exp(ar);
      normal[i] = r.nextGaussian();
    }
    double[][] window = new double[1000][];
    for (int i = 0; i < window.length; i++) {
      window[i] = new double[] {Math.exp(r.nextGaussian() + 0.1), r.nextGaussian()};
    }
    for (int b = 0; b < builds; b++) {
      ReferenceProfile.Builder builder = ReferenceProfile.builder();
      builder.addColumn("skewed", skewed);
      builder.addColumn("normal", normal);
      ReferenceProfile profile = builder.build();
      DriftMonitor monitor = DriftMonitor.builder(profile).window(Window.tumblingCount(1000))
          .build();
      for (double[] row : window) {
        monitor.record(row, null, null);
      }
      monitor.awaitEvaluation();
      DriftReport report = monitor.latestReport().orElseThrow();
      FeatureDrift s = report.feature("skewed").orElseThrow();
      FeatureDrift q = report.feature("normal").orElseThrow();
      System.out.printf(Locale.ROOT,
          "build %d profile hash %d: skewed statistic %.6f threshold %.6f | normal statistic %.6f"
              + " threshold %.6f%n", b, Arrays.hashCode(profile.toBytes()), s.statistic(),
          s.threshold(), q.statistic(), q.threshold());
    }
    System.exit(0);
  }
}
