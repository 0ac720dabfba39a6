package dev.mlops.core.retraining;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Predictions waiting for their delayed labels, bounded by count and age (the oldest expire first),
 * with the join's counters: matched labels, labels that matched nothing, expired predictions.
 *
 * <p>Thread-safe (lock-free; the recording side is on the request path and stays O(1) amortised).
 *
 * @param <P> what is kept per prediction
 */
final class LabelJoin<P> {

  /** A prediction waiting since {@code at} (epoch millis). */
  record Waiting<P>(P value, long at) {}

  private final ConcurrentHashMap<String, Waiting<P>> pending = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
  private final int maxPending;
  private final long timeoutMillis;
  private final Clock clock;
  private final AtomicLong matched = new AtomicLong();
  private final AtomicLong unmatched = new AtomicLong();
  private final AtomicLong expired = new AtomicLong();

  LabelJoin(int maxPending, Duration timeout, Clock clock) {
    this.maxPending = maxPending;
    this.timeoutMillis = timeout.toMillis();
    this.clock = clock;
  }

  /** Keeps a prediction under its request id (a repeated id replaces the waiting one). */
  void put(String requestId, P value) {
    long now = clock.millis();
    if (pending.put(requestId, new Waiting<>(value, now)) == null) {
      order.add(requestId);
    }
    expire(now);
  }

  /** Takes the prediction a label belongs to; null (counted) if none waits, e.g. it expired. */
  P take(String requestId) {
    expire(clock.millis());
    Waiting<P> w = pending.remove(requestId);
    if (w == null) {
      unmatched.incrementAndGet();
      return null;
    }
    matched.incrementAndGet();
    return w.value;
  }

  private void expire(long now) {
    while (true) {
      String oldest = order.peek();
      if (oldest == null) {
        return;
      }
      Waiting<P> w = pending.get(oldest);
      boolean over = pending.size() > maxPending;
      if (w != null && !over && now - w.at <= timeoutMillis) {
        return;
      }
      if (order.remove(oldest) && w != null && pending.remove(oldest, w)) {
        expired.incrementAndGet();
      }
    }
  }

  /** The waiting predictions, oldest first, with their request ids and times (for a restart). */
  List<Map.Entry<String, Waiting<P>>> waiting() {
    List<Map.Entry<String, Waiting<P>>> all = new ArrayList<>();
    for (String id : order) {
      Waiting<P> w = pending.get(id);
      if (w != null) {
        all.add(Map.entry(id, w));
      }
    }
    return all;
  }

  /** Puts back a prediction saved before a restart, with the time it was made (before new traffic). */
  void restore(String requestId, P value, long at) {
    if (pending.putIfAbsent(requestId, new Waiting<>(value, at)) == null) {
      order.add(requestId);
    }
  }

  /** The counts so far. */
  LabelCounts counts() {
    expire(clock.millis());
    return new LabelCounts(matched.get(), unmatched.get(), expired.get(), pending.size());
  }
}
