package dev.mlops.metrics.fairness;

/**
 * Computes every {@link Disparity} from group counts (as laid out by {@link GroupCounts}); used for
 * the point estimate and for each bootstrap resample. Stateless; not API.
 */
final class Disparities {

  private Disparities() {}

  /** Selection rate of group g. */
  static double selection(long[] c, int g) {
    long n = c[4 * g] + c[4 * g + 1] + c[4 * g + 2] + c[4 * g + 3];
    return n == 0 ? Double.NaN : (double) (c[4 * g + GroupCounts.FP] + c[4 * g + GroupCounts.TP]) / n;
  }

  static double tpr(long[] c, int g) {
    long pos = c[4 * g + GroupCounts.TP] + c[4 * g + GroupCounts.FN];
    return pos == 0 ? Double.NaN : (double) c[4 * g + GroupCounts.TP] / pos;
  }

  static double fpr(long[] c, int g) {
    long neg = c[4 * g + GroupCounts.FP] + c[4 * g + GroupCounts.TN];
    return neg == 0 ? Double.NaN : (double) c[4 * g + GroupCounts.FP] / neg;
  }

  static double precision(long[] c, int g) {
    long pp = c[4 * g + GroupCounts.TP] + c[4 * g + GroupCounts.FP];
    return pp == 0 ? Double.NaN : (double) c[4 * g + GroupCounts.TP] / pp;
  }

  /** The rate a disparity compares, per group. */
  static double rate(Disparity d, long[] c, int g, boolean falsePositive) {
    return switch (d) {
      case STATISTICAL_PARITY_DIFFERENCE, DISPARATE_IMPACT_RATIO -> selection(c, g);
      case EQUAL_OPPORTUNITY_DIFFERENCE -> tpr(c, g);
      case EQUALIZED_ODDS_DIFFERENCE -> falsePositive ? fpr(c, g) : tpr(c, g);
      case PREDICTIVE_PARITY_DIFFERENCE -> precision(c, g);
    };
  }

  /**
   * The spread of one rate over the judged groups.
   *
   * @return {max, min, argmax, argmin, defined groups}; max is NaN with fewer than two defined groups
   */
  static double[] spread(Disparity d, long[] c, int[] judged, boolean falsePositive) {
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    int argMax = -1;
    int argMin = -1;
    int defined = 0;
    for (int g : judged) {
      double r = rate(d, c, g, falsePositive);
      if (Double.isNaN(r)) {
        continue;
      }
      defined++;
      if (r > max) {
        max = r;
        argMax = g;
      }
      if (r < min || (r == min && argMin == argMax)) {
        min = r;
        argMin = g;
      }
    }
    return new double[] {defined < 2 ? Double.NaN : max, min, argMax, argMin, defined};
  }

  /**
   * The value of a disparity, NaN when undefined.
   *
   * @param d the disparity
   * @param c the counts
   * @param judged the judged group codes
   * @return {value, high group, low group} (groups -1 when undefined)
   */
  static double[] value(Disparity d, long[] c, int[] judged) {
    double[] s = spread(d, c, judged, false);
    if (Double.isNaN(s[0])) {
      return new double[] {Double.NaN, -1, -1};
    }
    switch (d) {
      case DISPARATE_IMPACT_RATIO:
        return s[0] == 0 ? new double[] {Double.NaN, -1, -1} : new double[] {s[1] / s[0], s[2], s[3]};
      case EQUALIZED_ODDS_DIFFERENCE: {
        double[] f = spread(d, c, judged, true);
        if (Double.isNaN(f[0])) {
          return new double[] {Double.NaN, -1, -1};
        }
        double tprGap = s[0] - s[1];
        double fprGap = f[0] - f[1];
        return fprGap > tprGap ? new double[] {fprGap, f[2], f[3]} : new double[] {tprGap, s[2], s[3]};
      }
      default:
        return new double[] {s[0] - s[1], s[2], s[3]};
    }
  }

  /** Why a disparity is undefined. */
  static String reason(Disparity d, long[] c, int[] judged, boolean labelled) {
    if (d.needsLabels() && !labelled) {
      return "needs labels";
    }
    if (judged.length < 2) {
      return "fewer than 2 groups reach the minimum group size";
    }
    double[] s = spread(d, c, judged, false);
    if (Double.isNaN(s[0])) {
      return "fewer than 2 judged groups have the rate defined";
    }
    if (d == Disparity.DISPARATE_IMPACT_RATIO) {
      return "no judged group has a positive prediction";
    }
    return "fewer than 2 judged groups have both the TPR and the FPR defined";
  }
}
