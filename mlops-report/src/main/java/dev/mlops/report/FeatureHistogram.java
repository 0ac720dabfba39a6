package dev.mlops.report;

import java.util.List;

/**
 * The reference and one window's distribution of a feature on the same bins, as the report draws it.
 * Numeric bins are of equal width and cover both the reference's and the window's range (so a shifted
 * feature spreads over its own bins instead of piling into an open-ended last bin); categories are
 * sorted by their reference share, then by their share in the window, and a category the reference
 * never saw is marked {@code "(new)"}.
 *
 * <p>Immutable and thread-safe (arrays are copied in and out).
 *
 * @param feature the feature (or {@code "prediction"} / {@code "label"})
 * @param kind {@code "numeric"} or {@code "categorical"}
 * @param bins the bin labels, in display order
 * @param reference the reference's share of values per bin (sums to 1 unless the reference is empty)
 * @param current the window's share of values per bin (sums to 1 unless the window is empty)
 * @param currentCount the number of valid values in the window
 * @param source where the window's side came from: {@code "values"} (every value) or
 *     {@code "quantile sketch"} (the monitor's sketch of the window)
 */
public record FeatureHistogram(String feature, String kind, List<String> bins, double[] reference, double[] current,
    long currentCount, String source) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the arrays do not have one value per bin, or a share is outside [0, 1]
   */
  public FeatureHistogram {
    Checks.nonNull("feature", feature, "kind", kind, "source", source);
    bins = List.copyOf(bins);
    reference = reference.clone();
    current = current.clone();
    if (reference.length != bins.size() || current.length != bins.size()) {
      throw new IllegalArgumentException("histogram of " + feature + " must have one share per bin (" + bins.size()
          + "): reference " + reference.length + ", current " + current.length);
    }
    for (int i = 0; i < bins.size(); i++) {
      if (!(reference[i] >= 0 && reference[i] <= 1 + 1e-9) || !(current[i] >= 0 && current[i] <= 1 + 1e-9)) {
        throw new IllegalArgumentException("histogram of " + feature + ": shares of bin " + bins.get(i)
            + " must be in [0, 1]: reference " + reference[i] + ", current " + current[i]);
      }
    }
    if (currentCount < 0) {
      throw new IllegalArgumentException("histogram of " + feature + ": current count must not be negative: "
          + currentCount);
    }
  }

  /** @return a copy of the reference shares */
  @Override
  public double[] reference() {
    return reference.clone();
  }

  /** @return a copy of the window's shares */
  @Override
  public double[] current() {
    return current.clone();
  }
}
