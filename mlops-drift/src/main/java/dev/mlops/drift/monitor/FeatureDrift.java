package dev.mlops.drift.monitor;

import dev.mlops.drift.internal.Checks;


/**
 * The comparison of one feature (or of the prediction or the label) in one window with its
 * baseline.
 *
 * <p>Immutable and thread-safe.
 *
 * @param feature the feature name ({@code "__prediction__"} / {@code "__label__"} for the
 *     prediction and label)
 * @param kind {@code "numeric"} or {@code "categorical"}
 * @param test the statistic's key ({@link dev.mlops.drift.stat.DriftStatistic#key()}), e.g.
 *     {@code "ks"}
 * @param statistic the statistic's value ({@code NaN} when not computed)
 * @param pValue the p-value ({@code NaN} for distances or when not computed)
 * @param threshold the threshold the verdict used: the corrected significance level for a test,
 *     the distance threshold for a distance
 * @param effectSize the effect size, always computed when data allow: normed Wasserstein
 *     distance for numeric features, Jensen-Shannon distance for categorical ones
 * @param minEffectSize the minimum effect size of the combined rule ({@code 0} when not used)
 * @param nReference values in the baseline
 * @param nCurrent valid values in the window
 * @param status the verdict
 * @param reason one line explaining the verdict, with the numbers
 */
public record FeatureDrift(
    String feature,
    String kind,
    String test,
    double statistic,
    double pValue,
    double threshold,
    double effectSize,
    double minEffectSize,
    long nReference,
    long nCurrent,
    DriftStatus status,
    String reason) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a reference component is null
   * @throws IllegalArgumentException if a count is negative
   */
  public FeatureDrift {
    Checks.nonNull("feature", feature, "kind", kind, "test", test, "status", status,
        "reason", reason);
    if (nReference < 0 || nCurrent < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative: nReference " + nReference + ", nCurrent " + nCurrent);
    }
  }

  /**
   * Whether the feature drifted.
   *
   * @return {@code true} when {@link #status()} is {@link DriftStatus#DRIFT}
   */
  public boolean drifted() {
    return status == DriftStatus.DRIFT;
  }
}
