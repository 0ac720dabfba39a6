package dev.mlops.core.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import smile.regression.RandomForest;

/**
 * Random forest regressor (Smile {@code smile.regression.RandomForest}).
 *
 * <pre>{@code
 * Trainer t = Trainers.randomForestRegressor().trees(50).maxDepth(8);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer and validates its argument.
 */
public final class RandomForestRegressorTrainer extends SmileTrainer<RandomForestRegressorTrainer> {

  RandomForestRegressorTrainer() {
    this(defaults());
  }

  private RandomForestRegressorTrainer(Map<String, Object> p) {
    super(p);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("trees", 100);
    p.put("mtry", 0);
    p.put("max_depth", 20);
    p.put("max_nodes", 0);
    p.put("node_size", 5);
    p.put("subsample", 1.0);
    return p;
  }

  @Override
  RandomForestRegressorTrainer copy(Map<String, Object> p) {
    return new RandomForestRegressorTrainer(p);
  }

  /**
   * The number of trees (default 100).
   *
   * @param trees at least 1
   * @return a new trainer
   */
  public RandomForestRegressorTrainer trees(int trees) {
    return with("trees", requireAtLeast("trees", trees, 1));
  }

  /**
   * The number of features tried at each split (default 0: a third of the features).
   *
   * @param mtry 0 or at least 1 and at most the number of features
   * @return a new trainer
   */
  public RandomForestRegressorTrainer mtry(int mtry) {
    return with("mtry", requireAtLeast("mtry", mtry, 0));
  }

  /**
   * The maximum depth of a tree (default 20).
   *
   * @param depth at least 2
   * @return a new trainer
   */
  public RandomForestRegressorTrainer maxDepth(int depth) {
    return with("max_depth", requireAtLeast("max_depth", depth, 2));
  }

  /**
   * The maximum number of leaves of a tree (default 0: a fifth of the training rows).
   *
   * @param nodes 0 or at least 2
   * @return a new trainer
   */
  public RandomForestRegressorTrainer maxNodes(int nodes) {
    return with("max_nodes", nodes == 0 ? 0 : requireAtLeast("max_nodes", nodes, 2));
  }

  /**
   * The minimum number of rows in a leaf (default 5).
   *
   * @param size at least 1
   * @return a new trainer
   */
  public RandomForestRegressorTrainer nodeSize(int size) {
    return with("node_size", requireAtLeast("node_size", size, 1));
  }

  /**
   * The share of rows each tree is trained on (1.0: bootstrap with replacement, as Smile).
   *
   * @param rate in (0, 1]
   * @return a new trainer
   */
  public RandomForestRegressorTrainer subsample(double rate) {
    return with("subsample", requireInRange("subsample", rate, 0, true, 1));
  }

  /**
   * How many threads fit the trees (default: the available processors). Each thread takes the
   * next unfitted tree until none is left, and fits it start to end; each tree depends only on its
   * own seed, so this setting does not change the model and is not a hyperparameter.
   *
   * @param threads at least 1
   * @return a new trainer
   */
  public RandomForestRegressorTrainer threads(int threads) {
    return with(THREADS, requireAtLeast("threads", threads, 1));
  }

  @Override
  public String name() {
    return "smile.random_forest_regressor";
  }

  @Override
  public Task task() {
    return Task.REGRESSION;
  }

  @Override
  public void validate(TrainingSet data) {
    super.validate(data);
    int p = data.featureNames().size();
    if (intParam("mtry") > p) {
      throw new IllegalArgumentException("mtry must be <= the number of features " + p + ": " + intParam("mtry"));
    }
  }

  @Override
  Object fitSmile(TrainingSet data, long seed) {
    return fit(data, seed, ForestFit.available(), Progress.NONE);
  }

  @Override
  Object fitSmile(TrainingSet data, long seed, Progress progress) {
    return fit(data, seed, ForestFit.available(), progress);
  }

  /**
   * The forest, assembled tree by tree ({@link ForestFit}) or, with {@code treeByTree} false, as
   * {@code RandomForest.fit} calls on a share of the trees per thread, merged: the same trees.
   */
  RandomForest fit(TrainingSet data, long seed, boolean treeByTree) {
    return fit(data, seed, treeByTree, Progress.NONE);
  }

  /** As {@link #fit(TrainingSet, long, boolean)}, reporting each tree (or each thread's share of them). */
  RandomForest fit(TrainingSet data, long seed, boolean treeByTree, Progress progress) {
    int p = data.featureNames().size();
    int mtry = intParam("mtry") == 0 ? Math.max(1, p / 3) : intParam("mtry");
    int maxNodes = intParam("max_nodes") == 0 ? Math.max(2, data.size() / 5) : intParam("max_nodes");
    long[] seeds = treeSeeds(seed, intParam("trees"));
    smile.data.DataFrame frame = frame(data);
    if (treeByTree) {
      return ForestFit.regression(formula(), frame, seeds, mtry, intParam("max_depth"), maxNodes,
          intParam("node_size"), doubleParam("subsample"), threads(), progress);
    }
    return mergedShares(seeds.length, threads(), progress, (from, n) -> RandomForest.fit(formula(), frame, n, mtry,
        intParam("max_depth"), maxNodes, intParam("node_size"), doubleParam("subsample"),
        Arrays.stream(seeds, from, from + n)), RandomForest::merge);
  }
}
