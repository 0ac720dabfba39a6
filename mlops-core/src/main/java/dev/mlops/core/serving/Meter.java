package dev.mlops.core.serving;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters and latency histogram behind {@link ServingStats}. Thread-safe, lock-free. Every
 * answered prediction is counted in {@link #answered}; the histogram holds the latencies of the
 * answered predictions that were timed (all of them, or a random 1 in k: see {@link
 * ModelEndpoint.Builder#latencySampleOneIn(int)}), so its total is the number of samples.
 */
final class Meter {

  final LongAdder answered = new LongAdder();
  final LongAdder invalid = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder listenerFailures = new LongAdder();
  final LongAdder shadowDropped = new LongAdder();
  final LatencyHistogram latency = new LatencyHistogram();

  ServingStats snapshot() {
    long[] counts = latency.snapshot();
    long max = 0;
    for (int i = counts.length - 1; i >= 0; i--) {
      if (counts[i] != 0) {
        max = LatencyHistogram.highestValueOf(i);
        break;
      }
    }
    return new ServingStats(
        answered.sum(),
        invalid.sum(),
        failed.sum(),
        listenerFailures.sum(),
        shadowDropped.sum(),
        LatencyHistogram.total(counts),
        LatencyHistogram.valueAtQuantile(counts, 0.50),
        LatencyHistogram.valueAtQuantile(counts, 0.99),
        max);
  }
}
