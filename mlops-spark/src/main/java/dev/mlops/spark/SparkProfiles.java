package dev.mlops.spark;

import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.ReferenceProfile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Builds a {@link ReferenceProfile} of a Spark {@code Dataset<Row>} without collecting rows: each
 * partition profiles its own rows (column chunks of {@value #CHUNK} rows), the partial profiles
 * travel as their versioned bytes ({@link ReferenceProfile#toBytes()}) and are merged pairwise on
 * the executors ({@code treeReduce}); the driver receives one profile.
 *
 * <pre>{@code
 * ReferenceProfile profile = SparkProfiles.builder().categorical("season").build()
 *     .profile(spark.read().parquet("s3://bucket/training/"));
 * profile.writeTo(Path.of("reference-profile.bin"));
 * }</pre>
 *
 * <p>The result is the profile {@link ReferenceProfile.Builder#addColumn} builds from the same
 * columns in one JVM: counts, missing values, extremes, categories and (below the exact cap)
 * the exact sorted values are equal; mean and standard deviation agree to floating-point rounding
 * (partial moments merge by Chan's formulas); above the exact cap quantiles and bins agree within
 * the KLL sketch's rank error, and the bounded sample is another uniform sample. Numeric columns
 * (any Spark {@link NumericType}) are numeric unless declared categorical (an undeclared numeric
 * column with at most {@value ReferenceProfile#MAX_CATEGORICAL_DISTINCT} distinct values becomes
 * categorical, as in one JVM); string and boolean columns are categorical; Spark {@code null} is a
 * missing value.
 *
 * <p>Immutable and thread-safe (the settings are shipped to the executors).
 */
public final class SparkProfiles implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Rows per column chunk handed to the profile builder on an executor. */
  static final int CHUNK = 4096;

  private final int bins;
  private final int exactCap;
  private final int topK;
  private final Set<String> categorical;
  private final Set<String> columns;

  private SparkProfiles(Builder b) {
    this.bins = b.bins;
    this.exactCap = b.exactCap;
    this.topK = b.topK;
    this.categorical = Set.copyOf(b.categorical);
    this.columns = b.columns == null ? null : Set.copyOf(b.columns);
  }

  /**
   * Starts the settings of a distributed profile.
   *
   * @return a builder with the defaults of {@link ReferenceProfile#builder()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Profiles a dataset with the default settings.
   *
   * @param data the dataset (numeric, string and boolean columns)
   * @return the profile of every column
   * @throws IllegalArgumentException if a column has another type (naming it)
   */
  public static ReferenceProfile of(Dataset<Row> data) {
    return builder().build().profile(data);
  }

  /**
   * Profiles a dataset.
   *
   * @param data the dataset
   * @return the merged profile of all partitions
   * @throws IllegalArgumentException if a profiled column is not numeric, string or boolean, or
   *     a selected column is not in the dataset (naming it)
   */
  public ReferenceProfile profile(Dataset<Row> data) {
    Objects.requireNonNull(data, "data must not be null");
    List<Column> cols = new ArrayList<>();
    StructField[] fields = data.schema().fields();
    Set<String> names = new LinkedHashSet<>();
    for (StructField f : fields) {
      names.add(f.name());
    }
    if (columns != null) {
      for (String c : columns) {
        if (!names.contains(c)) {
          throw new IllegalArgumentException("profiled column must be in the dataset: " + c);
        }
      }
    }
    for (int i = 0; i < fields.length; i++) {
      StructField f = fields[i];
      if (columns != null && !columns.contains(f.name())) {
        continue;
      }
      cols.add(new Column(f.name(), i, kindOf(f), categorical.contains(f.name())));
    }
    for (String c : categorical) {
      if (!names.contains(c)) {
        throw new IllegalArgumentException("categorical column must be in the dataset: " + c);
      }
    }
    Column[] plan = cols.toArray(new Column[0]);
    SparkProfiles settings = this;
    byte[] merged = data.javaRDD()
        .mapPartitions((Iterator<Row> rows) -> List.of(settings.partial(plan, rows)).iterator())
        .treeReduce((a, b) -> ReferenceProfile.fromBytes(a).merge(ReferenceProfile.fromBytes(b))
            .toBytes());
    return ReferenceProfile.fromBytes(merged);
  }

  private static Kind kindOf(StructField f) {
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

  /** The profile bytes of one partition: every planned column, even with no rows. */
  byte[] partial(Column[] plan, Iterator<Row> rows) {
    ReferenceProfile.Builder b = newBuilder(plan);
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
    return b.build().toBytes();
  }

  private ReferenceProfile.Builder newBuilder(Column[] plan) {
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

  /**
   * Settings of a distributed profile. Each setter validates at once. Not thread-safe.
   */
  public static final class Builder {

    private int bins = ReferenceProfile.DEFAULT_BINS;
    private int exactCap = ReferenceProfile.DEFAULT_EXACT_CAP;
    private int topK = ReferenceProfile.DEFAULT_TOP_K;
    private final Set<String> categorical = new LinkedHashSet<>();
    private Set<String> columns;

    private Builder() {}

    /**
     * Declares columns categorical (a numeric column's numbers become categories).
     *
     * @param names column names
     * @return this builder
     */
    public Builder categorical(String... names) {
      for (String n : Objects.requireNonNull(names, "names must not be null")) {
        categorical.add(Objects.requireNonNull(n, "column name must not be null"));
      }
      return this;
    }

    /**
     * Profiles only these columns (default: every column).
     *
     * @param names column names
     * @return this builder
     * @throws IllegalArgumentException if no name is given
     */
    public Builder columns(String... names) {
      Objects.requireNonNull(names, "names must not be null");
      if (names.length == 0) {
        throw new IllegalArgumentException("columns must name at least one column: 0");
      }
      columns = new LinkedHashSet<>(List.of(names));
      return this;
    }

    /**
     * Quantile bins of numeric features, as {@link ReferenceProfile.Builder#bins(int)}.
     *
     * @param bins at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code bins < 1}
     */
    public Builder bins(int bins) {
      ReferenceProfile.builder().bins(bins); // validates with the profile's own message
      this.bins = bins;
      return this;
    }

    /**
     * Exact cap, as {@link ReferenceProfile.Builder#exactCap(int)}.
     *
     * @param cap in [1, {@value ReferenceProfile#UNBOUNDED_EXACT_CAP}]
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder exactCap(int cap) {
      ReferenceProfile.builder().exactCap(cap);
      this.exactCap = cap;
      return this;
    }

    /**
     * Categories kept per categorical feature, as {@link ReferenceProfile.Builder#topK(int)}.
     *
     * @param k at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public Builder topK(int k) {
      ReferenceProfile.builder().topK(k);
      this.topK = k;
      return this;
    }

    /**
     * The immutable settings.
     *
     * @return the distributed profiler
     */
    public SparkProfiles build() {
      return new SparkProfiles(this);
    }
  }
}
