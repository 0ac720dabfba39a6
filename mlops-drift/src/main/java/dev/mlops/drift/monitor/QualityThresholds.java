package dev.mlops.drift.monitor;

/**
 * Rates above which a data-quality finding raises an alert in the report (each in [0, 1]; a rate
 * strictly greater than its threshold is a finding).
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxMissingRate missing values (null, NaN, absent, wrong type)
 * @param maxNonFiniteRate infinite values
 * @param maxOutOfRangeRate numeric values outside the reference range
 * @param maxUnseenRate categories absent from the reference
 * @param maxUnknownFeatureRate rows carrying a feature name the reference does not know
 * @param maxTopShareIncrease how much the share of a window's most frequent value may exceed that
 *     value's share in the reference (an imputed default, a stuck sensor); a larger jump is a
 *     finding when it is also significant at 0.001 for the window's size, the window counted as
 *     its rows over the reference's longest run of equal consecutive values (so a short window of
 *     autocorrelated data is not a finding); a feature constant in
 *     the window where the reference varied, or whose distinct values collapse to a tenth of what
 *     a window of its size would hold, or whose values all lie on a coarser power-of-ten grid than
 *     the reference's (rounded), is always a finding (unless the ordered reference held that
 *     constant for as many consecutive rows)
 */
public record QualityThresholds(
    double maxMissingRate,
    double maxNonFiniteRate,
    double maxOutOfRangeRate,
    double maxUnseenRate,
    double maxUnknownFeatureRate,
    double maxTopShareIncrease) {

  /**
   * Validates that each rate is in [0, 1].
   *
   * @throws IllegalArgumentException naming the rate that is outside [0, 1]
   */
  public QualityThresholds {
    check("max missing rate", maxMissingRate);
    check("max non-finite rate", maxNonFiniteRate);
    check("max out-of-range rate", maxOutOfRangeRate);
    check("max unseen rate", maxUnseenRate);
    check("max unknown feature rate", maxUnknownFeatureRate);
    check("max top share increase", maxTopShareIncrease);
  }

  /**
   * The five rates with the default top-share increase of 0.3.
   *
   * @param maxMissingRate missing values
   * @param maxNonFiniteRate infinite values
   * @param maxOutOfRangeRate numeric values outside the reference range
   * @param maxUnseenRate categories absent from the reference
   * @param maxUnknownFeatureRate rows carrying an unknown feature name
   * @throws IllegalArgumentException naming the rate that is outside [0, 1]
   */
  public QualityThresholds(double maxMissingRate, double maxNonFiniteRate,
      double maxOutOfRangeRate, double maxUnseenRate, double maxUnknownFeatureRate) {
    this(maxMissingRate, maxNonFiniteRate, maxOutOfRangeRate, maxUnseenRate,
        maxUnknownFeatureRate, 0.3);
  }

  /**
   * The defaults: 10% missing, 1% non-finite, 10% out of range, 5% unseen, 1% unknown features,
   * a most frequent value 30 points above its reference share.
   *
   * @return the default thresholds
   */
  public static QualityThresholds defaults() {
    return new QualityThresholds(0.10, 0.01, 0.10, 0.05, 0.01, 0.3);
  }

  private static void check(String what, double v) {
    if (!(v >= 0.0 && v <= 1.0)) {
      throw new IllegalArgumentException(what + " must be in [0, 1]: " + v);
    }
  }
}
