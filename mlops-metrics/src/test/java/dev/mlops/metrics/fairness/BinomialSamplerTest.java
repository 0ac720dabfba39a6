package dev.mlops.metrics.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

final class BinomialSamplerTest {

  @Test
  void draws_followTheBinomialDistribution_byChiSquareAgainstItsProbabilities() {
    int n = 1_000;
    double p = 0.3;
    BinomialSampler sampler = new BinomialSampler(n, p);
    SplittableRandom random = new SplittableRandom(11);
    int draws = 200_000;
    // bins of width 5 around the mean (300, sd 14.5) plus two tails
    int lo = 250;
    int hi = 350;
    long[] observed = new long[(hi - lo) / 5 + 2];
    for (int i = 0; i < draws; i++) {
      long k = sampler.sample(random);
      int bin = k < lo ? 0 : k >= hi ? observed.length - 1 : 1 + (int) (k - lo) / 5;
      observed[bin]++;
    }
    BinomialDistribution reference = new BinomialDistribution(null, n, p);
    double chi2 = 0;
    for (int bin = 0; bin < observed.length; bin++) {
      double prob;
      if (bin == 0) {
        prob = reference.cumulativeProbability(lo - 1);
      } else if (bin == observed.length - 1) {
        prob = 1 - reference.cumulativeProbability(hi - 1);
      } else {
        int from = lo + 5 * (bin - 1);
        prob = reference.cumulativeProbability(from + 4) - reference.cumulativeProbability(from - 1);
      }
      double expected = prob * draws;
      chi2 += (observed[bin] - expected) * (observed[bin] - expected) / expected;
    }
    // 21 degrees of freedom: the 99.9th percentile of chi-square(21) is 46.8
    assertThat(chi2).isLessThan(46.8);
  }

  @Test
  void mean_andVariance_matchForLargeAndSkewedDistributions() {
    SplittableRandom random = new SplittableRandom(5);
    for (double p : new double[] {0.001, 0.5, 0.97}) {
      int n = 5_000_000;
      BinomialSampler sampler = new BinomialSampler(n, p);
      int draws = 4_000;
      double sum = 0;
      double sumSq = 0;
      for (int i = 0; i < draws; i++) {
        double k = sampler.sample(random);
        sum += k;
        sumSq += k * k;
      }
      double mean = sum / draws;
      double var = sumSq / draws - mean * mean;
      double sd = Math.sqrt(n * p * (1 - p));
      assertThat(mean).isCloseTo(n * p, within(5 * sd / Math.sqrt(draws)));
      assertThat(var / (sd * sd)).isCloseTo(1.0, within(0.12));
    }
  }

  @Test
  void degenerateProbabilities_giveTheObviousCounts() {
    SplittableRandom random = new SplittableRandom(1);
    assertThat(new BinomialSampler(100, 0).sample(random)).isZero();
    assertThat(new BinomialSampler(100, 1).sample(random)).isEqualTo(100);
    assertThat(new BinomialSampler(0, 0.5).sample(random)).isZero();
    long small = new BinomialSampler(10, 0.5).sample(random);
    assertThat(small).isBetween(0L, 10L);
  }
}
