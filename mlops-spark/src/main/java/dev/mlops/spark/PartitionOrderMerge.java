package dev.mlops.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Merges one serialised partial per partition along a fixed binary tree of partition indexes:
 * partitions {@code 2j} and {@code 2j + 1} first (the lower index on the left), then their
 * results the same way, on the executors. Spark's {@code treeReduce} merges in the order tasks
 * finish, and a profile's or a monitor's merge is not associative (quantile sketches, samples),
 * so its result could differ from run to run; along this tree the same partitions always give
 * the same bytes. Costs one small shuffle per tree level ({@code ceil(log2 partitions)}).
 * Stateless.
 */
final class PartitionOrderMerge {

  private PartitionOrderMerge() {}

  /**
   * The merge of the partials in partition order.
   *
   * @param partials at most one element per partition (any per partition are merged in order)
   * @param merge the merge of two partials, left before right
   * @return the merged bytes
   * @throws IllegalArgumentException if there is no partial (a dataset of no partitions)
   */
  static byte[] reduce(JavaRDD<byte[]> partials, Function2<byte[], byte[], byte[]> merge) {
    int n = partials.getNumPartitions();
    JavaPairRDD<Integer, byte[]> level = partials.mapPartitionsWithIndex(
        (Integer part, Iterator<byte[]> it) -> {
          byte[] acc = null;
          while (it.hasNext()) {
            byte[] b = it.next();
            acc = acc == null ? b : merge.call(acc, b);
          }
          List<Tuple2<Integer, byte[]>> out = new ArrayList<>(1);
          if (acc != null) {
            out.add(new Tuple2<>(part, acc));
          }
          return out.iterator();
        }, true).mapToPair(t -> t);
    while (n > 1) {
      int parts = Math.max(1, (n + 1) / 2);
      level = level.mapToPair(t -> new Tuple2<>(t._1 / 2, t))
          .reduceByKey((x, y) -> x._1 < y._1
              ? new Tuple2<>(x._1, merge.call(x._2, y._2))
              : new Tuple2<>(y._1, merge.call(y._2, x._2)), parts)
          .mapToPair(t -> new Tuple2<>(t._1, t._2._2));
      n = parts;
    }
    List<byte[]> result = level.values().collect();
    if (result.isEmpty()) {
      throw new IllegalArgumentException("the dataset must have at least one partition");
    }
    return result.get(0);
  }
}
