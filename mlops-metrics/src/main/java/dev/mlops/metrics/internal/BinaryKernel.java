package dev.mlops.metrics.internal;

/**
 * All binary metrics of one scorer in one linear pass over its rows pre-sorted by decreasing
 * score, optionally with bootstrap multiplicities per row: the bootstrap never re-sorts. Per-row
 * log loss and squared error are precomputed. Not API. Immutable after construction; thread-safe.
 */
public final class BinaryKernel {

  /** The sums of one pass. */
  public static final class Sums {
    /** Weighted confusion counts at the threshold. */
    public double tp;
    /** Weighted false positives. */
    public double fp;
    /** Weighted true negatives. */
    public double tn;
    /** Weighted false negatives. */
    public double fn;
    /** Unweighted confusion counts at the threshold. */
    public long ntp;
    /** Unweighted false positives. */
    public long nfp;
    /** Unweighted true negatives. */
    public long ntn;
    /** Unweighted false negatives. */
    public long nfn;
    /** ROC AUC, NaN when a class has no weight. */
    public double auc;
    /** Average precision, NaN when positives have no weight. */
    public double averagePrecision;
    /** Weighted mean log loss. */
    public double logLoss;
    /** Weighted mean squared error of the probability. */
    public double brier;
    /** Total weight. */
    public double total;

    /** @return the unweighted row count */
    public long rows() {
      return ntp + nfp + ntn + nfn;
    }
  }

  private final int[] order;
  private final double[] score;
  private final boolean[] positive;
  private final double[] weight;
  private final double[] logLoss;
  private final double[] squaredError;
  private final boolean[] groupEnd;
  private final int cut;

  /**
   * Sorts the rows once.
   *
   * @param labels 0/1 labels
   * @param scores finite scores
   * @param weights weights or null
   * @param threshold rows with {@code score >= threshold} are predicted positive
   * @param probabilities whether the scores are probabilities (log loss and Brier are then computed)
   */
  public BinaryKernel(int[] labels, double[] scores, double[] weights, double threshold, boolean probabilities) {
    int n = labels.length;
    order = Sorting.descendingOrder(scores);
    score = new double[n];
    positive = new boolean[n];
    weight = weights == null ? null : new double[n];
    logLoss = probabilities ? new double[n] : null;
    squaredError = probabilities ? new double[n] : null;
    groupEnd = new boolean[n];
    int c = 0;
    for (int i = 0; i < n; i++) {
      int row = order[i];
      score[i] = scores[row];
      positive[i] = labels[row] == 1;
      if (weight != null) {
        weight[i] = weights[row];
      }
      if (probabilities) {
        double p = scores[row];
        logLoss[i] = LogLoss.binary(labels[row], p);
        double d = p - labels[row];
        squaredError[i] = d * d;
      }
      if (score[i] >= threshold) {
        c = i + 1;
      }
    }
    for (int i = 0; i < n; i++) {
      groupEnd[i] = i == n - 1 || score[i + 1] != score[i];
    }
    cut = c;
  }

  /**
   * Returns the sort order (row indices by decreasing score).
   *
   * @return the internal array (do not modify)
   */
  public int[] order() {
    return order;
  }

  /**
   * One pass over the sorted rows.
   *
   * @param rowMultiplicity bootstrap counts indexed by ROW (not sorted position), or null
   * @return the sums
   */
  public Sums compute(int[] rowMultiplicity) {
    Sums s = new Sums();
    int n = order.length;
    double tp = 0;
    double fp = 0;
    double tpGroupStart = 0;
    double fpGroupStart = 0;
    double area2 = 0;
    double apSum = 0;
    double tpAtLastAp = 0;
    double loss = 0;
    double sq = 0;
    long ntp = 0;
    long nfp = 0;
    long npos = 0;
    long nneg = 0;
    for (int i = 0; i < n; i++) {
      int m = rowMultiplicity == null ? 1 : rowMultiplicity[order[i]];
      if (m != 0) {
        double w = weight == null ? m : weight[i] * m;
        if (positive[i]) {
          tp += w;
          npos += m;
          if (i < cut) {
            ntp += m;
          }
        } else {
          fp += w;
          nneg += m;
          if (i < cut) {
            nfp += m;
          }
        }
        if (logLoss != null) {
          loss += w * logLoss[i];
          sq += w * squaredError[i];
        }
      }
      if (i == cut - 1) {
        s.tp = tp;
        s.fp = fp;
      }
      if (groupEnd[i]) {
        area2 += (fp - fpGroupStart) * (tp + tpGroupStart);
        if (tp != tpAtLastAp) {
          apSum += (tp - tpAtLastAp) * (tp / (tp + fp));
          tpAtLastAp = tp;
        }
        tpGroupStart = tp;
        fpGroupStart = fp;
      }
    }
    s.fn = tp - s.tp;
    s.tn = fp - s.fp;
    s.ntp = ntp;
    s.nfp = nfp;
    s.nfn = npos - ntp;
    s.ntn = nneg - nfp;
    s.total = tp + fp;
    s.auc = tp > 0 && fp > 0 ? Math.max(0, Math.min(1, area2 / (2 * tp * fp))) : Double.NaN;
    s.averagePrecision = tp > 0 ? Math.min(1, apSum / tp) : Double.NaN;
    s.logLoss = s.total > 0 ? loss / s.total : Double.NaN;
    s.brier = s.total > 0 ? sq / s.total : Double.NaN;
    return s;
  }
}
