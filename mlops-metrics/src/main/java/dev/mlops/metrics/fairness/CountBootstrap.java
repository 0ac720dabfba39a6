package dev.mlops.metrics.fairness;

import dev.mlops.metrics.Interval;
import dev.mlops.metrics.internal.Bootstrap;
import java.util.SplittableRandom;

/**
 * The bootstrap of a disparity stratified by group and label, without touching the rows:
 * resampling a group's positives with replacement draws its true positives from
 * Binomial(positives, TPR), its negatives its false positives from Binomial(negatives, FPR), exactly
 * (without labels every row is a "negative", so the draw is of the selected rows). A resample costs
 * O(groups), not O(rows). Not thread-safe; not API.
 */
final class CountBootstrap {

  private final SplittableRandom random;

  CountBootstrap(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * Percentile intervals of every disparity.
   *
   * @param counts the observed counts
   * @param judged the judged group codes
   * @param disparities the disparities to resample
   * @param resamples the number of resamples
   * @param level the confidence level
   * @return one interval per disparity (null where fewer than half of the resamples were defined)
   */
  Interval[] intervals(long[] counts, int[] judged, Disparity[] disparities, int resamples, double level) {
    double[][] values = new double[disparities.length][resamples];
    int[] defined = new int[disparities.length];
    long[] resampled = new long[counts.length];
    int groups = counts.length / 4;
    BinomialSampler[] positives = new BinomialSampler[groups];
    BinomialSampler[] negatives = new BinomialSampler[groups];
    for (int g : judged) {
      int base = 4 * g;
      long pos = counts[base + GroupCounts.TP] + counts[base + GroupCounts.FN];
      long neg = counts[base + GroupCounts.FP] + counts[base + GroupCounts.TN];
      positives[g] = new BinomialSampler(pos, pos == 0 ? 0 : (double) counts[base + GroupCounts.TP] / pos);
      negatives[g] = new BinomialSampler(neg, neg == 0 ? 0 : (double) counts[base + GroupCounts.FP] / neg);
    }
    for (int b = 0; b < resamples; b++) {
      for (int g : judged) {
        resampleGroup(counts, resampled, g, positives, negatives);
      }
      for (int k = 0; k < disparities.length; k++) {
        double v = Disparities.value(disparities[k], resampled, judged)[0];
        if (!Double.isNaN(v)) {
          values[k][defined[k]++] = v;
        }
      }
    }
    Interval[] out = new Interval[disparities.length];
    for (int k = 0; k < disparities.length; k++) {
      out[k] = 2L * defined[k] >= resamples ? Bootstrap.percentileInterval(values[k], defined[k], level) : null;
    }
    return out;
  }

  private void resampleGroup(long[] counts, long[] out, int g, BinomialSampler[] positives,
      BinomialSampler[] negatives) {
    int base = 4 * g;
    long pos = counts[base + GroupCounts.TP] + counts[base + GroupCounts.FN];
    long neg = counts[base + GroupCounts.FP] + counts[base + GroupCounts.TN];
    long tp = positives[g].sample(random);
    long fp = negatives[g].sample(random);
    out[base + GroupCounts.TP] = tp;
    out[base + GroupCounts.FN] = pos - tp;
    out[base + GroupCounts.FP] = fp;
    out[base + GroupCounts.TN] = neg - fp;
  }
}
