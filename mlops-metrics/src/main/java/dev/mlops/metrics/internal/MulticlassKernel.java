package dev.mlops.metrics.internal;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;

/**
 * All multiclass metrics of one model in linear passes, optionally with bootstrap multiplicities:
 * per-row arg-max, log loss, Brier term and top-k hit are precomputed; each class's one-vs-rest
 * AUC has its own pre-sorted {@link BinaryKernel}. Not API. Immutable after construction; thread-safe.
 */
public final class MulticlassKernel {

  /** The sums of one pass. */
  public static final class Sums {
    /** Weighted confusion matrix. */
    public double[][] cm;
    /** Unweighted confusion matrix. */
    public long[][] ncm;
    /** Unweighted correct rows. */
    public long correct;
    /** Unweighted top-k hits. */
    public long topKHits;
    /** Unweighted rows. */
    public long rows;
    /** Weighted top-k hits. */
    public double topKWeighted;
    /** Weighted log loss sum. */
    public double loss;
    /** Weighted Brier sum. */
    public double brier;
    /** Total weight. */
    public double total;
    /** One-vs-rest AUC per class (NaN if undefined). */
    public double[] ovrAuc;
    /** Weighted support per class. */
    public double[] support;
  }

  private final int[] labels;
  private final int[] predicted;
  private final double[] weights;
  private final double[] loss;
  private final double[] brier;
  private final boolean[] topK;
  private final int[] topCorrect;
  private final double[] topConfidence;
  private final BinaryKernel[] ovr;
  private final int k;

  /**
   * Precomputes the per-row terms and sorts each class's scores once.
   *
   * @param labels class labels
   * @param probabilities probability rows
   * @param weights weights or null
   * @param topKValue the k of top-k accuracy
   */
  public MulticlassKernel(int[] labels, double[][] probabilities, double[] weights, int topKValue) {
    int n = labels.length;
    this.k = probabilities[0].length;
    this.labels = labels;
    this.weights = weights;
    predicted = new int[n];
    loss = new double[n];
    brier = new double[n];
    topK = new boolean[n];
    topCorrect = new int[n];
    topConfidence = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = probabilities[i];
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (row[j] > row[best]) {
          best = j;
        }
      }
      predicted[i] = best;
      topCorrect[i] = best == labels[i] ? 1 : 0;
      topConfidence[i] = row[best];
      loss[i] = LogLoss.multiclass(row, labels[i]);
      double b = 0;
      for (int j = 0; j < k; j++) {
        double d = row[j] - (j == labels[i] ? 1 : 0);
        b += d * d;
      }
      brier[i] = b;
      double pl = row[labels[i]];
      int rank = 0;
      for (int j = 0; j < k; j++) {
        if (row[j] > pl || (row[j] == pl && j > labels[i])) {
          rank++;
        }
      }
      topK[i] = rank < topKValue;
    }
    ovr = new BinaryKernel[k];
    int[] binary = new int[n];
    double[] scores = new double[n];
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < n; i++) {
        binary[i] = labels[i] == c ? 1 : 0;
        scores[i] = probabilities[i][c];
      }
      ovr[c] = new BinaryKernel(binary, scores, weights, Double.POSITIVE_INFINITY, false);
    }
  }

  /** @return the number of classes */
  public int classes() {
    return k;
  }

  /** @return 1 where the arg-max class is the label (internal array) */
  public int[] topLabelCorrect() {
    return topCorrect;
  }

  /** @return the largest probability of each row (internal array) */
  public double[] topLabelConfidence() {
    return topConfidence;
  }

  /**
   * One pass.
   *
   * @param multiplicity bootstrap counts per row, or null
   * @return the sums
   */
  public Sums compute(int[] multiplicity) {
    Sums s = new Sums();
    s.cm = new double[k][k];
    s.ncm = new long[k][k];
    for (int i = 0; i < labels.length; i++) {
      int m = multiplicity == null ? 1 : multiplicity[i];
      if (m == 0) {
        continue;
      }
      double w = weights == null ? m : weights[i] * m;
      s.cm[labels[i]][predicted[i]] += w;
      s.ncm[labels[i]][predicted[i]] += m;
      s.rows += m;
      s.total += w;
      s.loss += w * loss[i];
      s.brier += w * brier[i];
      if (topK[i]) {
        s.topKHits += m;
        s.topKWeighted += w;
      }
      if (predicted[i] == labels[i]) {
        s.correct += m;
      }
    }
    s.ovrAuc = new double[k];
    s.support = new double[k];
    for (int c = 0; c < k; c++) {
      BinaryKernel.Sums b = ovr[c].compute(multiplicity);
      s.ovrAuc[c] = b.auc;
      s.support[c] = b.fn + b.tp;
    }
    return s;
  }

  /**
   * One metric from the sums.
   *
   * @param metric a multiclass metric
   * @param s the sums
   * @param calibration the top-label calibration bins
   * @param multiplicity the bootstrap counts or null
   * @return the value
   * @throws IllegalArgumentException if undefined
   */
  public MetricValue metric(Metric metric, Sums s, Calibration calibration, int[] multiplicity) {
    if (!(s.total > 0)) {
      throw new IllegalArgumentException(metric.key() + " is undefined: the total weight of the rows is 0");
    }
    switch (BuiltInMetric.of(metric)) {
      case LOG_LOSS:
        return MetricValue.of(metric, s.loss / s.total, s.rows);
      case BRIER:
        return MetricValue.of(metric, s.brier / s.total, s.rows);
      case TOP_K_ACCURACY:
        return MetricValue.of(metric, s.topKWeighted / s.total, s.rows);
      case ROC_AUC_OVR_MACRO:
      case ROC_AUC_OVR_WEIGHTED: {
        boolean weighted = metric == Metric.ROC_AUC_OVR_WEIGHTED;
        double sum = 0;
        double weightSum = 0;
        for (int c = 0; c < k; c++) {
          if (Double.isNaN(s.ovrAuc[c])) {
            throw new IllegalArgumentException(metric.key() + " is undefined: class " + c
                + (s.support[c] == 0 ? " has no labels" : " is the only class present"));
          }
          double w = weighted ? s.support[c] : 1;
          sum += w * s.ovrAuc[c];
          weightSum += w;
        }
        return MetricValue.of(metric, Math.max(0, Math.min(1, sum / weightSum)), s.rows);
      }
      case EXPECTED_CALIBRATION_ERROR:
      case MAXIMUM_CALIBRATION_ERROR:
        return calibration.metric(metric, multiplicity);
      default:
        return MulticlassFormulas.compute(metric, s.cm, s.rows);
    }
  }
}
