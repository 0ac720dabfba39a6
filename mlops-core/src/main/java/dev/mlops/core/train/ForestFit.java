package dev.mlops.core.train;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smile.base.cart.CART;
import smile.base.cart.Loss;
import smile.base.cart.SplitRule;
import smile.classification.ClassLabels;
import smile.classification.DecisionTree;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructField;
import smile.data.vector.BaseVector;
import smile.math.MathEx;
import smile.regression.RegressionTree;
import smile.validation.ClassificationMetrics;
import smile.validation.RegressionMetrics;
import smile.validation.metric.AUC;
import smile.validation.metric.Accuracy;
import smile.validation.metric.CrossEntropy;
import smile.validation.metric.FScore;
import smile.validation.metric.LogLoss;
import smile.validation.metric.MAD;
import smile.validation.metric.MSE;
import smile.validation.metric.MatthewsCorrelation;
import smile.validation.metric.Precision;
import smile.validation.metric.R2;
import smile.validation.metric.RMSE;
import smile.validation.metric.RSS;
import smile.validation.metric.Sensitivity;
import smile.validation.metric.Specificity;

/**
 * Fits Smile 3.1.1 random forests tree by tree on the trainer's own threads, with the column
 * ordering that every tree's split search reads computed once.
 *
 * <p>{@code RandomForest.fit} computes that ordering on each call and fits its trees in a parallel
 * stream; to keep the trees independent of scheduling the trainers used to call it once per thread
 * on a share of the seeds (each call in its own single-thread pool) and merge the parts, so every
 * thread sorted the whole frame again and a thread that drew the slower trees left the other idle.
 * Here each tree is one task, run start to end by one worker that pulls the next tree index from a
 * shared counter: it seeds its thread's generator with the tree's seed, draws the bootstrap sample,
 * grows the tree (the split search draws its feature subsets from the same generator, so nothing
 * else may run on that thread in between) and predicts the tree's out-of-bag rows. The per-tree
 * steps, the out-of-bag metrics and the variable importance are those of Smile 3.1.1's
 * {@code RandomForest.fit}; the out-of-bag sums are added in tree order, so the forest does not
 * depend on the number of threads either.
 *
 * <p>Smile's per-tree record {@code RandomForest.Model} has a package-private constructor; it is
 * reached by reflection. If that fails (another Smile build), {@link #available()} is false and
 * the trainers fall back to {@code RandomForest.fit} per thread and merge, which gives the same
 * trees.
 *
 * <p>Thread-safe: the methods keep no state between calls.
 */
final class ForestFit {

  private static final Logger LOG = LoggerFactory.getLogger(ForestFit.class);

  private static final Constructor<smile.regression.RandomForest.Model> REGRESSION_MODEL =
      accessible(smile.regression.RandomForest.Model.class, RegressionTree.class, RegressionMetrics.class);

  private static final Constructor<smile.classification.RandomForest.Model> CLASSIFICATION_MODEL =
      accessible(smile.classification.RandomForest.Model.class, DecisionTree.class, ClassificationMetrics.class);

  private ForestFit() {}

  private static <T> Constructor<T> accessible(Class<T> type, Class<?>... parameters) {
    try {
      Constructor<T> c = type.getDeclaredConstructor(parameters);
      c.setAccessible(true);
      return c;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("cannot reach {}'s constructor ({}); random forests are fitted per thread and merged", type.getName(), e.toString());
      return null;
    }
  }

  /**
   * Whether forests can be assembled tree by tree here.
   *
   * @return false if Smile's per-tree record cannot be constructed
   */
  static boolean available() {
    return REGRESSION_MODEL != null && CLASSIFICATION_MODEL != null;
  }

  /**
   * The regression forest {@code smile.regression.RandomForest.fit(formula, data, seeds.length,
   * mtry, maxDepth, maxNodes, nodeSize, subsample, Arrays.stream(seeds))} gives, fitted on
   * {@code threads} workers.
   *
   * @param seeds the per-tree seeds: distinct and greater than 1
   */
  static smile.regression.RandomForest regression(Formula formula, DataFrame data, long[] seeds, int mtry,
      int maxDepth, int maxNodes, int nodeSize, double subsample, int threads) {
    return regression(formula, data, seeds, mtry, maxDepth, maxNodes, nodeSize, subsample, threads,
        Trainer.Progress.NONE);
  }

