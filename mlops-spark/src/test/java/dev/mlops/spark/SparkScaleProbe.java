package dev.mlops.spark;

import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.profile.ReferenceProfile;
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
 * Generates {@code rows x features} numeric columns with Spark's own seeded {@code randn}, builds
 * the profile ({@link SparkProfiles}) and judges a second, partly shifted table against it
 * ({@link SparkDrift}), each timed once after a warm-up on a small table.
 *
 * <p>Run (under {@code /work/bin/exclusive}):
 * <pre>
 * /work/bin/mvnb -q -o -pl mlops-spark -am test-compile
 * java -Xmx4g $(sed -n 's/^ *<spark.test.argLine>\(.*\)<.*$/\1/p' mlops-spark/pom.xml | sed 's/-Xmx1g//') \
 *     -cp "mlops-spark/target/test-classes:mlops-spark/target/classes:mlops-drift/target/classes:mlops-metrics/target/classes:$(cat /tmp/spark-cp.txt)" \
 *     dev.mlops.spark.SparkScaleProbe 1000000 20
 * </pre>
 * with {@code /tmp/spark-cp.txt} from {@code mvn -pl mlops-spark dependency:build-classpath
 * -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/spark-cp.txt}.
 */
public final class SparkScaleProbe {

  private static final Logger LOG = LoggerFactory.getLogger(SparkScaleProbe.class);

  private SparkScaleProbe() {}

  /**
   * Runs the probe.
   *
   * @param args rows, features
   */
  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int features = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    SparkSession spark = LocalSpark.session();
    run(spark, 10_000, 4); // warm-up
    double[] t = run(spark, rows, features);
    LOG.info(String.format(Locale.ROOT,
        "local[2] %d rows x %d features: profile %.1f s (%d bytes), drift report %.1f s",
        rows, features, t[0], (long) t[2], t[1]));
    spark.stop();
  }

  private static Dataset<Row> table(SparkSession spark, long rows, int features, double shift) {
    Column[] cols = new Column[features];
    for (int j = 0; j < features; j++) {
      Column z = functions.randn(1000L * j + (shift == 0 ? 1 : 2));
      cols[j] = (j % 10 == 0 ? z.plus(shift) : z).as(String.format(Locale.ROOT, "f%03d", j));
    }
    return spark.range(0, rows, 1, 4).select(cols);
  }

  private static double[] run(SparkSession spark, long rows, int features) {
    long t0 = System.nanoTime();
    ReferenceProfile profile = SparkProfiles.of(table(spark, rows, features, 0));
    long t1 = System.nanoTime();
    DriftReport report = SparkDrift.compare(profile, table(spark, rows, features, 0.2));
    long t2 = System.nanoTime();
    LOG.info("{} of {} features drifted", report.driftedFeatures().size(), features);
    return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, profile.sizeInBytes()};
  }
}
