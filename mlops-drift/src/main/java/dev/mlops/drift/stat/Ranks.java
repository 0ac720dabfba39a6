package dev.mlops.drift.stat;

/**
 * Rank sums of two sorted samples in their pooled sample, with midranks for ties, computed by one
 * merge walk (no pooled array, no sort).
 */
final class Ranks {

  /** Sum of the midranks of sample a. */
  final double rankSumA;
  /** Sum over tie groups of t^3 - t. */
  final double tieTerm;
  /** SciPy's U of cramervonmises_2samp: nx * sum (rx - i)^2 + ny * sum (ry - j)^2. */
  final double cvmU;

  private Ranks(double rankSumA, double tieTerm, double cvmU) {
    this.rankSumA = rankSumA;
    this.tieTerm = tieTerm;
    this.cvmU = cvmU;
  }

  static Ranks of(double[] a, int aFrom, int aTo, double[] b, int bFrom, int bTo) {
    long na = aTo - aFrom;
    long nb = bTo - bFrom;
    int i = aFrom;
    int j = bFrom;
    double rankSumA = 0;
    double tie = 0;
    double ssa = 0;
    double ssb = 0;
    while (i < aTo || j < bTo) {
      double x;
      if (j >= bTo || (i < aTo && a[i] <= b[j])) {
        x = a[i];
      } else {
        x = b[j];
      }
      int i0 = i;
      int j0 = j;
      while (i < aTo && a[i] == x) {
        i++;
      }
      while (j < bTo && b[j] == x) {
        j++;
      }
      long ca = i - i0;
      long cb = j - j0;
      long t = ca + cb;
      long before = (i0 - aFrom) + (j0 - bFrom);
      double midrank = before + (t + 1) / 2.0;
      rankSumA += ca * midrank;
      if (t > 1) {
        tie += (double) t * t * t - t;
      }
      for (long r = 1; r <= ca; r++) {
        double d = midrank - (i0 - aFrom + r);
        ssa += d * d;
      }
      for (long r = 1; r <= cb; r++) {
        double d = midrank - (j0 - bFrom + r);
        ssb += d * d;
      }
    }
    return new Ranks(rankSumA, tie, na * ssa + nb * ssb);
  }
}
