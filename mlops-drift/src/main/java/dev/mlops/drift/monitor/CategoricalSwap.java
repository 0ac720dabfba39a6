package dev.mlops.drift.monitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SwapCheck}'s categorical pairs: two categorical fields (their categories compared by
 * name, so overlapping category sets can be swapped) look swapped when each window's category
 * shares lie, in total variation distance, under {@value SwapCheck#RATIO} of their distance to
 * their own reference from the other field's, and at least {@value
 * SwapCheck#MIN_CATEGORICAL_DISTANCE} from their own. With an ordered profile each window is
 * compared with the nearest reference window of about its size, else with the whole reference.
 * Thread-safe: the reference windows' counts are cached per column and size.
 */
final class CategoricalSwap {

  private final SwapWindows windows;
  @SuppressWarnings("rawtypes")
  private final Map<String, Map[]> categoricalWindows = new ConcurrentHashMap<>();

  CategoricalSwap(SwapWindows windows) {
    this.windows = windows;
  }

  /** The finding of a categorical pair, or null. */
  String pair(FeatureSpec a, FeatureSpec b, SwapEvaluation e, int ia, int ib, long rows) {
    Map<String, Long> wa = e.counts(a, ia);
    Map<String, Long> wb = e.counts(b, ib);
    long na = total(wa);
    long nb = total(wb);
    if (na < SwapCheck.MIN_VALUES || nb < SwapCheck.MIN_VALUES) {
      return null;
    }
    double ownA = e.ownCategorical(wa, a, ia, rows);
    double crossA = nearestCategorical(wa, b, rows);
    double ownB = e.ownCategorical(wb, b, ib, rows);
    double crossB = nearestCategorical(wb, a, rows);
    if (!(ownA >= SwapCheck.MIN_CATEGORICAL_DISTANCE && ownB >= SwapCheck.MIN_CATEGORICAL_DISTANCE
        && crossA < SwapCheck.RATIO * ownA && crossB < SwapCheck.RATIO * ownB)) {
      return null;
    }
    return String.format(Locale.ROOT,
        "%s and %s look swapped: %s's window is at total variation %s from %s's reference and "
            + "%s from its own; %s's at %s from %s's and %s from its own (category shares by "
            + "name, %s; a swap needs each under %s of its own)", a.name, b.name, a.name,
        DriftReport.fmt(crossA), b.name, DriftReport.fmt(ownA), b.name,
        DriftReport.fmt(crossB), a.name, DriftReport.fmt(ownB), windows.origin(a, b, rows),
        SwapCheck.RATIO);
  }

  /**
   * The total variation distance of a categorical window to reference {@code f}: to its nearest
   * window of about the same size when the profile is ordered, else to the whole reference.
   */
  double nearestCategorical(Map<String, Long> window, FeatureSpec f, long rows) {
    if (!windows.ordered(f)) {
      return tv(window, referenceCounts(f));
    }
    int m = windows.chunksPer(rows);
    dev.mlops.drift.profile.ReferenceChunks chunks = windows.chunks();
    @SuppressWarnings("unchecked")
    Map<String, Long>[] ref = categoricalWindows.computeIfAbsent(f.name + '\u0000' + m, k -> {
      List<Map<String, Long>> out = new ArrayList<>();
      for (int s = 0; s + m <= chunks.count(); s++) {
        dev.mlops.drift.profile.ReferenceChunks.CategoricalWindow w =
            chunks.categorical(f.name, s, s + m);
        Map<String, Long> c = new HashMap<>(w.categories());
        if (w.other() > 0) {
          c.put("\u0000other", w.other());
        }
        if (total(c) >= 0.75 * m * chunks.chunkRows()) {
          out.add(c);
        }
      }
      return out.toArray(new Map[0]);
    });
    double best = Double.POSITIVE_INFINITY;
    for (Map<String, Long> w : ref) {
      best = Math.min(best, tv(window, w));
    }
    return Double.isFinite(best) ? best : tv(window, referenceCounts(f));
  }

  /** A categorical window's counts by category name; unseen ones by name where tracked. */
  static Map<String, Long> windowCounts(FeatureSpec f, WindowState cur, int index) {
    long[] slots = cur.slots(f);
    Map<String, Long> m = new HashMap<>();
    for (int k = 0; k < f.categories.length; k++) {
      if (slots[k] > 0) {
        m.put(f.categories[k], slots[k]);
      }
    }
    long unseen = slots[f.categories.length];
    long named = 0;
    for (Map.Entry<String, Long> e : cur.topUnseen(index).entrySet()) {
      long c = Math.min(e.getValue(), unseen - named);
      if (c > 0) {
        m.merge(e.getKey(), c, Long::sum);
        named += c;
      }
    }
    if (unseen > named) {
      // unseen values the tracker did not keep by name: like no category of either reference
      m.put("\u0000unnamed", unseen - named);
    }
    return m;
  }

  private static Map<String, Long> referenceCounts(FeatureSpec f) {
    Map<String, Long> m = new HashMap<>();
    for (int k = 0; k < f.categories.length; k++) {
      m.put(f.categories[k], f.referenceCounts[k]);
    }
    if (f.referenceCounts[f.categories.length] > 0) {
      m.put("\u0000other", f.referenceCounts[f.categories.length]);
    }
    return m;
  }

  private static long total(Map<String, Long> m) {
    long t = 0;
    for (long c : m.values()) {
      t += c;
    }
    return t;
  }

  /** Total variation distance of two count maps' shares. */
  static double tv(Map<String, Long> p, Map<String, Long> q) {
    double np = total(p);
    double nq = total(q);
    if (np == 0 || nq == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (Map.Entry<String, Long> e : p.entrySet()) {
      s += Math.abs(e.getValue() / np - q.getOrDefault(e.getKey(), 0L) / nq);
    }
    for (Map.Entry<String, Long> e : q.entrySet()) {
      if (!p.containsKey(e.getKey())) {
        s += e.getValue() / nq;
      }
    }
    return s / 2;
  }
}
