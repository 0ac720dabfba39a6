package dev.mlops.drift.monitor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most frequent strings of a stream in bounded space (Metwally's Space-Saving: counts are
 * over-estimates by at most the smallest tracked count). Holds references to the offered strings
 * (one longer than {@link #MAX_KEY_CHARS} by its prefix, the only allocation of an offer).
 * Thread-safe (synchronized; only reached on the rare paths:
 * unseen categories, unknown feature names).
 */
final class TopOffenders {

  static final int CAPACITY = 16;
  /** Longest string kept; a longer one is kept by its prefix of this many characters. */
  static final int MAX_KEY_CHARS = 1_000;

  private final String[] keys = new String[CAPACITY];
  private final long[] counts = new long[CAPACITY];
  private int size;

  synchronized void offer(String offered, long count) {
    // a caller's huge string is held (and reported, and snapshotted) by a bounded prefix
    String key = offered.length() > MAX_KEY_CHARS ? offered.substring(0, MAX_KEY_CHARS) : offered;
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
