package dev.mlops.metrics;

import dev.mlops.metrics.internal.Checks;
import dev.mlops.metrics.internal.Sorting;
import java.util.Arrays;

/**
 * The ranking of binary scores computed once (a single sort), from which ROC AUC, average
 * precision, the ROC and precision-recall curves and the threshold table are all derived in
 * linear time. Scores may be any finite numbers (probabilities or decision values); higher means
 * more likely positive; a row is predicted positive when {@code score >= threshold}.
 *
 * <pre>{@code
 * BinaryRanking ranking = BinaryRanking.of(labels, scores);
 * double auc = ranking.rocAuc().value();
 * double ap = ranking.averagePrecision().value();
 * PrecisionRecallCurve pr = ranking.precisionRecallCurve();
 * }</pre>
 *
 * <p>Unweighted rankings sort the positives' and the negatives' scores as two primitive
 * {@code double[]} and merge them; ROC AUC is then computed exactly in {@code long} arithmetic.
 * Weighted rankings use a primitive index sort. Immutable and thread-safe.
 */
public final class BinaryRanking {

  private final double[] thresholds;
  // cumulative counts at each threshold: int[] when unweighted (exact, half the memory), else double[]
  private final int[] tpCounts;
  private final int[] fpCounts;
  private final double[] tps;
  private final double[] fps;
  private final int size;
  private final double positives;
  private final double negatives;
  private final long n;
  private final boolean weighted;
  private final double auc;
  private final double ap;

  private BinaryRanking(double[] thresholds, int[] tpCounts, int[] fpCounts, double[] tps, double[] fps, int size,
      double positives, double negatives, long n, boolean weighted, double exactAuc) {
    this.thresholds = thresholds;
    this.tpCounts = tpCounts;
    this.fpCounts = fpCounts;
    this.tps = tps;
    this.fps = fps;
    this.size = size;
    this.positives = positives;
    this.negatives = negatives;
    this.n = n;
    this.weighted = weighted;
    this.auc = Double.isNaN(exactAuc) ? trapezoidAuc() : exactAuc;
    this.ap = stepwiseAp();
  }

  /**
   * Ranks unweighted scores.
   *
   * @param labels 0/1 labels
   * @param scores finite scores
   * @return the ranking
   * @throws IllegalArgumentException on empty or mismatched arrays, a label not 0/1 or a non-finite
   *     score (naming the index and value)
   */
  public static BinaryRanking of(int[] labels, double[] scores) {
    java.util.Objects.requireNonNull(labels, "labels");
    java.util.Objects.requireNonNull(scores, "scores");
    Checks.nonEmpty("labels", labels.length);
    Checks.sameLength("labels", labels.length, "scores", scores.length);
    int total = labels.length;
    int m = 0;
    int invalidLabels = 0;
    boolean allFinite = true;
    for (int i = 0; i < total; i++) {
      int y = labels[i];
      double s = scores[i];
      invalidLabels |= y & ~1;
      allFinite &= s - s == 0; // false for NaN and infinities
      m += y;
    }
    if (invalidLabels != 0) {
      Checks.binaryLabels(labels);
    }
    if (!allFinite) {
      Checks.finite("scores", scores);
    }
    // branch-free split (labels are random, a branch would mispredict half the time): each score is
    // written to both arrays and only the cursor of its class advances; one spare slot each
    double[] pos = new double[m + 1];
    double[] neg = new double[total - m + 1];
    int pi = 0;
    int ni = 0;
    for (int i = 0; i < total; i++) {
      double s = scores[i];
      int y = labels[i];
      pos[pi] = s;
      neg[ni] = s;
      pi += y;
      ni += 1 - y;
    }
    Arrays.sort(pos, 0, m);
    Arrays.sort(neg, 0, total - m);
    return merge(pos, m, neg, total - m);
  }

