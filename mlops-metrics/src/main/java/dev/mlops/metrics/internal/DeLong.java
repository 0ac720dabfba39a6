package dev.mlops.metrics.internal;

/** DeLong structural components (temporary skeleton). Not API. */
public final class DeLong {
  private DeLong() {}

  /**
   * AUC and its DeLong variance.
   *
   * @param auc the AUC
   * @param variance its variance
   */
  public record Components(double auc, double variance) {}

  /**
   * @param labels labels
   * @param scores scores
   * @return the components
   */
  public static Components components(int[] labels, double[] scores) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
