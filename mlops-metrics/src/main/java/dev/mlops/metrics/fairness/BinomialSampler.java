package dev.mlops.metrics.fairness;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * Exact draws from one binomial distribution by inversion of its CDF, searched outward from the
 * mode (the CDF and probability at the mode are computed once; each draw then walks
 * O(standard deviation) terms of the probability recurrence). Small trial counts are drawn trial by
 * trial. Not thread-safe; not API.
 */
final class BinomialSampler {

  private static final int DIRECT_TRIALS = 32;

  private final int trials;
  private final double p;
  private final int mode;
  private final double pmfAtMode;
  private final double cdfAtMode;
  private final double odds;

  BinomialSampler(long trials, double p) {
    this.trials = Math.toIntExact(trials);
    this.p = p;
    if (trials <= DIRECT_TRIALS || p <= 0 || p >= 1) {
      this.mode = 0;
      this.pmfAtMode = 0;
      this.cdfAtMode = 0;
      this.odds = 0;
      return;
    }
    double q = 1 - p;
    this.mode = (int) Math.min(trials, Math.floor((trials + 1) * p));
    this.pmfAtMode = Math.exp(CombinatoricsUtils.binomialCoefficientLog(this.trials, mode)
        + mode * Math.log(p) + (trials - mode) * Math.log(q));
    this.cdfAtMode = mode == trials ? 1.0 : Beta.regularizedBeta(q, trials - mode, mode + 1.0);
    this.odds = p / q;
  }

  long sample(SplittableRandom random) {
    if (trials == 0 || p <= 0) {
      return 0;
    }
    if (p >= 1) {
      return trials;
    }
    if (trials <= DIRECT_TRIALS) {
      long hits = 0;
      for (int t = 0; t < trials; t++) {
        if (random.nextDouble() < p) {
          hits++;
        }
      }
      return hits;
    }
    double u = random.nextDouble();
    int k = mode;
    double cdf = cdfAtMode;
    double pk = pmfAtMode;
    if (u <= cdf) {
      // smallest k with CDF(k) >= u: step down while CDF(k - 1) = CDF(k) - P(k) still reaches u
      while (k > 0 && pk > 0 && u <= cdf - pk) {
        cdf -= pk;
        pk = pk * k / ((trials - k + 1) * odds);
        k--;
      }
    } else {
      while (k < trials && cdf < u) {
        pk = pk * (trials - k) / (k + 1) * odds;
        if (pk == 0) {
          break;
        }
        k++;
        cdf += pk;
      }
    }
    return k;
  }
}