  /**
   * Ranks the scores of positives and negatives already sorted ascending.
   *
   * @param positivesSorted scores of the positives, ascending in {@code [0, m)}
   * @param m the number of positives
   * @param negativesSorted scores of the negatives, ascending in {@code [0, negatives)}
   * @param negatives the number of negatives
   * @return the ranking
   */
  static BinaryRanking merge(double[] positivesSorted, int m, double[] negativesSorted, int negatives) {
    double[] pos = positivesSorted;
    double[] neg = negativesSorted;
    int total = m + negatives;
    double[] thr = new double[total];
    int[] tps = new int[total];
    int[] fps = new int[total];
    int i = m - 1;
    int j = negatives - 1;
    int k = 0;
    long tp = 0;
    long fp = 0;
    long area2 = 0; // twice the area under the (unnormalised) ROC staircase, exact
    while (i >= 0 || j >= 0) {
      double v = (j < 0 || (i >= 0 && pos[i] >= neg[j])) ? pos[i] : neg[j];
      long tpBefore = tp;
      long fpBefore = fp;
      while (i >= 0 && pos[i] == v) {
        tp++;
        i--;
      }
      while (j >= 0 && neg[j] == v) {
        fp++;
        j--;
      }
      area2 += (fp - fpBefore) * (tp + tpBefore);
      thr[k] = v;
      tps[k] = (int) tp;
      fps[k] = (int) fp;
      k++;
    }
    double exact = (m == 0 || negatives == 0) ? Double.NaN : area2 / (2.0 * m * (double) negatives);
    return new BinaryRanking(thr, tps, fps, null, null, k, m, negatives, total, false, exact);
  }

  /**
   * Ranks weighted scores (scikit-learn's {@code sample_weight}).
   *
   * @param labels 0/1 labels
   * @param scores finite scores
   * @param weights finite non-negative weights, or {@code null} for unweighted
   * @return the ranking
   * @throws IllegalArgumentException on bad arrays (naming the index and value)
   */
  public static BinaryRanking of(int[] labels, double[] scores, double[] weights) {
    if (weights == null) {
      return of(labels, scores);
    }
    Checks.binaryLabels(labels);
    Checks.finite("scores", scores);
    Checks.sameLength("labels", labels.length, "scores", scores.length);
    Checks.weights(weights, labels.length);
    int[] order = Sorting.descendingOrder(scores);
    int total = labels.length;
    double[] thr = new double[total];
    double[] tps = new double[total];
    double[] fps = new double[total];
    double tp = 0;
    double fp = 0;
    int k = 0;
    int r = 0;
    while (r < total) {
      double v = scores[order[r]];
      while (r < total && scores[order[r]] == v) {
        int row = order[r];
        if (labels[row] == 1) {
          tp += weights[row];
        } else {
          fp += weights[row];
        }
        r++;
      }
      thr[k] = v;
      tps[k] = tp;
      fps[k] = fp;
      k++;
    }
    return new BinaryRanking(thr, null, null, tps, fps, k, tp, fp, total, true, Double.NaN);
  }

  private double tp(int k) {
    return weighted ? tps[k] : tpCounts[k];
  }

  private double fp(int k) {
    return weighted ? fps[k] : fpCounts[k];
  }

  private double trapezoidAuc() {
    if (!(positives > 0 && negatives > 0)) {
      return Double.NaN;
    }
    double area = 0;
    double tpPrev = 0;
    double fpPrev = 0;
    for (int k = 0; k < size; k++) {
      area += (fp(k) - fpPrev) * (tp(k) + tpPrev);
      tpPrev = tp(k);
      fpPrev = fp(k);
    }
    return area / (2 * positives * negatives);
  }

  private double stepwiseAp() {
    if (!(positives > 0)) {
      return Double.NaN;
    }
    double sum = 0;
    double tpPrev = 0;
    for (int k = 0; k < size; k++) {
      double tp = tp(k);
      if (tp != tpPrev) {
        sum += (tp - tpPrev) * (tp / (tp + fp(k)));
        tpPrev = tp;
      }
    }
    return Math.min(1.0, sum / positives);
  }

  /**
   * Returns the number of rows.
   *
   * @return the row count
   */
  public long n() {
    return n;
  }

  /**
   * Returns the number of distinct thresholds.
   *
   * @return the number of distinct scores
   */
  public int size() {
    return size;
  }

