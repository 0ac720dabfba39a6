package dev.mlops.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import smile.classification.LogisticRegression;

/**
 * L2-regularised logistic regression, binomial or multinomial by the number of classes (Smile
 * {@code smile.classification.LogisticRegression}). Standardise the features for a meaningful
 * penalty.
 *
 * <pre>{@code
 * Trainer t = Trainers.logisticRegression().lambda(0.1);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer and validates its argument.
 */
public final class LogisticRegressionTrainer extends SmileTrainer<LogisticRegressionTrainer> {

  LogisticRegressionTrainer() {
    this(defaults());
  }

  private LogisticRegressionTrainer(Map<String, Object> p) {
    super(p);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("lambda", 0.1);
    p.put("tolerance", 1e-5);
    p.put("max_iterations", 500);
    return p;
  }

  @Override
  LogisticRegressionTrainer copy(Map<String, Object> p) {
    return new LogisticRegressionTrainer(p);
  }

  /**
   * The L2 penalty (default 0.1; 0 for none).
   *
   * @param lambda at least 0
   * @return a new trainer
   */
  public LogisticRegressionTrainer lambda(double lambda) {
    return with("lambda", requireInRange("lambda", lambda, 0, false, Double.MAX_VALUE));
  }

  /**
   * The convergence tolerance (default 1e-5).
   *
   * @param tolerance positive
   * @return a new trainer
   */
  public LogisticRegressionTrainer tolerance(double tolerance) {
    return with("tolerance", requireInRange("tolerance", tolerance, 0, true, 1));
  }

  /**
   * The maximum number of optimiser iterations (default 500).
   *
   * @param iterations at least 1
   * @return a new trainer
   */
  public LogisticRegressionTrainer maxIterations(int iterations) {
    return with("max_iterations", requireAtLeast("max_iterations", iterations, 1));
  }

  @Override
  public String name() {
    return "smile.logistic_regression";
  }

  @Override
  public Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  Object fitSmile(TrainingSet data, long seed) {
    return LogisticRegression.fit(data.features(), data.labels(), doubleParam("lambda"),
        doubleParam("tolerance"), intParam("max_iterations"));
  }
}
