package dev.mlops.drift.stat;

/** SciPy's {@code _cdf_distance} on two sorted ranges, by one merge walk. */
final class CdfDistance {

  private CdfDistance() {}

  /**
   * integral |F_a - F_b|^p dx over the pooled range, without the final 1/p root.
   *
   * @param p 1 or 2
   */
  static double integral(int p, double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo) {
    double na = aTo - aFrom;
    double nb = bTo - bFrom;
    int i = aFrom;
    int j = bFrom;
    double prev;
    if (a[i] <= b[j]) {
      prev = a[i++];
    } else {
      prev = b[j++];
    }
    double sum = 0;
    while (i < aTo || j < bTo) {
      double x;
      // F values at prev: counts consumed so far (ties straddling prev contribute delta 0).
      double diff = Math.abs((i - aFrom) / na - (j - bFrom) / nb);
      if (j >= bTo || (i < aTo && a[i] <= b[j])) {
        x = a[i++];
      } else {
        x = b[j++];
      }
      double delta = x - prev;
      sum += p == 1 ? diff * delta : diff * diff * delta;
      prev = x;
    }
    return sum;
  }
}
