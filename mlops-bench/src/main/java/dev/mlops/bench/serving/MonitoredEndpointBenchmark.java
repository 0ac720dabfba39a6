package dev.mlops.bench.serving;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.registry.SafeDeserialization;
import dev.mlops.core.serving.Deployment;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.serving.TrainedModels;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import smile.data.Tuple;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.type.StructType;
import smile.regression.RandomForest;

/**
 * The cost of serving through a monitored {@link ModelEndpoint}, against calling Smile directly on
 * the same forest and the same rows, in the same run: a 100-tree random forest regression on 20
 * numeric features, trained by the pipeline (2,000 seeded synthetic rows).
 *
 * <ul>
 *   <li>{@code bareSmile} (baseline): Smile's own row-wise {@code forest.predict(tuple)} on a
 *       pre-built {@link Tuple} of the row; the forest is the pipeline model's own Smile part
 *       (deserialised from its {@code model.bin} part, so the trees are identical).
 *   <li>{@code trainedModel}: {@code TrainedModel.predict(row)} on the row as a {@code Map}: the
 *       fitted transforms (identity here), the vector and the same Smile prediction (for
 *       information: the model's own overhead, without the endpoint).
 *   <li>{@code monitoredEndpoint}: {@code endpoint.predict(row)}: DataContract validation of the
 *       20 features, the TrainedModel prediction, a generated request id, the {@link DriftMonitor}
 *       record (features, prediction, request id kept for a delayed label; windows of 10,000 rows
 *       closed on the recording thread, so their cost is included), counts and the latency
 *       histogram.
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
  private TrainedModel model;
  private Tuple[] tuples;
  private double[][] vectors;
  private StructType schema;
  private List<Map<String, Object>> maps;
  private ModelEndpoint endpoint;
  private ModelEndpoint unmonitored;
  private ModelEndpoint noLabels;
  private DriftMonitor monitor;
  private DriftMonitor bareMonitor;
  private long ids;
  private int next;

  /** Trains the forest through the pipeline and builds the endpoint and its monitor. */
  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    String[] names = new String[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      names[j] = "f" + j;
    }
    int n = 2_000;
    double[][] columns = new double[FEATURES][n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double v = 0;
      for (int j = 0; j < FEATURES; j++) {
        columns[j][i] = random.nextGaussian();
        v += (j % 3 == 0 ? 2.0 : 0.5) * columns[j][i];
      }
      y[i] = v + columns[1][i] * columns[0][i] + random.nextGaussian();
    }
    Table.Builder table = Table.builder();
    ReferenceProfile.Builder profile = ReferenceProfile.builder();
    for (int j = 0; j < FEATURES; j++) {
      table.numeric(names[j], columns[j]);
      profile.addColumn(names[j], columns[j]);
    }
    table.numeric("y", y);
    TrainedModel trained = Pipeline.builder("bench")
        .source(table.build())
        .target("y")
        .split(Split.random().testFraction(0.2))
        .train(Trainers.randomForestRegressor().trees(trees))
        .seed(42)
        .build()
        .run()
        .model();

    // Both the served model and the bare forest are read from the same registry parts, as the
    // loop serves them, so their trees are identical and laid out in memory the same way.
    Map<String, byte[]> parts = trained.toParts();
    model = TrainedModel.fromParts(parts, SafeDeserialization.filter());
    forest = SafeDeserialization.read(parts.get(TrainedModel.PART_MODEL), RandomForest.class);
    StructField[] fields = new StructField[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      fields[j] = new StructField(model.encodedFeatureNames().get(j), DataTypes.DoubleType);
    }
    schema = DataTypes.struct(fields);
    forest.formula().bind(schema);

    tuples = new Tuple[ROWS];
    vectors = new double[ROWS][];
    maps = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      double[] x = new double[FEATURES];
      Map<String, Object> row = new HashMap<>();
      for (int j = 0; j < FEATURES; j++) {
        x[j] = random.nextGaussian();
        row.put(names[j], x[j]);
      }
      tuples[i] = Tuple.of(x, schema);
      vectors[i] = x;
      maps.add(row);
      if (model.predict(row) != forest.predict(tuples[i])) {
        throw new IllegalStateException("the bare forest must predict what the model predicts: row " + i);
      }
    }
    ReferenceProfile reference = profile.build();
    monitor = DriftMonitor.builder(reference).window(Window.tumblingCount(10_000)).build();
    bareMonitor = DriftMonitor.builder(reference).window(Window.tumblingCount(10_000)).build();
    endpoint = ModelEndpoint.builder(
        Deployment.builder("bench", 1, TrainedModels.servable(model)).monitor(monitor).build()).build();
    DriftMonitor noLabelMonitor = DriftMonitor.builder(reference).window(Window.tumblingCount(10_000)).build();
    noLabels = ModelEndpoint.builder(Deployment.builder("bench", 1, TrainedModels.servable(model))
        .monitor(noLabelMonitor, false).build()).build();
    unmonitored = ModelEndpoint.builder(Deployment.builder("bench", 1, TrainedModels.servable(model)).build()).build();
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
   * Smile's row-wise prediction on a tuple built for the call (as a service building the tuple
   * from its request would).
   *
   * @return the prediction
   */
  @Benchmark
  public double bareSmileFreshTuple() {
    return forest.predict(Tuple.of(vectors[next++ & (ROWS - 1)], schema));
  }

  /**
   * The pipeline model on the encoded vector (its fast path: a tuple on its pre-bound schema and
   * the Smile prediction), for information.
   *
   * @return the prediction
   */
  @Benchmark
  public double encodedModel() {
    return model.predictEncoded(vectors[next++ & (ROWS - 1)]);
  }

  /**
   * The pipeline model on the row as a map, without the endpoint.
   *
   * @return the prediction
   */
  @Benchmark
  public double trainedModel() {
    return model.predict(maps.get(next++ & (ROWS - 1)));
  }

  /**
   * The monitored endpoint whose monitor does not keep request ids (no delayed-label join), for
   * information.
   *
   * @return the prediction
   */
  @Benchmark
  public double monitoredEndpointNoLabels() {
    return noLabels.predict(maps.get(next++ & (ROWS - 1))).value();
  }

  /**
   * The monitor alone: {@code record(row, prediction, requestId)} with a fresh request id, for
   * information (the part of the endpoint's overhead that is the DriftMonitor's).
   *
   * @return the recorded value
   */
  @Benchmark
  public double monitorRecord() {
    Map<String, Object> row = maps.get(next++ & (ROWS - 1));
    bareMonitor.record(row, dev.mlops.drift.monitor.Prediction.ofValue(1.0), "id-" + ++ids);
    return ids;
  }

  /**
   * The monitor alone without a request id (no pending prediction kept), for information.
   *
   * @return a value
   */
  @Benchmark
  public double monitorRecordNoId() {
    Map<String, Object> row = maps.get(next++ & (ROWS - 1));
    bareMonitor.record(row, dev.mlops.drift.monitor.Prediction.ofValue(1.0), null);
    return next;
  }

  /**
   * The endpoint without a monitor (contract validation, prediction, request id, counts,
   * latency), for information: separates the endpoint's cost from the monitor's.
   *
   * @return the prediction
   */
  @Benchmark
  public double unmonitoredEndpoint() {
    return unmonitored.predict(maps.get(next++ & (ROWS - 1))).value();
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
}
