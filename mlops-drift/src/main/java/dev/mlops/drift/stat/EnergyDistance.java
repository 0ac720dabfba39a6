package dev.mlops.drift.stat;

/**
 * Energy distance between two samples, as SciPy's {@code scipy.stats.energy_distance(reference,
 * current)}: {@code sqrt(2) * sqrt(integral (F_ref - F_cur)^2 dx)}. No p-value.
 *
 * <p>Non-finite values are ignored; a sample without a finite value gives {@link
 * TestResult#INSUFFICIENT_DATA}.
 *
 * <p>Stateless and thread-safe.
 */
public final class EnergyDistance {

  private static final String KEY = DriftStatistic.ENERGY_DISTANCE.key();

  private EnergyDistance() {}

  /**
   * Energy distance of two raw samples.
   *
   * @param reference the reference sample
   * @param current the current sample
   * @return the distance ({@code pValue} NaN)
   */
  public static TestResult distance(double[] reference, double[] current) {
    return Samples.onRaw(reference, current, EnergyDistance::compute);
  }

  /**
   * Energy distance of two sorted samples, without copying.
   *
   * @param sortedReference ascending reference (non-finite values only at the ends)
   * @param sortedCurrent ascending current sample (non-finite values only at the ends)
   * @return the distance
   * @throws IllegalArgumentException if an array is not ascending
   */
  public static TestResult distanceSorted(double[] sortedReference, double[] sortedCurrent) {
    return Samples.onSorted(sortedReference, sortedCurrent, EnergyDistance::compute);
  }

  private static TestResult compute(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo) {
    long n1 = aTo - aFrom;
    long n2 = bTo - bFrom;
    if (n1 == 0 || n2 == 0) {
      return TestResult.undefined(
          KEY, n1, n2, TestResult.Status.INSUFFICIENT_DATA, "a sample has no finite value");
    }
    double e = Math.sqrt(2) * Math.sqrt(CdfDistance.integral(2, a, aFrom, aTo, b, bFrom, bTo));
    return TestResult.ok(KEY, e, Double.NaN, n1, n2);
  }
}
