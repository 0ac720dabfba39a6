package dev.mlops.metrics.internal;

import dev.mlops.metrics.Interval;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bootstrap machinery: seeded uniform draws (Lemire's multiply-shift with rejection, so unbiased,
 * on a {@link SplittableRandom}), stratified or plain multiplicity resampling, the fast stratified
 * ROC AUC bootstrap and the percentile interval. Not API. Instances are not thread-safe; the
 * static methods are.
 */
public final class Bootstrap {

  private final SplittableRandom random;
  private final int[][] strata;

  private Bootstrap(long seed, int[][] strata) {
    this.random = new SplittableRandom(seed);
    this.strata = strata;
  }

  /**
   * A resampler that draws, within each class, as many rows as the class has (stratified).
   *
   * @param classes the class of each row, in [0, k)
   * @param k the number of classes
   * @param seed the seed
   * @return the resampler
   */
  public static Bootstrap stratified(int[] classes, int k, long seed) {
    int[] sizes = new int[k];
    for (int c : classes) {
      sizes[c]++;
    }
    int[][] strata = new int[k][];
    for (int c = 0; c < k; c++) {
      strata[c] = new int[sizes[c]];
    }
    int[] fill = new int[k];
    for (int i = 0; i < classes.length; i++) {
      strata[classes[i]][fill[classes[i]]++] = i;
    }
    return new Bootstrap(seed, strata);
  }

