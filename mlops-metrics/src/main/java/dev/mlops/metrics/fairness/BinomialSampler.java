package dev.mlops.metrics.fairness;

import java.util.SplittableRandom;

/**
 * Exact draws from one binomial distribution with any {@code long} number of trials, at a cost that
 * does not grow with the number of trials.
 *
 * <p>With mean {@code n min(p, 1 - p)} below 10 a draw inverts the CDF from 0 (about mean + 1
 * steps). Otherwise it is Hörmann's transformed rejection with squeeze (BTRS; W. Hörmann, "The
 * generation of binomial random variates", J. Statist. Comput. Simul. 46, 1993), about 1.2
 * proposals per draw whatever the trial count. Its acceptance test, the log of the probability of
 * {@code k} over that of the mode {@code m}, is written as sums of {@code log1p} of small ratios
 * (never as a difference of two large logarithms), so it keeps double precision up to 2^52 trials.
 * More trials than that (4.5e15; never a real window) are split into pieces of 2^52, drawn
 * independently and summed: a binomial count is the sum of the counts of its parts, so the draw
 * stays exact, and the pieces are at most 2,048.
 *
 * <p>Not thread-safe; not API.
 */
final class BinomialSampler {

  /** Trials of one piece: integers up to here are exact in a double. */
  static final long PIECE = 1L << 52;

  private final long trials;
  private final double p;
  private final long fullPieces;
  private final Piece full;
  private final Piece rest;
  private long proposals;

  BinomialSampler(long trials, double p) {
    if (trials < 0) {
      throw new IllegalArgumentException("trials must not be negative: " + trials);
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1]: " + p);
    }
    this.trials = trials;
    this.p = p;
    this.fullPieces = trials / PIECE;
    this.full = fullPieces > 0 ? new Piece(PIECE, p) : null;
    long remainder = trials % PIECE;
    this.rest = remainder > 0 ? new Piece(remainder, p) : null;
  }

  /**
   * One draw.
   *
   * @param random the source of randomness
   * @return the number of successes, in [0, trials]
   */
  long sample(SplittableRandom random) {
    if (trials == 0 || p == 0) {
      return 0;
    }
    if (p == 1) {
      return trials;
    }
    long hits = 0;
    for (long i = 0; i < fullPieces; i++) {
      hits += full.sample(random);
    }
    if (rest != null) {
      hits += rest.sample(random);
    }
    return hits;
  }

  /** Proposals (inversion walks or rejection rounds) made so far: the cost of the draws. */
  long proposals() {
    return proposals;
  }

  /** A binomial of at most {@link #PIECE} trials, drawn for the rarer outcome and mirrored. */
  private final class Piece {

    private final long n;
    private final boolean mirrored;
    private final double pr;
    private final boolean inversion;
    // inversion
    private final double pmfAtZero;
    private final double odds;
    // BTRS constants (Hörmann 1993, algorithm BTRS)
    private final double spq;
    private final double a;
    private final double b;
    private final double c;
    private final double alpha;
    private final double vr;
    private final double mode;
    private final double logOdds;

    Piece(long n, double p) {
      this.n = n;
      this.mirrored = p > 0.5;
      this.pr = mirrored ? 1 - p : p;
      double q = 1 - pr;
      this.inversion = n * pr < 10;
      this.pmfAtZero = inversion ? Math.exp(n * Math.log1p(-pr)) : 0;
      this.odds = pr / q;
      this.spq = Math.sqrt(n * pr * q);
      this.b = 1.15 + 2.53 * spq;
      this.a = -0.0873 + 0.0248 * b + 0.01 * pr;
      this.c = n * pr + 0.5;
      this.alpha = (2.83 + 5.1 / b) * spq;
      this.vr = 0.92 - 4.2 / b;
      this.mode = Math.floor((n + 1) * pr);
      this.logOdds = Math.log(odds);
    }

    long sample(SplittableRandom random) {
      long k = inversion ? invert(random) : transformedRejection(random);
      return mirrored ? n - k : k;
    }

    private long invert(SplittableRandom random) {
      for (;;) {
        proposals++;
        double u = random.nextDouble();
        long k = 0;
        double pk = pmfAtZero;
        double cdf = pk;
        while (u > cdf && k < n && pk > 0) {
          pk *= odds * (n - k) / (k + 1);
          k++;
          cdf += pk;
        }
        if (u <= cdf) {
          return k;
        }
        // u fell in the rounding gap between the summed CDF and 1: draw again (probability ~1e-15)
      }
    }

    private long transformedRejection(SplittableRandom random) {
      for (;;) {
        proposals++;
        double u = random.nextDouble() - 0.5;
        double v = random.nextDouble();
        double us = 0.5 - Math.abs(u);
        double k = Math.floor((2 * a / us + b) * u + c);
        if (us >= 0.07 && v <= vr) {
          return (long) k;
        }
        if (k < 0 || k > n || us <= 0) {
          continue;
        }
        double logV = Math.log(v * alpha / (a / (us * us) + b));
        if (logV <= logRatioToMode(k)) {
          return (long) k;
        }
      }
    }

    /**
     * log(P(k) / P(m)) for the mode m, from Stirling's series for the factorials with the
     * large terms cancelled by hand: with d = k - m,
     * {@code -(m + 1/2) log1p(d / (m + 1)) + (n - m + 1/2) log1p(d / (n - k + 1))
     * + d log1p((p (n + 2) - k - 1) / (q (k + 1)))} plus the series' tails.
     */
    private double logRatioToMode(double k) {
      double d = k - mode;
      double q = 1 - pr;
      return -(mode + 0.5) * Math.log1p(d / (mode + 1))
          + (n - mode + 0.5) * Math.log1p(d / (n - k + 1))
          + d * Math.log1p((pr * (n + 2) - k - 1) / (q * (k + 1)))
          + stirlingTail(mode) + stirlingTail(n - mode) - stirlingTail(k) - stirlingTail(n - k);
    }
  }

  private static final double[] TAIL = {
      0.08106146679532733, 0.04134069595540946, 0.027677925684997717, 0.02079067210376584,
      0.01664469118982126, 0.013876128823072875, 0.011896709945893313, 0.010411265261973668,
      0.00925546218270945, 0.008330563433359472};

  /** {@code log k! - ((k + 1/2) log(k + 1) - (k + 1) + log(2 pi) / 2)}. */
  static double stirlingTail(double k) {
    if (k <= 9) {
      return TAIL[(int) k];
    }
    double x = k + 1;
    double x2 = x * x;
    return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - 1.0 / (1680 * x2)) / x2) / x2) / x;
  }
}
