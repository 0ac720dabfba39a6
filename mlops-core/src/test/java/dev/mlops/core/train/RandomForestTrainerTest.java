package dev.mlops.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import smile.base.cart.SplitRule;
import smile.data.DataFrame;

/**
 * The random-forest trainers are Smile's own {@code RandomForest.fit} (one call per thread's share
 * of the per-tree seeds, merged in order): the same predictions as one direct call of Smile with
 * the same seeds, whatever the number of threads.
 */
final class RandomForestTrainerTest {

  /** 300 rows, 5 features; y = 2 x0 - x1 + x2 x3 + noise, or its tercile as a class. */
  private static TrainingSet data(Task task, int classes) {
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 300;
    double[][] x = new double[n][5];
    double[] y = new double[n];
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 5; j++) {
        x[i][j] = rnd.nextDouble();
      }
      y[i] = 2 * x[i][0] - x[i][1] + x[i][2] * x[i][3] + 0.3 * rnd.nextDouble();
      label[i] = classes == 2 ? (y[i] > 0.8 ? 1 : 0) : (y[i] < 0.4 ? 0 : y[i] < 1.1 ? 1 : 2);
    }
    List<String> names = List.of("x0", "x1", "x2", "x3", "x4");
    if (task == Task.REGRESSION) {
      return new TrainingSet(x, names, task, null, y, List.of());
    }
    return new TrainingSet(x, names, task, label, null, classes == 2 ? List.of("lo", "hi") : List.of("a", "b", "c"));
  }

  @Test
  void regressor_predictsAsSmilesOwnFit_withTheSameSeeds_onAnyNumberOfThreads() {
    TrainingSet data = data(Task.REGRESSION, 0);
    DataFrame frame = SmileTrainer.frame(data);
    long[] seeds = SmileTrainer.treeSeeds(7, 9);
    // one direct call of Smile, in a single-thread pool so its per-thread generator serves one tree at a time
    smile.regression.RandomForest direct = SmileTrainer.isolated(() -> smile.regression.RandomForest.fit(
        SmileTrainer.formula(), frame, seeds.length, 2, 6, 60, 3, 0.7, Arrays.stream(seeds)));
    for (int threads : new int[] {1, 2, 4}) {
      FittedRegressor model = (FittedRegressor) Trainers.randomForestRegressor().trees(9).mtry(2).maxDepth(6)
          .maxNodes(60).nodeSize(3).subsample(0.7).threads(threads).fit(data, 7);
      for (int i = 0; i < data.size(); i++) {
        assertThat(model.predict(data.features()[i])).as("row %d on %d threads", i, threads)
            .isEqualTo(direct.predict(frame.get(i)));
      }
    }
  }

  @Test
  void classifier_predictsAsSmilesOwnFit_withTheSameSeeds_forTwoAndThreeClasses() {
    for (int classes : new int[] {2, 3}) {
      TrainingSet data = data(Task.CLASSIFICATION, classes);
      DataFrame frame = SmileTrainer.frame(data);
      long[] seeds = SmileTrainer.treeSeeds(5, 8);
      smile.classification.RandomForest direct = SmileTrainer.isolated(() -> smile.classification.RandomForest.fit(
          SmileTrainer.formula(), frame, seeds.length, 2, SplitRule.GINI, 6, 60, 3, 1.0, null, Arrays.stream(seeds)));
      for (int threads : new int[] {1, 3}) {
        FittedClassifier model = (FittedClassifier) Trainers.randomForestClassifier().trees(8).mtry(2).maxDepth(6)
            .maxNodes(60).nodeSize(3).threads(threads).fit(data, 5);
        for (int i = 0; i < data.size(); i++) {
          double[] expected = new double[classes];
          direct.predict(frame.get(i), expected);
          assertThat(model.probabilities(data.features()[i])).as("row %d on %d threads", i, threads)
              .containsExactly(expected);
        }
      }
    }
  }

  @Test
  void forests_reportEachThreadsShareOfTrees_andTheSameModelAsWithoutProgress() {
    TrainingSet reg = data(Task.REGRESSION, 0);
    RandomForestRegressorTrainer trainer = Trainers.randomForestRegressor().trees(9).maxDepth(5).threads(3);
    Queue<String> updates = new ConcurrentLinkedQueue<>();

    FittedRegressor withProgress =
        (FittedRegressor) trainer.fit(reg, 4, (what, done, total) -> updates.add(what + " " + done + "/" + total));

    // each thread's share when it is done (3 + 3 + 3), in any order
    assertThat(updates).containsExactlyInAnyOrder("tree 3/9", "tree 6/9", "tree 9/9");
    FittedRegressor without = (FittedRegressor) trainer.fit(reg, 4);
    for (double[] x : reg.features()) {
      assertThat(withProgress.predict(x)).isEqualTo(without.predict(x));
    }
  }

  @Test
  void treeSeeds_areDistinct_andAboveOne_soSmileSeedsEveryTree() {
    long[] seeds = SmileTrainer.treeSeeds(-3, 500);

    assertThat(seeds).hasSize(500).doesNotHaveDuplicates();
    assertThat(Arrays.stream(seeds).min().orElseThrow()).isGreaterThan(1);
  }
}
