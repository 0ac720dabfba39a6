package dev.mlops.drift.internal;

import java.util.Arrays;

/**
 * A seeded uniform reservoir sample of a stream of rows of {@link #width()} doubles each (width 1:
 * of single values): the monitor's per-window samples and the sample a reference profile keeps
 * beside its quantile sketch.
 *
 * <p>Filled by Li's Algorithm L: once the reservoir is full, the number of values to skip before
 * the next replacement is drawn directly, so most offers cost one comparison. Two reservoirs unite
 * into a uniform sample of the union of their streams: exactly the concatenation when both streams
 * fit; otherwise the number taken from each side follows the hypergeometric split of the two
 * stream lengths and each side contributes a uniform subset of its sample.
 *
 * <p>Not thread-safe: the owner guards it.
 */
public final class Reservoir {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final double[] sample;
  private final int width;
  private final int capacity;
  private int size;
  private long seen;
  private long nextSelected;
  private double w;
  private long rng;

  /**
   * A reservoir of single values.
   *
   * @param capacity the most values kept
   * @param seed the random seed (0 is replaced by a fixed non-zero seed)
   */
  public Reservoir(int capacity, long seed) {
    this(capacity, 1, seed);
  }

  /**
   * A reservoir of rows of {@code width} values each.
   *
   * @param capacity the most rows kept
   * @param width the values per row
   * @param seed the random seed (0 is replaced by a fixed non-zero seed)
   */
  public Reservoir(int capacity, int width, long seed) {
    this.capacity = capacity;
    this.width = width;
    this.sample = new double[Math.multiplyExact(capacity, width)];
    reset(seed);
  }

  /**
   * A reservoir of single values that holds {@code values[0..size)}, a uniform sample of a stream of
   * {@code seen} values, and continues that stream.
   *
   * @param capacity the most values kept (a longer sample is cut to it)
   * @param seed the random seed
   * @param values the sample
   * @param size the sample's length
   * @param seen the length of the stream it stands for (at least the kept length)
   * @return the reservoir
   */
  public static Reservoir of(int capacity, long seed, double[] values, int size, long seen) {
    Reservoir r = new Reservoir(capacity, seed);
    int kept = Math.min(size, capacity);
    r.restore(values, kept, Math.max(seen, kept));
    return r;
  }

