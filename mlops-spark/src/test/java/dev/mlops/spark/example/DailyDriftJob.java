package dev.mlops.spark.example;

import static org.apache.spark.sql.functions.col;

import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.Metric;
import dev.mlops.spark.SparkDrift;
import dev.mlops.spark.SparkEvaluations;
import dev.mlops.spark.SparkProfiles;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job the README's {@code spark-submit} section runs (compiled with the module's tests, not
 * published): profiles the bike-sharing hours of 2011, judges the hours of 2012 against the stored
 * profile, and evaluates a naive regressor (last year's mean rentals of the same hour) on 2012.
 * It takes its session from {@code spark-submit} ({@code getOrCreate}) and logs the report.
 *
 * <p>Arguments: the path of {@code hour.csv}, the file to write the profile to.
 */
public final class DailyDriftJob {

  private static final Logger LOG = LoggerFactory.getLogger(DailyDriftJob.class);

  private DailyDriftJob() {}

  /**
   * Runs the job.
   *
   * @param args the CSV path and the profile path
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("arguments must be <hour.csv> <profile file>: "
          + String.join(" ", args));
    }
    SparkSession spark = SparkSession.builder().appName("daily-drift").getOrCreate();
    Dataset<Row> hours = spark.read().option("header", "true").option("inferSchema", "true")
        .csv(args[0]);
    String[] features = {"season", "temp", "atemp", "hum", "windspeed"};
    Dataset<Row> reference = hours.where(col("yr").equalTo(0)).selectExpr(features);
    Dataset<Row> current = hours.where(col("yr").equalTo(1)).selectExpr(features);
    ReferenceProfile profile = SparkProfiles.builder().categorical("season").build()
        .profile(reference);
    profile.writeTo(Path.of(args[1]));
    DriftReport report = SparkDrift.compare(ReferenceProfile.readFrom(Path.of(args[1])),
        current);
    LOG.info("drift of 2012 against 2011:\n{}", report.toText());

    Dataset<Row> lastYear = hours.where(col("yr").equalTo(0)).groupBy("hr")
        .agg(org.apache.spark.sql.functions.avg("cnt").as("predicted"));
    Dataset<Row> scored = hours.where(col("yr").equalTo(1)).join(lastYear, "hr");
    SparkEvaluations.Regression e = SparkEvaluations.regression(scored, "cnt", "predicted");
    LOG.info("naive regressor on 2012: rows {}, MAE {}, median absolute error {}, R2 {}",
        e.rows(), e.metric(Metric.MAE).value(), e.metric(Metric.MEDIAN_ABSOLUTE_ERROR).value(),
        e.metric(Metric.R2).value());
    spark.stop();
  }
}
