package dev.mlops.drift.monitor;

import dev.mlops.drift.internal.QuantileSketch;
import dev.mlops.drift.internal.Reservoir;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compares a whole table with a stored {@link ReferenceProfile} in one call: "is today's data
 * like the training data?". The table is judged exactly as one window of a {@link DriftMonitor}
 * built with the same settings would judge it (the same statistics, thresholds, correction,
 * decision rule, data-quality findings and report), but it is read column by column, with the
 * features summarised in parallel on all cores.
 *
 * <pre>{@code
 * ReferenceProfile profile = ReferenceProfile.readFrom(Path.of("reference-profile.bin"));
 * DriftReport report = BatchComparison.of(profile)
 *     .compare(Map.of("temp", temperatures, "season", seasons));   // double[] / String[] columns
 * // or with the settings of a monitor:
 * BatchComparison.of(DriftMonitor.builder(profile).alpha(0.01).featureTest("temp", DriftStatistic.PSI))
 *     .compareRows(rows);
 * }</pre>
 *
 * <p>What a window of the monitor fed the same rows in the same order on one thread would report,
 * value for value (the reservoirs draw the same samples): the per-feature bins and data-quality
 * counters are exact, the sample tests use the monitor's reservoir of {@code reservoirSize}
 * values per feature. A {@link ReferenceProfile#PREDICTION} column of numbers is compared with
 * the profile's prediction. Not computed in batch: multivariate drift (the report's {@code
 * multivariate} is null), realised performance (no labels are joined) and label drift.
 *
 * <p>Immutable and thread-safe: one instance may compare many tables, concurrently.
 */
public final class BatchComparison {

  /** Values read per block before they are offered to a reservoir and a sketch. */
  private static final int BLOCK = 4096;

  private final MonitorConfig config;
  private final Schema schema;
  private final int parallelism;
  /** Shared by every comparison: it caches the calibrated thresholds by window size. */
  private final WindowEvaluator evaluator;

  private BatchComparison(MonitorConfig config, Schema schema, int parallelism,
      WindowEvaluator evaluator) {
    this.config = config;
    this.schema = schema;
    this.parallelism = parallelism;
    this.evaluator = evaluator;
  }

  /**
   * A comparison with the monitor's default settings.
   *
   * @param profile the stored reference profile
   * @return the comparison, using all available processors
   * @throws IllegalArgumentException if the profile has no feature
   */
  public static BatchComparison of(ReferenceProfile profile) {
    return of(DriftMonitor.builder(Objects.requireNonNull(profile, "profile must not be null")));
  }

  /**
   * A comparison with the decision settings of a monitor builder (tests and thresholds per
   * feature, alpha, correction, decision rule, drift share, data-quality thresholds, reservoir
   * size, seed, quantile sketch). Window, clock, listeners and alerting settings play no part.
   *
   * @param settings a configured monitor builder (not modified)
   * @return the comparison, using all available processors
   * @throws IllegalArgumentException as {@link DriftMonitor.Builder#build()} does
   */
  public static BatchComparison of(DriftMonitor.Builder settings) {
    DriftMonitor m = Objects.requireNonNull(settings, "settings must not be null").build();
    MonitorStates st = m.states();
    return new BatchComparison(st.config(), st.schema(), Runtime.getRuntime().availableProcessors(),
        new WindowEvaluator(st.config(), st.schema(), null, m.profile(), st.chances()));
  }

  /**
   * The number of threads summarising features at once.
   *
   * @param threads at least 1 (default: the available processors)
   * @return a comparison with that parallelism
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public BatchComparison parallelism(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + threads);
    }
    return new BatchComparison(config, schema, threads, evaluator);
  }

  /**
   * The monitored feature names, in the order of the report.
   *
   * @return the feature names
   */
  public List<String> featureNames() {
    List<String> out = new ArrayList<>();
    for (FeatureSpec f : schema.features) {
      out.add(f.name);
    }
    return out;
  }

