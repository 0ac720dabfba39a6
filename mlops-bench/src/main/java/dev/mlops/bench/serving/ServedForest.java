package dev.mlops.bench.serving;

import dev.mlops.bench.ServedSmileModel;
import dev.mlops.bench.SyntheticRegression;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
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
import java.util.concurrent.Executor;
import smile.data.Tuple;
import smile.data.type.DataTypes;
import smile.data.type.StructField;
import smile.data.type.StructType;
import smile.regression.RandomForest;

/**
 * The served model of the endpoint benchmarks: a random forest regression on 20 numeric features,
 * trained by the pipeline on 2,000 seeded synthetic rows, the same forest read back for bare Smile
 * calls, the served forest itself (the one the endpoint calls) with tuples on its bound schema, and
 * 1,024 seeded request rows as pre-built tuples, vectors and maps. Construction checks that every
 * bare call predicts what the model predicts. Not thread-safe (built once per trial).
 *
 * <p>The monitors' verdicts on this traffic are not false alarms: the request rows are drawn from
 * the reference's distribution, but a window of {@link #WINDOW} requests replays the same 1,024
 * rows about 10 times, so it holds 1,024 distinct values per feature and differs from the reference
 * as a 1,024-row sample does (the standard deviation of its mean is 1 / 32 of a reference standard
 * deviation, against 1 / 100 for 10,000 independent rows, which the thresholds are calibrated
 * for). With the default thresholds such a window flags {@code f7} (normed Wasserstein 0.1324
 * against 0.0909) and {@code f12} (scale) every time; 10,000 fresh draws from the same
 * distribution flag nothing (seeds 7-9; docs/benchmarks.md, "Tenth session: alarm"). The rows are
 * kept few so the benchmark's working set stays small; its monitor's verdicts are not measured.
 */
final class ServedForest {

  static final int FEATURES = 20;
  static final int ROWS = 1024;
  /** The monitors' count windows. */
  static final int WINDOW = 10_000;

  final String[] names;
  final ReferenceProfile reference;
  final TrainedRegressor model;
  /** The forest read from the model's registry part (its formula bound to {@link #schema}). */
  final RandomForest forest;
  final StructType schema;
  final Tuple[] tuples;
  final double[][] vectors;
  final List<Map<String, Object>> maps;
  /** The served model's own forest (not a copy) and tuples on its own bound schema. */
  final RandomForest servedForest;
  final StructType servedSchema;
  final Tuple[] servedTuples;

  ServedForest(int trees) {
    SplittableRandom random = new SplittableRandom(42);
    SyntheticRegression data = SyntheticRegression.draw(random, FEATURES, 2_000, 3);
    names = data.names();
    ReferenceProfile.Builder profile = ReferenceProfile.builder();
    for (int j = 0; j < FEATURES; j++) {
      profile.addColumn(names[j], data.columns()[j]);
    }
    TrainedModel trained = Pipeline.builder("bench")
        .source(data.table())
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
    model = (TrainedRegressor) TrainedModel.fromParts(parts, SafeDeserialization.filter());
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
    reference = profile.build();
    // The served forest itself, reached by reflection (the library never exposes it, so nobody can
    // rebind its formula): bare calls then run on the very trees, memory and compiled code the
    // endpoint uses, and tuples on the schema its formula is bound to.
    ServedSmileModel served = ServedSmileModel.of(model.fitted());
    servedForest = (RandomForest) served.model();
    servedSchema = served.schema();
    servedTuples = new Tuple[ROWS];
    for (int i = 0; i < ROWS; i++) {
      servedTuples[i] = Tuple.of(vectors[i], servedSchema);
      if (servedForest.predict(servedTuples[i]) != forest.predict(tuples[i])) {
        throw new IllegalStateException("the served forest must predict what the bare forest predicts: row " + i);
      }
    }
  }

  /**
   * A monitor of the reference with count windows of {@link #WINDOW} rows, evaluated on its own
   * daemon thread, or on {@code executor} when not null.
   */
  DriftMonitor monitor(Executor executor) {
    DriftMonitor.Builder b = DriftMonitor.builder(reference).window(Window.tumblingCount(WINDOW));
    if (executor != null) {
      b.executor(executor);
    }
    return b.build();
  }

  /** An endpoint serving the model, recording into {@code monitor} (with request ids when {@code labels}), or none. */
  ModelEndpoint endpoint(DriftMonitor monitor, boolean labels) {
    Deployment.Builder d = Deployment.builder("bench", 1, TrainedModels.servable(model));
    if (monitor != null) {
      d.monitor(monitor, labels);
    }
    return ModelEndpoint.builder(d.build()).build();
  }

  /** The model's feature names (the vector requests' names). */
  List<String> featureNames() {
    return model.featureNames();
  }

  /** Reads the map's 20 boxed values by name into a new vector (the endpoint's map decode). */
  double[] fromMap(Map<String, Object> row) {
    double[] x = new double[FEATURES];
    for (int j = 0; j < FEATURES; j++) {
      x[j] = ((Number) row.get(names[j])).doubleValue();
    }
    return x;
  }
}
