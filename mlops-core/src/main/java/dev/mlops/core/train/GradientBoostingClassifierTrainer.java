package dev.mlops.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import smile.classification.GradientTreeBoost;

/**
 * Gradient-boosted trees for classification (Smile {@code smile.classification.GradientTreeBoost}).
 *
 * <pre>{@code
 * Trainer t = Trainers.gradientBoostingClassifier().trees(50).shrinkage(0.1);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer and validates its argument.
 */
public final class GradientBoostingClassifierTrainer extends SmileTrainer<GradientBoostingClassifierTrainer> {

  GradientBoostingClassifierTrainer() {
    this(defaults());
  }

  private GradientBoostingClassifierTrainer(Map<String, Object> p) {
    super(p);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("trees", 100);
    p.put("max_depth", 20);
    p.put("max_nodes", 6);
    p.put("node_size", 5);
    p.put("shrinkage", 0.05);
    p.put("subsample", 0.7);
    return p;
  }

  @Override
  GradientBoostingClassifierTrainer copy(Map<String, Object> p) {
    return new GradientBoostingClassifierTrainer(p);
  }

  /**
   * The number of boosting rounds (default 100).
   *
   * @param trees at least 1
   * @return a new trainer
   */
  public GradientBoostingClassifierTrainer trees(int trees) {
    return with("trees", requireAtLeast("trees", trees, 1));
  }

  /**
   * The maximum depth of a tree (default 20).
   *
   * @param depth at least 2
   * @return a new trainer
   */
  public GradientBoostingClassifierTrainer maxDepth(int depth) {
    return with("max_depth", requireAtLeast("max_depth", depth, 2));
  }

  /**
   * The maximum number of leaves of a tree (default 6).
   *
   * @param nodes at least 2
   * @return a new trainer
   */
  public GradientBoostingClassifierTrainer maxNodes(int nodes) {
    return with("max_nodes", requireAtLeast("max_nodes", nodes, 2));
  }

  /**
   * The minimum number of rows in a leaf (default 5).
   *
   * @param size at least 1
   * @return a new trainer
   */
  public GradientBoostingClassifierTrainer nodeSize(int size) {
    return with("node_size", requireAtLeast("node_size", size, 1));
  }

  /**
   * The learning rate (default 0.05).
   *
   * @param shrinkage in (0, 1]
   * @return a new trainer
   */
  public GradientBoostingClassifierTrainer shrinkage(double shrinkage) {
    return with("shrinkage", requireInRange("shrinkage", shrinkage, 0, true, 1));
  }

  /**
   * The share of rows each round is fitted on (default 0.7).
   *
   * @param rate in (0, 1]
   * @return a new trainer
   */
  public GradientBoostingClassifierTrainer subsample(double rate) {
    return with("subsample", requireInRange("subsample", rate, 0, true, 1));
  }

  @Override
  public String name() {
    return "smile.gradient_boosting_classifier";
  }

  @Override
  public Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  Object fitSmile(TrainingSet data, long seed) {
    return GradientTreeBoost.fit(formula(), frame(data), intParam("trees"), intParam("max_depth"),
        intParam("max_nodes"), intParam("node_size"), doubleParam("shrinkage"), doubleParam("subsample"));
  }
}
