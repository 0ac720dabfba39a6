package dev.mlops.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import smile.classification.DecisionTree;

/**
 * A single classification tree, CART (Smile {@code smile.classification.DecisionTree}).
 *
 * <pre>{@code
 * Trainer t = Trainers.decisionTree().maxDepth(6).splitCriterion(SplitCriterion.ENTROPY);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer and validates its argument.
 */
public final class DecisionTreeTrainer extends SmileTrainer<DecisionTreeTrainer> {

  DecisionTreeTrainer() {
    this(defaults());
  }

  private DecisionTreeTrainer(Map<String, Object> p) {
    super(p);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("split_criterion", SplitCriterion.GINI);
    p.put("max_depth", 20);
    p.put("max_nodes", 0);
    p.put("node_size", 5);
    return p;
  }

  @Override
  DecisionTreeTrainer copy(Map<String, Object> p) {
    return new DecisionTreeTrainer(p);
  }

  /**
   * The split criterion (default GINI).
   *
   * @param criterion the criterion
   * @return a new trainer
   */
  public DecisionTreeTrainer splitCriterion(SplitCriterion criterion) {
    return with("split_criterion", criterion);
  }

  /**
   * The maximum depth (default 20).
   *
   * @param depth at least 2
   * @return a new trainer
   */
  public DecisionTreeTrainer maxDepth(int depth) {
    return with("max_depth", requireAtLeast("max_depth", depth, 2));
  }

  /**
   * The maximum number of leaves (default 0: a fifth of the training rows).
   *
   * @param nodes 0 or at least 2
   * @return a new trainer
   */
  public DecisionTreeTrainer maxNodes(int nodes) {
    return with("max_nodes", nodes == 0 ? 0 : requireAtLeast("max_nodes", nodes, 2));
  }

  /**
   * The minimum number of rows in a leaf (default 5).
   *
   * @param size at least 1
   * @return a new trainer
   */
  public DecisionTreeTrainer nodeSize(int size) {
    return with("node_size", requireAtLeast("node_size", size, 1));
  }

  @Override
  public String name() {
    return "smile.decision_tree_classifier";
  }

  @Override
  public Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  Object fitSmile(TrainingSet data, long seed) {
    int maxNodes = intParam("max_nodes") == 0 ? Math.max(2, data.size() / 5) : intParam("max_nodes");
    return DecisionTree.fit(formula(), frame(data), ((SplitCriterion) param("split_criterion")).toSmile(),
        intParam("max_depth"), maxNodes, intParam("node_size"));
  }
}
