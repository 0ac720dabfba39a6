package dev.mlops.core.serving;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters and latency histogram behind {@link ServingStats}. Thread-safe, lock-free. Every
 * answered prediction records its latency once, so the histogram's total is the count of answered
 * predictions (no separate counter to update on the request path).
 */
final class Meter {

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
    long answered = LatencyHistogram.total(counts);
    return new ServingStats(
        answered,
        invalid.sum(),
        failed.sum(),
        listenerFailures.sum(),
        shadowDropped.sum(),
        answered,
        LatencyHistogram.valueAtQuantile(counts, 0.50),
        LatencyHistogram.valueAtQuantile(counts, 0.99),
        max);
  }
}
