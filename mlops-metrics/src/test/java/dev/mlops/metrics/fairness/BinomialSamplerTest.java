package dev.mlops.metrics.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
  @Test
  void moreTrialsThanAnInt_drawExactly_byChiSquareAgainstScipysBinomial() {
    // scipy.stats.binom(3_000_000_000, 0.3): bins cut at the mean + {-2.5, -2, ..., 2.5} sd
    long[] edges = {899937250L, 899949800L, 899962350L, 899974900L, 899987450L, 900000000L,
        900012550L, 900025100L, 900037650L, 900050200L, 900062750L};
    double[] probabilities = {0.006208724132708014, 0.016539045658838732, 0.04405488111378528,
        0.09184586606060371, 0.14988131962380846, 0.1914632870823414, 0.1914644158010116,
        0.14988430327271784, 0.0918494863100936, 0.044057889757897595, 0.016540869917956447,
        0.006209911268237281};
    BinomialSampler sampler = new BinomialSampler(3_000_000_000L, 0.3);
    // 11 degrees of freedom: the 99.9th percentile of chi-square(11) is 31.26
    assertThat(chiSquare(sampler, new SplittableRandom(3), 100_000, edges, probabilities))
        .isLessThan(31.26);
  }

  @Test
  void trialsBeyondTheExactPiece_areSplit_andStillFollowTheBinomial() {
    long n = (1L << 60) + 12_345;
    // Binomial(n, 1/2) against the continuity-corrected normal CDF (mpmath, 50 digits): for p = 1/2
    // the skewness term vanishes and the two agree to O(1/n) = 1e-18
    long[] edges = {576460750961252352L, 576460751229687808L, 576460751498123264L,
        576460751766558720L, 576460752034994176L, 576460752303429632L, 576460752571865088L,
        576460752840300544L, 576460753108736000L, 576460753377171456L, 576460753645606912L};
    double[] probabilities = {0.00620966439527982, 0.01654046468676878, 0.04405706531131912,
        0.09184804669298147, 0.14988227895011486, 0.1914624587855307, 0.19146246376249312,
        0.14988229063894393, 0.09184805863221715, 0.04405707333003976, 0.016540468558038233,
        0.006209666256273043};
    BinomialSampler sampler = new BinomialSampler(n, 0.5);
    assertThat(chiSquare(sampler, new SplittableRandom(4), 10_000, edges, probabilities))
        .isLessThan(31.26);
    // 256 pieces of 2^52 trials and the remainder, each about one proposal
    assertThat(sampler.proposals()).isLessThan(10_000L * 257 * 3 / 2);
  }

  @Test
  void rareSuccessesAmongBillionsOfTrials_followThePoissonLikeBinomial_bothWays() {
    // scipy.stats.binom(5_000_000_000, 1e-9).pmf(k) for k = 0..11, then P(X >= 12)
    double[] pmf = {0.006737947935051442, 0.03368973494489273, 0.08422433742961133,
        0.14037389580024315, 0.17546736982049096, 0.17546736985558448, 0.14622280821298692,
        0.1044448629883876, 0.06527803934163105, 0.036265577390257875, 0.018132788680622687,
        0.008242176664768138, 0.003434240272865644 + 0.0020188516154172006};
    long[] edges = new long[pmf.length - 1];
    for (int k = 0; k < edges.length; k++) {
      edges[k] = k + 1;
    }
    long n = 5_000_000_000L;
    BinomialSampler successes = new BinomialSampler(n, 1e-9);
    BinomialSampler failures = new BinomialSampler(n, 1 - 1e-9);
    // 12 degrees of freedom: the 99.9th percentile of chi-square(12) is 32.91
    SplittableRandom random = new SplittableRandom(8);
    assertThat(chiSquare(successes, random, 50_000, edges, pmf)).isLessThan(32.91);
    long[] observed = new long[pmf.length];
    for (int i = 0; i < 50_000; i++) {
      long misses = n - failures.sample(random);
      observed[(int) Math.min(misses, pmf.length - 1)]++;
    }
    assertThat(chiSquare(observed, 50_000, pmf)).isLessThan(32.91);
  }

  @Test
  void costPerDraw_staysAboutOneProposal_whateverTheTrialCount() {
    SplittableRandom random = new SplittableRandom(9);
    for (long n : new long[] {1_000L, 3_000_000_000L, 1L << 52}) {
      for (double p : new double[] {0.001, 0.3, 0.97}) {
        BinomialSampler sampler = new BinomialSampler(n, p);
        for (int i = 0; i < 10_000; i++) {
          assertThat(sampler.sample(random)).isBetween(0L, n);
        }
        assertThat(sampler.proposals()).as("proposals of Binomial(%s, %s)", n, p)
            .isBetween(10_000L, 15_000L);
      }
    }
  }

  @Test
  void theLargestLongTrialCount_drawsNearItsMean_withoutOverflow() {
    long n = Long.MAX_VALUE;
    BinomialSampler sampler = new BinomialSampler(n, 0.25);
    SplittableRandom random = new SplittableRandom(10);
    double mean = n * 0.25;
    double sd = Math.sqrt(n * 0.25 * 0.75);
    for (int i = 0; i < 20; i++) {
      long k = sampler.sample(random);
      assertThat(k).isBetween(0L, n);
      assertThat((double) k).isCloseTo(mean, within(6 * sd));
    }
  }

  @Test
  void invalidParameters_areRefused_namingTheValue() {
    assertThatThrownBy(() -> new BinomialSampler(-1, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("trials must not be negative: -1");
    assertThatThrownBy(() -> new BinomialSampler(10, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("probability must be in [0, 1]: NaN");
  }

  private static double chiSquare(BinomialSampler sampler, SplittableRandom random, int draws,
      long[] edges, double[] probabilities) {
    long[] observed = new long[probabilities.length];
    for (int i = 0; i < draws; i++) {
      long k = sampler.sample(random);
      int bin = 0;
      while (bin < edges.length && k >= edges[bin]) {
        bin++;
      }
      observed[bin]++;
    }
    return chiSquare(observed, draws, probabilities);
  }

  private static double chiSquare(long[] observed, int draws, double[] probabilities) {
    double chi2 = 0;
    for (int bin = 0; bin < observed.length; bin++) {
      double expected = probabilities[bin] * draws;
      chi2 += (observed[bin] - expected) * (observed[bin] - expected) / expected;
    }
    return chi2;
  }
}
