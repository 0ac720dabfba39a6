package dev.mlops.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.registry.SafeDeserialization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class TrainersTest {

  /** 240 rows, 3 features; class = (x0 + x1 > 1) for 2 classes, or a third class when x2 > 0.8. */
  private static TrainingSet classification(int classes) {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 240;
    double[][] x = new double[n][3];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = rnd.nextDouble();
      }
      y[i] = classes == 3 && x[i][2] > 0.8 ? 2 : (x[i][0] + x[i][1] > 1 ? 1 : 0);
    }
    List<String> names = classes == 3 ? List.of("a", "b", "c") : List.of("no", "yes");
    return new TrainingSet(x, List.of("x0", "x1", "x2"), Task.CLASSIFICATION, y, null, names);
  }

  private static TrainingSet regression() {
    SplittableRandom rnd = new SplittableRandom(4);
    int n = 240;
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = rnd.nextDouble();
      }
      y[i] = 2 * x[i][0] - x[i][1] + 0.5;
    }
    return new TrainingSet(x, List.of("x0", "x1", "x2"), Task.REGRESSION, null, y, List.of());
  }

  private static double accuracy(FittedClassifier m, TrainingSet d) {
    int ok = 0;
    for (int i = 0; i < d.size(); i++) {
      double[] p = m.probabilities(d.features()[i]);
      assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-9));
      int best = 0;
      for (int k = 1; k < p.length; k++) {
        if (p[k] > p[best]) {
          best = k;
        }
      }
      ok += best == d.labels()[i] ? 1 : 0;
    }
    return (double) ok / d.size();
  }

  @Test
  void everyClassifier_learnsASimpleBoundary_deterministically_andSurvivesTheRegistryFilter() {
    for (int classes : new int[] {2, 3}) {
      TrainingSet d = classification(classes);
      for (Trainer t : List.of(Trainers.logisticRegression(), Trainers.decisionTree(),
          Trainers.randomForestClassifier().trees(15), Trainers.gradientBoostingClassifier().trees(30),
          Trainers.adaBoost().trees(15), Trainers.lda())) {
        FittedClassifier a = (FittedClassifier) t.fit(d, 7);
        FittedClassifier b = (FittedClassifier) t.fit(d, 7);
        assertThat(accuracy(a, d)).as(t + " on " + classes + " classes").isGreaterThan(0.8);
        FittedClassifier loaded = (FittedClassifier) ModelCodecs.smile().read(a.toBytes(), Task.CLASSIFICATION, classes,
            d.featureNames(), SafeDeserialization.filter());
        for (int i = 0; i < 20; i++) {
          assertThat(b.probabilities(d.features()[i])).as(t.name()).containsExactly(a.probabilities(d.features()[i]));
          assertThat(loaded.probabilities(d.features()[i])).containsExactly(a.probabilities(d.features()[i]));
        }
      }
    }
  }

  @Test
  void everyRegressor_fitsALinearTarget_deterministically() {
    TrainingSet d = regression();
    for (Trainer t : List.of(Trainers.ols(), Trainers.ridge().lambda(0.01), Trainers.lasso().lambda(0.01),
        Trainers.randomForestRegressor().trees(15), Trainers.gradientBoostingRegressor().trees(60))) {
      FittedRegressor a = (FittedRegressor) t.fit(d, 7);
      FittedRegressor b = (FittedRegressor) t.fit(d, 7);
      double sse = 0;
      for (int i = 0; i < d.size(); i++) {
        double e = a.predict(d.features()[i]) - d.values()[i];
        sse += e * e;
        assertThat(b.predict(d.features()[i])).isEqualTo(a.predict(d.features()[i]));
      }
      // the target's standard deviation is about 0.65; every model must do much better
      assertThat(Math.sqrt(sse / d.size())).as(t.toString()).isLessThan(0.25);
    }
  }

  @Test
  void hyperparameters_areTyped_andExcludeExecutionSettings() {
    RandomForestRegressorTrainer t = Trainers.randomForestRegressor().trees(30).maxDepth(6).threads(3);

    assertThat(t.hyperparameters()).containsEntry("trees", 30).containsEntry("max_depth", 6).doesNotContainKey("threads");
    assertThat(Trainers.randomForestRegressor().trees(30).maxDepth(6).threads(1)).isEqualTo(t.threads(1));
    assertThatThrownBy(() -> Trainers.randomForestClassifier().trees(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("trees must be >= 1: 0");
    assertThatThrownBy(() -> Trainers.randomForestRegressor().mtry(9).fit(regression(), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("mtry must be <= the number of features 3: 9");
  }

  /** A plug-in trainer outside Smile: predicts the training mean. */
  record MeanTrainer() implements Trainer {
    @Override
    public String name() {
      return "test.mean";
    }

    @Override
    public Task task() {
      return Task.REGRESSION;
    }

    @Override
    public Map<String, Object> hyperparameters() {
      return Map.of();
    }

    @Override
    public FittedModel fit(TrainingSet data, long seed) {
      return new MeanModel(Arrays.stream(data.values()).average().orElseThrow());
    }
  }

  record MeanModel(double mean) implements FittedRegressor {
    @Override
    public double predict(double[] features) {
      return mean;
    }

    @Override
    public String codec() {
      return "test.mean";
    }

    @Override
    public byte[] toBytes() {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(b)) {
        out.writeDouble(mean);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return b.toByteArray();
    }
  }

  static final class MeanCodec implements ModelCodec {
    @Override
    public String name() {
      return "test.mean";
    }

    @Override
    public FittedModel read(byte[] bytes, Task task, int numClasses, List<String> featureNames, ObjectInputFilter filter) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        return new MeanModel(in.readDouble());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void pluggedInTrainer_runsThroughThePipeline_andLoadsWithItsCodec() {
    var data = dev.mlops.core.data.Table.builder()
        .numeric("x", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
        .numeric("y", new double[] {2, 4, 6, 8, 10, 12, 14, 16, 18, 20})
        .build();
    var run = dev.mlops.core.pipeline.Pipeline.builder("plug-in").source(data).target("y")
        .train(new MeanTrainer()).split(dev.mlops.core.split.Split.byTime("x").testFraction(0.2)).build().run();

    var model = (TrainedRegressor) run.model();
    // trained on x = 1..8: mean of y = 9
    assertThat(model.predict(Map.of("x", 100.0))).isEqualTo(9.0);
    var loaded = (TrainedRegressor) dev.mlops.core.model.TrainedModel.fromParts(model.toParts(), SafeDeserialization.filter(), Map.of(),
        List.of(new MeanCodec()));
    assertThat(loaded.predict(Map.of("x", 0.0))).isEqualTo(9.0);
    assertThatThrownBy(() -> dev.mlops.core.model.TrainedModel.fromParts(model.toParts(), SafeDeserialization.filter()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model codec must be known: 'test.mean'");
  }
}
