package dev.mlops.drift.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Mutable state of a categorical column: exact counts of every category seen. Not thread-safe. */
final class CategoricalAccumulator {

  final String name;
  final boolean declared;
  final Map<String, long[]> counts = new HashMap<>();
  long missing;
  /** Counts already folded into "other" by a top-K truncation (from merged profiles). */
  long other;
  /** The longest run of equal consecutive categories. */
  final LongestRun run = new LongestRun();

  CategoricalAccumulator(String name, boolean declared) {
    this.name = name;
    this.declared = declared;
  }

  void add(String key) {
    if (key == null) {
      missing++;
      return;
    }
    run.add(key);
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
    run.merge(o.run);
    for (Map.Entry<String, long[]> e : o.counts.entrySet()) {
      add(e.getKey(), e.getValue()[0]);
    }
  }

  /** The accumulator a built profile came from (its kept categories, "other" and missing). */
  static CategoricalAccumulator of(CategoricalProfile c) {
    CategoricalAccumulator a = new CategoricalAccumulator(c.name(), !c.inferred());
    a.missing = c.missing();
    a.other = c.other();
    a.run.merge(c.longestRun(), c.longestRunValue());
    long[] counts = c.counts();
    List<String> cats = c.categories();
    for (int i = 0; i < cats.size(); i++) {
      a.add(cats.get(i), counts[i]);
    }
    return a;
  }

  /**
   * The profile of this column: the {@code topK} most frequent categories (ties by name), the rest
   * folded into "other".
   */
  CategoricalProfile toProfile(int topK) {
    List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
    entries.sort((x, y) -> {
      int cmp = Long.compare(y.getValue()[0], x.getValue()[0]);
      return cmp != 0 ? cmp : x.getKey().compareTo(y.getKey());
    });
    int kept = Math.min(topK, entries.size());
    List<String> cats = new ArrayList<>(kept);
    long[] keptCounts = new long[kept];
    long folded = other;
    for (int i = 0; i < entries.size(); i++) {
      if (i < kept) {
        cats.add(entries.get(i).getKey());
        keptCounts[i] = entries.get(i).getValue()[0];
      } else {
        folded += entries.get(i).getValue()[0];
      }
    }
    return new CategoricalProfile(name, !declared, cats, keptCounts, folded, missing, null)
        .withLongestRun(run.length(), run.value());
  }
}
