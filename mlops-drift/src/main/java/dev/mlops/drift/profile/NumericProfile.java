package dev.mlops.drift.profile;

import dev.mlops.drift.internal.QuantileSketch;
import dev.mlops.drift.internal.Reservoir;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reference summary of a numeric feature.
 *
 * <ul>
 *   <li>Counts: {@link #count()} finite values, {@link #missing()} nulls and NaNs, {@link
 *       #nonFinite()} infinities. Moments of the finite values: {@link #min()}, {@link #max()},
 *       {@link #mean()}, {@link #std()} (population, ddof 0); NaN when there is no finite value.
 *   <li>Distribution: while the count is at most the profile's exact cap (default {@value
 *       ReferenceProfile#DEFAULT_EXACT_CAP}, 32 KB of values) the sorted finite values themselves
 *       ({@link #isExact()}, {@link #sortedValues()}); beyond it a KLL
 *       quantile sketch ({@link QuantileSketch}, deterministic: the same values in the same order
 *       give the same profile bytes in any process) (k = {@value ReferenceProfile#DEFAULT_SKETCH_K}), whose rank error is
 *       {@link #normalizedRankError()} (about 0.7% at k = 400, 99% confidence), plus a uniform
 *       sample of at most 4,096 of the values ({@link #sample()}). A feature then takes at most
 *       about 64 KB whatever the row count ({@link #sizeInBytes()}); the accuracy of each drift
 *       statistic computed from it is stated in the README ("Compact profiles").
 *       The profile keeps the sketch's sorted view (its retained items with their cumulative
 *       weights, a few hundred values) and answers quantile and rank queries from it: {@code
 *       quantile(r)} is the first retained item whose cumulative weight reaches {@code ceil(r n)}
 *       ({@code min()} for r = 0, {@code max()} for r = 1). Profiles up to the twelfth session's
 *       change kept DataSketches' KLL, whose compaction draws from an unseeded {@code Random}: two
 *       builds of the same data differed within the rank error. Their sorted views have the same
 *       layout and still load.
 *   <li>Bins: edges at the reference quantiles {@code i / bins} (NumPy's linear interpolation when
 *       exact), duplicates removed, with open outer bins: {@link #binEdges()} starts with {@code
 *       -Infinity} and ends with {@code +Infinity}, bin {@code i} is {@code [edges[i], edges[i +
 *       1])}, so values outside the training range are counted in the outer bins. A constant
 *       reference {@code c} gets three bins: below {@code c}, equal to {@code c}, above. {@link
 *       #binCounts()} are the reference counts per bin: exact when {@link #isExact()}, otherwise
 *       estimated from the sketch (within its rank error).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class NumericProfile extends AbstractFeatureProfile
    implements FeatureProfile {

  private final long nonFinite;
  private final double min;
  private final double max;
  private final double mean;
  private final double m2;
  private final double[] sorted;
  /** Sorted view of the KLL sketch when not exact: items ascending and cumulative weights. */
  private final double[] sketchItems;
  private final long[] sketchCumWeights;
  private final int sketchK;
  /** Uniform sample of the finite values, ascending, when not exact (empty in version-1 bytes). */
  private final double[] sample;
  private final double[] edges;
  private final long[] binCounts;

  NumericProfile(
      String name,
      boolean inferred,
      long count,
      long missing,
      long nonFinite,
      double min,
      double max,
      double mean,
      double m2,
      double[] sorted,
      double[] sketchItems,
      long[] sketchCumWeights,
      int sketchK,
      double[] sample,
      int bins) {
    super(name, inferred, count, missing);
    this.nonFinite = nonFinite;
    this.min = count == 0 ? Double.NaN : min;
    this.max = count == 0 ? Double.NaN : max;
    this.mean = count == 0 ? Double.NaN : mean;
    this.m2 = count == 0 ? Double.NaN : Math.max(0.0, m2);
    this.sorted = sorted;
    this.sketchItems = sketchItems;
    this.sketchCumWeights = sketchCumWeights;
    this.sketchK = sketchK;
    this.sample = sorted != null ? null : sample;
    this.edges = computeEdges(bins);
    this.binCounts = computeCounts();
  }

  static NumericProfile of(NumericAccumulator a, int bins) {
    double[] sorted = null;
    double[] items = null;
    long[] cum = null;
    double[] sample = null;
    if (a.values != null) {
      sorted = Arrays.copyOf(a.values, (int) a.count);
      Arrays.sort(sorted);
    } else {
      QuantileSketch.SortedView view = a.sketch.sortedView();
      items = view.items();
      cum = view.cumulativeWeights();
      sample = a.sample.sortedCopy();
    }
    return new NumericProfile(
        a.name, !a.declared, a.count, a.missing, a.nonFinite, a.min, a.max, a.mean, a.m2, sorted,
        items, cum, sorted != null ? 0 : a.sketchK, sample, bins)
        .withLongestRun(a.run.length(), a.run.value());
  }

  NumericAccumulator toAccumulator(boolean declared, int cap, int sketchK) {
    NumericAccumulator acc = new NumericAccumulator(name, declared, cap, sketchK);
    // a numeric profile with values already has more distinct values than the categorical limit;
    // one without values (an empty partition) must not stop the union from being inferred
    acc.distinct = declared || count > 0 ? -1 : 0;
    if (!declared && count > 0 && min == max) {
      // an undeclared constant column is the one numeric profile that is still a candidate
      // category set: a union with other values may still be inferred categorical
      acc.distinct = 1;
      acc.distinctValues[0] = min;
      acc.distinctCounts[0] = count;
    }
    acc.missing = missing;
    acc.nonFinite = nonFinite;
    acc.count = count;
    acc.run.merge(longestRun(), longestRunValue());
    if (count > 0) {
      acc.min = min;
      acc.max = max;
      acc.mean = mean;
      acc.m2 = m2;
    }
    if (count == 0) {
      return acc;
    }
    if (sorted != null && count <= cap) {
      acc.values = sorted.clone();
      acc.sketch = null;
    } else {
      acc.values = null;
      acc.sketch = new QuantileSketch(sketchK);
      int capacity = NumericAccumulator.sampleCapacity(cap);
      if (sorted != null) {
        acc.sketch.update(sorted, 0, sorted.length);
        acc.sample = new Reservoir(capacity, Reservoir.mix(name.hashCode(), 0));
        acc.sample.offerColumn(sorted, 0, 1, sorted.length);
      } else {
        // the sample stands for the whole stream of count values
        acc.sample = Reservoir.of(capacity, Reservoir.mix(name.hashCode() ^ count, 0), sample,
            sample.length,
            count);
        // Rebuild a KLL sketch from the retained weighted items (weighted updates merge them in).
        long prev = 0;
        for (int i = 0; i < sketchItems.length; i++) {
          long weight = sketchCumWeights[i] - prev;
          if (weight > 0) { // the sorted view may hold zero-weight entries (e.g. min and max)
            acc.sketch.update(sketchItems[i], weight);
          }
          prev = sketchCumWeights[i];
        }
      }
    }
    return acc;
  }

  private double[] computeEdges(int bins) {
    if (count == 0) {
      return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
    double[] ranks = new double[bins - 1];
    for (int i = 1; i < bins; i++) {
      ranks[i - 1] = (double) i / bins;
    }
    double[] q = quantiles(ranks);
    double[] interior = new double[q.length];
    int k = 0;
    for (double v : q) {
      if (k == 0 || v > interior[k - 1]) {
        interior[k++] = v;
      }
    }
    if (min == max) {
      interior = new double[] {min, Math.nextUp(min)};
      k = 2;
    }
    double[] e = new double[k + 2];
    e[0] = Double.NEGATIVE_INFINITY;
    System.arraycopy(interior, 0, e, 1, k);
    e[k + 1] = Double.POSITIVE_INFINITY;
    return e;
  }

  private long[] computeCounts() {
    int bins = edges.length - 1;
    long[] c = new long[bins];
    if (count == 0) {
      return c;
    }
    long prevBelow = 0;
    double[] interior = Arrays.copyOfRange(edges, 1, edges.length - 1);
    for (int i = 0; i < bins; i++) {
      long below;
      if (i == bins - 1) {
        below = count;
      } else if (sorted != null) {
        below = lowerBound(sorted, interior[i]);
      } else {
        int k = lowerBound(sketchItems, interior[i]);
        below = k == 0 ? 0 : sketchCumWeights[k - 1];
      }
      c[i] = below - prevBelow;
      prevBelow = below;
    }
    return c;
  }

  private static int lowerBound(double[] a, double x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public FeatureType type() {
    return FeatureType.NUMERIC;
  }

  /**
   * Number of infinite values (counted apart from {@link #missing()}, excluded from everything
   * else).
   *
   * @return the non-finite count
   */
  public long nonFinite() {
    return nonFinite;
  }

  @Override
  public long total() {
    return count + missing + nonFinite;
  }

  /**
   * Smallest finite value.
   *
   * @return the minimum, NaN when {@link #count()} is 0
   */
  public double min() {
    return min;
  }

  /**
   * Largest finite value.
   *
   * @return the maximum, NaN when {@link #count()} is 0
   */
  public double max() {
    return max;
  }

  /**
   * Mean of the finite values.
   *
   * @return the mean, NaN when {@link #count()} is 0
   */
  public double mean() {
    return mean;
  }

  /**
   * Population variance (ddof 0) of the finite values.
   *
   * @return the variance, NaN when {@link #count()} is 0
   */
  public double variance() {
    return count == 0 ? Double.NaN : m2 / count;
  }

  /**
   * Population standard deviation (ddof 0), as NumPy's {@code np.std} and the normed Wasserstein
   * distance use.
   *
   * @return the standard deviation, NaN when {@link #count()} is 0
   */
  public double std() {
    return Math.sqrt(variance());
  }

  /**
   * Whether the exact sorted values are kept (count at most the exact cap).
   *
   * @return {@code true} when {@link #sortedValues()} is available
   */
  public boolean isExact() {
    return sorted != null;
  }

  /**
   * The finite reference values in ascending order, for exact sample tests.
   *
   * @return a copy of the sorted values
   * @throws IllegalStateException when the profile holds a sketch instead ({@link #isExact()} is
   *     false): use {@link #quantiles(double[])} for an approximate sample
   */
  public double[] sortedValues() {
    if (sorted == null) {
      throw new IllegalStateException(
          "feature '" + name + "' has " + count + " values, more than the exact cap: "
              + "only a quantile sketch is kept (use quantiles)");
    }
    return sorted.clone();
  }

  /**
   * A uniform random sample of the finite reference values, ascending: the values themselves
   * when {@link #isExact()}; otherwise at most {@code min(exactCap, 4096)} values drawn uniformly
   * (seeded reservoir sampling, united by a hypergeometric split when profiles merge), for
   * statistics that need real observations rather than sketch quantiles. Empty for a sketch-backed
   * profile read from format version 1, which kept no sample.
   *
   * @return a copy of the sample
   */
  public double[] sample() {
    return sorted != null ? sorted.clone() : sample.clone();
  }

  /**
   * The bytes this feature takes in the serialised profile ({@link ReferenceProfile#toBytes()}):
   * about {@code 8 x count} when exact, at most about 64 KB otherwise (the sketch's retained items
   * at 16 bytes each plus the sample at 8 bytes per value), whatever the row count.
   *
   * @return the encoded size in bytes
   */
  public long sizeInBytes() {
    long header = 1 + (long) ProfileCodec.utfLength(name) + 1 + 3 * 8 + 4 * 8 + 1
        + ProfileCodec.runSize(this);
    if (sorted != null) {
      return header + 4 + 8L * sorted.length;
    }
    return header + 4 + 4 + 16L * sketchItems.length + 4 + 8L * sample.length;
  }

  /**
   * The quantile at a normalised rank (NumPy's linear interpolation when exact; the sketch's
   * inclusive quantile otherwise).
   *
   * @param rank in [0, 1]
   * @return the quantile, NaN when {@link #count()} is 0
   * @throws IllegalArgumentException if rank is outside [0, 1]
   */
  public double quantile(double rank) {
    return quantiles(new double[] {rank})[0];
  }

  /**
   * Quantiles at several normalised ranks.
   *
   * @param ranks each in [0, 1]
   * @return the quantiles (NaN when {@link #count()} is 0)
   * @throws IllegalArgumentException if a rank is outside [0, 1]
   */
  public double[] quantiles(double[] ranks) {
    Objects.requireNonNull(ranks, "ranks");
    for (int i = 0; i < ranks.length; i++) {
      if (!(ranks[i] >= 0 && ranks[i] <= 1)) {
        throw new IllegalArgumentException(
            "ranks must be in [0, 1]: index " + i + " value " + ranks[i]);
      }
    }
    double[] out = new double[ranks.length];
    if (count == 0) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    if (sorted != null) {
      for (int i = 0; i < ranks.length; i++) {
        double pos = ranks[i] * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        out[i] = sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
      }
      return out;
    }
    for (int i = 0; i < ranks.length; i++) {
      if (ranks[i] == 0) {
        out[i] = min;
      } else if (ranks[i] == 1) {
        out[i] = max;
      } else {
        long target = Math.max(1, (long) Math.ceil(ranks[i] * count));
        int lo = 0;
        int hi = sketchCumWeights.length - 1;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (sketchCumWeights[mid] >= target) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        out[i] = sketchItems[lo];
      }
    }
    return out;
  }

  /**
   * The normalised rank error of the distribution summary: 0 when exact, the KLL sketch's
   * single-rank error (99% confidence) otherwise.
   *
   * @return the error as a fraction of the count
   */
  public double normalizedRankError() {
    return sorted != null ? 0.0 : QuantileSketch.normalizedRankError(sketchK);
  }

  /**
   * Bin edges including the open ends: {@code [-Infinity, e1, ..., e_{b-1}, +Infinity]}.
   *
   * @return a copy of the edges (length = number of bins + 1)
   */
  public double[] binEdges() {
    return edges.clone();
  }

  /**
   * Reference counts per bin (aligned with {@link #binEdges()}).
   *
   * @return a copy of the counts; they sum to {@link #count()}
   */
  public long[] binCounts() {
    return binCounts.clone();
  }

  /**
   * Number of bins.
   *
   * @return the number of bins
   */
  public int binCount() {
    return binCounts.length;
  }

  /**
   * The bin of a value: {@code i} such that {@code edges[i] <= x < edges[i + 1]}, by binary search.
   *
   * @param x the value
   * @return the bin index, or -1 for NaN (a missing value belongs to no bin)
   */
  public int binIndex(double x) {
    if (x != x) {
      return -1;
    }
    // number of interior edges <= x
    int lo = 1;
    int hi = edges.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  double m2() {
    return m2;
  }

  double[] sortedInternal() {
    return sorted;
  }

  double[] sketchItems() {
    return sketchItems;
  }

  long[] sketchCumWeights() {
    return sketchCumWeights;
  }

  int sketchK() {
    return sketchK;
  }

  double[] sampleInternal() {
    return sample;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof NumericProfile p)) {
      return false;
    }
    return sameCounts(p)
        && nonFinite == p.nonFinite
        && Double.compare(min, p.min) == 0
        && Double.compare(max, p.max) == 0
        && Double.compare(mean, p.mean) == 0
        && Double.compare(m2, p.m2) == 0
        && Arrays.equals(sorted, p.sorted)
        && Arrays.equals(sketchItems, p.sketchItems)
        && Arrays.equals(sketchCumWeights, p.sketchCumWeights)
        && sketchK == p.sketchK
        && Arrays.equals(sample, p.sample)
        && Arrays.equals(edges, p.edges)
        && Arrays.equals(binCounts, p.binCounts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, count, missing, nonFinite, mean);
  }

  @Override
  public String toString() {
    return "NumericProfile[" + name + ", count=" + count + ", missing=" + missing
        + ", nonFinite=" + nonFinite + ", min=" + min + ", max=" + max + ", mean=" + mean
        + ", std=" + std() + ", exact=" + isExact() + ", bins=" + binCounts.length
        + ", bytes=" + sizeInBytes() + "]";
  }
}
