package dev.mlops.core.serving;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A fixed-size, lock-free log-linear histogram of non-negative nanosecond values: 16 linear
 * sub-buckets per power of two, so a value is reported with a relative error of at most 1/16
 * (6.25%). 960 buckets cover every {@code long}; memory is fixed (7.5 KiB) whatever the traffic.
 *
 * <p>Thread-safe: recording is one atomic increment; reading while others record gives a
 * consistent-enough view (each bucket is read atomically).
 */
final class LatencyHistogram {

  private static final int SUB_BITS = 4;
  private static final int SUB = 1 << SUB_BITS;
  static final int BUCKETS = (64 - SUB_BITS) * SUB;

  /** Atomic access to the elements of {@link #counts}. */
  private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

  /** The counts, updated atomically through {@link #COUNT} (one dependent load less than an AtomicLongArray). */
  private final long[] counts = new long[BUCKETS];

  static int bucketOf(long value) {
    if (value < SUB) {
      return (int) Math.max(0, value);
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    int sub = (int) (value >>> (exponent - SUB_BITS)) & (SUB - 1);
    return (exponent - SUB_BITS + 1) * SUB + sub;
  }

  /** Highest value that maps to the bucket (inclusive). */
  static long highestValueOf(int bucket) {
    if (bucket < SUB) {
      return bucket;
    }
    int exponent = bucket / SUB + SUB_BITS - 1;
    long sub = bucket % SUB;
    long width = 1L << (exponent - SUB_BITS);
    long lowest = (SUB + sub) * width;
    return lowest + (width - 1);
  }

  void record(long nanos) {
    COUNT.getAndAdd(counts, bucketOf(nanos), 1L);
  }

  /** Returns an immutable copy of the counts. */
  long[] snapshot() {
    long[] copy = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      copy[i] = (long) COUNT.getVolatile(counts, i);
    }
    return copy;
  }

  /**
   * Returns the value at quantile {@code q} of a snapshot: the highest value equivalent to the
   * bucket holding the sample of rank {@code ceil(q * n)} (HdrHistogram's convention), or 0 when empty.
   */
  static long valueAtQuantile(long[] snapshot, double q) {
    long total = 0;
    for (long c : snapshot) {
      total += c;
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < snapshot.length; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        return highestValueOf(i);
      }
    }
    return highestValueOf(snapshot.length - 1);
  }

  static long total(long[] snapshot) {
    long total = 0;
    for (long c : snapshot) {
      total += c;
    }
    return total;
  }
}
