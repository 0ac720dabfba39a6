package dev.mlops.spark;

import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.profile.ReferenceProfile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded probe of the scale table's local[2] rows (not a test: no timing is asserted anywhere).
 * Generates {@code rows x features} numeric columns with Spark's own seeded {@code randn} (every
 * 10th feature of the current table shifted by 0.2 standard deviations), builds the profile
 * ({@link SparkProfiles}) and judges the current table against it ({@link SparkDrift}). The in-run
 * baseline is a scan: the same rows generated and handed to a Java function that sums every
 * value, which is the floor of any per-partition summary (the tables are not cached: each phase
 * generates its rows, so they pay the same generation cost). Peak heap is the heap pools' peak
 * usage, reset before each phase (driver and executors share the JVM on {@code local[2]}).
 *
 * <p>Run (under {@code /work/bin/exclusive}; {@code /tmp/spark-cp.txt} from {@code mvn -pl
 * mlops-spark -am test-compile dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=/tmp/spark-cp.txt}; a log4j2 configuration that lets {@code dev.mlops} log
 * at INFO):
 * <pre>
 * java -Xmx4g $(sed -n 's/^ *&lt;spark.test.argLine&gt;\(.*\)&lt;.*$/\1/p' mlops-spark/pom.xml | sed 's/-Xmx1g//') \
 *     -cp "mlops-spark/target/test-classes:mlops-spark/target/classes:$(cat /tmp/spark-cp.txt)" \
 *     dev.mlops.spark.SparkScaleProbe 1000000 100 2
 * </pre>
 * Arguments: rows, features, repetitions (default 1,000,000, 20, 1).
 */
public final class SparkScaleProbe {

  private static final Logger LOG = LoggerFactory.getLogger(SparkScaleProbe.class);

  /** Partitions of each generated table (two per core of local[2]). */
  private static final int PARTITIONS = 4;

  private SparkScaleProbe() {}

  /**
   * Runs the probe.
   *
   * @param args rows, features, repetitions
   */
  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int features = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    SparkSession spark = LocalSpark.session();
    run(spark, 10_000, 4); // warm-up
    for (int r = 0; r < reps; r++) {
      double[] t = run(spark, rows, features);
      LOG.info(String.format(Locale.ROOT,
          "local[2] %d rows x %d features, run %d: scan %.2f s (%.0f MB) | profile %.2f s (%.0f MB,"
              + " %d bytes = %.1f KB/feature) | drift report %.2f s (%.0f MB), %d drifted",
          rows, features, r + 1, t[0], t[1], t[2], t[3], (long) t[6], t[6] / 1024 / features,
          t[4], t[5], (long) t[7]));
    }
    spark.stop();
  }

  private static Dataset<Row> table(SparkSession spark, long rows, int features, double shift) {
    Column[] cols = new Column[features];
    for (int j = 0; j < features; j++) {
      Column z = functions.randn(1000L * j + (shift == 0 ? 1 : 2));
      cols[j] = (j % 10 == 0 ? z.plus(shift) : z).as(String.format(Locale.ROOT, "f%04d", j));
    }
    return spark.range(0, rows, 1, PARTITIONS).select(cols);
  }

  /** Scan, profile and drift phases: seconds and peak MB each, profile bytes, drifted count. */
  private static double[] run(SparkSession spark, long rows, int features) {
    long t0 = start();
    double sum = table(spark, rows, features, 0.2).javaRDD()
        .mapPartitions((Iterator<Row> it) -> {
          double s = 0;
          while (it.hasNext()) {
            Row row = it.next();
            for (int i = 0; i < row.size(); i++) {
              s += row.getDouble(i);
            }
          }
          return List.of(s).iterator();
        })
        .reduce(Double::sum);
    double[] scan = stop(t0);
    LOG.debug("scan sum {}", sum);
    t0 = start();
    ReferenceProfile profile = SparkProfiles.of(table(spark, rows, features, 0));
    double[] build = stop(t0);
    t0 = start();
    DriftReport report = SparkDrift.compare(profile, table(spark, rows, features, 0.2));
    double[] drift = stop(t0);
    return new double[] {scan[0], scan[1], build[0], build[1], drift[0], drift[1],
        profile.sizeInBytes(), report.driftedFeatures().size()};
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
}
