package dev.mlops.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import smile.classification.LDA;

/**
 * Linear discriminant analysis (Smile {@code smile.classification.LDA}), with class priors from
 * the training frequencies.
 *
 * <pre>{@code
 * Trainer t = Trainers.lda();
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer and validates its argument.
 */
public final class LdaTrainer extends SmileTrainer<LdaTrainer> {

  LdaTrainer() {
    this(defaults());
  }

  private LdaTrainer(Map<String, Object> p) {
    super(p);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("tolerance", 1e-4);
    return p;
  }

  @Override
  LdaTrainer copy(Map<String, Object> p) {
    return new LdaTrainer(p);
  }

  /**
   * The tolerance below which a covariance eigenvalue counts as zero (default 1e-4).
   *
   * @param tolerance in (0, 1]
   * @return a new trainer
   */
  public LdaTrainer tolerance(double tolerance) {
    return with("tolerance", requireInRange("tolerance", tolerance, 0, true, 1));
  }

  @Override
  public String name() {
    return "smile.lda";
  }

  @Override
  public Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  Object fitSmile(TrainingSet data, long seed) {
    return LDA.fit(data.features(), data.labels(), null, doubleParam("tolerance"));
  }
}
