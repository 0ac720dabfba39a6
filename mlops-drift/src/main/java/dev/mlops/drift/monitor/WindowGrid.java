package dev.mlops.drift.monitor;

/**
 * A column's reference windows on an integer grid, for a cheap and exact first look at the
 * {@linkplain NearestWindows#paired paired} distance of two windows of look-alike columns ({@link
 * NearestWindows#medianNearestAtMost}, the swap check's look-alike test of every pair of a first
 * window: on 500 fields of one law some 4.6 million paired distances of 512 points each).
 *
 * <p>Each uniform window of at most {@value #MAX_POINTS} points is kept as whole multiples {@code
 * q_i} of a step {@code 2^E} (and of {@code 2^(E+1)}, so that two columns whose largest
 * magnitudes lie in neighbouring binades share a step), {@code E} set from the column's largest
 * magnitude so that {@code |q_i| <= 2^19}: a sum of {@code |q_i - r_i|} over a window cannot
 * overflow an {@code int}, and the loop runs on whole numbers (vectorised by the JIT, where the
 * sum of doubles is not). Each window also keeps its exact mean rounding error {@code e = sum |x_i
 * - q_i 2^E| / n}, so the triangle inequality in L1 bounds the true paired distance {@code D} of
 * two windows by the grid's {@code D~}: {@code |D - D~| <= e_a + e_b}. The screen decides only
 * beyond that and beyond twice the walks' slack; else the caller decides as before, so its
 * answers are the unscreened ones, bit for bit. Immutable and thread-safe.
 */
final class WindowGrid {

  /** Most points of a window on the grid (with {@code |q| <= 2^19}: sums under {@code 2^30}). */
  static final int MAX_POINTS = 1_024;
  /** Binary digits of the largest magnitude on the grid: {@code |q| <= 2^19}. */
  private static final int DIGITS = 19;

  private final int exponent;
  /** Per level (step {@code 2^E}, {@code 2^(E+1)}), per window: the grid points or null. */
  private final int[][][] points;
  /** Per level, per window: the mean absolute rounding error. */
  private final double[][] error;

  private WindowGrid(int exponent, int[][][] points, double[][] error) {
    this.exponent = exponent;
    this.points = points;
    this.error = error;
  }

  /** The grid of regular windows; windows that are not uniform or too long have none. */
  static WindowGrid of(NearestWindows.Points[] windows) {
    double magnitude = 0;
    for (NearestWindows.Points p : windows) {
      magnitude = Math.max(magnitude, p.magnitude());
    }
    int[][][] points = new int[2][windows.length][];
    double[][] error = new double[2][windows.length];
    if (!(magnitude > 0) || Math.getExponent(magnitude) < Double.MIN_EXPONENT + 64) {
      return new WindowGrid(0, points, error); // nothing on the grid
    }
    // |x| < 2^(getExponent + 1), so |x| / 2^E <= 2^19 with E = getExponent - 18
    int e = Math.getExponent(magnitude) + 1 - DIGITS;
    for (int level = 0; level < 2; level++) {
      for (int j = 0; j < windows.length; j++) {
        NearestWindows.Points p = windows[j];
        double[] v = p.values();
        if (!p.uniform() || v.length > MAX_POINTS) {
          continue;
        }
        int[] q = new int[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
          q[i] = (int) Math.rint(Math.scalb(v[i], -(e + level)));
          sum += Math.abs(v[i] - Math.scalb((double) q[i], e + level));
        }
        points[level][j] = q;
        error[level][j] = sum / v.length;
      }
    }
    return new WindowGrid(e, points, error);
  }

  /**
   * Whether the paired distance of window {@code i} of this grid and window {@code j} of {@code
   * other} is settled against {@code limit}, beyond their grid error and {@code slack} twice
   * over: -1 certainly at most {@code limit - slack}, 1 certainly above {@code limit + slack}, 0
   * not settled (not on one grid, of different sizes, or too close to the limit).
   */
  int settled(int i, WindowGrid other, int j, double limit, double slack) {
    int la;
    int lb;
    if (exponent == other.exponent) {
      la = 0;
      lb = 0;
    } else if (exponent == other.exponent + 1) {
      la = 0;
      lb = 1;
    } else if (other.exponent == exponent + 1) {
      la = 1;
      lb = 0;
    } else {
      return 0;
    }
    int[] a = points[la][i];
    int[] b = other.points[lb][j];
    if (a == null || b == null || a.length != b.length) {
      return 0;
    }
    int sum = 0;
    for (int k = 0; k < a.length; k++) {
      sum += Math.abs(a[k] - b[k]);
    }
    double d = Math.scalb((double) sum, exponent + la) / a.length;
    double bound = error[la][i] + other.error[lb][j] + 2 * slack;
    return d + bound <= limit ? -1 : d - bound > limit ? 1 : 0;
  }
}
