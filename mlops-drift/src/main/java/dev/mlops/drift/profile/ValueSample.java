package dev.mlops.drift.profile;

import java.util.Arrays;

/**
 * A seeded uniform sample of at most {@code capacity} finite values of a stream, kept beside the
 * KLL sketch of a numeric column once the column outgrows its exact cap. Filled by Li's Algorithm
 * L (once full, the number of values to skip before the next replacement is drawn directly, so a
 * block of values mostly costs one comparison); two samples unite into a uniform sample of the
 * union of their streams by a hypergeometric split (each side contributes a uniform subset of its
 * sample, in the proportion of the two stream lengths). Not thread-safe: owned by one accumulator.
 */
final class ValueSample {

  private final double[] values;
  private int size;
  private long seen;
  private long nextSelected = Long.MAX_VALUE;
  private double w;
  private long rng;

  ValueSample(int capacity, long seed) {
    this.values = new double[capacity];
    this.rng = mix(seed);
  }

  /** A sample that holds {@code size} values drawn uniformly from a stream of {@code seen}. */
  static ValueSample of(int capacity, long seed, double[] sample, int size, long seen) {
    ValueSample s = new ValueSample(capacity, seed);
    int kept = Math.min(size, capacity);
    System.arraycopy(sample, 0, s.values, 0, kept);
    s.size = kept;
    s.seen = Math.max(seen, kept);
    s.continueStream();
    return s;
  }

  static long mix(long seed) {
    long z = seed + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return z == 0 ? 0x9E3779B97F4A7C15L : z;
  }

  int size() {
    return size;
  }

  long seen() {
    return seen;
  }

  /** The sampled values, ascending (a copy). */
  double[] sorted() {
    double[] c = Arrays.copyOf(values, size);
    Arrays.sort(c);
    return c;
  }

  void offer(double v) {
    long i = seen++;
    int k = values.length;
    if (i < k) {
      values[size++] = v;
      if (size == k) {
        w = Math.exp(Math.log(uniform()) / k);
        nextSelected = i + skip() + 1;
      }
    } else if (i == nextSelected) {
      values[(int) (uniform() * k)] = v;
      w *= Math.exp(Math.log(uniform()) / k);
      nextSelected = i + skip() + 1;
    }
  }

  /** Offers {@code a[from..from+n)}; a block that holds no selected position only moves on. */
  void offerAll(double[] a, int from, int n) {
    if (size == values.length && nextSelected >= seen + n) {
      seen += n;
      return;
    }
    for (int i = from; i < from + n; i++) {
      offer(a[i]);
    }
  }

  /** Offers {@code weight} copies of {@code v}. */
  void offerRepeated(double v, long weight) {
    long left = weight;
    while (left > 0) {
      if (size == values.length) {
        long gap = nextSelected - seen;
        if (gap >= left) {
          seen += left;
          return;
        }
        seen += gap;
        left -= gap;
      }
      offer(v);
      left--;
    }
  }

  /** Replaces this sample by a uniform sample of the union of this stream and {@code other}'s. */
  void unite(ValueSample other) {
    uniteWith(other.values, other.size, other.seen);
  }

  /** Unites with {@code b[0..bSize)}, a uniform sample of a stream of {@code bSeen} values. */
  void uniteWith(double[] b, int bSize, long bSeen) {
    int k = values.length;
    long total = seen + bSeen;
    double[] a = Arrays.copyOf(values, size);
    double[] bc = Arrays.copyOf(b, bSize);
    if (size + bSize <= k && total == (long) size + bSize) {
      System.arraycopy(bc, 0, values, size, bSize);
      size += bSize;
    } else {
      int take = (int) Math.min(k, (long) size + bSize);
      long ra = seen;
      long rb = bSeen;
      int fromA = 0;
      for (int t = 0; t < take; t++) {
        if (rb == 0 || (ra > 0 && uniform() * (ra + rb) < ra)) {
          fromA++;
          ra--;
        } else {
          rb--;
        }
      }
      fromA = Math.min(fromA, a.length);
      int fromB = Math.min(take - fromA, bSize);
      fromA = Math.min(take - fromB, a.length);
      partialShuffle(a, fromA);
      partialShuffle(bc, fromB);
      System.arraycopy(a, 0, values, 0, fromA);
      System.arraycopy(bc, 0, values, fromA, fromB);
      size = fromA + fromB;
    }
    seen = total;
    continueStream();
  }

  private void continueStream() {
    int k = values.length;
    if (size == k) {
      // Algorithm L's W after N values is Beta(k, N - k + 1); its mean k / (N + 1) continues the
      // stream to within its relative spread of about 1/sqrt(k).
      w = (double) k / (seen + 1);
      nextSelected = seen + skip();
    } else {
      nextSelected = Long.MAX_VALUE;
    }
  }

  private void partialShuffle(double[] a, int m) {
    for (int i = 0; i < m; i++) {
      int j = i + (int) (uniform() * (a.length - i));
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private long skip() {
    double s = Math.floor(Math.log(uniform()) / Math.log1p(-w));
    return !(s < 1e15) ? (long) 1e15 : (long) s;
  }

  /** Uniform in (0, 1): xorshift64* top 53 bits, never 0. */
  private double uniform() {
    long x = rng;
    x ^= x >>> 12;
    x ^= x << 25;
    x ^= x >>> 27;
    rng = x;
    long r = (x * 0x2545F4914F6CDD1DL) >>> 11;
    return (r + 0.5) / (1L << 53);
  }
}
