package dev.mlops.core.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import smile.classification.RandomForest;
import smile.data.DataFrame;

/**
 * Random forest classifier (Smile {@code smile.classification.RandomForest}, fitted by Smile's own
 * {@code RandomForest.fit}).
 *
 * <pre>{@code
 * Trainer t = Trainers.randomForestClassifier().trees(50).maxDepth(8);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer and validates its argument.
 */
public final class RandomForestClassifierTrainer
    extends RandomForestTrainer<RandomForestClassifierTrainer, RandomForest> {

  RandomForestClassifierTrainer() {
    this(defaults());
  }

  private RandomForestClassifierTrainer(Map<String, Object> p) {
    super(p);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("trees", 100);
    p.put("mtry", 0);
    p.put("split_criterion", SplitCriterion.GINI);
    p.put("max_depth", 20);
    p.put("max_nodes", 0);
    p.put("node_size", 1);
    p.put("subsample", 1.0);
    return p;
  }

  @Override
  RandomForestClassifierTrainer copy(Map<String, Object> p) {
    return new RandomForestClassifierTrainer(p);
  }

  /**
   * The split criterion (default GINI).
   *
   * @param criterion the criterion
   * @return a new trainer
   * @throws NullPointerException if the criterion is null
   */
  public RandomForestClassifierTrainer splitCriterion(SplitCriterion criterion) {
    return with("split_criterion", criterion);
  }

  @Override
  public String name() {
    return "smile.random_forest_classifier";
  }

  @Override
  public Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  int defaultMtry(int features) {
    return Math.max(1, (int) Math.floor(Math.sqrt(features)));
  }

  @Override
  RandomForest fitShare(DataFrame frame, int mtry, int maxNodes, long[] seeds) {
    return RandomForest.fit(formula(), frame, seeds.length, mtry,
        ((SplitCriterion) param("split_criterion")).toSmile(), intParam("max_depth"), maxNodes,
        intParam("node_size"), doubleParam("subsample"), null, Arrays.stream(seeds));
  }

  @Override
  RandomForest merge(RandomForest a, RandomForest b) {
    return a.merge(b);
  }
}
