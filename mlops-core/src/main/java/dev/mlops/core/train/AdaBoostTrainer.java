package dev.mlops.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import smile.classification.AdaBoost;

/**
 * AdaBoost (SAMME) over classification trees (Smile {@code smile.classification.AdaBoost}).
 *
 * <pre>{@code
 * Trainer t = Trainers.adaBoost().trees(50).maxNodes(6);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer and validates its argument.
 */
public final class AdaBoostTrainer extends SmileTrainer<AdaBoostTrainer> {

  AdaBoostTrainer() {
    this(defaults());
  }

  private AdaBoostTrainer(Map<String, Object> p) {
    super(p);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("trees", 100);
    p.put("max_depth", 20);
    p.put("max_nodes", 6);
    p.put("node_size", 1);
    return p;
  }

  @Override
  AdaBoostTrainer copy(Map<String, Object> p) {
    return new AdaBoostTrainer(p);
  }

  /**
   * The number of boosting rounds (default 100).
   *
   * @param trees at least 1
   * @return a new trainer
   */
  public AdaBoostTrainer trees(int trees) {
    return with("trees", requireAtLeast("trees", trees, 1));
  }

  /**
   * The maximum depth of a tree (default 20).
   *
   * @param depth at least 2
   * @return a new trainer
   */
  public AdaBoostTrainer maxDepth(int depth) {
    return with("max_depth", requireAtLeast("max_depth", depth, 2));
  }

  /**
   * The maximum number of leaves of a tree (default 6).
   *
   * @param nodes at least 2
   * @return a new trainer
   */
  public AdaBoostTrainer maxNodes(int nodes) {
    return with("max_nodes", requireAtLeast("max_nodes", nodes, 2));
  }

  /**
   * The minimum number of rows in a leaf (default 1).
   *
   * @param size at least 1
   * @return a new trainer
   */
  public AdaBoostTrainer nodeSize(int size) {
    return with("node_size", requireAtLeast("node_size", size, 1));
  }

  @Override
  public String name() {
    return "smile.adaboost_classifier";
  }

  @Override
  public Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  Object fitSmile(TrainingSet data, long seed) {
    return AdaBoost.fit(formula(), frame(data), intParam("trees"), intParam("max_depth"),
        intParam("max_nodes"), intParam("node_size"));
  }
}