  /**
   * SplitMix64 of {@code seed} and a stream index: independent seeds for the reservoirs of one
   * owner.
   *
   * @param seed the owner's seed
   * @param stream the stream index
   * @return the mixed seed
   */
  public static long mix(long seed, long stream) {
    long z = seed + GOLDEN * (stream + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Empties the reservoir and restarts its random stream.
   *
   * @param seed the random seed (0 is replaced by a fixed non-zero seed)
   */
  public void reset(long seed) {
    size = 0;
    seen = 0;
    nextSelected = Long.MAX_VALUE;
    w = 0;
    rng = seed == 0 ? GOLDEN : seed;
  }

  /**
   * The most rows kept.
   *
   * @return the capacity
   */
  public int capacity() {
    return capacity;
  }

  /**
   * Values per row.
   *
   * @return the width
   */
  public int width() {
    return width;
  }

  /**
   * Rows kept.
   *
   * @return the size, at most {@link #capacity()}
   */
  public int size() {
    return size;
  }

  /**
   * Rows offered so far (the length of the stream the sample stands for).
   *
   * @return the stream length
   */
  public long seen() {
    return seen;
  }

  /**
   * The backing array, not a copy: row {@code i < size()} is at {@code [i * width, (i + 1) *
   * width)}.
   *
   * @return the backing array
   */
  public double[] values() {
    return sample;
  }

  /**
   * Offers one value (width 1).
   *
   * @param v the value
   */
  public void offer(double v) {
    int s = nextSlot();
    if (s >= 0) {
      sample[s] = v;
    }
  }

  /**
   * Offers one row, {@code src[offset..offset + width)}.
   *
   * @param src the source
   * @param offset the row's first index
   */
  public void offerRow(double[] src, int offset) {
    int s = nextSlot();
    if (s >= 0) {
      System.arraycopy(src, offset, sample, s * width, width);
    }
  }

  /**
   * Offers the non-NaN values {@code src[offset + i * stride]} for {@code i < rows} (width 1). Once
   * the reservoir is full and the next selection lies beyond them, only the stream position moves.
   *
   * @param src the source
   * @param offset the first index
   * @param stride the distance between two values
   * @param rows how many values to read
   */
  public void offerColumn(double[] src, int offset, int stride, int rows) {
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

  /**
   * Offers {@code weight} copies of {@code v} (width 1), skipping directly over the copies that
   * would not be selected.
   *
   * @param v the value
   * @param weight how many copies
   */
  public void offerRepeated(double v, long weight) {
    long left = weight;
    while (left > 0) {
      if (size == capacity) {
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

  /** Advances the stream by one row; returns the row slot to store it in, or -1 to skip it. */
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

  /**
   * The kept values, sorted (a copy).
   *
   * @return the sorted values
   */
  public double[] sortedCopy() {
    double[] c = copy();
    Arrays.sort(c);
    return c;
  }

  /**
   * The sample sorted: in place, without a copy, when the reservoir of width 1 is full (for an
   * owner whose sample order does not matter any more, such as a closed window's); a sorted copy
   * otherwise.
   *
   * @return the sorted values
   */
  public double[] sortedInPlace() {
    if (width == 1 && size == capacity) {
      Arrays.sort(sample);
      return sample;
    }
    return sortedCopy();
  }

  /**
   * The kept rows (a copy).
   *
   * @return {@code size() * width()} values
   */
  public double[] copy() {
    return Arrays.copyOf(sample, size * width);
  }

  /**
   * Sets the content to {@code rows} rows of {@code values}, a uniform sample of a stream of
   * {@code seen} rows, and continues that stream.
   *
   * @param values the rows
   * @param rows how many rows, at most {@link #capacity()}
   * @param seen the stream length, at least {@code rows}
   */
  public void restore(double[] values, int rows, long seen) {
    System.arraycopy(values, 0, sample, 0, rows * width);
    this.size = rows;
    this.seen = seen;
    continueStream();
  }

  /**
   * Replaces the content by a uniform sample of the union of this stream and {@code other}'s.
   *
   * @param other a reservoir of the same width
   */
  public void unite(Reservoir other) {
    unite(other.sample, other.size, other.seen);
  }

  /**
   * Replaces the content by a uniform sample of the union of this stream and the one behind {@code
   * b[0..bRows * width)}, a uniform sample of a stream of {@code bSeen} rows.
   *
   * @param b the other sample
   * @param bRows its rows
   * @param bSeen its stream length
   */
  public void unite(double[] b, int bRows, long bSeen) {
    int wd = width;
    long total = seen + bSeen;
    double[] a = copy();
    double[] bc = Arrays.copyOf(b, bRows * wd);
    if (size + bRows <= capacity && total == (long) size + bRows) {
      System.arraycopy(bc, 0, sample, size * wd, bRows * wd);
      size += bRows;
    } else {
      int take = (int) Math.min(capacity, (long) size + bRows);
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
      int aRows = size;
      fromA = Math.min(fromA, aRows);
      int fromB = Math.min(take - fromA, bRows);
      fromA = Math.min(take - fromB, aRows);
      partialShuffle(a, aRows, fromA);
      partialShuffle(bc, bRows, fromB);
      System.arraycopy(a, 0, sample, 0, fromA * wd);
      System.arraycopy(bc, 0, sample, fromA * wd, fromB * wd);
      size = fromA + fromB;
    }
    seen = total;
    continueStream();
  }

  private void continueStream() {
    int k = capacity;
    if (size == k) {
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
