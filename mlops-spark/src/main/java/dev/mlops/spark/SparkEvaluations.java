package dev.mlops.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mlops.metrics.BinaryCounts;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Model evaluations of Spark Datasets of labels and scores or predictions, with the semantics of
 * scikit-learn's metrics (as {@code mlops-metrics} computes them in one JVM).
 *
 * <ul>
 *   <li>{@link #binary}: exact ROC AUC and average precision by a distributed sort (the rows are
 *       grouped by distinct score, range-partitioned in descending score order, each partition's
 *       totals collected, then each partition sums its contribution from its offset; nothing is
 *       binned), and the confusion counts at a threshold with every metric derived from them
 *       ({@link BinaryCounts}).
 *   <li>{@link #regression}: MAE, MSE, RMSE, R², explained variance, mean error, max error and
 *       MAPE from one aggregation (moments merged per partition).
 * </ul>
 *
 * <pre>{@code
 * SparkEvaluations.Binary e = SparkEvaluations.binary(scored, "label", "score", 0.5);
 * double auc = e.rocAuc().value();
 * double f1 = e.counts().f1().value();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkEvaluations {

  private SparkEvaluations() {}

  /**
   * A binary classifier's evaluation.
   *
   * @param rows rows evaluated
   * @param positives rows with label 1
   * @param rocAuc ROC AUC (undefined when only one class is present)
   * @param averagePrecision average precision (undefined without positives)
   * @param threshold the decision threshold of {@code counts}
   * @param counts confusion counts of {@code score >= threshold}
   */
  public record Binary(long rows, long positives, MetricValue rocAuc, MetricValue averagePrecision,
      double threshold, BinaryCounts counts) {

    /**
     * Validates.
     *
     * @throws NullPointerException if a metric or the counts are null
     */
    public Binary {
      Objects.requireNonNull(rocAuc, "rocAuc");
      Objects.requireNonNull(averagePrecision, "averagePrecision");
      Objects.requireNonNull(counts, "counts");
    }
  }

  /**
   * A regressor's evaluation.
   *
   * @param rows rows evaluated
   * @param metrics MAE, MSE, RMSE, R2, EXPLAINED_VARIANCE, MEAN_ERROR, MAX_ERROR and MAPE
   */
  public record Regression(long rows, Map<Metric, MetricValue> metrics) {

    /**
     * Copies.
     *
     * @throws NullPointerException if {@code metrics} is null
     */
    public Regression {
      metrics = Map.copyOf(metrics);
    }

    /**
     * One metric.
     *
     * @param metric a regression metric
     * @return its value
     * @throws IllegalArgumentException if the metric is not computed here
     */
    public MetricValue metric(Metric metric) {
      MetricValue v = metrics.get(metric);
      if (v == null) {
        throw new IllegalArgumentException("metric must be one of " + metrics.keySet() + ": "
            + metric);
      }
      return v;
    }
  }

  /**
   * Evaluates a binary classifier: labels 0/1, scores (probability of class 1 or any score).
   *
   * @param data the dataset
   * @param labelColumn numeric column of 0/1 labels
   * @param scoreColumn numeric column of scores
   * @param threshold positive when {@code score >= threshold}
   * @return the evaluation
   * @throws IllegalArgumentException if the data is empty, a label is not 0 or 1, or a score is
   *     null or not finite (naming the column and counting the bad rows)
   */
  public static Binary binary(Dataset<Row> data, String labelColumn, String scoreColumn,
      double threshold) {
    Objects.requireNonNull(data, "data must not be null");
    Column y = col(labelColumn).cast("double");
    Column s = col(scoreColumn).cast("double");
    Row totals = data.agg(
        count(lit(1)),
        sum(when(y.equalTo(1.0), 1L).otherwise(0L)),
        sum(when(y.isNull().or(y.notEqual(0.0).and(y.notEqual(1.0))), 1L).otherwise(0L)),
        sum(when(s.isNull().or(s.isNaN()).or(abs(s).equalTo(Double.POSITIVE_INFINITY)), 1L)
            .otherwise(0L)),
        sum(when(y.equalTo(1.0).and(s.geq(threshold)), 1L).otherwise(0L)),
        sum(when(y.equalTo(0.0).and(s.geq(threshold)), 1L).otherwise(0L)))
        .first();
    long n = totals.getLong(0);
    if (n == 0) {
      throw new IllegalArgumentException("data must not be empty: 0 rows");
    }
    long positives = totals.getLong(1);
    long badLabels = totals.getLong(2);
    long badScores = totals.getLong(3);
    if (badLabels > 0) {
      throw new IllegalArgumentException("label column '" + labelColumn
          + "' must hold 0 or 1: " + badLabels + " rows do not");
    }
    if (badScores > 0) {
      throw new IllegalArgumentException("score column '" + scoreColumn
          + "' must hold finite numbers: " + badScores + " rows do not");
    }
    long negatives = n - positives;
    long tp = totals.getLong(4);
    long fp = totals.getLong(5);
    BinaryCounts counts = new BinaryCounts(tp, fp, negatives - fp, positives - tp);
    double[] ranking = ranking(data, y, s, positives, negatives);
    MetricValue auc = positives == 0 || negatives == 0
        ? MetricValue.undefined(Metric.ROC_AUC, n,
            "only one class is present in the labels (" + positives + " positives)")
        : MetricValue.of(Metric.ROC_AUC, ranking[0] / ((double) positives * negatives), n);
    MetricValue ap = positives == 0
        ? MetricValue.undefined(Metric.AVERAGE_PRECISION, n, "no positive label")
        : MetricValue.of(Metric.AVERAGE_PRECISION, ranking[1], n);
    return new Binary(n, positives, auc, ap, threshold, counts);
  }

  /**
   * The pairs ranked correctly (ties half) and the average precision, from the rows grouped by
   * distinct score in descending order.
   */
  private static double[] ranking(Dataset<Row> data, Column y, Column s, long positives,
      long negatives) {
    Dataset<Row> groups = data.select(y.as("y"), s.as("s"))
        .groupBy(col("s"))
        .agg(sum(col("y")).cast("long").as("pos"), count(lit(1)).as("n"))
        .orderBy(col("s").desc());
    JavaRDD<Row> sorted = groups.javaRDD().cache();
    try {
      List<long[]> perPartition = sorted.mapPartitionsWithIndex((Integer part, Iterator<Row> it) -> {
        long pos = 0;
        long neg = 0;
        while (it.hasNext()) {
          Row g = it.next();
          long p = g.getLong(1);
          pos += p;
          neg += g.getLong(2) - p;
        }
        return List.of(new long[] {part, pos, neg}).iterator();
      }, true).collect();
      int parts = sorted.getNumPartitions();
      long[] posBefore = new long[parts + 1];
      long[] negBefore = new long[parts + 1];
      long[][] byPart = new long[parts][];
      for (long[] t : perPartition) {
        byPart[(int) t[0]] = t;
      }
      for (int i = 0; i < parts; i++) {
        posBefore[i + 1] = posBefore[i] + (byPart[i] == null ? 0 : byPart[i][1]);
        negBefore[i + 1] = negBefore[i] + (byPart[i] == null ? 0 : byPart[i][2]);
      }
      List<double[]> sums = sorted.mapPartitionsWithIndex((Integer part, Iterator<Row> it) -> {
        double tp = posBefore[part];
        double fp = negBefore[part];
        double pairs = 0;
        double ap = 0;
        while (it.hasNext()) {
          Row g = it.next();
          long p = g.getLong(1);
          long q = g.getLong(2) - p;
          // this group's positives outrank every negative with a lower score; ties count half
          pairs += p * (negatives - fp - q) + 0.5 * p * q;
          tp += p;
          fp += q;
          if (p > 0) {
            ap += ((double) p / positives) * (tp / (tp + fp));
          }
        }
        return List.of(new double[] {pairs, ap}).iterator();
      }, true).collect();
      double pairs = 0;
      double ap = 0;
      for (double[] d : sums) {
        pairs += d[0];
        ap += d[1];
      }
      return new double[] {pairs, ap};
    } finally {
      sorted.unpersist(false);
    }
  }

  /**
   * Evaluates a regressor.
   *
   * @param data the dataset
   * @param actualColumn numeric column of true values
   * @param predictedColumn numeric column of predictions
   * @return the evaluation
   * @throws IllegalArgumentException if the data is empty or a value is null or not finite
   *     (naming the column and counting the bad rows)
   */
  public static Regression regression(Dataset<Row> data, String actualColumn,
      String predictedColumn) {
    Objects.requireNonNull(data, "data must not be null");
    Column y = col(actualColumn).cast("double");
    Column p = col(predictedColumn).cast("double");
    Row bad = data.agg(count(lit(1)), sum(notFinite(y)), sum(notFinite(p))).first();
    long n = bad.getLong(0);
    if (n == 0) {
      throw new IllegalArgumentException("data must not be empty: 0 rows");
    }
    if (bad.getLong(1) > 0) {
      throw new IllegalArgumentException("actual column '" + actualColumn
          + "' must hold finite numbers: " + bad.getLong(1) + " rows do not");
    }
    if (bad.getLong(2) > 0) {
      throw new IllegalArgumentException("predicted column '" + predictedColumn
          + "' must hold finite numbers: " + bad.getLong(2) + " rows do not");
    }
    Column e = y.minus(p);
    // moments merge per partition (Chan) through Spark's own avg / var_pop aggregates
    Row r = data.agg(
        org.apache.spark.sql.functions.avg(e),
        org.apache.spark.sql.functions.var_pop(e),
        org.apache.spark.sql.functions.avg(abs(e)),
        org.apache.spark.sql.functions.avg(e.multiply(e)),
        org.apache.spark.sql.functions.var_pop(y),
        max(abs(e)),
        org.apache.spark.sql.functions.avg(abs(e).divide(greatest(abs(y), lit(Math.ulp(1.0))))))
        .first();
    double meanError = r.getDouble(0);
    double varError = r.getDouble(1);
    double mae = r.getDouble(2);
    double mse = r.getDouble(3);
    double varY = r.getDouble(4);
    double maxError = r.getDouble(5);
    double mape = r.getDouble(6);
    Map<Metric, MetricValue> m = new LinkedHashMap<>();
    m.put(Metric.MAE, MetricValue.of(Metric.MAE, mae, n));
    m.put(Metric.MSE, MetricValue.of(Metric.MSE, mse, n));
    m.put(Metric.RMSE, MetricValue.of(Metric.RMSE, Math.sqrt(mse), n));
    m.put(Metric.MEAN_ERROR, MetricValue.of(Metric.MEAN_ERROR, meanError, n));
    m.put(Metric.MAX_ERROR, MetricValue.of(Metric.MAX_ERROR, maxError, n));
    m.put(Metric.MAPE, MetricValue.of(Metric.MAPE, mape, n));
    m.put(Metric.R2, ratio(Metric.R2, mse, varY, n));
    m.put(Metric.EXPLAINED_VARIANCE, ratio(Metric.EXPLAINED_VARIANCE, varError, varY, n));
    return new Regression(n, m);
  }

  /** 1 - numerator / variance of the actual values; scikit-learn's rules for a constant target. */
  private static MetricValue ratio(Metric metric, double numerator, double varY, long n) {
    if (varY == 0) {
      return numerator == 0 ? MetricValue.of(metric, 1.0, n) : MetricValue.of(metric, 0.0, n);
    }
    return MetricValue.of(metric, 1 - numerator / varY, n);
  }

  private static Column notFinite(Column c) {
    return when(c.isNull().or(c.isNaN()).or(abs(c).equalTo(Double.POSITIVE_INFINITY)), 1L)
        .otherwise(0L);
  }
}
