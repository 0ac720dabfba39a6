package dev.mlops.drift.monitor;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Predictions waiting for their label, by request id: bounded in count (oldest evicted first) and
 * in age. Sharded by the id's hash (see the constructor), each shard a synchronized
 * insertion-ordered map, so callers
 * with different ids rarely contend. Storing a pending prediction allocates one map entry; only
 * requests with an id reach this class. Thread-safe.
 */
final class PendingPredictions {

  /** A prediction waiting for its label. */
  record Entry(double value, int classIndex, int kind, long time) {}

  private final LinkedHashMap<String, Entry>[] shards;
  private final int perShard;
  private final long timeoutMillis;
  private final LongAdder expired = new LongAdder();

  /**
   * One shard per 64 pending predictions up to 16 shards, so the count bound is exact (the sum of
   * the shards' bounds never exceeds {@code maxPending}) and eviction is oldest-first per shard.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  PendingPredictions(int maxPending, long timeoutMillis) {
    int n = Integer.highestOneBit(Math.max(1, Math.min(16, maxPending / 64)));
    this.shards = new LinkedHashMap[n];
    for (int i = 0; i < n; i++) {
      shards[i] = new LinkedHashMap<>();
    }
    this.perShard = Math.max(1, maxPending / n);
    this.timeoutMillis = timeoutMillis;
  }

  private LinkedHashMap<String, Entry> shard(String id) {
    int h = id.hashCode();
    h ^= h >>> 16;
    return shards[h & (shards.length - 1)];
  }

  void put(String id, Prediction p, long now) {
    LinkedHashMap<String, Entry> s = shard(id);
    Entry e = new Entry(p.value(), p.classIndex(), p.kind().ordinal(), now);
    synchronized (s) {
      s.remove(id);
      s.put(id, e);
      evict(s, now);
    }
  }

  /** Removes and returns the prediction of {@code id}, or null when unknown or expired. */
  Entry take(String id, long now) {
    LinkedHashMap<String, Entry> s = shard(id);
    synchronized (s) {
      Entry e = s.remove(id);
      if (e != null && now - e.time() > timeoutMillis) {
        expired.increment();
        return null;
      }
      return e;
    }
  }

  private void evict(LinkedHashMap<String, Entry> s, long now) {
    Iterator<Map.Entry<String, Entry>> it = s.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Entry> head = it.next();
      if (s.size() > perShard || now - head.getValue().time() > timeoutMillis) {
        it.remove();
        expired.increment();
      } else {
        break;
      }
    }
  }

  /** Evicts everything older than the timeout. */
  void expire(long now) {
    for (LinkedHashMap<String, Entry> s : shards) {
      synchronized (s) {
        evict(s, now);
      }
    }
  }

  long expiredTotal() {
    return expired.sum();
  }

  long size() {
    long n = 0;
    for (LinkedHashMap<String, Entry> s : shards) {
      synchronized (s) {
        n += s.size();
      }
    }
    return n;
  }
}
