package dev.mlops.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import smile.regression.LASSO;

/**
 * LASSO regression, least squares with an L1 penalty (Smile {@code smile.regression.LASSO}).
 *
 * <pre>{@code
 * Trainer t = Trainers.lasso().lambda(0.5);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer and validates its argument.
 */
public final class LassoTrainer extends SmileTrainer<LassoTrainer> {

  LassoTrainer() {
    this(defaults());
  }

  private LassoTrainer(Map<String, Object> p) {
    super(p);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("lambda", 1.0);
    p.put("tolerance", 1e-4);
    p.put("max_iterations", 1000);
    return p;
  }

  @Override
  LassoTrainer copy(Map<String, Object> p) {
    return new LassoTrainer(p);
  }

  /**
   * The L1 penalty (default 1.0).
   *
   * @param lambda at least 0
   * @return a new trainer
   */
  public LassoTrainer lambda(double lambda) {
    return with("lambda", requireInRange("lambda", lambda, 0, false, Double.MAX_VALUE));
  }

  /**
   * The convergence tolerance (default 1e-4).
   *
   * @param tolerance in (0, 1]
   * @return a new trainer
   */
  public LassoTrainer tolerance(double tolerance) {
    return with("tolerance", requireInRange("tolerance", tolerance, 0, true, 1));
  }

  /**
   * The maximum number of iterations (default 1000).
   *
   * @param iterations at least 1
   * @return a new trainer
   */
  public LassoTrainer maxIterations(int iterations) {
    return with("max_iterations", requireAtLeast("max_iterations", iterations, 1));
  }

  @Override
  public String name() {
    return "smile.lasso";
  }

  @Override
  public Task task() {
    return Task.REGRESSION;
  }

  @Override
  Object fitSmile(TrainingSet data, long seed) {
    return LASSO.fit(formula(), frame(data), doubleParam("lambda"), doubleParam("tolerance"),
        intParam("max_iterations"));
  }
}
