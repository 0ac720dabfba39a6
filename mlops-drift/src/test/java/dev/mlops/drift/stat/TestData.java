package dev.mlops.drift.stat;

/**
 * Deterministic samples reproducible bit for bit in NumPy: {@code x_i = ((i * a) % m) / m * scale
 * + shift} for i = 1..n, optionally floored to multiples of 1/round (ties). The Python twin used
 * for the expected values in the tests:
 *
 * <pre>
 * def gen(n, a, m, scale=1.0, shift=0.0, round_to=None):
 *     i = np.arange(1, n+1, dtype=np.int64); x = ((i*a) % m) / m; x = x*scale + shift
 *     if round_to: x = np.floor(x*round_to)/round_to
 *     return x
 * </pre>
 */
final class TestData {

  private TestData() {}

  static double[] gen(int n, long a, long m, double scale, double shift) {
    return gen(n, a, m, scale, shift, 0);
  }

  static double[] gen(int n, long a, long m, double scale, double shift, int roundTo) {
    double[] x = new double[n];
    for (long i = 1; i <= n; i++) {
      double v = ((i * a) % m) / (double) m;
      v = v * scale + shift;
      if (roundTo > 0) {
        v = Math.floor(v * roundTo) / roundTo;
      }
      x[(int) i - 1] = v;
    }
    return x;
  }
}
