package dev.mlops.metrics.internal;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;

/**
 * Multiclass metrics from a (possibly weighted) confusion matrix {@code cm[actual][predicted]};
 * {@code n} is the unweighted row count. Not API. Stateless, thread-safe.
 */
public final class MulticlassFormulas {

  private MulticlassFormulas() {}

  /**
   * Computes a whole-matrix metric.
   *
   * @param metric ACCURACY, BALANCED_ACCURACY, MACRO_*, MICRO_*, WEIGHTED_*, MCC, COHEN_KAPPA
   * @param cm the confusion matrix
   * @param n the unweighted row count
   * @return the value
   * @throws IllegalArgumentException if the metric is undefined or not a confusion metric
   */
  public static MetricValue compute(Metric metric, double[][] cm, long n) {
    int k = cm.length;
    double[] rowSum = new double[k];
    double[] colSum = new double[k];
    double total = 0;
    double trace = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        rowSum[i] += cm[i][j];
        colSum[j] += cm[i][j];
        total += cm[i][j];
      }
      trace += cm[i][i];
    }
    switch (BuiltInMetric.of(metric)) {
      case ACCURACY:
      case MICRO_F1:
      case MICRO_PRECISION:
      case MICRO_RECALL:
        if (total == 0) {
          return MetricValue.zeroDivision(metric, n, "no rows with positive weight");
        }
        return MetricValue.of(metric, trace / total, n);
      case BALANCED_ACCURACY: {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
          if (rowSum[c] > 0) {
            sum += cm[c][c] / rowSum[c];
            present++;
          }
        }
        return MetricValue.of(metric, sum / present, n);
      }
      case MACRO_PRECISION:
      case MACRO_RECALL:
      case MACRO_F1:
      case WEIGHTED_PRECISION:
      case WEIGHTED_RECALL:
      case WEIGHTED_F1: {
        boolean weighted = metric == Metric.WEIGHTED_PRECISION || metric == Metric.WEIGHTED_RECALL
            || metric == Metric.WEIGHTED_F1;
        Metric perClass = switch (BuiltInMetric.of(metric)) {
          case MACRO_PRECISION, WEIGHTED_PRECISION -> Metric.PRECISION;
          case MACRO_RECALL, WEIGHTED_RECALL -> Metric.RECALL;
          default -> Metric.F1;
        };
        double sum = 0;
        double weightSum = 0;
        boolean zeroDivision = false;
        for (int c = 0; c < k; c++) {
          if (rowSum[c] == 0 && colSum[c] == 0) {
            continue; // sklearn averages over the labels present in y_true or y_pred
          }
          double value = perClass(perClass, cm[c][c], colSum[c] - cm[c][c], rowSum[c] - cm[c][c]);
          zeroDivision |= Double.isNaN(value);
          value = Double.isNaN(value) ? 0 : value;
          double w = weighted ? rowSum[c] : 1;
          sum += w * value;
          weightSum += w;
        }
        if (weightSum == 0) {
          return MetricValue.zeroDivision(metric, n, "no class has support");
        }
        MetricValue v = MetricValue.of(metric, sum / weightSum, n);
        return zeroDivision
            ? new MetricValue(metric, v.value(), null, n, true, "zero division in at least one class", true)
            : v;
      }
      case MCC: {
        double dotTp = 0;
        double dotPp = 0;
        double dotTt = 0;
        for (int c = 0; c < k; c++) {
          dotTp += rowSum[c] * colSum[c];
          dotPp += colSum[c] * colSum[c];
          dotTt += rowSum[c] * rowSum[c];
        }
        double covYtYp = trace * total - dotTp;
        double covYpYp = total * total - dotPp;
        double covYtYt = total * total - dotTt;
        if (covYpYp * covYtYt == 0) {
          return MetricValue.zeroDivision(metric, n,
              "labels or predictions are a single class (sklearn returns 0)");
        }
        double mcc = covYtYp / Math.sqrt(covYtYt * covYpYp);
        return MetricValue.of(metric, Math.max(-1, Math.min(1, mcc)), n);
      }
      case COHEN_KAPPA: {
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            if (i != j) {
              observed += cm[i][j];
              expected += colSum[i] * rowSum[j] / total;
            }
          }
        }
        if (expected == 0) {
          throw new IllegalArgumentException(
              "cohen_kappa is undefined when labels and predictions are all one class (expected agreement 1)");
        }
        return MetricValue.of(metric, Math.max(-1, Math.min(1, 1 - observed / expected)), n);
      }
      default:
        throw new IllegalArgumentException("metric must be a multiclass confusion metric: " + metric.key());
    }
  }

  /**
   * Precision, recall or F1 of one class from its counts; NaN on zero division.
   *
   * @param metric PRECISION, RECALL or F1
   * @param tp true positives
   * @param fp false positives
   * @param fn false negatives
   * @return the value or NaN
   */
  public static double perClass(Metric metric, double tp, double fp, double fn) {
    double denominator = switch (BuiltInMetric.of(metric)) {
      case PRECISION -> tp + fp;
      case RECALL -> tp + fn;
      case F1 -> 2 * tp + fp + fn;
      default -> throw new IllegalArgumentException("metric must be precision, recall or f1: " + metric.key());
    };
    if (denominator == 0) {
      return Double.NaN;
    }
    return (metric == Metric.F1 ? 2 * tp : tp) / denominator;
  }

  /**
   * Per-class precision, recall or F1 as a {@link MetricValue} (0 with zero division).
   *
   * @param metric PRECISION, RECALL or F1
   * @param cm the confusion matrix
   * @param c the class
   * @param ncm the unweighted matrix (for n)
   * @return the value
   */
  public static MetricValue perClassValue(Metric metric, double[][] cm, int c, long[][] ncm) {
    double tp = cm[c][c];
    double fp = 0;
    double fn = 0;
    long ntp = ncm[c][c];
    long nfp = 0;
    long nfn = 0;
    for (int i = 0; i < cm.length; i++) {
      if (i != c) {
        fp += cm[i][c];
        fn += cm[c][i];
        nfp += ncm[i][c];
        nfn += ncm[c][i];
      }
    }
    double value = perClass(metric, tp, fp, fn);
    long n = switch (BuiltInMetric.of(metric)) {
      case PRECISION -> ntp + nfp;
      case RECALL -> ntp + nfn;
      default -> ntp + nfp + nfn;
    };
    if (Double.isNaN(value)) {
      return MetricValue.zeroDivision(metric, n, switch (BuiltInMetric.of(metric)) {
        case PRECISION -> "class " + c + " is never predicted";
        case RECALL -> "class " + c + " has no labels";
        default -> "class " + c + " has no labels and is never predicted";
      });
    }
    return MetricValue.of(metric, value, n);
  }
}
