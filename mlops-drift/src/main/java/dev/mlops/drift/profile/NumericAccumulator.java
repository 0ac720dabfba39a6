package dev.mlops.drift.profile;

import dev.mlops.drift.internal.QuantileSketch;
import dev.mlops.drift.internal.Reservoir;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mutable one-pass state of a numeric column: moments (Welford / Chan), exact values up to the
 * cap, then a deterministic KLL sketch ({@link QuantileSketch}) plus a uniform sample of at most cap values ({@link Reservoir}); and,
 * for undeclared columns, the first few distinct values for type inference. Not thread-safe
 * (owned by a builder).
 */
final class NumericAccumulator {

  /** Largest sample kept beside a sketch (32 KB of values), whatever the exact cap. */
  static final int MAX_SAMPLE = 4_096;

  final String name;
  final boolean declared;
  final int cap;
  final int sketchK;

  long count;
  long missing;
  long nonFinite;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  double mean;
  double m2;

  /** Exact values (unsorted) while count <= cap; null once the sketch took over. */
  double[] values = new double[16];
  QuantileSketch sketch;
  /** Uniform sample of the finite values once the sketch took over; null while exact. */
  Reservoir sample;
  /** The longest run of equal consecutive finite values. */
  final LongestRun run = new LongestRun();

  /** Distinct finite values seen, while at most MAX_CATEGORICAL_DISTINCT; -1 = more (or declared). */
  int distinct;
  final double[] distinctValues = new double[ReferenceProfile.MAX_CATEGORICAL_DISTINCT];
  final long[] distinctCounts = new long[ReferenceProfile.MAX_CATEGORICAL_DISTINCT];

  NumericAccumulator(String name, boolean declared, int cap, int sketchK) {
    this.name = name;
    this.declared = declared;
    this.cap = cap;
    this.sketchK = sketchK;
    this.distinct = declared ? -1 : 0;
  }

  void addMissing(long n) {
    missing += n;
  }

  void add(double v) {
    if (v != v) {
      missing++;
      return;
    }
    if (v == Double.POSITIVE_INFINITY || v == Double.NEGATIVE_INFINITY) {
      nonFinite++;
      return;
    }
    count++;
    run.add(v);
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
    double delta = v - mean;
    mean += delta / count;
    m2 += delta * (v - mean);
    if (distinct >= 0) {
      track(v, 1);
    }
    store(v);
  }

  /** Adds a column chunk: moments by a two-pass over the chunk merged with Chan's formula. */
  void addAll(double[] column) {
    int n = column.length;
    int start = 0;
    // Buffer the finite values of the chunk in blocks so moments are two-pass per block.
    double[] block = new double[Math.min(n, 8192)];
    while (start < n) {
      int end = Math.min(n, start + block.length);
      int k = 0;
      double bmin = Double.POSITIVE_INFINITY;
      double bmax = Double.NEGATIVE_INFINITY;
      double sum = 0;
      for (int i = start; i < end; i++) {
        double v = column[i];
        if (v - v == 0.0) {
          block[k++] = v;
          run.add(v);
          sum += v;
          bmin = Math.min(bmin, v);
          bmax = Math.max(bmax, v);
        } else if (v != v) {
          missing++;
        } else {
          nonFinite++;
        }
      }
      if (k > 0) {
        double bmean = sum / k;
        double ss = 0;
        double comp = 0;
        for (int i = 0; i < k; i++) {
          double d = block[i] - bmean;
          ss += d * d;
          comp += d;
        }
        double bm2 = ss - comp * comp / k;
        combine(k, bmin, bmax, bmean, bm2);
        if (distinct >= 0) {
          for (int i = 0; i < k && distinct >= 0; i++) {
            track(block[i], 1);
          }
        }
        storeAll(block, k);
      }
      start = end;
    }
  }

  private void combine(long n, double bmin, double bmax, double bmean, double bm2) {
    if (n == 0) {
      return;
    }
    min = Math.min(min, bmin);
    max = Math.max(max, bmax);
    long total = count + n;
    double delta = bmean - mean;
    mean = count == 0 ? bmean : mean + delta * n / total;
    m2 = m2 + bm2 + delta * delta * ((double) count * n / total);
    count = total;
  }

  private void track(double v, long weight) {
    for (int i = 0; i < distinct; i++) {
      if (distinctValues[i] == v) {
        distinctCounts[i] += weight;
        return;
      }
    }
    if (distinct == distinctValues.length) {
      distinct = -1; // more than the categorical limit: numeric
      return;
    }
    distinctValues[distinct] = v;
    distinctCounts[distinct] = weight;
    distinct++;
  }

