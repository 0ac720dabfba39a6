package dev.mlops.spark;

import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.ChunkSegment;
import dev.mlops.drift.profile.ColumnRuns;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.SampleSegment;
import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;

/**
 * What an executor does for {@link SparkProfiles}: the partial profile of one partition's rows
 * (column chunks of {@link SparkProfiles#CHUNK} rows into a {@link ReferenceProfile.Builder}),
 * and the chunks, sample and runs of one segment of the ordered rows. Shipped to the executors
 * with the column plan and the profile settings.
 *
 * <p>Immutable and thread-safe.
 */
final class PartitionProfiler implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final int CHUNK = SparkProfiles.CHUNK;

  private final Column[] plan;
  private final int bins;
  private final int exactCap;
  private final int topK;

  /**
   * A profiler of the planned columns with the profile's settings.
   *
   * @param plan the profiled columns
   * @param bins the profile's bins
   * @param exactCap the profile's exact cap
   * @param topK the profile's top categories
   */
  PartitionProfiler(Column[] plan, int bins, int exactCap, int topK) {
    this.plan = plan;
    this.bins = bins;
    this.exactCap = exactCap;
    this.topK = topK;
  }

  /**
   * The chunks (and sample) of one partition's consecutive rows, as a profile's bytes, beside their
   * runs of equal values (none when empty).
   */
  static Iterator<Tuple2<byte[], ColumnRuns>> segment(Iterator<Tuple2<Long, Row>> rows, Column[] plan,
      Set<String> declared, byte[] whole, long n) {
    if (!rows.hasNext()) {
      return java.util.Collections.emptyIterator();
    }
    Tuple2<Long, Row> first = rows.next();
    ChunkSegment s = ChunkSegment.startingAt(first._1(), declared);
    SampleSegment sample = ScoreRows.sampled(plan) ? SampleSegment.startingAt(first._1()) : null;
    ScoreRows.add(s, sample, values(plan, first._2()));
    while (rows.hasNext()) {
      ScoreRows.add(s, sample, values(plan, rows.next()._2()));
    }
    ReferenceProfile p = ReferenceProfile.fromBytes(whole).withoutEstimateSample();
    p = p.withChunks(s.build(p, n));
    if (sample != null) {
      p = sample.build().map(p::withEstimateSample).orElse(p);
    }
    return List.of(new Tuple2<>(p.toBytes(), s.runs())).iterator();
  }

  /** A row as {@link ReferenceProfile.Builder#add} takes it, in the dataset's column order. */
  static Map<String, Object> values(Column[] plan, Row row) {
    Map<String, Object> m = new LinkedHashMap<>(2 * plan.length);
    for (Column c : plan) {
      Object v = row.get(c.index);
      m.put(c.name, v instanceof Number num ? (Object) num.doubleValue() : v);
    }
    return m;
  }

  /**
   * The kind of a dataset column.
   *
   * @throws IllegalArgumentException if it is not numeric, string or boolean (naming it)
   */
  static Kind kindOf(StructField f) {
    DataType t = f.dataType();
    if (t instanceof NumericType) {
      return Kind.NUMBER;
    }
    if (t instanceof StringType) {
      return Kind.STRING;
    }
    if (t instanceof BooleanType) {
      return Kind.BOOLEAN;
    }
    throw new IllegalArgumentException("column '" + f.name()
        + "' must be numeric, string or boolean to be profiled: " + t.simpleString());
  }

  /**
   * The profile bytes of one partition: every planned column, even with no rows; with the
   * estimate sample of its rows when {@code firstRow} (the global index of its first row) is not
   * negative.
   */
  byte[] partial(Iterator<Row> rows, long firstRow) {
    SampleSegment sample = firstRow >= 0 ? SampleSegment.startingAt(firstRow) : null;
    ReferenceProfile.Builder b = newBuilder();
    double[][] numbers = new double[plan.length][];
    String[][] strings = new String[plan.length][];
    for (int c = 0; c < plan.length; c++) {
      if (plan[c].kind == Kind.NUMBER) {
        numbers[c] = new double[CHUNK];
      } else {
        strings[c] = new String[CHUNK];
      }
    }
    int fill = 0;
    boolean any = false;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (sample != null) {
        sample.add(values(plan, row));
      }
      for (int c = 0; c < plan.length; c++) {
        Column col = plan[c];
        Object v = row.get(col.index);
        if (col.kind == Kind.NUMBER) {
          numbers[c][fill] = v == null ? Double.NaN : ((Number) v).doubleValue();
        } else {
          strings[c][fill] = CategoricalProfile.key(v);
        }
      }
      if (++fill == CHUNK) {
        add(b, plan, numbers, strings, fill);
        fill = 0;
        any = true;
      }
    }
    if (fill > 0 || !any) {
      add(b, plan, numbers, strings, fill);
    }
    // the partials merge in no fixed order: the chunks of the whole come from one ordered pass,
    // and the sample from rows numbered in order (the builder's own numbers each partition apart)
    ReferenceProfile p = b.build().withoutChunks().withoutEstimateSample();
    if (sample != null) {
      p = sample.build().map(p::withEstimateSample).orElse(p);
    }
    return p.toBytes();
  }

  private ReferenceProfile.Builder newBuilder() {
    ReferenceProfile.Builder b = ReferenceProfile.builder().bins(bins).exactCap(exactCap)
        .topK(topK);
    for (Column c : plan) {
      if (c.categorical) {
        b.categorical(c.name);
      }
    }
    return b;
  }

  private static void add(ReferenceProfile.Builder b, Column[] plan, double[][] numbers,
      String[][] strings, int n) {
    for (int c = 0; c < plan.length; c++) {
      if (plan[c].kind == Kind.NUMBER) {
        b.addColumn(plan[c].name, n == CHUNK ? numbers[c] : java.util.Arrays.copyOf(numbers[c], n));
      } else {
        b.addColumn(plan[c].name, n == CHUNK ? strings[c] : java.util.Arrays.copyOf(strings[c], n));
      }
    }
  }

  enum Kind { NUMBER, STRING, BOOLEAN }

  /** One profiled column: name, position in the row, kind, declared categorical. */
  record Column(String name, int index, Kind kind, boolean categorical) implements Serializable {}
}
