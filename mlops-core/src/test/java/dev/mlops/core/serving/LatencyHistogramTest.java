package dev.mlops.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class LatencyHistogramTest {

  @Test
  void bucketBounds_coverEveryValue_withRelativeErrorAtMostOneSixteenth() {
    long[] probes = {0, 1, 15, 16, 17, 31, 32, 33, 1000, 12_345, 999_999, 1L << 40, Long.MAX_VALUE};
    for (long v : probes) {
      int b = LatencyHistogram.bucketOf(v);
      assertThat(b).isBetween(0, LatencyHistogram.BUCKETS - 1);
      long high = LatencyHistogram.highestValueOf(b);
      assertThat(high).as("upper bound of %s", v).isGreaterThanOrEqualTo(v);
      assertThat((double) (high - v)).as("error at %s", v).isLessThanOrEqualTo(v / 16.0);
      if (b > 0) {
        assertThat(LatencyHistogram.highestValueOf(b - 1)).as("previous bucket of %s", v).isLessThan(v);
      }
    }
  }

  @Test
  void quantiles_followHdrHistogramRankConvention() {
    LatencyHistogram h = new LatencyHistogram();
    for (long v = 1; v <= 100; v++) {
      h.record(v * 1000);
    }
    long[] s = h.snapshot();
    // rank ceil(0.5*100)=50 -> 50,000 ns lies in bucket [49152, 51199]; rank 99 -> 99,000 in [98304, 102399]
    assertThat(LatencyHistogram.valueAtQuantile(s, 0.5)).isEqualTo(51_199);
    assertThat(LatencyHistogram.valueAtQuantile(s, 0.99)).isEqualTo(102_399);
    assertThat(LatencyHistogram.total(s)).isEqualTo(100);
    assertThat(LatencyHistogram.valueAtQuantile(new long[LatencyHistogram.BUCKETS], 0.5)).isZero();
  }
}
