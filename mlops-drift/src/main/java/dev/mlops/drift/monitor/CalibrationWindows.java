package dev.mlops.drift.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Cuts or resamples reference rows into windows of the monitor's size. Stateless.
 *
 * <p>Ordered windows are consecutive and disjoint; resampled windows are moving-block bootstrap
 * samples (blocks of consecutive rows, starts drawn uniformly with replacement), which keep the
 * autocorrelation of an ordered reference up to the block length; a block length of 1 is the
 * ordinary bootstrap for a reference without order.
 */
final class CalibrationWindows {

  private CalibrationWindows() {}

  static List<List<Map<String, ?>>> ordered(List<? extends Map<String, ?>> rows, int size) {
    List<List<Map<String, ?>>> out = new ArrayList<>();
    for (int start = 0; start + size <= rows.size(); start += size) {
      out.add(new ArrayList<>(rows.subList(start, start + size)));
    }
    return out;
  }

  static List<List<Map<String, ?>>> resampled(List<? extends Map<String, ?>> rows, int size,
      int block, int count, long seed) {
    int n = rows.size();
    int b = Math.max(1, Math.min(block, n));
    SplittableRandom rnd = new SplittableRandom(seed);
    List<List<Map<String, ?>>> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      List<Map<String, ?>> w = new ArrayList<>(size);
      while (w.size() < size) {
        int start = rnd.nextInt(n - b + 1);
        for (int i = start; i < start + b && w.size() < size; i++) {
          w.add(rows.get(i));
        }
      }
      out.add(w);
    }
    return out;
  }

  /**
   * The factor that turns the spread of "reference window vs the reference it belongs to" into
   * that of "an independent window vs the reference": sampling noise of a distance between
   * samples of sizes w and N scales as sqrt(1/w + 1/N); a disjoint window inside the reference
   * has sqrt(1/w - 1/N), a bootstrap window drawn from it sqrt(1/w).
   */
  static double finiteReferenceFactor(boolean insideReference, double windowRows,
      double referenceRows) {
    double w = windowRows;
    double n = referenceRows;
    if (insideReference) {
      return n > w ? Math.sqrt((n + w) / (n - w)) : 1.0;
    }
    return Math.sqrt(1 + w / n);
  }
}
