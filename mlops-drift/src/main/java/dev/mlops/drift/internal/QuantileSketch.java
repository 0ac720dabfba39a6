package dev.mlops.drift.internal;

import java.util.Arrays;

/**
 * A KLL quantile sketch of doubles (Karnin, Lang and Liberty 2016, with the level capacities of
 * Apache DataSketches' {@code KllDoublesSketch}: the top level holds {@code k} items, each level
 * below two thirds of the one above, at least 8) whose compactions are <em>deterministic</em>:
 * the same values in the same order give the same sketch, in any process.
 *
 * <p>Why not DataSketches' own KLL: in datasketches-java 7.0.1 every KLL sketch draws the offset
 * of each compaction (keep the odd or the even items) from one static, unseeded {@code Random},
 * with no public way to seed it, so two builds of the same data gave different sketches, hence
 * different reference profiles, thresholds and verdicts. Here the offset is a SplitMix64 hash of
 * the sketch's state at the compaction (its total weight, the level and the level's size): a
 * pseudo-random bit that does not depend on the values, so KLL's error analysis, which needs the
 * offsets to be independent fair bits of the data, still applies; and a function of the state
 * rather than of a history, so {@code a.merge(b)} and {@code b.merge(a)} give the same sketch.
 * (Merging is not associative: {@code (a + b) + c} may differ from {@code a + (b + c)} within the
 * rank error.)
 *
 * <p>Rank error: as KLL's, {@link #normalizedRankError(int)} (DataSketches' fitted 99% bound for
 * a single rank, about 0.68% at k = 400), measured against exact ranks in {@code
 * QuantileSketchAccuracy} (mlops-bench).
 *
 * <p>Level 0 is an unsorted buffer; each level above holds sorted items of weight {@code 2^h}.
 * NaN is ignored. Not thread-safe: the owner guards it.
 */
public final class QuantileSketch {

  /** Smallest level capacity (DataSketches' {@code m}). */
  private static final int MIN_LEVEL = 8;

  /** Level depths beyond this have the smallest capacity for every k up to 65,535. */
  private static final int MAX_DEPTH = 30;

  private final int k;
  private long n;
  private double min = Double.NaN;
  private double max = Double.NaN;
  /** levels[h][0..sizes[h]): level 0 unsorted, the others ascending. */
  private double[][] levels = {new double[16]};
  private int[] sizes = new int[1];
  private int capacity;
  /** Each level's capacity at the current number of levels. */
  private int[] capacities;
  private int retained;

  /**
   * An empty sketch.
   *
   * @param k the accuracy parameter: the top level's capacity, in [8, 65535]
   * @throws IllegalArgumentException if k is out of range
   */
  public QuantileSketch(int k) {
    if (k < MIN_LEVEL || k > 65_535) {
      throw new IllegalArgumentException("quantile sketch k must be in [8, 65535]: " + k);
    }
    this.k = k;
    this.capacities = new int[] {levelCapacity(k, 1, 0)};
    this.capacity = capacities[0];
  }

  /**
   * The single-rank normalised rank error at 99% confidence: DataSketches' fitted {@code 2.296 /
   * k^0.9723} for the KLL algorithm this sketch implements.
   *
   * @param k the accuracy parameter
   * @return the error as a fraction of the count
   */
  public static double normalizedRankError(int k) {
    return 2.296 / StrictMath.pow(k, 0.9723);
  }

  /**
   * The accuracy parameter.
   *
   * @return k
   */
  public int k() {
    return k;
  }

  /**
   * The number of values (total weight) the sketch stands for.
   *
   * @return n
   */
  public long n() {
    return n;
  }

  /**
   * Whether no value was added.
   *
   * @return {@code n() == 0}
   */
  public boolean isEmpty() {
    return n == 0;
  }

  /**
   * The number of items kept.
   *
   * @return the retained items
   */
  public int retained() {
    return retained;
  }

