package dev.mlops.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import smile.base.cart.SplitRule;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.math.MathEx;

/**
 * The tree-by-tree forests against Smile's own {@code RandomForest.fit} with the same seeds (run
 * in one single-thread pool, where its per-thread generator is used by one tree at a time), and
 * against themselves on other numbers of threads.
 */
final class ForestFitTest {

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

  private static Tuple[] probes(DataFrame frame) {
    Tuple[] rows = new Tuple[frame.nrow()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = frame.get(i);
    }
    return rows;
  }

  private static smile.regression.RandomForest smileRegression(DataFrame frame, long[] seeds, int mtry, double subsample) {
    return SmileTrainer.isolated(() -> smile.regression.RandomForest.fit(SmileTrainer.formula(), frame, seeds.length,
        mtry, 6, 60, 3, subsample, Arrays.stream(seeds)));
  }

  private static smile.classification.RandomForest smileClassification(DataFrame frame, long[] seeds, int mtry, double subsample) {
    return SmileTrainer.isolated(() -> smile.classification.RandomForest.fit(SmileTrainer.formula(), frame, seeds.length,
        mtry, SplitRule.GINI, 6, 60, 3, subsample, null, Arrays.stream(seeds)));
  }

  private static smile.regression.RandomForest ourRegression(DataFrame frame, long[] seeds, int mtry, double subsample, int threads) {
    return SmileTrainer.isolated(() -> ForestFit.regression(SmileTrainer.formula(), frame, seeds, mtry, 6, 60, 3,
        subsample, threads));
  }

  private static smile.classification.RandomForest ourClassification(DataFrame frame, long[] seeds, int mtry, double subsample, int threads) {
    return SmileTrainer.isolated(() -> ForestFit.classification(SmileTrainer.formula(), frame, seeds, mtry,
        SplitRule.GINI, 6, 60, 3, subsample, threads));
  }

  @Test
  void reflectiveAccessToSmilesTreeRecords_works() {
    assertThat(ForestFit.available()).isTrue();
  }

