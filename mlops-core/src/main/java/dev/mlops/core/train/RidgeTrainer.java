package dev.mlops.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import smile.regression.RidgeRegression;

/**
 * Ridge regression, least squares with an L2 penalty (Smile {@code smile.regression.RidgeRegression}).
 *
 * <pre>{@code
 * Trainer t = Trainers.ridge().lambda(1.0);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer and validates its argument.
 */
public final class RidgeTrainer extends SmileTrainer<RidgeTrainer> {

  RidgeTrainer() {
    this(defaults());
  }

  private RidgeTrainer(Map<String, Object> p) {
    super(p);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("lambda", 1.0);
    return p;
  }

  @Override
  RidgeTrainer copy(Map<String, Object> p) {
    return new RidgeTrainer(p);
  }

  /**
   * The L2 penalty (default 1.0).
   *
   * @param lambda at least 0
   * @return a new trainer
   */
  public RidgeTrainer lambda(double lambda) {
    return with("lambda", requireInRange("lambda", lambda, 0, false, Double.MAX_VALUE));
  }

  @Override
  public String name() {
    return "smile.ridge_regression";
  }

  @Override
  public Task task() {
    return Task.REGRESSION;
  }

  @Override
  Object fitSmile(TrainingSet data, long seed) {
    return RidgeRegression.fit(formula(), frame(data), doubleParam("lambda"));
  }
}
