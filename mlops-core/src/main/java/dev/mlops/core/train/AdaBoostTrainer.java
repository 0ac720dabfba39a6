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
public final class AdaBoostTrainer extends TreeEnsembleTrainer<AdaBoostTrainer> {

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
