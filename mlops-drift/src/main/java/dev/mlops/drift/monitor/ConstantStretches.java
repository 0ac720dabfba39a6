package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.ReferenceChunks;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per value, the longest stretch of consecutive reference chunks in which a column held only that
 * value (its rows; a lower bound of the value's longest run, at the chunks' resolution). The
 * profile's single longest run ({@code FeatureProfile.longestRun()}) names one value only; a
 * calendar code such as a season holds each of its values for months, so a window constant at a
 * season that is not the longest one is no broken pipeline either. Empty for a profile without
 * chunks (no order) or a column the chunks do not hold. Immutable and thread-safe.
 */
final class ConstantStretches {

  static final ConstantStretches NONE = new ConstantStretches(Map.of());

  private final Map<String, Long> rows;

  private ConstantStretches(Map<String, Long> rows) {
    this.rows = rows;
  }

  /**
   * The stretches of one column.
   *
   * @param chunks the profile's chunks, if any
   * @param column the column
   * @return its stretches ({@link #NONE} without chunks of it)
   */
  static ConstantStretches of(Optional<ReferenceChunks> chunks, String column) {
    if (chunks.isEmpty() || !chunks.get().columns().contains(column)) {
      return NONE;
    }
    ReferenceChunks c = chunks.get();
    Map<String, Long> best = new HashMap<>();
    String current = null;
    long run = 0;
    ReferenceChunks.Piece before = null;  // the piece before the current stretch
    ReferenceChunks.Piece last = null;
    for (int i = 0; i < c.count(); i++) {
      ReferenceChunks.Piece p = c.piece(column, i);
      if (p.count() == 0) {
        continue;  // no value (all missing): neither counts nor breaks a run, as LongestRun
      }
      String key = constantKey(p);
      if (key != null && key.equals(current)) {
        run += p.count();
      } else {
        if (current != null) {
          // the stretch ended: its rows plus the rows of its value in the pieces either side
          best.merge(current, run + edgeRows(before, current) + edgeRows(p, current), Math::max);
        }
        before = last;
        run = key == null ? 0 : p.count();
      }
      current = key;
      last = p;
    }
    if (current != null) {
      best.merge(current, run + edgeRows(before, current), Math::max);
    }
    return best.isEmpty() ? NONE : new ConstantStretches(Map.copyOf(best));
  }

  /**
   * The rows of {@code key} in a piece next to a stretch of it, when the piece holds two values
   * only, one of them {@code key} (a calendar code that changes inside the chunk: the month's
   * first or last hours), so that those rows run on from the stretch; else 0. For numeric points
   * (sorted slice means) one slice between the two values may mix them; it is counted as the
   * key's, so this is an upper bound by at most one slice.
   */
  private static long edgeRows(ReferenceChunks.Piece p, String key) {
    if (p == null || p.count() == 0) {
      return 0;
    }
    if (p.points().length == 0) {
      return p.other() == 0 && p.categories().size() == 2
          ? p.categories().getOrDefault(key, 0L) : 0;
    }
    double[] points = p.points();
    double lo = points[0];
    double hi = points[points.length - 1];
    boolean low = CategoricalProfile.key(lo).equals(key);
    if (!low && !CategoricalProfile.key(hi).equals(key)) {
      return 0;
    }
    int held = 0;
    int mixed = 0;
    for (double v : points) {
      if (v == (low ? lo : hi)) {
        held++;
      } else if (v != (low ? hi : lo)) {
        mixed++;
      }
    }
    if (mixed > 1) {
      return 0;  // a third value: the key's rows need not run on from the stretch
    }
    return Math.min(p.count(), Math.round((held + mixed) * (double) p.count() / points.length));
  }

  /** The value a chunk's piece holds alone, as a category key, or null when it varies. */
  private static String constantKey(ReferenceChunks.Piece p) {
    if (p.categories().isEmpty()) {
      double[] points = p.points();
      if (points.length == 0 || p.m2() != 0 || points[0] != points[points.length - 1]) {
        return null;
      }
      return CategoricalProfile.key(points[0]);
    }
    if (p.other() != 0 || p.categories().size() != 1) {
      return null;
    }
    return p.categories().keySet().iterator().next();
  }

  /**
   * The rows of the longest stretch of chunks holding only {@code key}.
   *
   * @param key the value's category key
   * @return its rows, 0 when no chunk held it alone
   */
  long rows(String key) {
    return key == null ? 0 : rows.getOrDefault(key, 0L);
  }
}
