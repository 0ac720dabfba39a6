package dev.mlops.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The exact rank statistics of {@link SparkEvaluations}, by a distributed sort (never binning,
 * never collecting rows to the driver): the pairs a score ranks correctly with the average
 * precision, and order statistics (the median) of a column. Each sorts the data
 * (range-partitioned), collects one total per partition, then reads what it needs from each
 * partition at its offset. Stateless and thread-safe.
 */
final class DistributedRanking {

  private DistributedRanking() {}

  /**
   * The pairs ranked correctly (ties half) and the average precision, from the rows grouped by
   * distinct score in descending order.
   *
   * @param data the rows
   * @param y the 0/1 label as a double column
   * @param s the score as a double column
   * @param positives rows with label 1
   * @param negatives rows with label 0
   * @return {pairs ranked correctly, average precision}
   */
  static double[] pairsAndAveragePrecision(Dataset<Row> data, Column y, Column s, long positives,
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
   * The median of a column of {@code n} finite values as {@code numpy.median}: the mean of the
   * values of ascending ranks {@code (n - 1) / 2} and {@code n / 2} (0-based), found by sorting
   * and indexing, so it is the same double as a sort in one JVM.
   *
   * @param data the rows
   * @param value the column
   * @param n the number of rows, at least 1
   * @return the median
   */
  static double median(Dataset<Row> data, Column value, long n) {
    long lower = (n - 1) / 2;
    long upper = n / 2;
    List<Double> middle = data.select(value.as("v")).orderBy(col("v")).javaRDD()
        .zipWithIndex()
        .filter(t -> t._2() == lower || t._2() == upper)
        .map(t -> t._1().getDouble(0))
        .collect();
    double a = middle.get(0);
    double b = middle.size() > 1 ? middle.get(1) : a;
    return (a + b) / 2;
  }
}
