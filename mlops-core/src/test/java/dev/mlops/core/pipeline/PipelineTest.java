package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.core.data.Source;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.registry.SafeDeserialization;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.transform.ColumnSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

final class PipelineTest {

  private static Pipeline regression(Table data, long seed) {
    return Pipeline.builder("synthetic-regression")
        .source(data)
        .target("y")
        .exclude("label")
        .transform(t -> t.oneHot("colour").standardize(ColumnSelector.numeric()))
        .split(Split.random().testFraction(0.25))
        .train(Trainers.randomForestRegressor().trees(10).mtry(3))
        .seed(seed)
        .build();
  }

  @Test
  void run_producesModelThatPredictsRawRows() {
    PipelineRun run = regression(TestData.mixed(300, 1), 7).run();

    assertThat(run.model()).isInstanceOf(TrainedRegressor.class);
    TrainedRegressor model = (TrainedRegressor) run.model();
    assertThat(model.featureNames()).containsExactly("x1", "x2", "colour");
    assertThat(model.encodedFeatureNames())
        .containsExactly("x1", "x2", "colour=blue", "colour=green", "colour=red");
    // y = 3 x1 - 2 x2 + 1[red]: high x1, low x2, red is far above low x1, high x2, blue.
    double high = model.predict(Map.of("x1", 0.9, "x2", 0.1, "colour", "red"));
    double low = model.predict(Map.of("x1", 0.1, "x2", 0.9, "colour", "blue"));
    // True values 3.5 and -1.5; a 10-tree forest on 225 rows is coarse, so only the ordering and a
    // clear gap are asserted.
    assertThat(high - low).isGreaterThan(2.5);
    assertThat(run.stages()).extracting(StageReport::stage)
        .containsSubsequence(Stage.READ, Stage.VALIDATE, Stage.SPLIT, Stage.TRANSFORM, Stage.TRAIN, Stage.GATE);
  }

  @Test
  void retraining_onNewData_comparesAgainstTheChampionPassedIn() {
    Pipeline pipeline = regression(TestData.mixed(300, 1), 7);
    PipelineRun first = pipeline.run();

    // The continuous-training loop's call: same definition, new rows, the serving model as champion.
    PipelineRun retrain = pipeline.run(
        RunOptions.champion(first.model()).withSource(Source.of(TestData.mixed(300, 2))));

    assertThat(retrain.gate().championCompared()).isTrue();
    assertThat(retrain.gate().checks()).anySatisfy(c -> assertThat(c.name()).isEqualTo("threshold rmse vs champion"));
    assertThat(retrain.provenance().dataFingerprint()).isNotEqualTo(first.provenance().dataFingerprint());
    assertThat(retrain.provenance().definitionFingerprint()).isEqualTo(first.provenance().definitionFingerprint());
    assertThat(retrain.model().metadata().get("run_id")).isEqualTo(retrain.runId()).isNotEqualTo(first.runId());
  }

  @Test
  void sameDataDefinitionAndSeed_giveIdenticalPredictions() {
    Table data = TestData.mixed(300, 2);
    TrainedRegressor a = (TrainedRegressor) regression(data, 11).run().model();
    TrainedRegressor b = (TrainedRegressor) regression(data, 11).run().model();
    TrainedRegressor c = (TrainedRegressor) regression(data, 12).run().model();
    Table probe = TestData.mixed(50, 99);
    double[] pa = new double[50];
    double[] pb = new double[50];
    double[] pc = new double[50];
    for (int i = 0; i < 50; i++) {
      pa[i] = a.predict(probe.row(i));
      pb[i] = b.predict(probe.row(i));
      pc[i] = c.predict(probe.row(i));
    }
    assertThat(pb).containsExactly(pa);
    assertThat(pc).isNotEqualTo(pa);
  }

  @Test
  void randomForest_givesTheSameModel_whateverTheNumberOfThreads() {
    Table data = TestData.mixed(300, 8);
    Table probe = TestData.mixed(40, 9);
    for (var trainer : List.of(Trainers.randomForestRegressor().trees(12).mtry(1))) {
      TrainedRegressor one = (TrainedRegressor) regressionWith(data, trainer.threads(1)).run().model();
      TrainedRegressor four = (TrainedRegressor) regressionWith(data, trainer.threads(4)).run().model();
      for (int i = 0; i < 40; i++) {
        assertThat(four.predict(probe.row(i))).isEqualTo(one.predict(probe.row(i)));
      }
    }
  }

  private static Pipeline regressionWith(Table data, dev.mlops.core.train.Trainer trainer) {
    return Pipeline.builder("threads").source(data).target("y").exclude("label")
        .transform(t -> t.oneHot("colour")).train(trainer).seed(3).build();
  }

  @Test
  void modelParts_roundTripThroughTheRegistryFilter_withIdenticalPredictions() {
    TrainedRegressor model = (TrainedRegressor) regression(TestData.mixed(200, 3), 5).run().model();

    TrainedRegressor loaded = (TrainedRegressor) TrainedModel.fromParts(model.toParts(), SafeDeserialization.filter());

    Table probe = TestData.mixed(30, 4);
    for (int i = 0; i < 30; i++) {
      assertThat(loaded.predict(probe.row(i))).isEqualTo(model.predict(probe.row(i)));
    }
    assertThat(loaded.contract()).isEqualTo(model.contract());
    assertThat(loaded.metadata()).isEqualTo(model.metadata());
  }

  @Test
  void modelPart_isRefused_whenTheFilterRejectsSmileClasses() {
    TrainedModel model = regression(TestData.mixed(200, 3), 5).run().model();
    java.io.ObjectInputFilter rejectSmile = info ->
        info.serialClass() != null && info.serialClass().getName().startsWith("smile.")
            ? java.io.ObjectInputFilter.Status.REJECTED
            : java.io.ObjectInputFilter.Status.UNDECIDED;

    assertThatThrownBy(() -> TrainedModel.fromParts(model.toParts(), rejectSmile))
        .isInstanceOf(dev.mlops.metrics.MlopsException.class)
        .hasMessageContaining("refused by the deserialisation filter");
  }

  @Test
  void concurrentPredictions_equalSequentialOnes_forLoadedClassifier() throws Exception {
    PipelineRun run = Pipeline.builder("synthetic-classification")
        .source(TestData.mixed(300, 5))
        .target("label")
        .exclude("y")
        .transform(t -> t.oneHot("colour"))
        .split(Split.stratified())
        .train(Trainers.randomForestClassifier().trees(10))
        .build()
        .run();
    TrainedClassifier model =
        (TrainedClassifier) TrainedModel.fromParts(run.model().toParts(), SafeDeserialization.filter());
    Table probe = TestData.mixed(200, 6);
    double[][] expected = new double[200][];
    for (int i = 0; i < 200; i++) {
      expected[i] = model.probabilities(probe.row(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<double[][]>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          double[][] out = new double[200][];
          for (int i = 0; i < 200; i++) {
            out[i] = model.probabilities(probe.row(i));
          }
          return out;
        }));
      }
      for (Future<double[][]> f : futures) {
        assertThat(f.get()).isDeepEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(model.classes()).containsExactly("no", "yes");
  }
}
