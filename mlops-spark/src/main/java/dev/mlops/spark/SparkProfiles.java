package dev.mlops.spark;

import dev.mlops.drift.profile.ChunkSegment;
import dev.mlops.drift.profile.ColumnRuns;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.SampleOrigin;
import dev.mlops.drift.profile.SampleSegment;
import dev.mlops.spark.PartitionProfiler.Column;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;
import scala.Tuple2;

/**
 * Builds a {@link ReferenceProfile} of a Spark {@code Dataset<Row>} without collecting rows: each
 * partition profiles its own rows (column chunks of {@value #CHUNK} rows), the partial profiles
 * travel as their versioned bytes ({@link ReferenceProfile#toBytes()}) and are merged pairwise on
 * the executors along a fixed tree of partition indexes, so the same partitions give the same
 * profile bytes; the driver receives one profile.
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
 * column with 2 to {@value ReferenceProfile#MAX_CATEGORICAL_DISTINCT} distinct values becomes
 * categorical, one of a single number stays numeric, as in one JVM, whichever partitions hold
 * which values); string and boolean columns are categorical; Spark {@code null} is a
 * missing value.
 *
 * <p>Time order: the profile also keeps the reference's order as {@link ReferenceChunks}, so that
 * a monitor built on it calibrates its thresholds on consecutive reference windows (without them
 * they are resampled, rows taken as independent, which flags drift in most windows of
 * autocorrelated data). By default the order is the dataset's own (partition after partition,
 * rows in order within each: a file or table written in time order keeps it, as rows given to
 * {@link ReferenceProfile.Builder#add} in order do; a shuffled dataset simply calibrates as one
 * without order); {@link Builder#orderBy} sorts by a column first; {@link Builder#unordered}
 * declares that the order means nothing (no chunks, and no second pass). Each row's global index
 * (in that order) fixes its chunk: a second pass numbers the rows, shuffles them into segments of
 * whole chunks, and each segment builds its chunks with {@link ChunkSegment} exactly as {@link
 * ReferenceProfile.Builder#add} would for the whole ordered reference; the driver concatenates
 * them. The chunks then equal those of the profile built in one JVM from the same rows in the
 * same order (rows with equal order values may come in another order: Spark's sort is not
 * stable), and so do the features' longest runs of equal values ({@code
 * FeatureProfile#longestRun}: the data-quality checks tell a stretch the reference held, a month
 * of one calendar code, from a broken pipeline by it), each segment's runs joined in order ({@link
 * ColumnRuns}); an unordered profile keeps the partitions' runs, merged as {@link
 * ReferenceProfile#merge} does.
 *
 * <p>Classifier scores: with {@link Builder#predictionColumn} and {@link Builder#labelColumn}
 * (and {@link Builder#confidenceColumn} for a class prediction of any number of classes) the
 * columns play the parts of {@link ReferenceProfile#PREDICTION}, {@link ReferenceProfile#LABEL}
 * and {@link ReferenceProfile#CONFIDENCE} (columns so named play them without being told), and
 * the profile keeps the {@link EstimateSample} a monitor calibrates its label-free estimate and
 * its interval on. Row {@code i} of the profile's order (the order the chunks follow; the
 * dataset's own order for an {@link Builder#unordered} profile) gets the key of its index, the
 * rows with the smallest keys are kept ({@link SampleSegment}: a seeded bottom-k sample), so the
 * sample depends on the rows and that order only, never on the partitioning, and equals the
 * sample of the profile {@link ReferenceProfile.Builder#add} builds from the same rows in the same
 * order (the features in the dataset's column order), bit for bit. An unordered profile with
 * scores numbers its rows ({@code zipWithIndex}: one more job that counts each partition).
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
  private final String orderColumn;
  private final boolean unordered;
  /** What the prediction column's scores are: -1 not said, 0 held-out, k >= 2 out of k folds. */
  private final int scoreFolds;
  /** Dataset column to the reserved name whose part it plays. */
  private final Map<String, String> roles;

  private SparkProfiles(Builder b) {
    this.bins = b.bins;
    this.exactCap = b.exactCap;
    this.topK = b.topK;
    this.categorical = Set.copyOf(b.categorical);
    this.columns = b.columns == null ? null : Set.copyOf(b.columns);
    this.orderColumn = b.orderColumn;
    this.unordered = b.unordered;
    this.scoreFolds = b.scoreFolds;
    this.roles = Map.copyOf(b.roles);
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
    for (Map.Entry<String, String> e : roles.entrySet()) {
      if (!names.contains(e.getKey())) {
        throw new IllegalArgumentException(ScoreRows.part(e.getValue())
            + " column must be in the dataset: " + e.getKey());
      }
      if (names.contains(e.getValue())) {
        throw new IllegalArgumentException("dataset must not have a column named "
            + e.getValue() + " beside the " + ScoreRows.part(e.getValue()) + " column: "
            + e.getKey());
      }
    }
    for (int i = 0; i < fields.length; i++) {
      StructField f = fields[i];
      String name = roles.getOrDefault(f.name(), f.name());
      if (columns != null && !columns.contains(f.name()) && name.equals(f.name())) {
        continue;
      }
      cols.add(new Column(name, i, PartitionProfiler.kindOf(f), categorical.contains(f.name())));
    }
    for (String c : categorical) {
      if (!names.contains(c)) {
        throw new IllegalArgumentException("categorical column must be in the dataset: " + c);
      }
    }
    if (orderColumn != null) {
      requireOrderColumn(data, names);
    }
    Column[] plan = cols.toArray(new Column[0]);
    boolean sampled = ScoreRows.sampled(plan);
    PartitionProfiler profiler = new PartitionProfiler(plan, bins, exactCap, topK);
    // an unordered profile samples its rows in this pass, numbered in the dataset's order
    JavaRDD<byte[]> partials = unordered && sampled
        ? data.javaRDD().zipWithIndex().mapPartitions(
            (Iterator<Tuple2<Row, Long>> rows) -> ScoreRows.numbered(rows,
                (first, rs) -> profiler.partial(rs, first)))
        : data.javaRDD().mapPartitions(
            (Iterator<Row> rows) -> List.of(profiler.partial(rows, -1)).iterator());
    // in partition order, so that the same partitions give the same profile bytes
    byte[] merged = PartitionOrderMerge.reduce(partials, (a, b) -> ReferenceProfile.fromBytes(a)
        .merge(ReferenceProfile.fromBytes(b)).toBytes());
    ReferenceProfile profile = ReferenceProfile.fromBytes(merged);
    if (unordered) {
      return withOrigin(profile);
    }
    JavaRDD<Row> ordered = orderColumn == null ? data.javaRDD()
        : data.sort(orderColumn).javaRDD();
    return withOrigin(chunked(profile, ordered, data.rdd().getNumPartitions(), plan));
  }

  /** The profile with its estimate sample's origin as the builder was told (else unknown). */
  private ReferenceProfile withOrigin(ReferenceProfile p) {
    EstimateSample s = p.estimateSample().orElse(null);
    if (s == null || scoreFolds < 0) {
      return p;
    }
    return p.withEstimateSample(s.withOrigin(scoreFolds == 0 ? SampleOrigin.heldOut(s.offered())
        : SampleOrigin.outOfFold(s.offered(), (int) Math.min(scoreFolds, s.offered()))));
  }

  private void requireOrderColumn(Dataset<Row> data, Set<String> names) {
    if (!names.contains(orderColumn)) {
      throw new IllegalArgumentException("order column must be in the dataset: " + orderColumn);
    }
    DataType t = data.schema().apply(orderColumn).dataType();
    if (!(t instanceof NumericType || t instanceof TimestampType || t instanceof DateType)) {
      throw new IllegalArgumentException("order column '" + orderColumn
          + "' must be numeric, a timestamp or a date: " + t.simpleString());
    }
  }

  /**
   * The profile with the chunks of its rows in the given order: rows numbered in that order,
   * shuffled into segments of whole chunks (consecutive segments per partition), each segment's
   * chunks built on its executor, concatenated on the driver.
   */
  private ReferenceProfile chunked(ReferenceProfile profile, JavaRDD<Row> ordered,
      int partitions, Column[] plan) {
    long n = profile.rows();
    long size = ChunkSegment.chunkRowsFor(n);
    long segments = (n + size - 1) / size;
    if (segments == 0) {
      return profile;
    }
    int parts = (int) Math.max(1, Math.min(segments, partitions));
    byte[] whole = profile.toBytes();
    Set<String> declared = declared(plan);
    List<Tuple2<byte[], ColumnRuns>> pieces = ordered.zipWithIndex()
        .mapToPair(t -> new Tuple2<>(t._2(), t._1()))
        .repartitionAndSortWithinPartitions(new SegmentPartitioner(parts, size, segments))
        .mapPartitions((Iterator<Tuple2<Long, Row>> rows) -> PartitionProfiler.segment(rows, plan,
            declared, whole, n))
        .collect();
    ReferenceChunks chunks = null;
    EstimateSample sample = null;
    ColumnRuns runs = ColumnRuns.empty();
    for (Tuple2<byte[], ColumnRuns> t : pieces) {  // the segments in order
      ReferenceProfile piece = ReferenceProfile.fromBytes(t._1());
      ReferenceChunks c = piece.chunks().orElseThrow();
      chunks = chunks == null ? c : chunks.merge(c);
      sample = ScoreRows.merge(sample, piece.estimateSample().orElse(null));
      runs = runs.then(t._2());
    }
    // the partial profiles measured runs in partition order: the ordered rows' runs replace them
    ReferenceProfile out = runs.applyTo(profile);
    out = chunks == null ? out : out.withChunks(chunks);
    return sample == null ? out : out.withEstimateSample(sample);
  }

  /** The reserved or dataset names of the columns declared categorical. */
  private Set<String> declared(Column[] plan) {
    Set<String> d = new LinkedHashSet<>();
    for (Column c : plan) {
      if (c.categorical()) {
        d.add(c.name());
      }
    }
    return d;
  }

  /**
   * Settings of a distributed profile. Each setter validates at once. Not thread-safe.
   */
  public static final class Builder {

    private int bins = ReferenceProfile.DEFAULT_BINS;
    private int exactCap = ReferenceProfile.DEFAULT_EXACT_CAP;
    private int topK = ReferenceProfile.DEFAULT_TOP_K;
    private final Set<String> categorical = new LinkedHashSet<>();
    private Set<String> columns;
    private String orderColumn;
    private boolean unordered;
    private int scoreFolds = -1;
    private final Map<String, String> roles = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Says that the {@link #predictionColumn}'s scores are the deployed model's on rows it was not
     * trained on (a held-out split): the estimate sample's {@link EstimateSample#origin()}, which a
     * monitor's estimate quotes. Without this or {@link #outOfFoldPredictions}, the origin is
     * unknown.
     *
     * @return this builder
     */
    public Builder heldOutPredictions() {
      this.scoreFolds = 0;
      return this;
    }

    /**
     * Says that the {@link #predictionColumn}'s scores are out-of-fold predictions of training
     * rows, each by a model fitted on the other {@code folds - 1} folds (the estimate sample's
     * {@link EstimateSample#origin()}).
     *
     * <pre>{@code
     * SparkProfiles.builder().predictionColumn("p_oof").labelColumn("y").outOfFoldPredictions(5)
     * }</pre>
     *
     * @param folds the number of folds, at least 2
     * @return this builder
     * @throws IllegalArgumentException if {@code folds} is less than 2
     */
    public Builder outOfFoldPredictions(int folds) {
      if (folds < 2) {
        throw new IllegalArgumentException("out-of-fold predictions' folds must be at least 2: "
            + folds);
      }
      this.scoreFolds = folds;
      return this;
    }

    /**
     * The column of the model's out-of-sample prediction: the probability of class 1 (numeric),
     * or the predicted class with {@link #confidenceColumn}. Profiled as {@link
     * ReferenceProfile#PREDICTION}; with a {@link #labelColumn} its rows make the profile's
     * {@link EstimateSample} (see the class description).
     *
     * @param column the dataset column
     * @return this builder
     * @throws NullPointerException if {@code column} is null
     * @throws IllegalArgumentException if {@code column} is blank or already plays another part
     */
    public Builder predictionColumn(String column) {
      return role(column, ReferenceProfile.PREDICTION);
    }

    /**
     * The column of the true label (0/1 for a binary probability, else the class). Profiled as
     * {@link ReferenceProfile#LABEL}.
     *
     * @param column the dataset column
     * @return this builder
     * @throws NullPointerException if {@code column} is null
     * @throws IllegalArgumentException if {@code column} is blank or already plays another part
     */
    public Builder labelColumn(String column) {
      return role(column, ReferenceProfile.LABEL);
    }

    /**
     * The column of the probability of the predicted class, when {@link #predictionColumn} holds
     * the class (any number of classes): kept in the estimate sample only, not profiled ({@link
     * ReferenceProfile#CONFIDENCE}).
     *
     * @param column the dataset column
     * @return this builder
     * @throws NullPointerException if {@code column} is null
     * @throws IllegalArgumentException if {@code column} is blank or already plays another part
     */
    public Builder confidenceColumn(String column) {
      return role(column, ReferenceProfile.CONFIDENCE);
    }

    private Builder role(String column, String part) {
      Objects.requireNonNull(column, ScoreRows.part(part) + " column must not be null");
      if (column.isBlank()) {
        throw new IllegalArgumentException(ScoreRows.part(part) + " column must not be blank: '"
            + column + "'");
      }
      roles.values().remove(part);
      String other = roles.get(column);
      if (other != null) {
        throw new IllegalArgumentException(ScoreRows.part(part)
            + " column must not already be the " + ScoreRows.part(other) + " column: " + column);
      }
      roles.put(column, part);
      return this;
    }

    /**
     * Declares that the dataset's order means nothing (see the class description): the profile
     * keeps no chunks, a monitor on it resamples its thresholds (rows taken as independent), and
     * profiling takes one pass. Not with {@link #orderBy}.
     *
     * @return this builder
     * @throws IllegalStateException if an order column was set
     */
    public Builder unordered() {
      if (orderColumn != null) {
        throw new IllegalStateException("unordered must not follow orderBy: " + orderColumn);
      }
      this.unordered = true;
      return this;
    }

    /**
     * Keeps the reference's time order by a column (see the class description): rows sorted by
     * this column (numeric, timestamp or date; it need not be profiled) are kept as {@link
     * ReferenceChunks}, as {@code ReferenceProfile.Builder#add} keeps rows given in that order,
     * instead of the dataset's own order. Costs a sort (besides the numbering and shuffle every
     * ordered profile costs).
     *
     * @param column the order column
     * @return this builder
     * @throws NullPointerException if {@code column} is null
     * @throws IllegalArgumentException if {@code column} is blank
     * @throws IllegalStateException if {@link #unordered} was set
     */
    public Builder orderBy(String column) {
      Objects.requireNonNull(column, "order column must not be null");
      if (column.isBlank()) {
        throw new IllegalArgumentException("order column must not be blank: '" + column + "'");
      }
      if (unordered) {
        throw new IllegalStateException("orderBy must not follow unordered: " + column);
      }
      this.orderColumn = column;
      return this;
    }

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
      if (roles.containsValue(ReferenceProfile.CONFIDENCE)
          && !roles.containsValue(ReferenceProfile.PREDICTION)) {
        throw new IllegalStateException("confidence column requires a prediction column: "
            + ScoreRows.columnOf(roles, ReferenceProfile.CONFIDENCE));
      }
      return new SparkProfiles(this);
    }
  }
}
