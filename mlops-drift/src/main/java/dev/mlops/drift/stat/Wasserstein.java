package dev.mlops.drift.stat;

/**
 * Wasserstein-1 (earth mover's) distance between two samples, as SciPy's
 * {@code scipy.stats.wasserstein_distance(reference, current)}, and its normed form: the distance
 * divided by the reference's population standard deviation (ddof 0) floored at {@link #MIN_STD}
 * (Evidently's {@code wasserstein_distance_norm}). Distances have no p-value.
 *
 * <p>Non-finite values are ignored. A sample without a finite value gives {@link
 * TestResult#INSUFFICIENT_DATA}. A constant reference is defined: its standard deviation is 0, so
 * the normed distance divides by {@link #MIN_STD}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Wasserstein {

  /** The floor of the reference standard deviation in the normed distance. */
  public static final double MIN_STD = 0.001;

  private static final String KEY = DriftStatistic.WASSERSTEIN.key();
  private static final String NORMED = DriftStatistic.NORMED_WASSERSTEIN.key();

  private Wasserstein() {}

  /**
   * Wasserstein-1 distance of two raw samples.
   *
   * @param reference the reference sample
   * @param current the current sample
   * @return the distance ({@code pValue} NaN)
   */
  public static TestResult distance(double[] reference, double[] current) {
    return Samples.onRaw(reference, current, Wasserstein::plain);
  }

  /**
   * Wasserstein-1 distance of two sorted samples, without copying.
   *
   * @param sortedReference ascending reference (non-finite values only at the ends)
   * @param sortedCurrent ascending current sample (non-finite values only at the ends)
   * @return the distance
   * @throws IllegalArgumentException if an array is not ascending
   */
  public static TestResult distanceSorted(double[] sortedReference, double[] sortedCurrent) {
    return Samples.onSorted(sortedReference, sortedCurrent, Wasserstein::plain);
  }

  /**
   * Normed Wasserstein distance of two raw samples.
   *
   * @param reference the reference sample
   * @param current the current sample
   * @return distance / max(std(reference), 0.001)
   */
  public static TestResult normedDistance(double[] reference, double[] current) {
    return Samples.onRaw(reference, current, Wasserstein::normed);
  }

  /**
   * Normed Wasserstein distance of two sorted samples; the reference standard deviation is
   * computed from {@code sortedReference}.
   *
   * @param sortedReference ascending reference (non-finite values only at the ends)
   * @param sortedCurrent ascending current sample (non-finite values only at the ends)
   * @return distance / max(std(reference), 0.001)
   */
  public static TestResult normedDistanceSorted(double[] sortedReference, double[] sortedCurrent) {
    return Samples.onSorted(sortedReference, sortedCurrent, Wasserstein::normed);
  }

  /**
   * Normed Wasserstein distance with a known reference standard deviation (e.g. a profile's).
   *
   * @param sortedReference ascending reference (non-finite values only at the ends)
   * @param sortedCurrent ascending current sample (non-finite values only at the ends)
   * @param referenceStd the reference's population standard deviation (finite, >= 0)
   * @return distance / max(referenceStd, 0.001)
   * @throws IllegalArgumentException if {@code referenceStd} is negative or not finite
   */
  public static TestResult normedDistanceSorted(
      double[] sortedReference, double[] sortedCurrent, double referenceStd) {
    if (!(referenceStd >= 0) || Double.isInfinite(referenceStd)) {
      throw new IllegalArgumentException(
          "referenceStd must be finite and not negative: " + referenceStd);
    }
    return Samples.onSorted(sortedReference, sortedCurrent, (a, af, at, b, bf, bt) ->
        compute(a, af, at, b, bf, bt, referenceStd, true));
  }

  private static TestResult plain(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo) {
    return compute(a, aFrom, aTo, b, bFrom, bTo, Double.NaN, false);
  }

  private static TestResult normed(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo) {
    return compute(a, aFrom, aTo, b, bFrom, bTo, Double.NaN, true);
  }

  private static TestResult compute(
      double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo, double std, boolean normed) {
    String key = normed ? NORMED : KEY;
    long n1 = aTo - aFrom;
    long n2 = bTo - bFrom;
    if (n1 == 0 || n2 == 0) {
      return TestResult.undefined(
          key, n1, n2, TestResult.Status.INSUFFICIENT_DATA, "a sample has no finite value");
    }
    double w = CdfDistance.integral(1, a, aFrom, aTo, b, bFrom, bTo);
    if (normed) {
      double s = Double.isNaN(std) ? Math.sqrt(Samples.populationVariance(a, aFrom, aTo)) : std;
      w = w / Math.max(s, MIN_STD);
    }
    return TestResult.ok(key, w, Double.NaN, n1, n2);
  }
}
