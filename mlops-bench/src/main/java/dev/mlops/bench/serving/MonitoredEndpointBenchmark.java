package dev.mlops.bench.serving;

import dev.mlops.core.serving.Deployment;
import dev.mlops.core.serving.FieldViolation;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.ServableModel;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.type.StructType;
import smile.regression.RandomForest;

/**
 * The cost of serving through {@link ModelEndpoint} with monitoring, against calling Smile
 * directly, in the same run: a 100-tree random forest regression on 20 numeric features.
 *
 * <ul>
 *   <li>{@code bareSmile}: {@code forest.predict(tuple)} on a pre-built {@link Tuple} of a row.
 *   <li>{@code monitoredEndpoint}: {@code endpoint.predict(row)} on the same row as a
 *       {@code Map<String, Double>}: contract validation (presence, type, finiteness of the 20
 *       features), row-to-vector, the same Smile prediction, a generated request id, the
 *       {@link DriftMonitor} record (features, prediction, request id; windows of 10,000 rows
 *       closed on the recording thread, so their cost is included) and latency/count recording.
 * </ul>
 *
 * <p>Target (issue 8): the median of {@code monitoredEndpoint} at most 5% above {@code bareSmile}.
 * Mode.SampleTime gives percentiles. Run:
 * {@code java -jar mlops-bench/target/benchmarks.jar MonitoredEndpointBenchmark -f 1 -wi 3 -i 5 -w 2 -r 2}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MonitoredEndpointBenchmark {

  private static final int FEATURES = 20;
  private static final int ROWS = 1024;

  /** Number of trees. */
  @Param({"100"})
  public int trees;

  private RandomForest forest;
  private Tuple[] tuples;
  private List<Map<String, Object>> maps;
  private ModelEndpoint endpoint;
  private int next;

  /** Trains the forest on seeded synthetic data and builds the endpoint and its monitor. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    String[] names = new String[FEATURES + 1];
    for (int j = 0; j < FEATURES; j++) {
      names[j] = "f" + j;
    }
    names[FEATURES] = "y";
    int n = 2_000;
    double[][] train = new double[n][FEATURES + 1];
    for (double[] r : train) {
      double y = 0;
      for (int j = 0; j < FEATURES; j++) {
        r[j] = random.nextGaussian();
        y += (j % 3 == 0 ? 2.0 : 0.5) * r[j] + (j == 1 ? r[j] * r[0] : 0);
      }
      r[FEATURES] = y + random.nextGaussian();
    }
    DataFrame df = DataFrame.of(train, names);
    forest = RandomForest.fit(Formula.lhs("y"), df, trees, 6, 20, 500, 5, 1.0,
        IntStream.range(0, trees).asLongStream().map(i -> 1000 + i));
    StructField[] fields = new StructField[FEATURES];
    List<String> featureNames = new ArrayList<>();
    for (int j = 0; j < FEATURES; j++) {
      fields[j] = new StructField(names[j], DataTypes.DoubleType);
      featureNames.add(names[j]);
    }
    StructType schema = DataTypes.struct(fields);
    forest.formula().bind(schema);

    tuples = new Tuple[ROWS];
    maps = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      double[] x = new double[FEATURES];
      Map<String, Object> row = new HashMap<>();
      for (int j = 0; j < FEATURES; j++) {
        x[j] = random.nextGaussian();
        row.put(names[j], x[j]);
      }
      tuples[i] = Tuple.of(x, schema);
      maps.add(row);
    }
    ReferenceProfile.Builder profile = ReferenceProfile.builder();
    for (int j = 0; j < FEATURES; j++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = train[i][j];
      }
      profile.addColumn(names[j], column);
    }
    DriftMonitor monitor = DriftMonitor.builder(profile.build()).window(Window.tumblingCount(10_000)).build();
    ServableModel model = new SmileRowModel(forest, schema, featureNames);
    endpoint = ModelEndpoint.builder(Deployment.builder("bench", 1, model).monitor(monitor).build()).build();
  }

  /**
   * The baseline: Smile's own row-wise prediction on a pre-built tuple.
   *
   * @return the prediction
   */
  @Benchmark
  public double bareSmile() {
    return forest.predict(tuples[next++ & (ROWS - 1)]);
  }

  /**
   * The same prediction through the monitored endpoint.
   *
   * @return the prediction
   */
  @Benchmark
  public double monitoredEndpoint() {
    return endpoint.predict(maps.get(next++ & (ROWS - 1))).value();
  }

  /** A Smile forest served row by row on a schema bound once: what a TrainedModel does. */
  static final class SmileRowModel implements ServableModel {
    private final RandomForest forest;
    private final StructType schema;
    private final List<String> names;

    SmileRowModel(RandomForest forest, StructType schema, List<String> names) {
      this.forest = forest;
      this.schema = schema;
      this.names = List.copyOf(names);
    }

    @Override
    public List<String> featureNames() {
      return names;
    }

    @Override
    public boolean isClassifier() {
      return false;
    }

    @Override
    public List<FieldViolation> validate(Map<String, ?> row) {
      List<FieldViolation> out = null;
      for (String name : names) {
        Object v = row.get(name);
        if (!(v instanceof Number num) || !Double.isFinite(num.doubleValue())) {
          if (out == null) {
            out = new ArrayList<>();
          }
          out.add(new FieldViolation(name, "must be a finite number", v));
        }
      }
      return out == null ? List.of() : out;
    }

    @Override
    public double[] predictProba(Map<String, ?> row) {
      throw new UnsupportedOperationException("regressor");
    }

    @Override
    public double predict(Map<String, ?> row) {
      double[] x = new double[names.size()];
      for (int j = 0; j < x.length; j++) {
        x[j] = ((Number) row.get(names.get(j))).doubleValue();
      }
      return forest.predict(Tuple.of(x, schema));
    }
  }
}
