package dev.mlops.drift.monitor;

import java.util.Arrays;

/**
 * A seeded uniform reservoir sample of doubles. Uses Li's Algorithm L: once the reservoir is
 * full, the number of values to skip before the next replacement is drawn directly, so most
 * offers cost one comparison. Not thread-safe: the owner guards it.
 */
final class Reservoir {

  final double[] sample;
  final int width;
  final int capacity;
  int size;
  long seen;
  private long nextSelected;
  private double w;
  private long rng;

  Reservoir(int capacity, long seed) {
    this(capacity, 1, seed);
  }

  /** A reservoir of rows of {@code width} values each. */
  Reservoir(int capacity, int width, long seed) {
    this.capacity = capacity;
    this.width = width;
    this.sample = new double[Math.multiplyExact(capacity, width)];
    reset(seed);
  }

  void reset(long seed) {
    size = 0;
    seen = 0;
    nextSelected = Long.MAX_VALUE;
    w = 0;
    rng = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

  void offer(double v) {
    int s = nextSlot();
    if (s >= 0) {
      sample[s] = v;
    }
  }

  /**
   * Offers the non-NaN values {@code src[offset + i * stride]} for {@code i < rows}. Once the
   * reservoir is full and the next selection lies beyond them, only the stream position moves.
   */
  void offerColumn(double[] src, int offset, int stride, int rows) {
    if (size == capacity) {
      int valid = 0;
      for (int i = 0, o = offset; i < rows; i++, o += stride) {
        double v = src[o];
        valid += v == v ? 1 : 0;
      }
      if (nextSelected >= seen + valid) {
        seen += valid;
        return;
      }
    }
    for (int i = 0, o = offset; i < rows; i++, o += stride) {
      double v = src[o];
      if (v == v) {
        offer(v);
      }
    }
  }

  void offerRow(double[] src, int offset) {
    int s = nextSlot();
    if (s >= 0) {
      System.arraycopy(src, offset, sample, s * width, width);
    }
  }

  /** Advances the stream by one value; returns the row slot to store it in, or -1 to skip it. */
  private int nextSlot() {
    long i = seen++;
    int k = capacity;
    if (i < k) {
      int s = size++;
      if (size == k) {
        w = Math.exp(Math.log(uniform()) / k);
        nextSelected = i + skip() + 1;
      }
      return s;
    } else if (i == nextSelected) {
      int s = (int) (uniform() * k);
      w *= Math.exp(Math.log(uniform()) / k);
      nextSelected = i + skip() + 1;
      return s;
    }
    return -1;
  }

  private long skip() {
    double s = Math.floor(Math.log(uniform()) / Math.log1p(-w));
    return !(s < 1e15) ? (long) 1e15 : (long) s;
  }

  /** Uniform in (0, 1): xorshift64* top 53 bits, never 0. */
  double uniform() {
    long x = rng;
    x ^= x >>> 12;
    x ^= x << 25;
    x ^= x >>> 27;
    rng = x;
    long r = (x * 0x2545F4914F6CDD1DL) >>> 11;
    return (r + 0.5) / (1L << 53);
  }

  double[] sortedCopy() {
    double[] c = Arrays.copyOf(sample, size * width);
    Arrays.sort(c);
    return c;
  }

  /**
   * The sample sorted: in place, without a copy, when the reservoir is full (the caller owns a
   * closed window's state, whose sample order does not matter any more); a sorted copy otherwise.
   */
  double[] sortedInPlace() {
    if (width == 1 && size == capacity) {
      Arrays.sort(sample);
      return sample;
    }
    return sortedCopy();
  }

  double[] copy() {
    return Arrays.copyOf(sample, size * width);
  }

  /** Copies another reservoir's content (same capacity) and continues its stream. */
  void copyFrom(double[] otherSample, int otherSize, long otherSeen) {
    System.arraycopy(otherSample, 0, sample, 0, otherSize * width);
    size = otherSize;
    seen = otherSeen;
    continueAfterMerge();
  }

  /**
   * Replaces this reservoir's content with a uniform sample of the union of the streams behind
   * samples {@code a} (of a stream of {@code aSeen} values) and {@code b}: exactly the
   * concatenation when both streams fit; otherwise the number taken from each side follows the
   * hypergeometric split of the two streams and each side contributes a uniform subset of its
   * sample.
   */
  void setToUnion(double[] a, int aSize, long aSeen, double[] b, int bSize, long bSeen) {
    int k = capacity;
    int wd = width;
    long total = aSeen + bSeen;
    if (total <= k) {
      double[] bc = Arrays.copyOf(b, bSize * wd);
      System.arraycopy(a, 0, sample, 0, aSize * wd);
      System.arraycopy(bc, 0, sample, aSize * wd, bSize * wd);
      size = aSize + bSize;
    } else {
      int take = (int) Math.min(k, (long) aSize + bSize);
      long ra = aSeen;
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
      fromA = Math.min(fromA, aSize);
      int fromB = Math.min(take - fromA, bSize);
      fromA = Math.min(take - fromB, aSize);
      double[] ac = Arrays.copyOf(a, aSize * wd);
      double[] bc = Arrays.copyOf(b, bSize * wd);
      partialShuffle(ac, aSize, fromA);
      partialShuffle(bc, bSize, fromB);
      System.arraycopy(ac, 0, sample, 0, fromA * wd);
      System.arraycopy(bc, 0, sample, fromA * wd, fromB * wd);
      size = fromA + fromB;
    }
    seen = total;
    continueAfterMerge();
  }

  private void continueAfterMerge() {
    int k = capacity;
    if (seen >= k && size == k) {
      // Algorithm L's W after N values is Beta(k, N - k + 1); its relative spread is about
      // 1/sqrt(k), so its mean k / (N + 1) continues the stream to within that.
      w = (double) k / (seen + 1);
      nextSelected = seen + skip();
    } else {
      nextSelected = Long.MAX_VALUE;
    }
  }

  private void partialShuffle(double[] a, int rows, int m) {
    int wd = width;
    for (int i = 0; i < m; i++) {
      int j = i + (int) (uniform() * (rows - i));
      for (int c = 0; c < wd; c++) {
        double t = a[i * wd + c];
        a[i * wd + c] = a[j * wd + c];
        a[j * wd + c] = t;
      }
    }
  }
}