  /**
   * Returns the (weighted) number of positives.
   *
   * @return P
   */
  public double positives() {
    return positives;
  }

  /**
   * Returns the (weighted) number of negatives.
   *
   * @return N
   */
  public double negatives() {
    return negatives;
  }

  /**
   * Returns ROC AUC as {@code roc_auc_score}: the trapezoid area under the ROC curve, which counts
   * a tied (positive, negative) pair as one half (the Mann-Whitney statistic / (P N)).
   *
   * @return the AUC, in [0, 1]
   * @throws IllegalArgumentException if only one class is present
   */
  public MetricValue rocAuc() {
    if (Double.isNaN(auc)) {
      throw new IllegalArgumentException("roc_auc is undefined when only one class is present (positives "
          + positives + ", negatives " + negatives + ")");
    }
    return MetricValue.of(Metric.ROC_AUC, Math.max(0, Math.min(1, auc)), n);
  }

  /**
   * Returns average precision as {@code average_precision_score}: {@code sum (R_n - R_{n-1}) P_n}
   * over the distinct thresholds in decreasing order (step-wise, not the trapezoid).
   *
   * @return AP, in [0, 1]
   * @throws IllegalArgumentException if there is no positive
   */
  public MetricValue averagePrecision() {
    if (Double.isNaN(ap)) {
      throw new IllegalArgumentException("average_precision is undefined when no positive label is present");
    }
    return MetricValue.of(Metric.AVERAGE_PRECISION, ap, n);
  }

  /**
   * Returns the ROC curve as {@code roc_curve(drop_intermediate=False)}: a first point (0, 0) at
   * threshold {@code +Infinity}, then one point per distinct score, thresholds decreasing.
   *
   * @return the curve
   * @throws IllegalArgumentException if only one class is present
   */
  public RocCurve rocCurve() {
    if (!(positives > 0 && negatives > 0)) {
      throw new IllegalArgumentException("roc curve is undefined when only one class is present (positives "
          + positives + ", negatives " + negatives + ")");
    }
    double[] fpr = new double[size + 1];
    double[] tpr = new double[size + 1];
    double[] thr = new double[size + 1];
    thr[0] = Double.POSITIVE_INFINITY;
    for (int k = 0; k < size; k++) {
      fpr[k + 1] = fp(k) / negatives;
      tpr[k + 1] = tp(k) / positives;
      thr[k + 1] = thresholds[k];
    }
    return new RocCurve(fpr, tpr, thr);
  }

  /**
   * Returns the precision-recall curve as {@code precision_recall_curve}: thresholds increasing,
   * then the point (recall 0, precision 1).
   *
   * @return the curve
   * @throws IllegalArgumentException if there is no positive
   */
  public PrecisionRecallCurve precisionRecallCurve() {
    if (!(positives > 0)) {
      throw new IllegalArgumentException("precision-recall curve is undefined when no positive label is present");
    }
    double[] precision = new double[size + 1];
    double[] recall = new double[size + 1];
    double[] thr = new double[size];
    for (int k = 0; k < size; k++) {
      int out = size - 1 - k;
      double predicted = tp(k) + fp(k);
      precision[out] = predicted == 0 ? 0 : tp(k) / predicted;
      recall[out] = tp(k) / positives;
      thr[out] = thresholds[k];
    }
    precision[size] = 1;
    recall[size] = 0;
    return new PrecisionRecallCurve(precision, recall, thr);
  }

  /**
   * Returns the threshold table (counts at every distinct score).
   *
   * @return the table
   * @throws IllegalStateException if the ranking is weighted (its counts are not integers)
   */
  public ThresholdTable thresholdTable() {
    if (weighted) {
      throw new IllegalStateException("threshold table requires an unweighted ranking");
    }
    long[] tp = new long[size];
    long[] fp = new long[size];
    for (int k = 0; k < size; k++) {
      tp[k] = tpCounts[k];
      fp[k] = fpCounts[k];
    }
    return new ThresholdTable(Arrays.copyOf(thresholds, size), tp, fp, (long) positives, (long) negatives);
  }
}
