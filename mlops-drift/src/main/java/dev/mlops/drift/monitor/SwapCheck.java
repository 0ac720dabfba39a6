package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceChunks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two fields exchanged upstream (a column order changed, two names mapped the wrong way round):
 * each field's window then looks like the other field's reference, not its own. Reported as one
 * data-quality finding naming both fields, besides the drift verdicts of each.
 *
 * <p>A pair is named a swap when <em>each</em> of the two windows is far closer to the other
 * field's reference than to its own: its distance to the other's reference is below {@value
 * #RATIO} of its distance to its own. Numeric fields: the normed Wasserstein distance (in units of
 * the reference's standard deviation), and with an ordered profile the distance to the
 * <em>nearest</em> window of consecutive reference chunks of about the window's size instead of
 * to the whole reference. A short window of a seasonal or autocorrelated feature (a summer week of
 * temperature) is far from its whole year but near the same weeks of the reference, so only the
 * nearest window tells "this is humidity" from "this is a warm week" (a rule against whole
 * references, tried in the eighth session, misfires on such data). Categorical fields (their
 * categories compared by name, so overlapping category sets can be swapped): the total variation
 * distance of the window's category shares to the reference's, both windows at least {@value
 * #MIN_CATEGORICAL_DISTANCE} from their own reference. Fields whose references look alike cannot
 * be told apart (each window is as close to either), and are never named.
 *
 * <p>Only fields with a reference of the same kind pair up, and a numeric pair is compared only
 * when each window first passes the other field's whole-reference drift threshold (a cheap filter:
 * a swapped window does). Thread-safe: the reference windows are cached per column and size.
 */
final class SwapCheck {

  /** How much closer to the other's reference each window must be than to its own. */
  static final double RATIO = 0.75;
  /** Smallest total variation distance of a categorical window to its own reference. */
  static final double MIN_CATEGORICAL_DISTANCE = 0.2;
  /** How much further the other field's reference windows must lie than one's own. */
  static final double SEPARATION = 2;
  /** Fewest values in each window. */
  static final int MIN_VALUES = 30;

  private final ReferenceChunks chunks;
  private final Map<String, double[][][]> windows = new ConcurrentHashMap<>();
  private final Map<String, Boolean> separation = new ConcurrentHashMap<>();
  @SuppressWarnings("rawtypes")
  private final Map<String, Map[]> categoricalWindows = new ConcurrentHashMap<>();

  /**
   * A swap check.
   *
   * @param chunks the profile's ordered chunks (null without order: whole references)
   */
  SwapCheck(ReferenceChunks chunks) {
    this.chunks = chunks;
  }

  /**
   * The swap findings of a window.
   *
   * @param features the window's feature verdicts, in schema order
   * @param specs the features' specs, in the same order
   * @param cur the window
   * @return one finding per likely swapped pair (none usually)
   */
  List<String> findings(List<FeatureDrift> features, FeatureSpec[] specs, WindowState cur) {
    List<String> out = new ArrayList<>();
    Map<Integer, double[]> sorted = new HashMap<>();
    for (int i = 0; i < specs.length; i++) {
      if (!specs[i].hasReference) {
        continue;
      }
      for (int j = i + 1; j < specs.length; j++) {
        if (!specs[j].hasReference || specs[i].numeric != specs[j].numeric) {
          continue;
        }
        try {
          String s = specs[i].numeric
              ? numericPair(specs[i], features.get(i), specs[j], features.get(j), sorted, cur)
              : categoricalPair(specs[i], specs[j], cur, i, j, rows(cur));
          if (s != null) {
            out.add(s);
          }
        } catch (RuntimeException e) {
          // a pair that cannot be compared is no finding: the window's other checks still run
        }
      }
    }
    return out;
  }

  private String numericPair(FeatureSpec a, FeatureDrift da, FeatureSpec b, FeatureDrift db,
      Map<Integer, double[]> sorted, WindowState cur) {
    if (!(a.referenceStd > 0) || !(b.referenceStd > 0) || a.referenceSorted.length == 0
        || b.referenceSorted.length == 0) {
      return null;
    }
    double[] wa = sorted.computeIfAbsent(a.numericSlot,
        s -> cur.reservoirs[s].sortedInPlace().clone());
    double[] wb = sorted.computeIfAbsent(b.numericSlot,
        s -> cur.reservoirs[s].sortedInPlace().clone());
    if (wa.length < MIN_VALUES || wb.length < MIN_VALUES) {
      return null;
    }
    // the filter: each window within the other's whole-reference threshold (when it has one)
    double ab = w1(wa, b.referenceSorted, null) / b.referenceStd;
    double ba = w1(wb, a.referenceSorted, null) / a.referenceStd;
    if (!within(ab, db) || !within(ba, da)) {
      return null;
    }
    long rows = Math.max(cur.reservoirs[a.numericSlot].seen(),
        cur.reservoirs[b.numericSlot].seen());
    double ownA = nearest(wa, a, rows);
    double crossA = nearest(wa, b, rows);
    double ownB = nearest(wb, b, rows);
    double crossB = nearest(wb, a, rows);
    if (!(crossA < RATIO * ownA && crossB < RATIO * ownB) || !separated(a, b, rows)) {
      return null;
    }
    return String.format(Locale.ROOT,
        "%s and %s look swapped: %s's window is at normed Wasserstein %s from %s's reference "
            + "and %s from its own; %s's at %s from %s's and %s from its own (%s; a swap needs "
            + "each under %s of its own)", a.name, b.name, a.name, DriftReport.fmt(crossA),
        b.name, DriftReport.fmt(ownA), b.name, DriftReport.fmt(crossB), a.name,
        DriftReport.fmt(ownB), origin(a, b, rows), RATIO);
  }

  private static boolean within(double distance, FeatureDrift other) {
    return other == null || !Double.isFinite(other.threshold())
        || !"normed_wasserstein".equals(other.test()) || distance < other.threshold();
  }

  private String origin(FeatureSpec a, FeatureSpec b, long rows) {
    if (!ordered(a) || !ordered(b)) {
      return "against the whole references";
    }
    int m = chunksPer(rows);
    return String.format(Locale.ROOT,
        "each against the nearest of the reference's windows of %d consecutive chunks (%d rows)",
        m, m * chunks.chunkRows());
  }

  private boolean ordered(FeatureSpec f) {
    return chunks != null && chunks.columns().contains(f.name) && chunks.count() >= 2;
  }

  private int chunksPer(long rows) {
    return (int) Math.max(1, Math.min(chunks.count(),
        Math.round((double) rows / chunks.chunkRows())));
  }

  /**
   * The normed distance of a window to reference {@code f}: to its nearest window of about the
   * same size when the profile is ordered, else to the whole reference.
   */
  private double nearest(double[] window, FeatureSpec f, long rows) {
    if (!ordered(f)) {
      return w1(window, f.referenceSorted, null) / f.referenceStd;
    }
    double[][][] ref = referenceWindows(f.name, chunksPer(rows));
    double best = Double.POSITIVE_INFINITY;
    for (double[][] w : ref) {
      if (w[0].length > 0) {
        best = Math.min(best, w1(window, w[0], w[1]));
      }
    }
    return Double.isFinite(best) ? best / f.referenceStd
        : w1(window, f.referenceSorted, null) / f.referenceStd;
  }

  /**
   * Whether two ordered references can be told apart at this window size: each field's reference
   * windows lie, at the median, more than {@value #SEPARATION} times further from the nearest
   * window of the other field than from the nearest other window of their own (a window not
   * overlapping them). Fields that look alike window by window (a temperature and a felt
   * temperature; two AR(1) streams of one law) fail, and are never named a swap: a clean window
   * of one is then near the other's reference by chance. True without order (whole references,
   * where the ratio alone decides).
   */
  private boolean separated(FeatureSpec a, FeatureSpec b, long rows) {
    if (!ordered(a) || !ordered(b)) {
      return true;
    }
    int m = chunksPer(rows);
    return separation.computeIfAbsent(a.name + '\u0000' + b.name + '\u0000' + m, k -> {
      double[][][] ra = referenceWindows(a.name, m);
      double[][][] rb = referenceWindows(b.name, m);
      return median(nearestOf(ra, rb, -1)) / b.referenceStd
              > SEPARATION * median(nearestOf(rb, rb, m)) / b.referenceStd
          && median(nearestOf(rb, ra, -1)) / a.referenceStd
              > SEPARATION * median(nearestOf(ra, ra, m)) / a.referenceStd;
    });
  }

  /**
   * For each window of {@code from}, the distance to its nearest window of {@code to}; with
   * {@code gap >= 0} ({@code to} the same windows) only windows whose starts lie at least {@code
   * gap} apart count (no overlap).
   */
  private static double[] nearestOf(double[][][] from, double[][][] to, int gap) {
    double[] out = new double[from.length];
    for (int i = 0; i < from.length; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < to.length; j++) {
        if (gap < 0 || Math.abs(i - j) >= gap) {
          best = Math.min(best, w1(from[i][0], from[i][1], to[j][0], to[j][1]));
        }
      }
      out[i] = best;
    }
    return out;
  }

  private static double median(double[] v) {
    double[] c = java.util.Arrays.stream(v).filter(Double::isFinite).sorted().toArray();
    return c.length == 0 ? Double.NaN : c.length % 2 == 1 ? c[c.length / 2]
        : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }

  /** The column's windows of {@code m} consecutive chunks, every start: points and weights. */
  private double[][][] referenceWindows(String column, int m) {
    return windows.computeIfAbsent(column + '\u0000' + m, k -> {
      int n = chunks.count() - m + 1;
      List<double[][]> out = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        ReferenceChunks.NumericWindow w = chunks.numeric(column, s, s + m);
        if (w.count() >= 0.75 * m * chunks.chunkRows()) {
          out.add(new double[][] {w.values(), w.weights()});
        }
      }
      return out.toArray(new double[0][][]);
    });
  }

  /**
   * The Wasserstein-1 distance between an ascending sample (equal weights) and ascending points
   * with weights (equal weights when {@code weights} is null): the area between the two
   * distribution functions.
   */
  static double w1(double[] a, double[] b, double[] weights) {
    return w1(a, null, b, weights);
  }

  /**
   * {@link #w1(double[], double[], double[])} with weights on both sides (null: equal); {@code
   * NaN} when a side is empty or weighs nothing, or the distance is not finite.
   */
  static double w1(double[] a, double[] aWeights, double[] b, double[] weights) {
    if (a.length == 0 || b.length == 0 || !(total(a, aWeights) > 0)
        || !(total(b, weights) > 0)) {
      return Double.NaN;
    }
    double d = ChunkCalibration.weightedDistance(a, aWeights, b, weights);
    return Double.isFinite(d) ? d : Double.NaN;
  }

  private static long rows(WindowState cur) {
    return cur.rows;
  }

  private static double total(double[] values, double[] weights) {
    if (weights == null) {
      return values.length;
    }
    double t = 0;
    for (double w : weights) {
      t += w;
    }
    return t;
  }

  private String categoricalPair(FeatureSpec a, FeatureSpec b, WindowState cur, int ia,
      int ib, long rows) {
    Map<String, Long> wa = windowCounts(a, cur, ia);
    Map<String, Long> wb = windowCounts(b, cur, ib);
    long na = total(wa);
    long nb = total(wb);
    if (na < MIN_VALUES || nb < MIN_VALUES) {
      return null;
    }
    double ownA = nearestCategorical(wa, a, rows);
    double crossA = nearestCategorical(wa, b, rows);
    double ownB = nearestCategorical(wb, b, rows);
    double crossB = nearestCategorical(wb, a, rows);
    if (!(ownA >= MIN_CATEGORICAL_DISTANCE && ownB >= MIN_CATEGORICAL_DISTANCE
        && crossA < RATIO * ownA && crossB < RATIO * ownB)) {
      return null;
    }
    return String.format(Locale.ROOT,
        "%s and %s look swapped: %s's window is at total variation %s from %s's reference and "
            + "%s from its own; %s's at %s from %s's and %s from its own (category shares by "
            + "name, %s; a swap needs each under %s of its own)", a.name, b.name, a.name,
        DriftReport.fmt(crossA), b.name, DriftReport.fmt(ownA), b.name,
        DriftReport.fmt(crossB), a.name, DriftReport.fmt(ownB), origin(a, b, rows), RATIO);
  }

  /**
   * The total variation distance of a categorical window to reference {@code f}: to its nearest
   * window of about the same size when the profile is ordered, else to the whole reference.
   */
  private double nearestCategorical(Map<String, Long> window, FeatureSpec f, long rows) {
    if (!ordered(f)) {
      return tv(window, referenceCounts(f));
    }
    int m = chunksPer(rows);
    @SuppressWarnings("unchecked")
    Map<String, Long>[] ref = categoricalWindows.computeIfAbsent(f.name + '\u0000' + m, k -> {
      List<Map<String, Long>> out = new ArrayList<>();
      for (int s = 0; s + m <= chunks.count(); s++) {
        ReferenceChunks.CategoricalWindow w = chunks.categorical(f.name, s, s + m);
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
  private static Map<String, Long> windowCounts(FeatureSpec f, WindowState cur, int index) {
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