  @Test
  void regressionForest_isSmilesFit_treeForTree_forBootstrapAndSubsample() {
    DataFrame frame = SmileTrainer.frame(data(Task.REGRESSION, 0));
    long[] seeds = SmileTrainer.treeSeeds(7, 9);
    // mtry 2 < 5 features: the split search draws feature subsets; mtry 5: it does not.
    for (int mtry : new int[] {2, 5}) {
      for (double subsample : new double[] {1.0, 0.7}) {
        smile.regression.RandomForest expected = smileRegression(frame, seeds, mtry, subsample);
        smile.regression.RandomForest actual = ourRegression(frame, seeds, mtry, subsample, 3);

        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.importance()).containsExactly(expected.importance());
        for (int t = 0; t < seeds.length; t++) {
          var a = actual.models()[t].metrics;
          var e = expected.models()[t].metrics;
          assertThat(a.size).as("out-of-bag rows of tree %d", t).isEqualTo(e.size);
          assertThat(a.rmse).as("out-of-bag RMSE of tree %d", t).isEqualTo(e.rmse);
          assertThat(actual.models()[t].tree.importance()).containsExactly(expected.models()[t].tree.importance());
        }
        // Smile adds the out-of-bag predictions in completion order; the sums agree to rounding.
        assertThat(actual.metrics().rmse).isCloseTo(expected.metrics().rmse, within(1e-9));
        assertThat(actual.metrics().size).isEqualTo(expected.metrics().size);
        for (Tuple row : probes(frame)) {
          assertThat(actual.predict(row)).isEqualTo(expected.predict(row));
        }
      }
    }
  }

  @Test
  void classificationForest_isSmilesFit_treeForTree_forTwoAndThreeClasses() {
    for (int classes : new int[] {2, 3}) {
      DataFrame frame = SmileTrainer.frame(data(Task.CLASSIFICATION, classes));
      long[] seeds = SmileTrainer.treeSeeds(5, 8);
      for (int mtry : new int[] {2, 5}) {
        for (double subsample : new double[] {1.0, 0.6}) {
          smile.classification.RandomForest expected = smileClassification(frame, seeds, mtry, subsample);
          smile.classification.RandomForest actual = ourClassification(frame, seeds, mtry, subsample, 3);

          assertThat(actual.size()).isEqualTo(expected.size());
          assertThat(actual.importance()).containsExactly(expected.importance());
          assertThat(actual.classes()).containsExactly(expected.classes());
          for (int t = 0; t < seeds.length; t++) {
            var a = actual.models()[t];
            var e = expected.models()[t];
            assertThat(a.weight).as("weight (out-of-bag accuracy) of tree %d", t).isEqualTo(e.weight);
            assertThat(a.metrics.size).isEqualTo(e.metrics.size);
            // NaN where the metric does not apply (AUC for three classes, cross-entropy for two)
            assertThat(Double.valueOf(a.metrics.auc)).isEqualTo(Double.valueOf(e.metrics.auc));
            assertThat(Double.valueOf(a.metrics.crossentropy)).isEqualTo(Double.valueOf(e.metrics.crossentropy));
          }
          assertThat(actual.metrics().accuracy).isEqualTo(expected.metrics().accuracy);
          for (Tuple row : probes(frame)) {
            double[] pa = new double[classes];
            double[] pe = new double[classes];
            assertThat(actual.predict(row, pa)).isEqualTo(expected.predict(row, pe));
            assertThat(pa).containsExactly(pe);
          }
        }
      }
    }
  }

  @Test
  void forests_doNotDependOnTheNumberOfThreads() {
    DataFrame reg = SmileTrainer.frame(data(Task.REGRESSION, 0));
    DataFrame cls = SmileTrainer.frame(data(Task.CLASSIFICATION, 3));
    long[] seeds = SmileTrainer.treeSeeds(3, 10);
    smile.regression.RandomForest r1 = ourRegression(reg, seeds, 2, 1.0, 1);
    smile.classification.RandomForest c1 = ourClassification(cls, seeds, 2, 1.0, 1);
    for (int threads : new int[] {2, 4, 16}) {
      smile.regression.RandomForest rn = ourRegression(reg, seeds, 2, 1.0, threads);
      smile.classification.RandomForest cn = ourClassification(cls, seeds, 2, 1.0, threads);

      assertThat(rn.metrics().rmse).isEqualTo(r1.metrics().rmse);
      assertThat(rn.importance()).containsExactly(r1.importance());
      assertThat(cn.metrics().accuracy).isEqualTo(c1.metrics().accuracy);
      for (Tuple row : probes(reg)) {
        assertThat(rn.predict(row)).isEqualTo(r1.predict(row));
      }
      for (Tuple row : probes(cls)) {
        double[] p1 = new double[3];
        double[] pn = new double[3];
        cn.predict(row, pn);
        c1.predict(row, p1);
        assertThat(pn).containsExactly(p1);
      }
    }
  }

  @Test
  void trainers_giveTheSamePredictions_treeByTree_asMergedPerThreadFits() {
    TrainingSet reg = data(Task.REGRESSION, 0);
    TrainingSet cls = data(Task.CLASSIFICATION, 2);
    RandomForestRegressorTrainer rt = Trainers.randomForestRegressor().trees(8).maxDepth(6).threads(3);
    RandomForestClassifierTrainer ct = Trainers.randomForestClassifier().trees(8).maxDepth(6).threads(3);

    smile.regression.RandomForest rTree = SmileTrainer.isolated(() -> rt.fit(reg, 21, true));
    smile.regression.RandomForest rMerged = SmileTrainer.isolated(() -> rt.fit(reg, 21, false));
    smile.classification.RandomForest cTree = SmileTrainer.isolated(() -> ct.fit(cls, 21, true));
    smile.classification.RandomForest cMerged = SmileTrainer.isolated(() -> ct.fit(cls, 21, false));

    for (Tuple row : probes(SmileTrainer.frame(reg))) {
      assertThat(rTree.predict(row)).isEqualTo(rMerged.predict(row));
    }
    for (Tuple row : probes(SmileTrainer.frame(cls))) {
      double[] a = new double[2];
      double[] b = new double[2];
      cTree.predict(row, a);
      cMerged.predict(row, b);
      assertThat(a).containsExactly(b);
    }
  }

  @Test
  void forests_reportEveryTree_onBothFittingPaths_andTheSameModelAsWithoutProgress() {
    TrainingSet reg = data(Task.REGRESSION, 0);
    TrainingSet cls = data(Task.CLASSIFICATION, 3);
    RandomForestRegressorTrainer rt = Trainers.randomForestRegressor().trees(9).maxDepth(5).threads(3);
    RandomForestClassifierTrainer ct = Trainers.randomForestClassifier().trees(9).maxDepth(5).threads(2);
    java.util.Queue<String> treeByTree = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.Queue<String> merged = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.Queue<String> classifier = new java.util.concurrent.ConcurrentLinkedQueue<>();

    FittedRegressor withProgress = (FittedRegressor) rt.fit(reg, 4, (what, done, total) -> treeByTree.add(what + " " + done + "/" + total));
    SmileTrainer.isolated(() -> rt.fit(reg, 4, false, (what, done, total) -> merged.add(done + "/" + total)));
    ct.fit(cls, 4, (what, done, total) -> classifier.add(what + " " + done + "/" + total));

    // tree by tree: every tree once, in any order across the workers
    assertThat(treeByTree).containsExactlyInAnyOrder(
        "tree 1/9", "tree 2/9", "tree 3/9", "tree 4/9", "tree 5/9", "tree 6/9", "tree 7/9", "tree 8/9", "tree 9/9");
    assertThat(classifier).hasSize(9).contains("tree 9/9");
    // merged per-thread fits: each thread's share when it is done (3 + 3 + 3)
    assertThat(merged).containsExactlyInAnyOrder("3/9", "6/9", "9/9");
    FittedRegressor without = (FittedRegressor) rt.fit(reg, 4);
    for (double[] x : reg.features()) {
      assertThat(withProgress.predict(x)).isEqualTo(without.predict(x));
    }
  }

  @Test
  void aTreeThatFails_stopsTheOtherWorkers_andIsRethrown() {
    AtomicInteger started = new AtomicInteger();

    assertThatThrownBy(() -> ForestFit.eachTree(1000, 3, k -> {
      started.incrementAndGet();
      if (k == 2) {
        throw new IllegalStateException("tree 2 failed");
      }
      MathEx.random();
    })).isInstanceOf(IllegalStateException.class).hasMessage("tree 2 failed");
    assertThat(started.get()).isLessThan(1000);
  }

  @Test
  void seedsThatSmileWouldIgnoreOrRepeat_areRejected() {
    DataFrame frame = SmileTrainer.frame(data(Task.REGRESSION, 0));

    assertThatThrownBy(() -> ForestFit.regression(SmileTrainer.formula(), frame, new long[] {5, 1}, 2, 6, 60, 3, 1.0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tree seeds must be distinct and > 1: 1");
    assertThatThrownBy(() -> ForestFit.regression(SmileTrainer.formula(), frame, new long[] {5, 9, 5}, 2, 6, 60, 3, 1.0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tree seeds must be distinct and > 1: 5");
  }
}
