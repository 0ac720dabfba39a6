package dev.mlops.bench.drift;

import dev.mlops.drift.monitor.BatchComparison;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.profile.ReferenceProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded probe of issue 16's scale targets: a reference profile of {@code rows x features}
 * numeric values built, stored and read back, then a table of the same size compared with it in
 * one call ({@link BatchComparison}: current summary, tests and report), with sorting the same
 * current data once (every column copied and sorted, on the same threads) as the in-run baseline.
 * Each phase is repeated and reported as median, mean and p99 (the maximum of so few runs) with
 * the peak heap the phase reached (heap pools' peak usage, reset before the phase).
 *
 * <p>The data: {@value #BASES} distinct seeded base columns per side (reference: standard normal,
 * log-normal and uniform; current: the same shapes, every 10th feature's base shifted by 0.2
 * standard deviations); feature {@code j} is base {@code j % BASES}, so a 1M x 1,000 table takes
 * 2 x 16 x 8 MB of heap instead of 16 GB, while every feature is still read and summarised in
 * full (a column of 8 MB does not stay in cache between features).
 *
 * <p>Run (under {@code /work/bin/exclusive}, 2 cores):
 * <pre>
 * java -Xmx6g -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.drift.BatchScaleProbe \
 *     1000000 1000 3
 * </pre>
 * arguments: rows, features, repetitions (default 1,000,000, 1,000, 3).
 */
public final class BatchScaleProbe {

  private static final Logger LOG = LoggerFactory.getLogger(BatchScaleProbe.class);
  private static final int BASES = 16;

  private BatchScaleProbe() {}

  /**
   * Runs the probe.
   *
   * @param args rows, features, repetitions
   */
  public static void main(String[] args) {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int features = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int cores = Runtime.getRuntime().availableProcessors();
    LOG.info("batch scale probe: {} rows x {} features, {} repetitions, {} processors, max heap {}"
        + " MB", rows, features, reps, cores, Runtime.getRuntime().maxMemory() >> 20);
    double[][] refBase = bases(rows, 1, 0.0);
    double[][] curBase = bases(rows, 2, 0.2);
    Map<String, double[]> reference = new LinkedHashMap<>();
    Map<String, double[]> current = new LinkedHashMap<>();
    for (int j = 0; j < features; j++) {
      String name = String.format(Locale.ROOT, "f%04d", j);
      reference.put(name, refBase[j % BASES]);
      // every 10th feature drifts (its base is the shifted one); the others share the reference's
      // shape but are a fresh draw
      current.put(name, curBase[j % BASES + (j % 10 == 0 ? BASES : 0)]);
    }
    List<double[]> profile = new ArrayList<>();
    List<double[]> compare = new ArrayList<>();
    List<double[]> sort = new ArrayList<>();
    byte[] stored = null;
    DriftReport report = null;
    for (int r = 0; r < reps; r++) {
      long t0 = start();
      ReferenceProfile p = ReferenceProfile.builder().addColumns(reference).build();
      stored = p.toBytes();
      profile.add(stop(t0));

      long t1 = start();
      ReferenceProfile readBack = ReferenceProfile.fromBytes(stored);
      report = BatchComparison.of(readBack).compare(current);
      String json = report.toJson();
      compare.add(stop(t1));
      if (json.isEmpty()) {
        throw new IllegalStateException("empty report");
      }

      long t2 = start();
      double checksum = IntStream.range(0, features).parallel().mapToDouble(j -> {
        double[] c = current.get(String.format(Locale.ROOT, "f%04d", j)).clone();
        Arrays.sort(c);
        return c[c.length / 2];
      }).sum();
      sort.add(stop(t2));
      if (Double.isNaN(checksum)) {
        throw new IllegalStateException("NaN median");
      }
    }
    LOG.info("profile size: {} bytes ({} per feature)", stored.length, stored.length / features);
    LOG.info("report: {} of {} features drifted, dataset drift {}",
        report.driftedFeatures().size(), report.features().size(), report.datasetDrift());
    summary("build profile (addColumns + build + toBytes)", profile);
    summary("compare (fromBytes + BatchComparison.compare + toJson)", compare);
    summary("baseline: sort every current column once", sort);
    LOG.info(String.format(Locale.ROOT, "ratio compare / sort (medians): %.3f",
        median(compare, 0) / median(sort, 0)));
  }

  private static double[][] bases(int rows, long seed, double shift) {
    double[][] out = new double[2 * BASES][];
    for (int b = 0; b < 2 * BASES; b++) {
      SplittableRandom r = new SplittableRandom(seed * 1000 + b);
      double s = b >= BASES ? shift : 0.0;
      double[] x = new double[rows];
      for (int i = 0; i < rows; i++) {
        double z = Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
            * Math.cos(2 * Math.PI * r.nextDouble());
        x[i] = switch (b % BASES % 3) {
          case 0 -> z + s;
          case 1 -> Math.exp(0.5 * (z + s));
          default -> r.nextDouble() + 0.29 * s;
        };
      }
      out[b] = x;
    }
    return out;
  }

  private static long start() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    return System.nanoTime();
  }

  /** Seconds and peak heap MB of the phase begun at {@code t0}. */
  private static double[] stop(long t0) {
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return new double[] {seconds, peak / (1024.0 * 1024.0)};
  }

  private static double median(List<double[]> runs, int k) {
    double[] v = runs.stream().mapToDouble(r -> r[k]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void summary(String what, List<double[]> runs) {
    double mean = runs.stream().mapToDouble(r -> r[0]).average().orElse(Double.NaN);
    double max = runs.stream().mapToDouble(r -> r[0]).max().orElse(Double.NaN);
    double heap = runs.stream().mapToDouble(r -> r[1]).max().orElse(Double.NaN);
    LOG.info(String.format(Locale.ROOT,
        "%s: median %.2f s, mean %.2f s, p99 (max of %d) %.2f s, peak heap %.0f MB", what,
        median(runs, 0), mean, runs.size(), max, heap));
  }
}