  private void store(double v) {
    if (values != null) {
      int size = (int) (count - 1);
      if (size < cap) {
        if (size == values.length) {
          values = Arrays.copyOf(values, (int) Math.min((long) cap, Math.max(16L, 2L * size)));
        }
        values[size] = v;
        return;
      }
      toSketch(size);
    }
    sketch.update(v);
    sample.offer(v);
  }

  /** Stores k values that were just counted (count already includes them). */
  private void storeAll(double[] block, int k) {
    if (values != null) {
      int size = (int) (count - k);
      if ((long) size + k <= cap) {
        if (size + k > values.length) {
          values = Arrays.copyOf(values, (int) Math.min((long) cap, Math.max(2L * values.length,
              (long) size + k)));
        }
        System.arraycopy(block, 0, values, size, k);
        return;
      }
      toSketch(size);
    }
    sketch.update(block, 0, k);
    sample.offerColumn(block, 0, 1, k);
  }

  private void toSketch(int size) {
    sketch = new QuantileSketch(sketchK);
    sample = new Reservoir(sampleCapacity(cap), Reservoir.mix(name.hashCode(), 0));
    if (size > 0) {
      sketch.update(values, 0, size);
      sample.offerColumn(values, 0, 1, size);
    }
    values = null;
  }

  /** Adds {@code weight} copies of a finite value (used when an inferred categorical is merged). */
  void addWeighted(double v, long weight) {
    if (weight <= 0) {
      return;
    }
    combine(weight, v, v, v, 0.0);
    if (distinct >= 0) {
      track(v, weight);
    }
    if (values != null) {
      long size = count - weight;
      if (size + weight <= cap) {
        int s = (int) size;
        if (s + weight > values.length) {
          values = Arrays.copyOf(values, (int) Math.min((long) cap, Math.max(2L * values.length,
              size + weight)));
        }
        Arrays.fill(values, s, (int) (s + weight), v);
        return;
      }
      toSketch((int) size);
    }
    sketch.update(v, weight);
    sample.offerRepeated(v, weight);
  }

  /** Merges another accumulator of the same feature into this one. */
  void merge(NumericAccumulator other) {
    missing += other.missing;
    nonFinite += other.nonFinite;
    run.merge(other.run);
    if (other.count == 0) {
      return;
    }
    long before = count;
    combine(other.count, other.min, other.max, other.mean, other.m2);
    if (distinct >= 0) {
      if (other.distinct < 0) {
        distinct = -1;
      } else {
        for (int i = 0; i < other.distinct && distinct >= 0; i++) {
          track(other.distinctValues[i], other.distinctCounts[i]);
        }
      }
    }
    if (values != null && other.values != null && before + other.count <= cap) {
      int size = (int) before;
      int k = (int) other.count;
      if (size + k > values.length) {
        values = Arrays.copyOf(values, size + k);
      }
      System.arraycopy(other.values, 0, values, size, k);
      return;
    }
    if (values != null) {
      toSketch((int) before);
    }
    if (other.values != null) {
      sketch.update(other.values, 0, (int) other.count);
      sample.unite(other.values, (int) other.count, other.count);
    } else {
      sketch.merge(other.sketch);
      sample.unite(other.sample);
    }
  }

  /** The capacity of the sample kept beside the sketch: the exact cap, at most {@value #MAX_SAMPLE}. */
  static int sampleCapacity(int cap) {
    return Math.min(cap, MAX_SAMPLE);
  }

  /**
   * Whether the column should be profiled as categorical: undeclared, with 2 to {@value
   * ReferenceProfile#MAX_CATEGORICAL_DISTINCT} distinct values. A column of one number (an
   * imputed constant) stays numeric: one value says nothing of categories, and the monitor must
   * report the numbers it later takes as numbers ("constant in the reference at v, now
   * varying"), not as unseen categories.
   */
  boolean inferCategorical() {
    return !declared && distinct >= 2 && count > 0;
  }

  /**
   * The profile of an undeclared column with few distinct values ({@link #inferCategorical()}):
   * its values as categories, most frequent first (ties by value); non-finite values count as
   * missing.
   */
  CategoricalProfile toInferredCategorical() {
    int k = distinct;
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> {
      int cmp = Long.compare(distinctCounts[y], distinctCounts[x]);
      return cmp != 0 ? cmp : Double.compare(distinctValues[x], distinctValues[y]);
    });
    List<String> cats = new ArrayList<>(k);
    long[] counts = new long[k];
    double[] values = new double[k];
    for (int i = 0; i < k; i++) {
      values[i] = distinctValues[order[i]];
      counts[i] = distinctCounts[order[i]];
      cats.add(CategoricalProfile.numberKey(values[i]));
    }
    return new CategoricalProfile(name, true, cats, counts, 0, missing + nonFinite, values)
        .withLongestRun(run.length(), run.value());
  }
}
