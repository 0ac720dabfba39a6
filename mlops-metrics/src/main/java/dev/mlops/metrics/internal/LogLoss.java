package dev.mlops.metrics.internal;

/**
 * The per-row log loss of scikit-learn's {@code log_loss} with {@code eps='auto'} (scikit-learn
 * 1.2 and later): probabilities clipped to {@code [eps, 1 - eps]} with {@code eps} the float64
 * machine epsilon ({@code np.finfo(np.float64).eps}, 2.220446049250313e-16), multiclass rows
 * renormalised after clipping. Not API. Stateless, thread-safe.
 */
public final class LogLoss {

  /** {@code np.finfo(np.float64).eps}: the gap between 1 and the next double. */
  public static final double EPSILON = Math.ulp(1.0);

  private LogLoss() {}

  /**
   * The log loss of one binary row.
   *
   * @param label 0 or 1
   * @param p P(class 1)
   * @return {@code -log(clip(p))} for a positive, {@code -log(1 - clip(p))} for a negative
   */
  public static double binary(int label, double p) {
    double clipped = Math.min(1 - EPSILON, Math.max(EPSILON, p));
    return label == 1 ? -Math.log(clipped) : -Math.log(1 - clipped);
  }

  /**
   * The log loss of one multiclass row: every probability clipped, the row renormalised, then
   * {@code -log} of the label's probability.
   *
   * @param row the probabilities
   * @param label the true class
   * @return the row's loss
   */
  public static double multiclass(double[] row, int label) {
    double sum = 0;
    for (double p : row) {
      sum += Math.min(1 - EPSILON, Math.max(EPSILON, p));
    }
    double own = Math.min(1 - EPSILON, Math.max(EPSILON, row[label]));
    return -Math.log(own / sum);
  }
}
