package dev.mlops.drift.profile;

import java.util.HashMap;
import java.util.Map;

/** Mutable state of a categorical column: exact counts of every category seen. Not thread-safe. */
final class CategoricalAccumulator {

  final String name;
  final boolean declared;
  final Map<String, long[]> counts = new HashMap<>();
  long missing;
  /** Counts already folded into "other" by a top-K truncation (from merged profiles). */
  long other;

  CategoricalAccumulator(String name, boolean declared) {
    this.name = name;
    this.declared = declared;
  }

  void add(String key) {
    if (key == null) {
      missing++;
      return;
    }
    long[] c = counts.get(key);
    if (c == null) {
      counts.put(key, new long[] {1});
    } else {
      c[0]++;
    }
  }

  void add(String key, long weight) {
    if (weight <= 0) {
      return;
    }
    counts.computeIfAbsent(key, k -> new long[1])[0] += weight;
  }

  void merge(CategoricalAccumulator o) {
    missing += o.missing;
    other += o.other;
    for (Map.Entry<String, long[]> e : o.counts.entrySet()) {
      add(e.getKey(), e.getValue()[0]);
    }
  }
}