  /**
   * A resampler that draws n rows from all n rows.
   *
   * @param n the number of rows
   * @param seed the seed
   * @return the resampler
   */
  public static Bootstrap plain(int n, long seed) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return new Bootstrap(seed, new int[][] {all});
  }

  /**
   * Draws one resample: {@code multiplicity[row]} = how many times the row was drawn.
   *
   * @param multiplicity output, one slot per row (overwritten)
   */
  public void resample(int[] multiplicity) {
    Arrays.fill(multiplicity, 0);
    for (int[] stratum : strata) {
      int size = stratum.length;
      int d = 0;
      for (; d + 1 < size; d += 2) {
        long bits = random.nextLong();
        multiplicity[stratum[bounded(bits & 0xFFFFFFFFL, size)]]++;
        multiplicity[stratum[bounded(bits >>> 32, size)]]++;
      }
      if (d < size) {
        multiplicity[stratum[next(size)]]++;
      }
    }
  }

  /**
   * Turns a resample's multiplicities into row indices: row i written {@code multiplicity[i]} times.
   *
   * @param multiplicity the counts of one resample (summing to {@code rows.length})
   * @param rows output, overwritten
   * @return {@code rows}
   */
  public static int[] expand(int[] multiplicity, int[] rows) {
    int next = 0;
    for (int i = 0; i < multiplicity.length; i++) {
      for (int c = 0; c < multiplicity[i]; c++) {
        rows[next++] = i;
      }
    }
    return rows;
  }

  /**
   * Draws a uniform integer in [0, bound) without bias (Lemire 2019).
   *
   * @param bound the exclusive bound, positive
   * @return the draw
   */
  public int next(int bound) {
    return bounded(random.nextLong() >>> 32, bound);
  }

  /**
   * Adds {@code draws} uniform draws in [0, bound) to {@code counts} (two draws per 64-bit word).
   *
   * @param counts the histogram
   * @param draws how many draws
   * @param bound the exclusive bound
   */
  void addDraws(int[] counts, int draws, int bound) {
    int d = 0;
    if (bound <= SMALL_BOUND) {
      // three 21-bit draws per 64-bit word; Lemire's rejection keeps each exactly uniform
      int threshold = (int) ((1L << 21) % bound);
      for (; d + 2 < draws; d += 3) {
        long bits = random.nextLong();
        counts[bounded21(bits & MASK21, bound, threshold)]++;
        counts[bounded21((bits >>> 21) & MASK21, bound, threshold)]++;
        counts[bounded21((bits >>> 42) & MASK21, bound, threshold)]++;
      }
    }
    for (; d + 1 < draws; d += 2) {
      long bits = random.nextLong();
      counts[bounded(bits & 0xFFFFFFFFL, bound)]++;
      counts[bounded(bits >>> 32, bound)]++;
    }
    if (d < draws) {
      counts[next(bound)]++;
    }
  }

  /**
   * Writes {@code draws} uniform draws in [0, bound) into {@code out}.
   *
   * @param out the destination
   * @param draws how many draws
   * @param bound the exclusive bound
   */
  void fillDraws(int[] out, int draws, int bound) {
    int d = 0;
    if (bound <= SMALL_BOUND) {
      int threshold = (int) ((1L << 21) % bound);
      for (; d + 2 < draws; d += 3) {
        long bits = random.nextLong();
        out[d] = bounded21(bits & MASK21, bound, threshold);
        out[d + 1] = bounded21((bits >>> 21) & MASK21, bound, threshold);
        out[d + 2] = bounded21((bits >>> 42) & MASK21, bound, threshold);
      }
    }
    for (; d < draws; d++) {
      out[d] = next(bound);
    }
  }

  private static final int SMALL_BOUND = 1 << 20;
  private static final long MASK21 = (1L << 21) - 1;

  // Lemire on 21 random bits: a draw in the biased low region is replaced by a fresh 32-bit draw
  private int bounded21(long bits21, int bound, int threshold) {
    long product = bits21 * bound;
    if ((product & MASK21) < threshold) {
      return next(bound);
    }
    return (int) (product >>> 21);
  }

  // Lemire's multiply-shift on 32 random bits; the rare biased region is rejected and redrawn
  int bounded(long bits32, int bound) {
    long product = bits32 * bound;
    if (Integer.compareUnsigned((int) product, bound) < 0) {
      int threshold = Integer.remainderUnsigned(-bound, bound);
      while (Integer.compareUnsigned((int) product, threshold) < 0) {
        product = (random.nextLong() >>> 32) * bound;
      }
    }
    return (int) (product >>> 32);
  }

  /**
   * Stratified bootstrap of ROC AUC without re-sorting: the positives' and negatives' scores are
   * sorted once; for each positive the number of negatives below it and tied with it is found once.
   * A resample then draws n negatives into counts, prefix-sums them, and draws m positives, each
   * adding {@code negatives below + half the tied ones} (exact, in {@code long}).
   *
   * @param labels 0/1 labels (validated)
   * @param scores finite scores (validated)
   * @param resamples B
   * @param seed the seed
   * @return the B resampled AUCs
   * @throws IllegalArgumentException if a class is missing
   */
  public static double[] stratifiedRocAuc(int[] labels, double[] scores, int resamples, long seed) {
    ClassScores byClass = ClassScores.of(labels, scores);
    double[] pos = byClass.positives();
    double[] neg = byClass.negatives();
    int m = pos.length;
    int n = neg.length;
    if (m == 0 || n == 0) {
      throw new IllegalArgumentException("roc_auc is undefined when only one class is present (positives "
          + m + ", negatives " + n + ")");
    }
    Arrays.sort(pos);
    Arrays.sort(neg);
    // below[i]: negatives < pos[i]; atOrBelow[i]: negatives <= pos[i] (two merge walks)
    int[] below = new int[m];
    int[] atOrBelow = new int[m];
    int j = 0;
    int k = 0;
    for (int i = 0; i < m; i++) {
      while (j < n && neg[j] < pos[i]) {
        j++;
      }
      while (k < n && neg[k] <= pos[i]) {
        k++;
      }
      below[i] = j;
      atOrBelow[i] = k;
    }
    boolean ties = false;
    for (int i = 0; i < m && !ties; i++) {
      ties = below[i] != atOrBelow[i];
    }
    Bootstrap draws = new Bootstrap(seed, null);
    // one int[n + 1] holds the resampled negative counts, then (in place) their exclusive prefix sums,
    // so the working set (this array + the rank arrays) stays small enough for the L2 cache
    int[] prefix = new int[n + 1];
    // ties: look up below + at-or-below; otherwise twice below (the arrays are then identical)
    int[] upper = ties ? atOrBelow : below;
    double[] aucs = new double[resamples];
    double denominator = 2.0 * m * (double) n;
    boolean packed = m <= SMALL_BOUND;
    int threshold = (int) ((1L << 21) % m);
    for (int b = 0; b < resamples; b++) {
      draws.addDraws(prefix, n, n);
      int running = 0;
      for (int t = 0; t <= n; t++) {
        int c = prefix[t];
        prefix[t] = running;
        running += c;
      }
      long sum = 0;
      int d = 0;
      if (packed) {
        for (; d + 2 < m; d += 3) {
          long bits = draws.random.nextLong();
          int i1 = draws.bounded21(bits & MASK21, m, threshold);
          int i2 = draws.bounded21((bits >>> 21) & MASK21, m, threshold);
          int i3 = draws.bounded21((bits >>> 42) & MASK21, m, threshold);
          sum += prefix[below[i1]] + prefix[upper[i1]];
          sum += prefix[below[i2]] + prefix[upper[i2]];
          sum += prefix[below[i3]] + prefix[upper[i3]];
        }
      }
      for (; d < m; d++) {
        int i = draws.next(m);
        sum += prefix[below[i]] + prefix[upper[i]];
      }
      Arrays.fill(prefix, 0);
      aucs[b] = sum / denominator;
    }
    return aucs;
  }

  /**
   * The percentile interval of the first {@code count} values (which are sorted in place), with
   * numpy's linear interpolation.
   *
   * @param values the resampled statistics
   * @param count how many of them are valid
   * @param level the confidence level
   * @return the interval
   * @throws IllegalArgumentException if {@code count == 0}
   */
  public static Interval percentileInterval(double[] values, int count, double level) {
    if (count == 0) {
      throw new IllegalArgumentException("bootstrap produced no defined resample");
    }
    double[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    double lower = Calibration.percentile(sorted, (1 - level) / 2);
    double upper = Calibration.percentile(sorted, (1 + level) / 2);
    return new Interval(lower, Math.max(lower, upper), level, Interval.BOOTSTRAP_PERCENTILE);
  }
}
