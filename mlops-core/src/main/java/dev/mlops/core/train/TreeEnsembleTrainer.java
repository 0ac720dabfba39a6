package dev.mlops.core.train;

import java.util.Map;

/**
 * What the tree ensembles share (random forests, gradient boosting, AdaBoost): the number of trees
 * and the size limits of each tree. Each setter returns a new trainer of the concrete type and
 * validates its argument at once.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the concrete trainer
 */
public abstract sealed class TreeEnsembleTrainer<T extends TreeEnsembleTrainer<T>> extends SmileTrainer<T>
    permits RandomForestTrainer, GradientBoostingTrainer, AdaBoostTrainer {

  TreeEnsembleTrainer(Map<String, Object> params) {
    super(params);
  }

  /**
   * The number of trees, or of boosting rounds (default 100).
   *
   * @param trees at least 1
   * @return a new trainer
   * @throws IllegalArgumentException if {@code trees} is below 1
   */
  public final T trees(int trees) {
    return with("trees", requireAtLeast("trees", trees, 1));
  }

  /**
   * The maximum depth of a tree (default 20).
   *
   * @param depth at least 2
   * @return a new trainer
   * @throws IllegalArgumentException if {@code depth} is below 2
   */
  public final T maxDepth(int depth) {
    return with("max_depth", requireAtLeast("max_depth", depth, 2));
  }

  /**
   * The maximum number of leaves of a tree (default 6 for boosting; 0 for a random forest, which
   * means a fifth of the training rows).
   *
   * @param nodes at least 2 (or 0 for a random forest)
   * @return a new trainer
   * @throws IllegalArgumentException if {@code nodes} is out of range
   */
  public final T maxNodes(int nodes) {
    return with("max_nodes", nodes == 0 && this instanceof RandomForestTrainer ? 0
        : requireAtLeast("max_nodes", nodes, 2));
  }

  /**
   * The minimum number of rows in a leaf (default 5; 1 for the random forest classifier and
   * AdaBoost).
   *
   * @param size at least 1
   * @return a new trainer
   * @throws IllegalArgumentException if {@code size} is below 1
   */
  public final T nodeSize(int size) {
    return with("node_size", requireAtLeast("node_size", size, 1));
  }
}
