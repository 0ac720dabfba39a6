package dev.mlops.metrics.fairness;

/**
 * A user metric computed per group from that group's labels and predictions (e.g. a business
 * KPI or a cost-weighted error), reported beside the built-in rates. Implementations must be
 * stateless or thread-safe.
 */
@FunctionalInterface
public interface GroupMetric {

  /**
   * Computes the metric on one group's rows.
   *
   * @param labels the group's 0/1 labels, or {@code null} when the evaluation has no labels
   * @param predicted the group's 0/1 predictions
   * @return the value, NaN when undefined for this group
   */
  double compute(int[] labels, int[] predicted);
}
