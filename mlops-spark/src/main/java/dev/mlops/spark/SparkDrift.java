package dev.mlops.spark;

import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Judges a Spark {@code Dataset<Row>} against a stored {@link ReferenceProfile} as one window of a
 * {@link DriftMonitor}: the batch drift report of a table, or a day of logged requests (features,
 * prediction, label) judged like a live window. Each partition records its rows into its own
 * monitor, whose state ({@link DriftMonitor#snapshot()}: counts, quality counters, reservoir
 * samples, label pairs) is merged pairwise on the executors in partition order (the same
 * partitions give the same state); the driver
 * restores the merged state and closes the window. No row reaches the driver.
 *
 * <pre>{@code
 * DriftReport report = SparkDrift.builder(profile)
 *     .settings(b -> b.alpha(0.01))            // any DriftMonitor.Builder settings
 *     .predictionColumn("score").labelColumn("clicked")
 *     .build()
 *     .report(spark.table("requests").where("day = '2026-12-05'"));
 * }</pre>
 *
 * <p>The report equals the one a single monitor fed the same rows gives, exactly while each
 * feature's values fit its reservoir (default 10,000 per partition and in the union); beyond that
 * the sample tests use a uniform sample of the union (counts, bins and data quality stay exact).
 * Columns that are not profiled features count as unknown features, as in a monitor.
 *
 * <p>Immutable and thread-safe (the profile and settings are shipped to the executors).
 */
public final class SparkDrift implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Settings of the monitor that judges the window; serialisable so executors apply them too. */
  @FunctionalInterface
  public interface MonitorSettings extends Serializable {
    /**
     * Configures a monitor builder.
     *
     * @param builder the builder of a monitor of the profile
     * @return the configured builder
     */
    DriftMonitor.Builder apply(DriftMonitor.Builder builder);
  }

  private final byte[] profile;
  private final MonitorSettings settings;
  private final String predictionColumn;
  private final String predictionKind;
  private final String labelColumn;
  private final String requestIdColumn;

  private SparkDrift(Builder b) {
    this.profile = b.profile.toBytes();
    this.settings = b.settings;
    this.predictionColumn = b.predictionColumn;
    this.predictionKind = b.predictionKind;
    this.labelColumn = b.labelColumn;
    this.requestIdColumn = b.requestIdColumn;
  }

  /**
   * Starts a judge of datasets against a profile.
   *
   * @param profile the stored reference profile
   * @return a builder
   */
  public static Builder builder(ReferenceProfile profile) {
    return new Builder(Objects.requireNonNull(profile, "profile must not be null"));
  }

  /**
   * The drift report of a table against a profile with the monitor's default settings.
   *
   * @param profile the reference profile
   * @param data the current data
   * @return the report of the table as one window
   */
  public static DriftReport compare(ReferenceProfile profile, Dataset<Row> data) {
    return builder(profile).build().report(data);
  }

  /**
   * Judges a dataset as one monitor window.
   *
   * @param data the rows (profiled features, and the prediction, label and request id columns
   *     when configured)
   * @return the window's report
   * @throws IllegalArgumentException if a configured column is not in the dataset
   */
  public DriftReport report(Dataset<Row> data) {
    DriftMonitor m = monitor();
    m.restore(state(data));
    return m.closeWindow().orElseGet(() -> m.evaluate(m.newState())); // an empty dataset: a report of 0 rows
  }

  /**
   * The merged monitor state of a dataset, as {@link DriftMonitor#snapshot()} bytes: restore or
   * merge it into a live monitor of the same profile (for example to continue a window with the
   * traffic of a batch job).
   *
   * @param data the rows
   * @return the state of one monitor fed every row
   */
  public byte[] state(Dataset<Row> data) {
    Objects.requireNonNull(data, "data must not be null");
    String[] names = data.schema().fieldNames();
    int prediction = indexOf(names, predictionColumn, "prediction");
    int label = indexOf(names, labelColumn, "label");
    int requestId = indexOf(names, requestIdColumn, "request id");
    SparkDrift judge = this;
    Function2<byte[], byte[], byte[]> merge = (a, b) -> {
      DriftMonitor m = judge.monitor();
      m.restore(a);
      m.merge(b);
      return m.snapshot();
    };
    // in partition order, so that the same partitions give the same state
    return PartitionOrderMerge.reduce(data.javaRDD()
        .mapPartitionsWithIndex((Integer part, Iterator<Row> rows) -> List.of(
            judge.record(part, rows, names, prediction, label, requestId)).iterator(), false),
        merge);
  }

  private static int indexOf(String[] names, String column, String what) {
    if (column == null) {
      return -1;
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException(what + " column must be in the dataset: " + column);
  }

  /** A monitor whose window closes only when asked. */
  DriftMonitor monitor() {
    DriftMonitor.Builder b = DriftMonitor.builder(ReferenceProfile.fromBytes(profile));
    if (settings != null) {
      b = settings.apply(b);
    }
    return b.window(Window.tumblingCount(Long.MAX_VALUE)).concurrency(1).build();
  }

  /** Records one partition's rows into a fresh monitor and returns its state. */
  byte[] record(int partition, Iterator<Row> rows, String[] names, int prediction, int label,
      int requestId) {
    DriftMonitor m = monitor();
    List<Integer> featureColumns = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      if (i != prediction && i != label && i != requestId) {
        featureColumns.add(i);
      }
    }
    long n = 0;
    Map<String, Object> row = new HashMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      row.clear();
      for (int i : featureColumns) {
        row.put(names[i], r.get(i));
      }
      Prediction p = prediction < 0 || r.isNullAt(prediction) ? null
          : prediction(r.get(prediction));
      String id = null;
      if (label >= 0) {
        id = requestId >= 0 && !r.isNullAt(requestId) ? String.valueOf(r.get(requestId))
            : "spark-" + partition + "-" + n;
      }
      m.record(row, p, id);
      if (label >= 0 && p != null && !r.isNullAt(label)) {
        m.recordLabel(id, ((Number) r.get(label)).doubleValue());
      }
      n++;
    }
    return m.snapshot();
  }

  private Prediction prediction(Object v) {
    double d = ((Number) v).doubleValue();
    return switch (predictionKind) {
      case "class" -> Prediction.ofClass((int) d);
      case "probability" -> Prediction.ofProbabilities(new double[] {1 - d, d});
      default -> Prediction.ofValue(d);
    };
  }

  /** Settings of a {@link SparkDrift}. Not thread-safe. */
  public static final class Builder {

    private final ReferenceProfile profile;
    private MonitorSettings settings;
    private String predictionColumn;
    private String predictionKind = "value";
    private String labelColumn;
    private String requestIdColumn;

    private Builder(ReferenceProfile profile) {
      this.profile = profile;
    }

    /**
     * The monitor's settings (tests, thresholds, alpha, correction, reservoir size, ...); the
     * window is always the whole dataset.
     *
     * @param settings a serialisable function configuring a monitor builder
     * @return this builder
     */
    public Builder settings(MonitorSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings must not be null");
      return this;
    }

    /**
     * The column of the model's numeric prediction (a regression value).
     *
     * @param column the column name
     * @return this builder
     */
    public Builder predictionColumn(String column) {
      return prediction(column, "value");
    }

    /**
     * The column of the model's predicted class index.
     *
     * @param column the column name
     * @return this builder
     */
    public Builder classColumn(String column) {
      return prediction(column, "class");
    }

    /**
     * The column of a binary classifier's probability of class 1.
     *
     * @param column the column name
     * @return this builder
     */
    public Builder probabilityColumn(String column) {
      return prediction(column, "probability");
    }

    private Builder prediction(String column, String kind) {
      this.predictionColumn = Objects.requireNonNull(column, "column must not be null");
      this.predictionKind = kind;
      return this;
    }

    /**
     * The column of the labels (class index or true value), joined with each row's prediction.
     *
     * @param column the column name
     * @return this builder
     */
    public Builder labelColumn(String column) {
      this.labelColumn = Objects.requireNonNull(column, "column must not be null");
      return this;
    }

    /**
     * The column of request ids (otherwise rows are numbered per partition); not a feature.
     *
     * @param column the column name
     * @return this builder
     */
    public Builder requestIdColumn(String column) {
      this.requestIdColumn = Objects.requireNonNull(column, "column must not be null");
      return this;
    }

    /**
     * The immutable judge.
     *
     * @return the judge
     * @throws IllegalStateException if a label column is set without a prediction column
     */
    public SparkDrift build() {
      if (labelColumn != null && predictionColumn == null) {
        throw new IllegalStateException(
            "label column needs a prediction column to join with: " + labelColumn);
      }
      return new SparkDrift(this);
    }
  }
}
