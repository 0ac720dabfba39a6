package dev.mlops.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import smile.regression.GradientTreeBoost;

/**
 * Gradient-boosted trees for regression (Smile {@code smile.regression.GradientTreeBoost}).
 *
 * <pre>{@code
 * Trainer t = Trainers.gradientBoostingRegressor().trees(50).shrinkage(0.1);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer and validates its argument.
 */
public final class GradientBoostingRegressorTrainer extends GradientBoostingTrainer<GradientBoostingRegressorTrainer> {

  GradientBoostingRegressorTrainer() {
    this(defaults());
  }

  private GradientBoostingRegressorTrainer(Map<String, Object> p) {
    super(p);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("loss", RegressionLoss.LEAST_SQUARES);
    return boostingDefaults(p);
  }

  @Override
  GradientBoostingRegressorTrainer copy(Map<String, Object> p) {
    return new GradientBoostingRegressorTrainer(p);
  }

  /**
   * The loss (default least squares).
   *
   * @param loss the loss
   * @return a new trainer
   * @throws NullPointerException if the loss is null
   */
  public GradientBoostingRegressorTrainer loss(RegressionLoss loss) {
    return with("loss", loss);
  }

  @Override
  public String name() {
    return "smile.gradient_boosting_regressor";
  }

  @Override
  public Task task() {
    return Task.REGRESSION;
  }

  @Override
  Object fitSmile(TrainingSet data, long seed) {
    return GradientTreeBoost.fit(formula(), frame(data), ((RegressionLoss) param("loss")).toSmile(),
        intParam("trees"), intParam("max_depth"), intParam("max_nodes"), intParam("node_size"),
        doubleParam("shrinkage"), doubleParam("subsample"));
  }
}
