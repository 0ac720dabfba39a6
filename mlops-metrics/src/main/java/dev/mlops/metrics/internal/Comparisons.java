package dev.mlops.metrics.internal;

import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Metric;

/** Paired comparisons (temporary skeleton). Not API. */
public final class Comparisons {
  private Comparisons() {}

  /** @return result @param labels l @param a a @param b b @param level level */
  public static ComparisonResult mcnemar(int[] labels, int[] a, int[] b, double level) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** @return result @param labels l @param a a @param b b @param level level */
  public static ComparisonResult delong(int[] labels, double[] a, double[] b, double level) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** @return result @param m m @param labels l @param a a @param b b @param t t @param r r @param s s @param level level */
  public static ComparisonResult pairedBootstrapBinary(Metric m, int[] labels, double[] a, double[] b, double t,
      int r, long s, double level) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** @return result @param m m @param labels l @param a a @param b b @param r r @param s s @param level level */
  public static ComparisonResult pairedBootstrapMulticlass(Metric m, int[] labels, double[][] a, double[][] b,
      int r, long s, double level) {
    throw new UnsupportedOperationException("not implemented yet");
  }

  /** @return result @param m m @param y y @param a a @param b b @param r r @param s s @param level level */
  public static ComparisonResult pairedBootstrapRegression(Metric m, double[] y, double[] a, double[] b,
      int r, long s, double level) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
