package dev.mlops.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import smile.regression.OLS;

/**
 * Ordinary least squares (Smile {@code smile.regression.OLS}).
 *
 * <pre>{@code
 * Trainer t = Trainers.ols().method(OlsTrainer.Method.SVD);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each setter returns a new trainer.
 */
public final class OlsTrainer extends SmileTrainer<OlsTrainer> {

  /** How the least-squares problem is solved. */
  public enum Method {
    /** QR decomposition (fast; needs a full-rank design). */
    QR,
    /** Singular value decomposition (handles collinear features, e.g. a full one-hot encoding). */
    SVD
  }

  OlsTrainer() {
    this(defaults());
  }

  private OlsTrainer(Map<String, Object> p) {
    super(p);
  }

  private static Map<String, Object> defaults() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("method", Method.SVD);
    return p;
  }

  @Override
  OlsTrainer copy(Map<String, Object> p) {
    return new OlsTrainer(p);
  }

  /**
   * The solver (default SVD).
   *
   * @param method the solver
   * @return a new trainer
   */
  public OlsTrainer method(Method method) {
    return with("method", method);
  }

  @Override
  public String name() {
    return "smile.ols";
  }

  @Override
  public Task task() {
    return Task.REGRESSION;
  }

  @Override
  Object fitSmile(TrainingSet data, long seed) {
    String method = param("method") == Method.QR ? "qr" : "svd";
    return OLS.fit(formula(), frame(data), method, false, false);
  }
}