  /**
   * Smallest value added.
   *
   * @return the minimum, NaN when empty
   */
  public double min() {
    return min;
  }

  /**
   * Largest value added.
   *
   * @return the maximum, NaN when empty
   */
  public double max() {
    return max;
  }

  /**
   * Adds a value (NaN is ignored).
   *
   * @param v the value
   */
  public void update(double v) {
    if (v != v) {
      return;
    }
    if (retained >= capacity) {
      compress();
    }
    minMax(v);
    append0(v);
    n++;
  }

  /**
   * Adds values in order, exactly as {@link #update(double)} on each would (NaN is ignored).
   *
   * @param values the values
   * @param offset the first index
   * @param length how many
   */
  public void update(double[] values, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      if (retained >= capacity) {
        compress();
      }
      int room = capacity - retained;
      ensure0(sizes[0] + Math.min(room, end - i));
      double[] l0 = levels[0];
      int s = sizes[0];
      int added = 0;
      while (i < end && added < room) {
        double v = values[i++];
        if (v == v) {
          minMax(v);
          l0[s++] = v;
          added++;
        }
      }
      sizes[0] = s;
      retained += added;
      n += added;
    }
  }

  /**
   * Adds {@code weight} copies of a value: one item at each level {@code h} whose bit is set in
   * the weight, as KLL items of weight {@code 2^h} (a sketch rebuilt from a sorted view this way
   * has that view's ranks).
   *
   * @param v the value (NaN is ignored)
   * @param weight the number of copies, at least 1
   * @throws IllegalArgumentException if weight is not positive
   */
  public void update(double v, long weight) {
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be positive: " + weight);
    }
    if (v != v) {
      return;
    }
    minMax(v);
    long w = weight;
    for (int h = 0; w != 0; h++, w >>>= 1) {
      if ((w & 1) != 0) {
        while (h >= levels.length) {
          addLevel();
        }
        if (h == 0) {
          ensure0(sizes[0] + 1);
          levels[0][sizes[0]++] = v;
        } else {
          insertSorted(h, v);
        }
        retained++;
      }
    }
    n += weight;
    while (retained > capacity) {
      compress();
    }
  }

  /**
   * Adds another sketch's values (the other is unchanged). Commutative: {@code a.merge(b)} and
   * {@code b.merge(a)} leave equal sketches.
   *
   * @param other a sketch of the same k
   * @throws IllegalArgumentException if the k differ
   */
  public void merge(QuantileSketch other) {
    if (other.k != k) {
      throw new IllegalArgumentException(
          "quantile sketches must have the same k to merge: " + k + " and " + other.k);
    }
    if (other.n == 0) {
      return;
    }
    while (levels.length < other.levels.length) {
      addLevel();
    }
    for (int h = 0; h < other.levels.length; h++) {
      int os = other.sizes[h];
      if (os == 0) {
        continue;
      }
      if (h == 0) {
        ensure0(sizes[0] + os);
        System.arraycopy(other.levels[0], 0, levels[0], sizes[0], os);
        sizes[0] += os;
      } else {
        mergeInto(h, other.levels[h], 0, os);
      }
      retained += os;
    }
    n += other.n;
    minMax(other.min);
    minMax(other.max);
    // level 0's order is the only thing the two orders of a merge leave different; sorting it
    // makes the sketches equal (a compaction sorts it anyway)
    Arrays.sort(levels[0], 0, sizes[0]);
    while (retained > capacity) {
      compress();
    }
  }

  /**
   * The sketch's sorted view: its distinct retained values ascending and, for each, the total
   * weight of the values at or below it (the last is {@link #n()}).
   *
   * @return the view (empty arrays when the sketch is empty)
   */
  public SortedView sortedView() {
    double[] items = Arrays.copyOf(levels[0], sizes[0]);
    Arrays.sort(items);
    long[] weights = new long[items.length];
    Arrays.fill(weights, 1L);
    int len = items.length;
    for (int h = 1; h < levels.length; h++) {
      int s = sizes[h];
      if (s == 0) {
        continue;
      }
      double[] a = levels[h];
      long w = 1L << h;
      double[] mi = new double[len + s];
      long[] mw = new long[len + s];
      int i = 0;
      int j = 0;
      int o = 0;
      while (i < len || j < s) {
        if (j >= s || (i < len && items[i] <= a[j])) {
          mi[o] = items[i];
          mw[o++] = weights[i++];
        } else {
          mi[o] = a[j++];
          mw[o++] = w;
        }
      }
      items = mi;
      weights = mw;
      len = o;
    }
    // equal values become one entry, so the view does not depend on how ties were stored
    int d = 0;
    long cum = 0;
    double[] outItems = new double[len];
    long[] outCum = new long[len];
    for (int i = 0; i < len; i++) {
      cum += weights[i];
      if (d > 0 && outItems[d - 1] == items[i]) {
        outCum[d - 1] = cum;
      } else {
        outItems[d] = items[i];
        outCum[d++] = cum;
      }
    }
    return new SortedView(Arrays.copyOf(outItems, d), Arrays.copyOf(outCum, d));
  }

  /**
   * Quantiles at normalised ranks: for rank {@code r} the first retained value whose cumulative
   * weight reaches {@code ceil(r n)} ({@link #min()} for 0, {@link #max()} for 1).
   *
   * @param ranks each in [0, 1]
   * @return the quantiles, NaN when empty
   * @throws IllegalArgumentException if a rank is outside [0, 1]
   */
  public double[] quantiles(double[] ranks) {
    return sortedView().quantiles(ranks, min, max);
  }

  /**
   * A sketch's distinct values ascending with their inclusive cumulative weights.
   *
   * @param items the values, ascending
   * @param cumulativeWeights the weight at or below each value, ascending
   */
  public record SortedView(double[] items, long[] cumulativeWeights) {

    /**
     * Quantiles at normalised ranks, as {@link QuantileSketch#quantiles(double[])}.
     *
     * @param ranks each in [0, 1]
     * @param min the value for rank 0
     * @param max the value for rank 1
     * @return the quantiles, NaN when the view is empty
     */
    public double[] quantiles(double[] ranks, double min, double max) {
      double[] out = new double[ranks.length];
      long total = cumulativeWeights.length == 0 ? 0
          : cumulativeWeights[cumulativeWeights.length - 1];
      for (int i = 0; i < ranks.length; i++) {
        double r = ranks[i];
        if (!(r >= 0 && r <= 1)) {
          throw new IllegalArgumentException("ranks must be in [0, 1]: index " + i + " value " + r);
        }
        if (total == 0) {
          out[i] = Double.NaN;
        } else if (r == 0) {
          out[i] = min;
        } else if (r == 1) {
          out[i] = max;
        } else {
          long target = Math.max(1, (long) Math.ceil(r * total));
          int lo = 0;
          int hi = cumulativeWeights.length - 1;
          while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulativeWeights[mid] >= target) {
              hi = mid;
            } else {
              lo = mid + 1;
            }
          }
          out[i] = items[lo];
        }
      }
      return out;
    }
  }

  private void minMax(double v) {
    if (v != v) {
      return;
    }
    if (!(v >= min)) {
      min = v;
    }
    if (!(v <= max)) {
      max = v;
    }
  }

  private void append0(double v) {
    ensure0(sizes[0] + 1);
    levels[0][sizes[0]++] = v;
    retained++;
  }

  private void ensure0(int size) {
    if (size > levels[0].length) {
      levels[0] = Arrays.copyOf(levels[0], Math.max(size, 2 * levels[0].length));
    }
  }

  private void addLevel() {
    int h = levels.length;
    levels = Arrays.copyOf(levels, h + 1);
    levels[h] = new double[MIN_LEVEL];
    sizes = Arrays.copyOf(sizes, h + 1);
    capacities = new int[h + 1];
    capacity = 0;
    for (int i = 0; i <= h; i++) {
      capacities[i] = levelCapacity(k, h + 1, i);
      capacity += capacities[i];
    }
  }

  /** Compacts the lowest level at or over its capacity (adding a level above the top if needed). */
  private void compress() {
    int numLevels = levels.length;
    int h = 0;
    while (h < numLevels - 1 && sizes[h] < capacities[h]) {
      h++; // some level is at or over capacity while retained >= capacity; else the top
    }
    if (h == levels.length - 1) {
      addLevel();
    }
    double[] a = levels[h];
    int s = sizes[h];
    if (h == 0) {
      Arrays.sort(a, 0, s);
    }
    int start = s & 1; // an odd level keeps its smallest item
    int offset = coin(h, s);
    int half = (s - start) / 2;
    // merge a[start + offset], a[start + offset + 2], ... into level h + 1, in place from the end
    int t = sizes[h + 1];
    double[] b = levels[h + 1];
    if (t + half > b.length) {
      b = Arrays.copyOf(b, Math.max(t + half, 2 * b.length));
      levels[h + 1] = b;
    }
    int i = t - 1;
    int j = half - 1;
    int o = t + half - 1;
    int first = start + offset;
    while (j >= 0) {
      double v = a[first + 2 * j];
      if (i >= 0 && b[i] > v) {
        b[o--] = b[i--];
      } else {
        b[o--] = v;
        j--;
      }
    }
    sizes[h + 1] = t + half;
    sizes[h] = start;
    retained -= s - start - half;
  }

  /** The pseudo-random offset (0 or 1) of a compaction: a hash of the sketch's state. */
  private int coin(int level, int size) {
    long z = n * 0x9E3779B97F4A7C15L + ((long) level << 32) + size;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (int) (z >>> 63);
  }

  private void insertSorted(int h, double v) {
    mergeInto(h, new double[] {v}, 0, 1);
  }

  /** Merges sorted {@code b[from..from+len)} into sorted level {@code h} (h >= 1). */
  private void mergeInto(int h, double[] b, int from, int len) {
    double[] a = levels[h];
    int s = sizes[h];
    double[] out = s + len <= a.length ? new double[a.length] : new double[Math.max(s + len,
        2 * a.length)];
    int i = 0;
    int j = from;
    int end = from + len;
    int o = 0;
    while (i < s || j < end) {
      if (j >= end || (i < s && a[i] <= b[j])) {
        out[o++] = a[i++];
      } else {
        out[o++] = b[j++];
      }
    }
    levels[h] = out;
    sizes[h] = o;
  }

  static int levelCapacity(int k, int numLevels, int height) {
    int depth = numLevels - height - 1;
    if (depth > MAX_DEPTH) {
      return MIN_LEVEL;
    }
    // round(k (2/3)^depth) in integers, as DataSketches' KllHelper.intCapAux
    long twoK = 2L * k << depth;
    long pow3 = 1;
    for (int i = 0; i < depth; i++) {
      pow3 *= 3;
    }
    long cap = (twoK / pow3 + 1) >> 1;
    return (int) Math.max(MIN_LEVEL, cap);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof QuantileSketch q) || q.k != k || q.n != n || q.levels.length != levels.length
        || Double.compare(min, q.min) != 0 || Double.compare(max, q.max) != 0) {
      return false;
    }
    for (int h = 0; h < levels.length; h++) {
      if (!Arrays.equals(levels[h], 0, sizes[h], q.levels[h], 0, q.sizes[h])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(n) * 31 + k;
  }

  @Override
  public String toString() {
    return "QuantileSketch[k=" + k + ", n=" + n + ", retained=" + retained + ", levels="
        + levels.length + "]";
  }
}
