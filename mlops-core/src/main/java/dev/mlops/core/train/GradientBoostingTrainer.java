package dev.mlops.core.train;

import java.util.Map;

/**
 * What the two gradient-boosting trainers share: the learning rate and the row subsample of each
 * round, on top of the tree limits of {@link TreeEnsembleTrainer}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the concrete trainer
 */
public abstract sealed class GradientBoostingTrainer<T extends GradientBoostingTrainer<T>>
    extends TreeEnsembleTrainer<T>
    permits GradientBoostingClassifierTrainer, GradientBoostingRegressorTrainer {

  GradientBoostingTrainer(Map<String, Object> params) {
    super(params);
  }

  /** The defaults both gradient-boosting trainers start from. */
  static Map<String, Object> boostingDefaults(Map<String, Object> p) {
    p.put("trees", 100);
    p.put("max_depth", 20);
    p.put("max_nodes", 6);
    p.put("node_size", 5);
    p.put("shrinkage", 0.05);
    p.put("subsample", 0.7);
    return p;
  }

  /**
   * The learning rate (default 0.05).
   *
   * @param shrinkage in (0, 1]
   * @return a new trainer
   * @throws IllegalArgumentException if {@code shrinkage} is out of range
   */
  public final T shrinkage(double shrinkage) {
    return with("shrinkage", requireInRange("shrinkage", shrinkage, 0, true, 1));
  }

  /**
   * The share of rows each round is fitted on (default 0.7).
   *
   * @param rate in (0, 1]
   * @return a new trainer
   * @throws IllegalArgumentException if {@code rate} is out of range
   */
  public final T subsample(double rate) {
    return with("subsample", requireInRange("subsample", rate, 0, true, 1));
  }
}