  /** As the other overload, reporting each fitted tree to {@code progress} (from the workers). */
  static smile.regression.RandomForest regression(Formula formula, DataFrame data, long[] seeds, int mtry,
      int maxDepth, int maxNodes, int nodeSize, double subsample, int threads, Trainer.Progress progress) {
    requireSeeds(seeds);
    Formula f = formula.expand(data.schema());
    DataFrame x = f.x(data);
    BaseVector<?, ?, ?> response = f.y(data);
    StructField field = response.field();
    double[] y = response.toDoubleArray();
    if (mtry < 1 || mtry > x.ncol()) {
      throw new IllegalArgumentException("mtry must be in [1, " + x.ncol() + "]: " + mtry);
    }
    int n = x.size();
    int[][] order = CART.order(x);
    int trees = seeds.length;
    smile.regression.RandomForest.Model[] models = new smile.regression.RandomForest.Model[trees];
    int[][] samplesOf = new int[trees][];
    double[][] oobPredictions = new double[trees][];
    eachTree(trees, threads, progress, k -> {
      int[] samples = sample(seeds[k], n, subsample);
      long start = System.nanoTime();
      RegressionTree tree = new RegressionTree(x, Loss.ls(y), field, maxDepth, maxNodes, nodeSize, mtry, samples, order);
      double fitTime = (System.nanoTime() - start) / 1E6;
      start = System.nanoTime();
      int noob = outOfBag(samples);
      double[] truth = new double[noob];
      double[] predict = new double[noob];
      double[] byRow = new double[n];
      for (int i = 0, j = 0; i < n; i++) {
        if (samples[i] == 0) {
          truth[j] = y[i];
          double yi = tree.predict(x.get(i));
          predict[j] = yi;
          byRow[i] = yi;
          j++;
        }
      }
      double scoreTime = (System.nanoTime() - start) / 1E6;
      RegressionMetrics metrics = new RegressionMetrics(fitTime, scoreTime, noob, RSS.of(truth, predict),
          MSE.of(truth, predict), RMSE.of(truth, predict), MAD.of(truth, predict), R2.of(truth, predict));
      models[k] = construct(REGRESSION_MODEL, tree, metrics);
      samplesOf[k] = samples;
      oobPredictions[k] = byRow;
    });
    double fitTime = 0;
    double scoreTime = 0;
    double[] prediction = new double[n];
    int[] oob = new int[n];
    for (int k = 0; k < trees; k++) {
      fitTime += models[k].metrics.fitTime;
      scoreTime += models[k].metrics.scoreTime;
      for (int i = 0; i < n; i++) {
        if (samplesOf[k][i] == 0) {
          oob[i]++;
          prediction[i] += oobPredictions[k][i];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (oob[i] > 0) {
        prediction[i] /= oob[i];
      }
    }
    RegressionMetrics metrics = new RegressionMetrics(fitTime, scoreTime, n, RSS.of(y, prediction),
        MSE.of(y, prediction), RMSE.of(y, prediction), MAD.of(y, prediction), R2.of(y, prediction));
    double[] importance = new double[models[0].tree.importance().length];
    for (smile.regression.RandomForest.Model m : models) {
      add(importance, m.tree.importance());
    }
    return new smile.regression.RandomForest(f, models, metrics, importance);
  }

  /**
   * The classification forest {@code smile.classification.RandomForest.fit(formula, data,
   * seeds.length, mtry, rule, maxDepth, maxNodes, nodeSize, subsample, null,
   * Arrays.stream(seeds))} gives (no class weights), fitted on {@code threads} workers.
   *
   * @param seeds the per-tree seeds: distinct and greater than 1
   */
  static smile.classification.RandomForest classification(Formula formula, DataFrame data, long[] seeds, int mtry,
      SplitRule rule, int maxDepth, int maxNodes, int nodeSize, double subsample, int threads) {
    return classification(formula, data, seeds, mtry, rule, maxDepth, maxNodes, nodeSize, subsample, threads,
        Trainer.Progress.NONE);
  }

  /** As the other overload, reporting each fitted tree to {@code progress} (from the workers). */
  static smile.classification.RandomForest classification(Formula formula, DataFrame data, long[] seeds, int mtry,
      SplitRule rule, int maxDepth, int maxNodes, int nodeSize, double subsample, int threads,
      Trainer.Progress progress) {
    requireSeeds(seeds);
    Formula f = formula.expand(data.schema());
    DataFrame x = f.x(data);
    BaseVector<?, ?, ?> response = f.y(data);
    StructField field = response.field();
    if (mtry < 1 || mtry > x.ncol()) {
      throw new IllegalArgumentException("mtry must be in [1, " + x.ncol() + "]: " + mtry);
    }
    ClassLabels codec = ClassLabels.fit(response);
    int k = codec.k;
    int n = x.nrow();
    int[] y = codec.y;
    // Bootstrap per class, as Smile does (stratified); class weights are all 1.
    int[] nj = new int[k];
    for (int i = 0; i < n; i++) {
      nj[y[i]]++;
    }
    int[][] yj = new int[k][];
    for (int j = 0; j < k; j++) {
      yj[j] = new int[nj[j]];
    }
    int[] filled = new int[k];
    for (int i = 0; i < n; i++) {
      yj[y[i]][filled[y[i]]++] = i;
    }
    int[][] order = CART.order(x);
    int trees = seeds.length;
    smile.classification.RandomForest.Model[] models = new smile.classification.RandomForest.Model[trees];
    int[][] oobVotes = new int[trees][];
    eachTree(trees, threads, progress, t -> {
      MathEx.setSeed(seeds[t]);
      int[] samples = new int[n];
      for (int j = 0; j < k; j++) {
        int[] rows = yj[j];
        if (subsample == 1.0) {
          for (int i = 0; i < nj[j]; i++) {
            samples[rows[MathEx.randomInt(nj[j])]]++;
          }
        } else {
          int size = (int) Math.round(subsample * nj[j]);
          int[] permutation = MathEx.permutate(nj[j]);
          for (int i = 0; i < size; i++) {
            samples[rows[permutation[i]]]++;
          }
        }
      }
      long start = System.nanoTime();
      DecisionTree tree = new DecisionTree(x, y, field, k, rule, maxDepth, maxNodes, nodeSize, mtry, samples, order);
      double fitTime = (System.nanoTime() - start) / 1E6;
      start = System.nanoTime();
      int noob = outOfBag(samples);
      int[] truth = new int[noob];
      int[] predict = new int[noob];
      double[][] posteriori = new double[noob][k];
      int[] vote = new int[n];
      java.util.Arrays.fill(vote, -1);
      for (int i = 0, j = 0; i < n; i++) {
        if (samples[i] == 0) {
          truth[j] = y[i];
          int p = tree.predict((Tuple) x.get(i), posteriori[j]);
          predict[j] = p;
          vote[i] = p;
          j++;
        }
      }
      double scoreTime = (System.nanoTime() - start) / 1E6;
      ClassificationMetrics metrics;
      if (MathEx.unique(truth).length == 2) {
        double[] probability = new double[noob];
        for (int j = 0; j < noob; j++) {
          probability[j] = posteriori[j][1];
        }
        metrics = new ClassificationMetrics(fitTime, scoreTime, noob, smile.validation.metric.Error.of(truth, predict),
            Accuracy.of(truth, predict), Sensitivity.of(truth, predict), Specificity.of(truth, predict),
            Precision.of(truth, predict), FScore.F1.score(truth, predict), MatthewsCorrelation.of(truth, predict),
            AUC.of(truth, probability), LogLoss.of(truth, probability));
      } else {
        metrics = new ClassificationMetrics(fitTime, scoreTime, noob, smile.validation.metric.Error.of(truth, predict),
            Accuracy.of(truth, predict), CrossEntropy.of(truth, posteriori));
      }
      models[t] = construct(CLASSIFICATION_MODEL, tree, metrics);
      oobVotes[t] = vote;
    });
    double fitTime = 0;
    double scoreTime = 0;
    int[][] prediction = new int[n][k];
    for (int t = 0; t < trees; t++) {
      fitTime += models[t].metrics.fitTime;
      scoreTime += models[t].metrics.scoreTime;
      for (int i = 0; i < n; i++) {
        if (oobVotes[t][i] >= 0) {
          prediction[i][oobVotes[t][i]]++;
        }
      }
    }
    int[] vote = new int[n];
    for (int i = 0; i < n; i++) {
      vote[i] = MathEx.whichMax(prediction[i]);
    }
    ClassificationMetrics metrics = new ClassificationMetrics(fitTime, scoreTime, n, smile.validation.metric.Error.of(y, vote),
        Accuracy.of(y, vote));
    double[] importance = new double[models[0].tree.importance().length];
    for (smile.classification.RandomForest.Model m : models) {
      add(importance, m.tree.importance());
    }
    return new smile.classification.RandomForest(f, k, models, metrics, importance, codec.classes);
  }

  /** The bootstrap (or subsample) counts of one regression tree, drawn as Smile draws them. */
  private static int[] sample(long seed, int n, double subsample) {
    MathEx.setSeed(seed);
    int[] samples = new int[n];
    if (subsample == 1.0) {
      for (int i = 0; i < n; i++) {
        samples[MathEx.randomInt(n)]++;
      }
    } else {
      int[] permutation = MathEx.permutate(n);
      int size = (int) Math.round(n * subsample);
      for (int i = 0; i < size; i++) {
        samples[permutation[i]] = 1;
      }
    }
    return samples;
  }

  private static int outOfBag(int[] samples) {
    int noob = 0;
    for (int s : samples) {
      if (s == 0) {
        noob++;
      }
    }
    return noob;
  }

  private static void add(double[] sum, double[] values) {
    for (int i = 0; i < values.length; i++) {
      sum[i] += values[i];
    }
  }

  private static void requireSeeds(long[] seeds) {
    if (seeds.length == 0) {
      throw new IllegalArgumentException("trees must be >= 1: 0");
    }
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (long s : seeds) {
      // Smile leaves a tree whose seed is <= 1 to whatever state its thread's generator is in.
      if (s <= 1 || !seen.add(s)) {
        throw new IllegalArgumentException("tree seeds must be distinct and > 1: " + s);
      }
    }
  }

  private static <M> M construct(Constructor<M> c, Object tree, Object metrics) {
    try {
      return c.newInstance(tree, metrics);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + c.getDeclaringClass().getName(), e);
    }
  }

  /**
   * Runs {@code fitTree} for every tree index on {@code threads} workers: the calling thread and
   * {@code threads - 1} single-thread fork-join pools (so a parallel stream inside a tree stays on
   * its worker), each taking the next index from a shared counter until none is left. The first
   * failure stops the workers from taking more trees and is rethrown.
   */
  static void eachTree(int trees, int threads, IntConsumer fitTree) {
    eachTree(trees, threads, Trainer.Progress.NONE, fitTree);
  }

  /** As {@link #eachTree(int, int, IntConsumer)}, reporting every finished tree ("tree", done, trees). */
  static void eachTree(int trees, int threads, Trainer.Progress progress, IntConsumer fitTree) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Runnable worker = () -> {
      for (int k = next.getAndIncrement(); k < trees; k = next.getAndIncrement()) {
        try {
          fitTree.accept(k);
        } catch (RuntimeException | Error e) {
          next.set(trees);
          throw e;
        }
        progress.update("tree", done.incrementAndGet(), trees);
      }
    };
    int helpers = Math.max(0, Math.min(threads, trees) - 1);
    List<ForkJoinPool> pools = new ArrayList<>(helpers);
    List<CompletableFuture<Void>> running = new ArrayList<>(helpers);
    try {
      for (int w = 0; w < helpers; w++) {
        ForkJoinPool pool = new ForkJoinPool(1, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false,
            0, 1, 1, p -> true, 30, TimeUnit.SECONDS);
        pools.add(pool);
        running.add(CompletableFuture.runAsync(worker, pool));
      }
      RuntimeException failure = null;
      try {
        worker.run();
      } catch (RuntimeException e) {
        failure = e;
      }
      for (CompletableFuture<Void> r : running) {
        try {
          r.join();
        } catch (CompletionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException re ? re : e;
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      pools.forEach(ForkJoinPool::shutdown);
    }
  }
}