  /**
   * Compares a table given as columns of equal length. A column is a {@code double[]} (numeric
   * values, NaN missing; for a categorical feature, numbers naming its categories) or an {@code
   * Object[]} ({@code String}, {@code Number}, {@code Boolean} or {@code null} values, as {@link
   * DriftMonitor#record(Map, Prediction, String)} takes them). A profiled feature without a column
   * is absent from every row; a column that is not a profiled feature counts as an unknown
   * feature in every row.
   *
   * @param columns feature name to column
   * @return the report of the table (window 1)
   * @throws IllegalArgumentException if the columns differ in length or a column is neither a
   *     {@code double[]} nor an {@code Object[]} (naming the column)
   */
  public DriftReport compare(Map<String, ?> columns) {
    Objects.requireNonNull(columns, "columns must not be null");
    long startMillis = System.currentTimeMillis();
    int rows = -1;
    for (Map.Entry<String, ?> e : columns.entrySet()) {
      int len = lengthOf(e.getKey(), e.getValue());
      if (rows >= 0 && len != rows) {
        throw new IllegalArgumentException("columns must have equal lengths: column '"
            + e.getKey() + "' has " + len + " values, others " + rows);
      }
      rows = len;
    }
    rows = Math.max(rows, 0);
    WindowState ws = newState();
    ws.rows = rows;
    for (String name : columns.keySet()) {
      if (!schema.index.containsKey(name) && !ReferenceProfile.PREDICTION.equals(name)) {
        ws.unknown.offer(name, rows);
      }
    }
    if (rows > 0 && hasUnknown(columns)) {
      ws.rowsWithUnknown = rows;
    }
    final int n = rows;
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < schema.features.length; i++) {
      final int feature = i;
      final Object column = columns.get(schema.features[i].name);
      tasks.add(() -> summarise(ws, feature, column, n));
    }
    Object prediction = columns.get(ReferenceProfile.PREDICTION);
    if (prediction != null) {
      ws.predictions = rows;
      tasks.add(() -> summarisePrediction(ws, prediction));
    }
    run(tasks);
    return report(ws, startMillis);
  }

  /**
   * Compares a table given as rows (feature name to value, as {@link
   * DriftMonitor#record(Map, Prediction, String)} takes them): read into columns, then compared as
   * by {@link #compare(Map)}, with absent features and unknown names counted per row.
   *
   * @param rows the rows
   * @return the report of the table (window 1)
   */
  public DriftReport compareRows(List<? extends Map<String, ?>> rows) {
    Objects.requireNonNull(rows, "rows must not be null");
    long startMillis = System.currentTimeMillis();
    int n = rows.size();
    FeatureSpec[] fs = schema.features;
    Object[][] cols = new Object[fs.length][n];
    long[] absent = new long[fs.length];
    WindowState ws = newState();
    ws.rows = n;
    for (int r = 0; r < n; r++) {
      Map<String, ?> row = rows.get(r);
      if (row == null) {
        row = Map.of();
      }
      int present = 0;
      for (int i = 0; i < fs.length; i++) {
        Object v = row.get(fs[i].name);
        cols[i][r] = v;
        if (v != null || row.containsKey(fs[i].name)) {
          present++;
        } else {
          absent[i]++;
        }
      }
      if (present < row.size()) {
        ws.rowsWithUnknown++;
        for (Object key : row.keySet()) {
          if (key == null || !schema.index.containsKey(key)) {
            ws.unknown.offer(String.valueOf(key), 1);
          }
        }
      }
    }
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < fs.length; i++) {
      final int feature = i;
      tasks.add(() -> {
        summarise(ws, feature, cols[feature], n);
        ws.quality[feature * Schema.QUALITY + Schema.ABSENT] += absent[feature];
      });
    }
    run(tasks);
    return report(ws, startMillis);
  }

  private WindowState newState() {
    // the seed of a monitor's first window: the same rows give the same reservoir samples
    return new WindowState(schema, config.reservoirSize(), 0, WindowState.mix(config.seed(), 0),
        config.sketchK());
  }

  private boolean hasUnknown(Map<String, ?> columns) {
    for (String name : columns.keySet()) {
      if (!schema.index.containsKey(name) && !ReferenceProfile.PREDICTION.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static int lengthOf(String name, Object column) {
    if (column instanceof double[] d) {
      return d.length;
    }
    if (column instanceof Object[] o) {
      return o.length;
    }
    throw new IllegalArgumentException("column '" + name + "' must be a double[] or an Object[]: "
        + (column == null ? "null" : column.getClass().getSimpleName()));
  }

  private DriftReport report(WindowState ws, long startMillis) {
    WindowEvaluator.Partial p = evaluator.evaluate(ws, null);
    long end = System.currentTimeMillis();
    return evaluator.report(1, end, p, p.drifted(), p.drifted() ? 1 : 0, false, ws.rows,
        startMillis, null, null);
  }

  private void run(List<Runnable> tasks) {
    int threads = Math.min(parallelism, tasks.size());
    if (threads <= 1) {
      tasks.forEach(Runnable::run);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "mlops-batch-comparison");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable t : tasks) {
        futures.add(pool.submit(t));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("batch comparison was interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ one feature

  private void summarise(WindowState ws, int i, Object column, int rows) {
    FeatureSpec f = schema.features[i];
    int qo = i * Schema.QUALITY;
    if (column == null) {
      ws.quality[qo + Schema.ABSENT] += rows;
      ws.quality[qo + Schema.MISSING] += rows;
      return;
    }
    if (f.numeric) {
      double[] x = column instanceof double[] d ? d : numbers(ws, qo, (Object[]) column);
      numeric(ws, i, f, x);
    } else if (column instanceof double[] d) {
      for (double v : d) {
        if (v != v) {
          ws.quality[qo + Schema.MISSING]++;
        } else {
          count(ws, i, f, f.categoryOf(v), v);
        }
      }
    } else {
      for (Object v : (Object[]) column) {
        categorical(ws, i, f, v);
      }
    }
  }

  /** Numbers of an Object column; wrong types read as missing (and counted when qo >= 0). */
  private static double[] numbers(WindowState ws, int qo, Object[] column) {
    double[] x = new double[column.length];
    for (int r = 0; r < column.length; r++) {
      Object v = column[r];
      if (v instanceof Number n) {
        x[r] = n.doubleValue();
      } else if (v instanceof Boolean b) {
        x[r] = b ? 1.0 : 0.0;
      } else {
        if (v != null && qo >= 0) {
          ws.quality[qo + Schema.WRONG_TYPE]++;
        }
        x[r] = Double.NaN;
      }
    }
    return x;
  }

  private void numeric(WindowState ws, int i, FeatureSpec f, double[] x) {
    int qo = i * Schema.QUALITY;
    long[] counts = ws.counts;
    int so = f.slotOffset;
    double min = f.referenceMin;
    double max = f.referenceMax;
    Reservoir reservoir = ws.reservoirs[f.numericSlot];
    QuantileSketch sketch = ws.sketches == null ? null : ws.sketches[f.numericSlot];
    long missing = 0;
    long nonFinite = 0;
    long outside = 0;
    double[] block = new double[Math.min(BLOCK, Math.max(1, x.length))];
    for (int start = 0; start < x.length; start += BLOCK) {
      int end = Math.min(x.length, start + BLOCK);
      int k = 0;
      for (int r = start; r < end; r++) {
        double v = x[r];
        if (v - v == 0) {
          block[k++] = v;
          counts[so + f.binIndex(v)]++;
          outside += v < min || v > max ? 1 : 0;
        } else if (v != v) {
          missing++;
        } else {
          nonFinite++;
        }
      }
      reservoir.offerColumn(block, 0, 1, k);
      if (sketch != null && k > 0) {
        sketch.update(block, 0, k);
      }
    }
    ws.quality[qo + Schema.MISSING] += missing;
    ws.quality[qo + Schema.NON_FINITE] += nonFinite;
    ws.quality[qo + Schema.OUT_OF_RANGE] += outside;
  }

  private void categorical(WindowState ws, int i, FeatureSpec f, Object v) {
    int qo = i * Schema.QUALITY;
    int k = v == null ? FeatureSpec.MISSING_VALUE : f.categoryOfValue(v);
    if (k == FeatureSpec.MISSING_VALUE) {
      ws.quality[qo + Schema.MISSING]++;
    } else if (k == FeatureSpec.WRONG_TYPE_VALUE) {
      ws.quality[qo + Schema.WRONG_TYPE]++;
      ws.quality[qo + Schema.MISSING]++;
    } else {
      count(ws, i, f, k, v);
    }
  }

  private static void count(WindowState ws, int i, FeatureSpec f, int k, Object v) {
    if (k >= 0) {
      ws.counts[f.slotOffset + k]++;
    } else {
      ws.counts[f.slotOffset + f.slots() - 1]++;
      ws.quality[i * Schema.QUALITY + Schema.UNSEEN]++;
      ws.unseen[i].offer(v instanceof Enum<?> e ? e.name() : String.valueOf(v), 1);
    }
  }

  private void summarisePrediction(WindowState ws, Object column) {
    FeatureSpec pn = schema.predictionNumeric;
    double[] x = column instanceof double[] d ? d : numbers(ws, -1, (Object[]) column);
    Reservoir reservoir = ws.reservoirs[schema.numeric];
    long nonFinite = 0;
    for (double v : x) {
      if (Double.isFinite(v)) {
        ws.counts[pn.slotOffset + pn.binIndex(v)]++;
        reservoir.offer(v);
      } else {
        nonFinite++;
      }
    }
    ws.nonFinitePredictions = nonFinite;
  }
}
