package dev.mlops.metrics.internal;

import dev.mlops.metrics.Interval;

/** Bootstrap machinery (temporary skeleton). Not API. */
public final class Bootstrap {
  private Bootstrap() {}

  /**
   * @param labels labels
   * @param scores scores
   * @param resamples B
   * @param seed seed
   * @return B AUCs
   */
  public static double[] stratifiedRocAuc(int[] labels, double[] scores, int resamples, long seed) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /**
   * @param values values (reordered)
   * @param count how many are used
   * @param level level
   * @return the percentile interval
   */
  public static Interval percentileInterval(double[] values, int count, double level) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
