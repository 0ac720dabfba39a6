package dev.mlops.metrics.modeltest;

import dev.mlops.metrics.ComparisonResult;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.ModelComparison;

/**
 * Chooses and runs the paired comparison of mlops-metrics for a metric (package-private):
 * McNemar for accuracy, DeLong for binary ROC AUC, a paired bootstrap otherwise, with the
 * difference interval at the level {@link Runs#comparisonLevel} chooses.
 */
final class Comparisons {

  private Comparisons() {}

  static ComparisonResult classifiers(Metric metric, int[] labels, double[][] candidate, double[][] baseline, int k,
      double threshold, Settings settings, double level) {
    if (metric == Metric.ACCURACY) {
      return ModelComparison.mcnemar(labels, decide(candidate, k, threshold), decide(baseline, k, threshold), level);
    }
    if (metric == Metric.ROC_AUC && k == 2) {
      return ModelComparison.delong(labels, column(candidate, 1), column(baseline, 1), level);
    }
    int resamples = bootstrapResamples(settings);
    if (k == 2) {
      return ModelComparison.pairedBootstrap(metric, labels, column(candidate, 1), column(baseline, 1), threshold,
          resamples, settings.seed, level);
    }
    return ModelComparison.pairedBootstrap(metric, labels, candidate, baseline, resamples, settings.seed, level);
  }

  static ComparisonResult regressors(Metric metric, double[] targets, double[] candidate, double[] baseline,
      Settings settings, double level) {
    return ModelComparison.pairedBootstrap(metric, targets, candidate, baseline, bootstrapResamples(settings),
        settings.seed, level);
  }

  /** The paired bootstrap needs resamples even when the test disabled the bootstrap for its CIs. */
  private static int bootstrapResamples(Settings settings) {
    return settings.bootstrap > 0 ? settings.bootstrap : Settings.DEFAULT_BOOTSTRAP;
  }

  private static int[] decide(double[][] p, int k, double threshold) {
    int[] classes = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      if (k == 2) {
        classes[i] = p[i][1] >= threshold ? 1 : 0;
      } else {
        int best = 0;
        for (int c = 1; c < k; c++) {
          if (p[i][c] > p[i][best]) {
            best = c;
          }
        }
        classes[i] = best;
      }
    }
    return classes;
  }

  private static double[] column(double[][] p, int c) {
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i][c];
    }
    return out;
  }
}
