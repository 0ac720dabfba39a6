package dev.mlops.drift.monitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One evaluation of {@link SwapCheck}: the window's samples (sorted copies) and category counts,
 * and their distances to their own reference, each computed once, not once per pair.
 * Thread-safe (the pairs of one window may be compared on several threads).
 */
final class SwapEvaluation {
  private final WindowState cur;
  private final SwapWindows windows;
  private final CategoricalSwap categorical;
  private final Map<Integer, NearestWindows.Points> samples = new ConcurrentHashMap<>();
  private final Map<Long, Double> own = new ConcurrentHashMap<>();
  private final Map<Integer, Map<String, Long>> counts = new ConcurrentHashMap<>();
  private final Map<Integer, Double> ownCategorical = new ConcurrentHashMap<>();

  SwapEvaluation(WindowState cur, SwapWindows windows, CategoricalSwap categorical) {
    this.cur = cur;
    this.windows = windows;
    this.categorical = categorical;
  }

  /** The window's rows. */
  long rows() {
    return cur.rows;
  }

  Map<String, Long> counts(FeatureSpec f, int index) {
    return counts.computeIfAbsent(index, k -> CategoricalSwap.windowCounts(f, cur, index));
  }

  double ownCategorical(Map<String, Long> window, FeatureSpec f, int index, long rows) {
    return ownCategorical.computeIfAbsent(index,
        k -> categorical.nearestCategorical(window, f, rows));
  }

  NearestWindows.Points sample(FeatureSpec f) {
    return samples.computeIfAbsent(f.numericSlot, s -> NearestWindows.Points.of(
        cur.reservoirs[s].sortedInPlace().clone(), null));
  }

  long seen(FeatureSpec f) {
    return cur.reservoirs[f.numericSlot].seen();
  }

  double own(NearestWindows.Points p, FeatureSpec f, long rows) {
    long key = (long) f.numericSlot << 32 | (windows.ordered(f) ? windows.chunksPer(rows) : 0);
    Double d = own.get(key);
    if (d == null) {
      d = windows.nearest(p, f, rows); // a deterministic value: a second thread computes the same
      own.put(key, d);
    }
    return d;
  }
}
