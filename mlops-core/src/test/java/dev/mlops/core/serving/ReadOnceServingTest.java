package dev.mlops.core.serving;

import static dev.mlops.core.transform.ColumnSelector.numeric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.transform.Transforms;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's read-once paths give what reading the row by name gives: a map row whose values
 * are read once for validation, prediction and the monitor; a row of numbers (a map of numbers, or
 * names and a vector) served without a map; and the monitor fed the values it would have read.
 */
final class ReadOnceServingTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

  private static TrainedRegressor numericModel;
  private static TrainedRegressor mixedModel;

  @BeforeAll
  static void train() {
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 300;
    double[] a = new double[n];
    double[] b = new double[n];
    double[] c = new double[n];
    String[] colour = new String[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextDouble();
      b[i] = rnd.nextDouble() * 10;
      c[i] = rnd.nextInt(5);
      colour[i] = rnd.nextBoolean() ? "red" : "blue";
      y[i] = 3 * a[i] - 0.2 * b[i] + c[i] + (colour[i].equals("red") ? 1 : 0) + 0.1 * rnd.nextDouble();
    }
    numericModel = forestOn(
        "numeric", Table.builder().numeric("a", a).numeric("b", b).numeric("c", c).numeric("y", y).build(),
        t -> t.standardize(numeric()));
    mixedModel = forestOn(
        "mixed", Table.builder().numeric("a", a).numeric("b", b).categorical("colour", colour).numeric("y", y).build(),
        t -> t.oneHot("colour"));
  }

  /** A small seeded random forest on a table's y, behind the given transforms. */
  private static TrainedRegressor forestOn(String name, Table data, UnaryOperator<Transforms> transforms) {
    return (TrainedRegressor) Pipeline.builder(name)
        .source(data)
        .target("y")
        .transform(transforms)
        .split(Split.random().testFraction(0.2))
        .train(Trainers.randomForestRegressor().trees(5).threads(1))
        .seed(3)
        .build()
        .run()
        .model();
  }

  /** An endpoint serving the model as version 1 of "m", recording into the monitor when not null. */
  private static ModelEndpoint endpoint(TrainedModel model, DriftMonitor monitor) {
    Deployment.Builder deployment = Deployment.builder("m", 1, TrainedModels.servable(model));
    if (monitor != null) {
      deployment.monitor(monitor);
    }
    return ModelEndpoint.builder(deployment.build()).build();
  }

  private static DriftMonitor monitor(TrainedModel model) {
    return DriftMonitor.builder(model.profile()).window(Window.tumblingCount(1_000_000)).clock(CLOCK).seed(9).build();
  }

  private static List<double[]> rows(int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new double[] {rnd.nextDouble(), rnd.nextDouble() * 10, rnd.nextInt(5)});
    }
    return out;
  }

  private static Map<String, Object> map(double[] x) {
    Map<String, Object> row = new HashMap<>();
    row.put("a", x[0]);
    row.put("b", x[1]);
    row.put("c", x[2]);
    return row;
  }

  @Test
  void aRequestMissingSeveralFeatures_namesEveryOne_singleAndInABatch() {
    ModelEndpoint endpoint = ModelEndpoint.builder(Deployment.builder("m", 1, numericModel).build()).build();

    assertThatThrownBy(() -> endpoint.predict(Map.of("a", 0.3)))
        .isInstanceOfSatisfying(InvalidRowException.class,
            e -> assertThat(e.fields()).containsExactly("b", "c"))
        .hasMessage("request row violates the model's data contract: b must not be missing (add an impute step to"
            + " the pipeline to allow it): null; c must not be missing (add an impute step to the pipeline to allow"
            + " it): null");
    assertThatThrownBy(() -> endpoint.predictBatch(List.of("r1"), List.of(Map.of("b", 1.0))))
        .isInstanceOfSatisfying(InvalidRowException.class,
            e -> assertThat(e.fields()).containsExactly("a", "c"));
    assertThat(endpoint.stats().invalid()).isEqualTo(2);
  }

  @Test
  void aBatchTableMissingSeveralColumns_namesEveryOne() {
    Table onlyA = Table.builder().numeric("a", new double[] {0.1, 0.2}).build();

    assertThatThrownBy(() -> numericModel.transforms().apply(onlyA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("columns must exist in the table: 'b', 'c' (columns: [a])");
  }

  @Test
  void aBatchRowMissingSeveralValues_namesEveryFeature() {
    Table missing = Table.builder().numeric("a", new double[] {0.1, Double.NaN})
        .numeric("b", new double[] {1, Double.NaN}).numeric("c", new double[] {2, Double.NaN}).build();

    assertThatThrownBy(() -> numericModel.transforms().apply(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 1: features 'a', 'b', 'c' must not be missing after the transforms (add an impute step): NaN");
  }

  @Test
  void vectorAndMapRequests_predictWhatTheModelPredicts_andFeedTheMonitorAlike() {
    DriftMonitor byVector = monitor(numericModel);
    DriftMonitor byMap = monitor(numericModel);
    DriftMonitor direct = monitor(numericModel);
    ModelEndpoint vectors = endpoint(numericModel, byVector);
    ModelEndpoint maps = endpoint(numericModel, byMap);
    List<String> names = vectors.champion().model().featureNames();
    assertThat(names).containsExactly("a", "b", "c");
    // a map of numbers is served as the vector of its numbers
    assertThat(vectors.champion().model().numbers(map(new double[] {0.1, 2, 3}))).containsExactly(0.1, 2, 3);

    int i = 0;
    for (double[] x : rows(200, 11)) {
      double expected = numericModel.predict(map(x));
      PredictionResult v = vectors.predict("r" + i, names, x);
      PredictionResult m = maps.predict("r" + i, map(x));
      assertThat(v.value()).isEqualTo(expected);
      assertThat(m.value()).isEqualTo(expected);
      direct.record(map(x), Prediction.ofValue(expected), "r" + i);
      i++;
    }

    assertThat(byVector.pendingLabels()).isEqualTo(200);
    assertThat(byMap.pendingLabels()).isEqualTo(200);
    // a label right after its prediction joins (the prediction is not lost in a buffer)
    assertThat(byVector.recordLabel("r199", 1.0)).isTrue();
    assertThat(byMap.recordLabel("r199", 1.0)).isTrue();
    assertThat(direct.recordLabel("r199", 1.0)).isTrue();
    String expected = direct.closeWindow().orElseThrow().toJson();
    assertThat(byVector.closeWindow().orElseThrow().toJson()).isEqualTo(expected);
    assertThat(byMap.closeWindow().orElseThrow().toJson()).isEqualTo(expected);
    assertThat(vectors.stats().predictions()).isEqualTo(200);
    assertThat(maps.stats().predictions()).isEqualTo(200);
  }

  @Test
  void mapRowsOfOtherShapes_areReadByName_likeTheMonitorReadsThem() {
    DriftMonitor served = monitor(numericModel);
    DriftMonitor direct = monitor(numericModel);
    ModelEndpoint endpoint = endpoint(numericModel, served);
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Object> integers = new LinkedHashMap<>();
    integers.put("a", 0);
    integers.put("b", 3);
    integers.put("c", 2L);
    rows.add(integers);
    Map<String, Object> extraKey = map(new double[] {0.5, 5, 1});
    extraKey.put("unknown", "value");
    rows.add(extraKey);
    Map<String, Object> floats = new HashMap<>();
    floats.put("a", 0.25f);
    floats.put("b", 7.5f);
    floats.put("c", 4);
    rows.add(floats);

    int i = 0;
    for (Map<String, Object> row : rows) {
      double expected = numericModel.predict(row);
      assertThat(endpoint.predict("q" + i, row).value()).as("row %s", row).isEqualTo(expected);
      direct.record(row, Prediction.ofValue(expected), "q" + i);
      i++;
    }

    DriftReport report = served.closeWindow().orElseThrow();
    assertThat(report.toJson()).isEqualTo(direct.closeWindow().orElseThrow().toJson());
    assertThat(report.toJson()).contains("unknown");
  }

  @Test
  void trainedModel_isDeployedAsItIs_withItsContract() {
    ModelEndpoint direct = ModelEndpoint.builder(Deployment.builder("m", 1, mixedModel).build()).build();
    Map<String, Object> row = Map.of("a", 0.3, "b", 4.0, "colour", "red");

    assertThat(direct.predict(row).value()).isEqualTo(mixedModel.predict(row));
    assertThat(direct.champion().model().featureNames()).isEqualTo(mixedModel.featureNames());
    assertThatThrownBy(() -> direct.predict(Map.of("a", 0.3, "b", Double.NaN, "colour", "red")))
        .isInstanceOf(InvalidRowException.class).hasMessageContaining("b");
    assertThat(direct.stats().invalid()).isEqualTo(1);
  }

  @Test
  void namesInAnotherOrder_areReadByName() {
    ModelEndpoint endpoint = endpoint(numericModel, null);
    double[] x = {0.3, 4.0, 2.0};

    PredictionResult r = endpoint.predict(List.of("c", "a", "b"), new double[] {x[2], x[0], x[1]});

    assertThat(r.value()).isEqualTo(numericModel.predict(map(x)));
  }

  @Test
  void vectorBreakingTheContract_isRefused_namingTheFieldAsTheMapRequestIs() {
    ModelEndpoint endpoint = endpoint(numericModel, null);
    List<String> names = endpoint.champion().model().featureNames();

    // a missing value and an infinite one break the inferred contract (FAIL policies)
    for (double[] bad : List.of(new double[] {Double.NaN, 1, 1}, new double[] {0.5, Double.POSITIVE_INFINITY, 1},
        new double[] {0.5, 1, Double.NEGATIVE_INFINITY})) {
      InvalidRowException fromVector = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> endpoint.predict(names, bad), InvalidRowException.class);
      Map<String, Object> row = map(bad);
      InvalidRowException fromMap = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> endpoint.predict(row), InvalidRowException.class);
      assertThat(fromVector).as("vector %s", java.util.Arrays.toString(bad)).isNotNull();
      assertThat(fromMap).isNotNull();
      assertThat(fromVector.violations()).extracting(FieldViolation::field)
          .isEqualTo(fromMap.violations().stream().map(FieldViolation::field).toList())
          .hasSize(1);
      assertThat(fromVector.violations()).extracting(FieldViolation::rule)
          .isEqualTo(fromMap.violations().stream().map(FieldViolation::rule).toList());
    }
    // out of the training range only warns (the inferred contract's default): served on both paths
    double[] far = {0.5, 1e9, 1};
    assertThat(endpoint.predict(names, far).value()).isEqualTo(endpoint.predict(map(far)).value());
    assertThat(endpoint.stats().invalid()).isEqualTo(6);
    assertThat(endpoint.stats().predictions()).isEqualTo(2);
  }

  @Test
  void vectorOfTheWrongLength_isAnArgumentError() {
    ModelEndpoint endpoint = endpoint(numericModel, null);

    assertThatThrownBy(() -> endpoint.predict(List.of("a", "b", "c"), new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("values must hold one value per feature name (3): 2");
  }

  @Test
  void modelWithACategoricalInput_servesMapsByName_andVectorsAsNumbersInAMap() {
    DriftMonitor served = monitor(mixedModel);
    DriftMonitor direct = monitor(mixedModel);
    ModelEndpoint endpoint = endpoint(mixedModel, served);
    SplittableRandom rnd = new SplittableRandom(4);
    for (int i = 0; i < 50; i++) {
      Map<String, Object> row = new HashMap<>();
      row.put("a", rnd.nextDouble());
      row.put("b", rnd.nextDouble() * 10);
      row.put("colour", rnd.nextBoolean() ? "red" : "blue");
      double expected = mixedModel.predict(row);
      assertThat(endpoint.predict("k" + i, row).value()).isEqualTo(expected);
      direct.record(row, Prediction.ofValue(expected), "k" + i);
    }
    assertThat(served.closeWindow().orElseThrow().toJson()).isEqualTo(direct.closeWindow().orElseThrow().toJson());

    // a vector's number for a categorical feature names a category, as a Number in a map does
    // (here "1": unseen, which the inferred contract and the one-hot encoding let through)
    List<String> names = endpoint.champion().model().featureNames();
    assertThat(names).containsExactly("a", "b", "colour");
    assertThat(mixedModel.contract().fields()).isNotEmpty();
    Map<String, Object> row = new HashMap<>();
    row.put("a", 0.5);
    row.put("b", 5.0);
    row.put("colour", 1.0);
    assertThat(endpoint.predict(names, new double[] {0.5, 5, 1}).value()).isEqualTo(mixedModel.predict(row));
  }

  @Test
  void listenersOfAVectorRequest_seeTheRowAsAMap_thatOutlivesTheCallersArray() {
    List<Map<String, ?>> seen = new ArrayList<>();
    ModelEndpoint endpoint = ModelEndpoint.builder(
        Deployment.builder("m", 1, TrainedModels.servable(numericModel)).listener((row, r) -> seen.add(row)).build())
        .listener((row, r) -> seen.add(row))
        .build();
    double[] x = {0.1, 2.0, 3.0};

    endpoint.predict(List.of("a", "b", "c"), x);
    x[0] = 99;

    assertThat(seen).hasSize(2);
    for (Map<String, ?> row : seen) {
      assertThat(new LinkedHashMap<String, Object>(row)).containsExactly(
          Map.entry("a", 0.1), Map.entry("b", 2.0), Map.entry("c", 3.0));
      assertThat(row.get("a")).isEqualTo(0.1);
      assertThat(row.get("missing")).isNull();
    }
  }
}
