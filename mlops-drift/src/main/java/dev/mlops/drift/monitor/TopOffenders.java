package dev.mlops.drift.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most frequent strings of a stream in bounded space (Metwally's Space-Saving: counts are
 * over-estimates by at most the smallest tracked count). Holds references to the offered strings
 * and allocates nothing per offer. Thread-safe (synchronized; only reached on the rare paths:
 * unseen categories, unknown feature names).
 */
final class TopOffenders {

  static final int CAPACITY = 16;

  private final String[] keys = new String[CAPACITY];
  private final long[] counts = new long[CAPACITY];
  private int size;

  synchronized void offer(String key, long count) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        counts[i] += count;
        return;
      }
    }
    if (size < CAPACITY) {
      keys[size] = key;
      counts[size++] = count;
      return;
    }
    int min = 0;
    for (int i = 1; i < size; i++) {
      if (counts[i] < counts[min]) {
        min = i;
      }
    }
    keys[min] = key;
    counts[min] += count;
  }

  synchronized void offerAll(Map<String, Long> other) {
    for (Map.Entry<String, Long> e : other.entrySet()) {
      offer(e.getKey(), e.getValue());
    }
  }

  /** The tracked strings, most frequent first. */
  synchronized Map<String, Long> snapshot() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> counts[b] != counts[a]
        ? Long.compare(counts[b], counts[a]) : keys[a].compareTo(keys[b]));
    Map<String, Long> m = new LinkedHashMap<>();
    for (Integer i : order) {
      m.put(keys[i], counts[i]);
    }
    return m;
  }

  synchronized void clear() {
    java.util.Arrays.fill(keys, null);
    java.util.Arrays.fill(counts, 0);
    size = 0;
  }
}
