package dev.mlops.drift.monitor;

import java.util.Objects;

/**
 * Quantiles of one numeric feature over a whole window, from a mergeable KLL quantile sketch
 * (Apache DataSketches), when the monitor is configured with
 * {@link DriftMonitor.Builder#quantileSketch(int)}: unlike the reservoir, the sketch sees every
 * value of the window.
 *
 * <p>Immutable and thread-safe (the arrays are copied in and out).
 *
 * @param feature the feature name
 * @param n valid values the sketch saw
 * @param ranks the normalised ranks, ascending
 * @param values the quantile at each rank (NaN when {@code n} is 0)
 * @param normalizedRankError the sketch's rank error (99% confidence)
 */
public record FeatureQuantiles(String feature, long n, double[] ranks, double[] values,
    double normalizedRankError) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public FeatureQuantiles {
    Objects.requireNonNull(feature, "feature");
    ranks = ranks.clone();
    values = values.clone();
    if (ranks.length != values.length) {
      throw new IllegalArgumentException("ranks and values must have the same length: "
          + ranks.length + " and " + values.length);
    }
  }

  /**
   * The normalised ranks.
   *
   * @return a copy
   */
  @Override
  public double[] ranks() {
    return ranks.clone();
  }

  /**
   * The quantiles.
   *
   * @return a copy
   */
  @Override
  public double[] values() {
    return values.clone();
  }

  /**
   * Equal when every component is, the arrays compared element by element.
   *
   * @param o the other object
   * @return whether equal
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureQuantiles q && q.feature.equals(feature) && q.n == n
        && java.util.Arrays.equals(q.ranks, ranks) && java.util.Arrays.equals(q.values, values)
        && Double.compare(q.normalizedRankError, normalizedRankError) == 0;
  }

  /**
   * A hash of the components, arrays by content.
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    return Objects.hash(feature, n, java.util.Arrays.hashCode(ranks),
        java.util.Arrays.hashCode(values), normalizedRankError);
  }

  /**
   * The components, arrays by content.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "FeatureQuantiles[feature=" + feature + ", n=" + n + ", ranks="
        + java.util.Arrays.toString(ranks) + ", values=" + java.util.Arrays.toString(values)
        + ", normalizedRankError=" + normalizedRankError + "]";
  }
}
