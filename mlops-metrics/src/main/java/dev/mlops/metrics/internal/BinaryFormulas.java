package dev.mlops.metrics.internal;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;

/**
 * Binary metrics from (possibly weighted) confusion counts. The value comes from the weighted
 * counts {@code tp, fp, tn, fn}; the sample size {@code n} from the unweighted ones. Not API.
 * Stateless, thread-safe.
 */
public final class BinaryFormulas {

  private BinaryFormulas() {}

  /**
   * Computes one threshold metric.
   *
   * @param metric the metric (ACCURACY ... PREVALENCE except ROC_AUC, AVERAGE_PRECISION, LOG_LOSS, BRIER)
   * @param tp weighted true positives
   * @param fp weighted false positives
   * @param tn weighted true negatives
   * @param fn weighted false negatives
   * @param beta beta of F_BETA
   * @param ntp unweighted TP
   * @param nfp unweighted FP
   * @param ntn unweighted TN
   * @param nfn unweighted FN
   * @return the value
   * @throws IllegalArgumentException if the metric is undefined (Cohen's kappa with a single class)
   */
  public static MetricValue compute(Metric metric, double tp, double fp, double tn, double fn, double beta,
      long ntp, long nfp, long ntn, long nfn) {
    long total = ntp + nfp + ntn + nfn;
    double all = tp + fp + tn + fn;
    switch (BuiltInMetric.of(metric)) {
      case ACCURACY:
        return ratio(metric, tp + tn, all, total, "no rows");
      case PREVALENCE:
        return ratio(metric, tp + fn, all, total, "no rows");
      case PRECISION:
        return ratio(metric, tp, tp + fp, ntp + nfp, "no positive predictions (TP + FP = 0)");
      case RECALL:
        return ratio(metric, tp, tp + fn, ntp + nfn, "no positive labels (TP + FN = 0)");
      case SPECIFICITY:
        return ratio(metric, tn, tn + fp, ntn + nfp, "no negative labels (TN + FP = 0)");
      case FPR:
        return ratio(metric, fp, fp + tn, nfp + ntn, "no negative labels (FP + TN = 0)");
      case FNR:
        return ratio(metric, fn, fn + tp, nfn + ntp, "no positive labels (FN + TP = 0)");
      case F1:
        return fBeta(metric, 1.0, tp, fp, fn, total);
      case F_BETA:
        return fBeta(metric, beta, tp, fp, fn, total);
      case BALANCED_ACCURACY: {
        // sklearn: mean recall over the classes present in the labels
        double sum = 0;
        int classes = 0;
        if (tp + fn > 0) {
          sum += tp / (tp + fn);
          classes++;
        }
        if (tn + fp > 0) {
          sum += tn / (tn + fp);
          classes++;
        }
        if (classes == 0) {
          return MetricValue.zeroDivision(metric, total, "no rows with positive weight");
        }
        return MetricValue.of(metric, sum / classes, total);
      }
      case MCC: {
        double denominator = Math.sqrt((tp + fp) * (tp + fn)) * Math.sqrt((tn + fp) * (tn + fn));
        if (denominator == 0) {
          return MetricValue.zeroDivision(metric, total,
              "a row or column of the confusion matrix is empty (sklearn returns 0)");
        }
        double mcc = (tp * tn - fp * fn) / denominator;
        return MetricValue.of(metric, Math.max(-1, Math.min(1, mcc)), total);
      }
      case COHEN_KAPPA: {
        double po = (tp + tn) / all;
        double pe = ((tp + fp) * (tp + fn) + (tn + fn) * (tn + fp)) / (all * all);
        if (1 - pe == 0) {
          throw new IllegalArgumentException(
              "cohen_kappa is undefined when labels and predictions are all one class (expected agreement 1)");
        }
        return MetricValue.of(metric, Math.max(-1, Math.min(1, (po - pe) / (1 - pe))), total);
      }
      default:
        throw new IllegalArgumentException("metric must be a confusion-count metric: " + metric.key());
    }
  }

  private static MetricValue ratio(Metric metric, double numerator, double denominator, long n, String reason) {
    if (denominator == 0) {
      return MetricValue.zeroDivision(metric, n, reason);
    }
    return MetricValue.of(metric, numerator / denominator, n);
  }

  private static MetricValue fBeta(Metric metric, double beta, double tp, double fp, double fn, long n) {
    double b2 = beta * beta;
    double denominator = (1 + b2) * tp + b2 * fn + fp;
    if (denominator == 0) {
      return MetricValue.zeroDivision(metric, n, "no positive labels and no positive predictions");
    }
    return MetricValue.of(metric, (1 + b2) * tp / denominator, n);
  }
}
