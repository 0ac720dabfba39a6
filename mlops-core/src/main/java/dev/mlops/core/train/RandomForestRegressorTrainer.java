package dev.mlops.core.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import smile.data.DataFrame;
import smile.regression.RandomForest;

/**
 * Random forest regressor (Smile {@code smile.regression.RandomForest}, fitted by Smile's own
 * {@code RandomForest.fit}).
 *
 * <pre>{@code
 * Trainer t = Trainers.randomForestRegressor().trees(50).maxDepth(8);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer and validates its argument.
 */
public final class RandomForestRegressorTrainer
    extends RandomForestTrainer<RandomForestRegressorTrainer, RandomForest> {

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

  @Override
  public String name() {
    return "smile.random_forest_regressor";
  }

  @Override
  public Task task() {
    return Task.REGRESSION;
  }

  @Override
  int defaultMtry(int features) {
    return Math.max(1, features / 3);
  }

  @Override
  RandomForest fitShare(DataFrame frame, int mtry, int maxNodes, long[] seeds) {
    return RandomForest.fit(formula(), frame, seeds.length, mtry, intParam("max_depth"), maxNodes,
        intParam("node_size"), doubleParam("subsample"), Arrays.stream(seeds));
  }

  @Override
  RandomForest merge(RandomForest a, RandomForest b) {
    return a.merge(b);
  }
}
