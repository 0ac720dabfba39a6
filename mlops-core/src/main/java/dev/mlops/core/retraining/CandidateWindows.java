package dev.mlops.core.retraining;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The candidate training windows of one {@link PipelineRetrainer} retrain: each a number of the most
 * recent rows before the holdout.
 *
 * <p>Without a usable located change: the configured fractions of the rows before the holdout (at
 * least the floor each). After a located change longer than the holdout: the rows since the change
 * (at least the floor), 1.5 and 2 times as many (where the concept changed in only part of the
 * feature space, older rows still teach the rest, the new ones at least as many), and the configured
 * fractions only where they are no longer than that: a window with more rows from before the change
 * than after it is mostly the concept the change departed from, the one the trigger found failing,
 * and on the change's small holdout it would compete by chance (older concepts come back through
 * {@code PipelineRetrainer.earlierConcepts} instead). The windows left out are listed.
 *
 * <p>Stateless and thread-safe.
 */
final class CandidateWindows {

  /** The windows offered after a located change, as multiples of the change's rows before the holdout. */
  private static final double[] CHANGE_MULTIPLES = {1, 1.5, 2};

  /**
   * The windows, largest fraction first, then the change's.
   *
   * @param sizes the window sizes in the order they are trained (ties go to the first)
   * @param labels what a change window is, e.g. {@code " (since the change)"}, by size
   * @param sinceChange the change's rows before the holdout (at least the floor), or -1 without one
   * @param excluded the configured windows left out as mostly of the departed concept
   */
  record Windows(List<Integer> sizes, Map<Integer, String> labels, int sinceChange, List<Integer> excluded) {
    String label(int size) {
      return labels.getOrDefault(size, "");
    }
  }

  private CandidateWindows() {}

  /**
   * The windows of one retrain.
   *
   * @param fractions the configured fractions of the rows before the holdout
   * @param before the rows before the holdout
   * @param floor the smallest window
   * @param change the located change's rows (0 if none)
   * @param holdout the held-out rows
   */
  static Windows of(double[] fractions, int before, int floor, int change, int holdout) {
    int sinceChange = change > holdout ? Math.max(floor, Math.min(before, change - holdout)) : -1;
    Map<Integer, String> labels = new LinkedHashMap<>();
    long widest = Long.MAX_VALUE;
    if (sinceChange > 0) {
      for (double k : CHANGE_MULTIPLES) {
        int w = (int) Math.min(before, Math.round(k * sinceChange));
        String multiple = k == Math.rint(k) ? Integer.toString((int) k) : Double.toString(k);
        labels.putIfAbsent(w, k == 1 ? " (since the change)" : " (" + multiple + "x since the change)");
      }
      widest = Math.round(CHANGE_MULTIPLES[CHANGE_MULTIPLES.length - 1] * sinceChange);
    }
    List<Integer> sizes = new ArrayList<>();
    List<Integer> excluded = new ArrayList<>();
    for (double f : fractions) {
      int w = Math.max(floor, (int) Math.round(f * before));
      if (w > widest) {
        if (!excluded.contains(w)) {
          excluded.add(w);
        }
      } else if (!sizes.contains(w)) {
        sizes.add(w);
      }
    }
    for (int w : labels.keySet()) {
      if (!sizes.contains(w)) {
        sizes.add(w);
      }
    }
    return new Windows(List.copyOf(sizes), Map.copyOf(labels), sinceChange, List.copyOf(excluded));
  }
}
