package dev.mlops.spark;

import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.profile.ReferenceProfile;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The README's "On Apache Spark" example, compiled with the module's tests so it cannot drift from
 * the API (it reads cluster paths, so it is compiled, not run; the property tests run the same calls
 * on {@code local[2]}).
 */
final class ReadmeSparkExample {

  private ReadmeSparkExample() {}

  static void example(SparkSession spark, Dataset<Row> scored, Dataset<Row> predicted) {
    // the reference profile, aggregated from per-partition profiles (treeReduce of their bytes)
    ReferenceProfile profile = SparkProfiles.builder().categorical("season").build()
        .profile(spark.read().parquet("s3://bucket/training/"));
    profile.writeTo(Path.of("reference-profile.bin"));

    // the batch drift report of a table against the stored profile
    DriftReport today = SparkDrift.compare(profile, spark.table("features").where("day = '2026-12-05'"));

    // a day of logged requests judged like one live monitor window (per-partition monitor states merged)
    DriftReport window = SparkDrift.builder(profile)
        .settings(b -> b.alpha(0.01))                       // any DriftMonitor.Builder setting
        .probabilityColumn("score").labelColumn("clicked").requestIdColumn("request_id")
        .build().report(spark.table("requests").where("day = '2026-12-05'"));

    // evaluations: exact ROC AUC and average precision by a distributed sort (no binning)
    SparkEvaluations.Binary e = SparkEvaluations.binary(scored, "label", "score", 0.5);
    SparkEvaluations.Regression r = SparkEvaluations.regression(predicted, "y", "y_hat");
  }
}
