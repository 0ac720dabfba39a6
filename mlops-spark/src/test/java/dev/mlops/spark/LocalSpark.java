package dev.mlops.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** One local[2] Spark session for all test classes of the module (started once, tiny config). */
final class LocalSpark {

  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("mlops-spark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "3")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
    }
    return session;
  }

  /**
   * A dataset whose order is the list's: {@code partitions} consecutive slices of it, in order
   * (as a file written in that order reads).
   */
  static Dataset<Row> inOrder(List<String> names, List<DataType> types, List<Object[]> rows,
      int partitions) {
    org.apache.spark.api.java.JavaSparkContext jsc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(session().sparkContext());
    return session().createDataFrame(jsc.parallelize(sparkRows(rows), partitions),
        schema(names, types));
  }

  /** A dataset of the given rows (values in column order) split into {@code partitions}. */
  static Dataset<Row> dataset(List<String> names, List<DataType> types, List<Object[]> rows,
      int partitions) {
    return session().createDataFrame(sparkRows(rows), schema(names, types))
        .repartition(partitions);
  }

  private static StructType schema(List<String> names, List<DataType> types) {
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      fields.add(DataTypes.createStructField(names.get(i), types.get(i), true));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  private static List<Row> sparkRows(List<Object[]> rows) {
    List<Row> rs = new ArrayList<>();
    for (Object[] r : rows) {
      rs.add(RowFactory.create(r));
    }
    return rs;
  }

  /** The rows as maps (column name to value), in the dataset's order. */
  static List<Map<String, Object>> maps(Dataset<Row> data) {
    List<Map<String, Object>> out = new ArrayList<>();
    String[] names = data.schema().fieldNames();
    for (Row r : data.collectAsList()) {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        m.put(names[i], r.get(i));
      }
      out.add(m);
    }
    return out;
  }
}
