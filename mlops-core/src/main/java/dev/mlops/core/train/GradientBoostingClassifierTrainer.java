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
public final class GradientBoostingClassifierTrainer extends GradientBoostingTrainer<GradientBoostingClassifierTrainer> {

  GradientBoostingClassifierTrainer() {
    this(boostingDefaults(new LinkedHashMap<>()));
  }

  private GradientBoostingClassifierTrainer(Map<String, Object> p) {
    super(p);
  }

  @Override
  GradientBoostingClassifierTrainer copy(Map<String, Object> p) {
    return new GradientBoostingClassifierTrainer(p);
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
