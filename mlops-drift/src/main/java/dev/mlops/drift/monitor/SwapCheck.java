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
 * be told apart (each window is as close to either), and are never named: numeric references
 * must lie apart by more than {@value #SEPARATION} times the windows' own spread (window by window
 * with order; without, whole references against the two windows' cross distances together).
 *
 * <p>Only fields with a reference of the same kind pair up, and a numeric pair is compared only
 * when each window first passes the other field's whole-reference drift threshold (a cheap filter:
 * a swapped window does).
 *
 * <p>Cost: the pairs are quadratic in the feature count, so each numeric pair is set aside as early
 * as an exact argument allows, and the findings (their figures included) are those of comparing
 * every pair in full. A Wasserstein distance is at least the difference of the means, so the
 * filter and the nearest-window searches walk only what that bound cannot rule out, and a walk
 * stops once it passes the bar or the best so far ({@link NearestWindows}). Each window's distance
 * to its own reference is computed once per evaluation, not once per pair. A pair of look-alike
 * references is shown not separated once, cheaply (more than half of one field's reference
 * windows within twice the other's own spread, one walk each), and skipped in every later window:
 * on features of one law a later window then costs a map look-up per pair instead of some 300
 * walks. Thread-safe: the reference windows, the fields' own spreads and the pairs' separation are
 * cached per column (pair) and size.
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
  private final Map<String, NearestWindows> searches = new ConcurrentHashMap<>();
  private final Map<String, NearestWindows.Points> wholes = new ConcurrentHashMap<>();
  private final Map<String, Summary> summaries = new ConcurrentHashMap<>();
  /** Each column's median distance of its windows to their nearest non-overlapping own one. */
  private final Map<String, Double> noise = new ConcurrentHashMap<>();
  /** Whether a pair (schema indices) can be told apart at a window size (chunks). */
  private final Map<Long, Boolean> separation = new ConcurrentHashMap<>();
  /** The raw distance between two whole references (pairs without order). */
  private final Map<Long, Double> wholeDistance = new ConcurrentHashMap<>();
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
    return findings(features, specs, cur, null);
  }

  /**
   * The swap findings of a window, the pairs compared in parallel when {@code parallel} is given
   * ({@link SharedWork}: the first window of a size, whose look-alike tests of every pair are
   * computed once and then cached; a later window looks them up). The same findings in the same
   * order either way: each pair's result is a deterministic function of the pair and the window.
   *
   * @param features the window's feature verdicts, in schema order
   * @param specs the features' specs, in the same order
   * @param cur the window
   * @param parallel the helpers' executor, or null to compare the pairs on this thread
   * @return one finding per likely swapped pair (none usually)
   */
  List<String> findings(List<FeatureDrift> features, FeatureSpec[] specs, WindowState cur,
      java.util.concurrent.Executor parallel) {
    Evaluation e = new Evaluation(cur);
    if (parallel == null) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < specs.length; i++) {
        row(i, features, specs, e, cur, out);
      }
      return out;
    }
    for (int i = 0; i < specs.length; i++) {
      // the window's samples are sorted here, once, not by two threads at a time
      if (specs[i].hasReference && specs[i].numeric) {
        e.sample(specs[i]);
      } else if (specs[i].hasReference) {
        e.counts(specs[i], i);
      }
    }
    @SuppressWarnings("unchecked")
    List<String>[] rows = new List[specs.length];
    // the last rows first: row i needs the own spreads of the columns after it, which the rows
    // after it have computed, so each thread computes the spread of its own row's column instead
    // of two threads racing through the same columns in the same order (and one waiting)
    SharedWork.run(parallel, specs.length, k -> {
      int i = specs.length - 1 - k;
      List<String> out = new ArrayList<>();
      row(i, features, specs, e, cur, out);
      rows[i] = out;
    });
    List<String> out = new ArrayList<>();
    for (List<String> r : rows) {
      if (r != null) {
        out.addAll(r);
      }
    }
    return out;
  }

  /** The findings of the pairs {@code (i, j > i)}, added to {@code out} in order of {@code j}. */
  private void row(int i, List<FeatureDrift> features, FeatureSpec[] specs, Evaluation e,
      WindowState cur, List<String> out) {
    if (!specs[i].hasReference) {
      return;
    }
    for (int j = i + 1; j < specs.length; j++) {
      if (!specs[j].hasReference || specs[i].numeric != specs[j].numeric) {
        continue;
      }
      try {
        String s = specs[i].numeric
            ? numericPair(i, specs[i], features.get(i), j, specs[j], features.get(j), e)
            : categoricalPair(specs[i], specs[j], e, i, j, rows(cur));
        if (s != null) {
          out.add(s);
        }
      } catch (RuntimeException ex) {
        // a pair that cannot be compared is no finding: the window's other checks still run
      }
    }
  }

  /**
   * Computes ahead what nearly every pair of a first window looks up per column (thread-safe, in
   * parallel for different columns): a numeric column's whole-reference summary, which the filter
   * of every pair that reaches it uses. The reference windows and own spreads are left to the
   * pairs that pass the filter (on distinct laws few do: computing them for every column cost more
   * than it saved). Never throws.
   */
  void prepare(FeatureSpec f) {
    if (!f.hasReference || !f.numeric || !(f.referenceStd > 0) || f.referenceSorted.length == 0) {
      return;
    }
    try {
      NearestWindows.Points ref = whole(f);
      if (ref.regular()) {
        summary(f.name, ref);
      }
    } catch (RuntimeException e) {
      // computed (or failing) when a pair needs it
    }
  }

  /**
   * One evaluation's window samples (sorted copies) and their distances to their own reference,
   * each computed once, not once per pair.
   */
  private final class Evaluation {
    private final WindowState cur;
    private final Map<Integer, NearestWindows.Points> samples = new ConcurrentHashMap<>();
    private final Map<Long, Double> own = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, Long>> counts = new ConcurrentHashMap<>();
    private final Map<Integer, Double> ownCategorical = new ConcurrentHashMap<>();

    Map<String, Long> counts(FeatureSpec f, int index) {
      return counts.computeIfAbsent(index, k -> windowCounts(f, cur, index));
    }

    double ownCategorical(Map<String, Long> window, FeatureSpec f, int index, long rows) {
      return ownCategorical.computeIfAbsent(index, k -> nearestCategorical(window, f, rows));
    }

    Evaluation(WindowState cur) {
      this.cur = cur;
    }

    NearestWindows.Points sample(FeatureSpec f) {
      return samples.computeIfAbsent(f.numericSlot, s -> NearestWindows.Points.of(
          cur.reservoirs[s].sortedInPlace().clone(), null));
    }

    long seen(FeatureSpec f) {
      return cur.reservoirs[f.numericSlot].seen();
    }

    double own(NearestWindows.Points p, FeatureSpec f, long rows) {
      long key = (long) f.numericSlot << 32 | (ordered(f) ? chunksPer(rows) : 0);
      Double d = own.get(key);
      if (d == null) {
        d = nearest(p, f, rows); // a deterministic value: a second thread computes the same
        own.put(key, d);
      }
      return d;
    }
  }

  private String numericPair(int ia, FeatureSpec a, FeatureDrift da, int ib, FeatureSpec b,
      FeatureDrift db, Evaluation e) {
    if (!(a.referenceStd > 0) || !(b.referenceStd > 0) || a.referenceSorted.length == 0
        || b.referenceSorted.length == 0) {
      return null;
    }
    long rows = Math.max(e.seen(a), e.seen(b));
    boolean both = ordered(a) && ordered(b);
    long key = both ? pairKey(ia, ib, chunksPer(rows)) : -1;
    if (both && Boolean.FALSE.equals(separation.get(key))) {
      return null; // look-alike references: never a swap at this window size
    }
    NearestWindows.Points pa = e.sample(a);
    NearestWindows.Points pb = e.sample(b);
    if (pa.values().length < MIN_VALUES || pb.values().length < MIN_VALUES) {
      return null;
    }
    if (!pa.regular() || !pb.regular()) {
      // a window holding a non-finite value is at NaN from every reference: never named
      return null;
    }
    // the filter: each window within the other's whole-reference threshold (when it has one)
    if (!within(pa, b, db) || !within(pb, a, da)) {
      return null;
    }
    if (both && alike(a, b, chunksPer(rows), key)) {
      return null;
    }
    double ownA = e.own(pa, a, rows);
    double crossA = nearestUnder(pa, b, rows, RATIO * ownA);
    if (!(crossA < RATIO * ownA)) {
      return null;
    }
    double ownB = e.own(pb, b, rows);
    double crossB = nearestUnder(pb, a, rows, RATIO * ownB);
    if (!(crossB < RATIO * ownB) || !separated(a, b, rows, key)
        || !wholeSeparated(ia, a, crossA, ib, b, crossB)) {
      return null;
    }
    return String.format(Locale.ROOT,
        "%s and %s look swapped: %s's window is at normed Wasserstein %s from %s's reference "
            + "and %s from its own; %s's at %s from %s's and %s from its own (%s; a swap needs "
            + "each under %s of its own)", a.name, b.name, a.name, DriftReport.fmt(crossA),
        b.name, DriftReport.fmt(ownA), b.name, DriftReport.fmt(crossB), a.name,
        DriftReport.fmt(ownB), origin(a, b, rows), RATIO);
  }

  private static long pairKey(int a, int b, int m) {
    return (long) a << 40 | (long) b << 16 | m;
  }

  /**
   * Whether window {@code p} lies within the whole-reference drift threshold of {@code other}
   * (true when {@code verdict} has none): its normed distance to {@code other}'s reference under
   * the threshold. The walk stops once the distance is certainly above it.
   */
  private boolean within(NearestWindows.Points p, FeatureSpec other, FeatureDrift verdict) {
    if (verdict == null || !Double.isFinite(verdict.threshold())
        || !"normed_wasserstein".equals(verdict.test())) {
      return true;
    }
    double threshold = verdict.threshold();
    NearestWindows.Points ref = whole(other);
    if (!ref.regular()) {
      return within(w1(p.values(), ref.values(), null) / other.referenceStd, verdict);
    }
    double stop = threshold * other.referenceStd * (1 + NearestWindows.SLACK);
    if (NearestWindows.lowerBound(p, ref) > stop) {
      return false;
    }
    // settled through the reference's summary when the triangle inequality puts the distance
    // beyond the slack of either bar (the second with a margin far above the division's
    // rounding), else walked
    Summary sum = summary(other.name, ref);
    if (sum != null && NearestWindows.pairable(p, sum.points())) {
      double d = NearestWindows.paired(p, sum.points());
      double slack = 2 * NearestWindows.SLACK * (p.magnitude() + ref.magnitude());
      if (d - sum.distance() - slack > stop) {
        return false;
      }
      if (d + sum.distance() + slack <= threshold * other.referenceStd * (1 - 1e-12)) {
        return true;
      }
    }
    double d = NearestWindows.walk(p, ref, stop);
    return d <= stop && d / other.referenceStd < threshold;
  }

  /**
   * A whole reference's summary: {@value #SUMMARY} of its order statistics, at the middle of
   * equal shares, of equal weight, and their exact (walked) distance to the reference, {@code e}.
   * A window's distance {@code D} to the reference then lies within {@code e} of its {@linkplain
   * NearestWindows#paired paired} distance {@code d} to the summary (the triangle inequality), a
   * loop over the window and the summary instead of a walk over the whole reference: the filter
   * walks only when {@code d +- e} straddles its bar. On 500 fields of one law every pair passes
   * the filter in the first window, each window against the other's 10,000 reference values; e
   * is then some 1% of the bar.
   */
  private record Summary(NearestWindows.Points points, double distance) {}

  /** Points of a whole reference's {@link Summary}. */
  static final int SUMMARY = 1_000;

  private static final Summary NO_SUMMARY = new Summary(null, Double.NaN);

  private Summary summary(String column, NearestWindows.Points ref) {
    Summary s = summaries.computeIfAbsent(column, k -> {
      double[] v = ref.values();
      long n = v.length;
      if (n < 2L * SUMMARY) {
        return NO_SUMMARY; // the walk is short anyway
      }
      double[] q = new double[SUMMARY];
      for (int i = 0; i < SUMMARY; i++) {
        q[i] = v[(int) ((2L * i + 1) * n / (2L * SUMMARY))];
      }
      NearestWindows.Points p = NearestWindows.Points.of(q, null);
      double e = NearestWindows.walk(p, ref, Double.POSITIVE_INFINITY);
      return p.regular() && Double.isFinite(e) ? new Summary(p, e) : NO_SUMMARY;
    });
    return s == NO_SUMMARY ? null : s;
  }

  private NearestWindows.Points whole(FeatureSpec f) {
    return wholes.computeIfAbsent(f.name,
        k -> NearestWindows.Points.of(f.referenceSorted, null));
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
  private double nearest(NearestWindows.Points p, FeatureSpec f, long rows) {
    double[] window = p.values();
    if (!ordered(f)) {
      return w1(window, f.referenceSorted, null) / f.referenceStd;
    }
    NearestWindows search = search(f.name, chunksPer(rows));
    if (search.regular()) {
      return search.nearest(p, -1, 0) / f.referenceStd;
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
   * {@link #nearest} when it is under {@code bar}, else infinity (or another value not under the
   * bar): the search stops once no window can come under it.
   */
  private double nearestUnder(NearestWindows.Points p, FeatureSpec f, long rows, double bar) {
    if (ordered(f)) {
      NearestWindows search = search(f.name, chunksPer(rows));
      if (search.regular()) {
        return search.nearestUnder(p, f.referenceStd, bar);
      }
    }
    return nearest(p, f, rows);
  }

  /** The column's windows of {@code m} consecutive chunks, for the pruned searches. */
  private NearestWindows search(String column, int m) {
    return searches.computeIfAbsent(column + '\u0000' + m, k -> {
      double[][][] w = referenceWindows(column, m);
      NearestWindows.Points[] points = new NearestWindows.Points[w.length];
      for (int i = 0; i < w.length; i++) {
        points[i] = NearestWindows.Points.of(w[i][0], w[i][1]);
      }
      return new NearestWindows(points);
    });
  }

  /**
   * Whether {@link #separated} is certainly false for this pair, shown cheaply (remembered): more
   * than half of one field's reference windows lie, by one walk each to the other field's window
   * of nearest mean, within {@value #SEPARATION} times the other field's own median distance.
   * Look-alike fields (every standardised feature of one law) end here after one look at their
   * references, instead of a walk per reference window in every window.
   */
  private boolean alike(FeatureSpec a, FeatureSpec b, int m, long key) {
    Boolean known = separation.get(key);
    if (known != null) {
      return !known;
    }
    NearestWindows ra = search(a.name, m);
    NearestWindows rb = search(b.name, m);
    if (!ra.regular() || !rb.regular()) {
      return false;
    }
    // the limits below are the separation's right-hand sides, computed as it computes them
    double limitB = SEPARATION * noise(b.name, m) / b.referenceStd * b.referenceStd
        * (1 - NearestWindows.SLACK);
    double limitA = SEPARATION * noise(a.name, m) / a.referenceStd * a.referenceStd
        * (1 - NearestWindows.SLACK);
    if (ra.medianNearestAtMost(rb, limitB) || rb.medianNearestAtMost(ra, limitA)) {
      separation.put(key, false);
      return true;
    }
    return false;
  }

  /** A column's median distance of its windows to their nearest non-overlapping own window. */
  private double noise(String column, int m) {
    return noise.computeIfAbsent(column + '\u0000' + m, k -> {
      NearestWindows r = search(column, m);
      if (!r.regular()) {
        double[][][] w = referenceWindows(column, m);
        return median(nearestOf(w, w, m));
      }
      NearestWindows.Points[] w = r.windows();
      double[] out = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        out[i] = r.nearest(w[i], i, m);
      }
      return median(out);
    });
  }

  /**
   * Whether two ordered references can be told apart at this window size: each field's reference
   * windows lie, at the median, more than {@value #SEPARATION} times further from the nearest
   * window of the other field than from the nearest other window of their own (a window not
   * overlapping them). Fields that look alike window by window (a temperature and a felt
   * temperature; two AR(1) streams of one law) fail, and are never named a swap: a clean window
   * of one is then near the other's reference by chance. True without order (whole references:
   * {@link #wholeSeparated} decides).
   */
  private boolean separated(FeatureSpec a, FeatureSpec b, long rows, long key) {
    if (!ordered(a) || !ordered(b)) {
      return true;
    }
    int m = chunksPer(rows);
    return separation.computeIfAbsent(key, k -> {
      NearestWindows ra = search(a.name, m);
      NearestWindows rb = search(b.name, m);
      if (!ra.regular() || !rb.regular()) {
        double[][][] wa = referenceWindows(a.name, m);
        double[][][] wb = referenceWindows(b.name, m);
        return median(nearestOf(wa, wb, -1)) / b.referenceStd
                > SEPARATION * median(nearestOf(wb, wb, m)) / b.referenceStd
            && median(nearestOf(wb, wa, -1)) / a.referenceStd
                > SEPARATION * median(nearestOf(wa, wa, m)) / a.referenceStd;
      }
      return median(nearestAll(ra, rb)) / b.referenceStd
              > SEPARATION * noise(b.name, m) / b.referenceStd
          && median(nearestAll(rb, ra)) / a.referenceStd
              > SEPARATION * noise(a.name, m) / a.referenceStd;
    });
  }

  /**
   * Without order on either side (whole references): whether the two references lie further
   * apart (in each field's units) than {@value #SEPARATION} times the two windows' distances to
   * the other's reference together. Two fields of one law (standardised features) have references
   * about as far apart as a window's sampling noise, so a clean window of one is as near the
   * other's reference as its own, and half the time nearer: without this, a monitor of 50 such
   * features named about 35 pairs in a clean 1,000-row window (each window's cross distance alone
   * still let 1-2 pairs in 4 windows through). A real swap puts each window at noise distance
   * from a reference that lies far from the other. True when both are ordered ({@link
   * #separated} decides).
   */
  private boolean wholeSeparated(int ia, FeatureSpec a, double crossA, int ib, FeatureSpec b,
      double crossB) {
    if (ordered(a) && ordered(b)) {
      return true;
    }
    double d = wholeDistance.computeIfAbsent(pairKey(ia, ib, 0),
        k -> w1(a.referenceSorted, b.referenceSorted, null));
    double cross = crossA + crossB;
    return d / b.referenceStd > SEPARATION * cross && d / a.referenceStd > SEPARATION * cross;
  }

  /** For each window of {@code from}, the distance to its nearest window of {@code to}. */
  private static double[] nearestAll(NearestWindows from, NearestWindows to) {
    NearestWindows.Points[] w = from.windows();
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = to.nearest(w[i], -1, 0);
    }
    return out;
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

  private String categoricalPair(FeatureSpec a, FeatureSpec b, Evaluation e, int ia,
      int ib, long rows) {
    Map<String, Long> wa = e.counts(a, ia);
    Map<String, Long> wb = e.counts(b, ib);
    long na = total(wa);
    long nb = total(wb);
    if (na < MIN_VALUES || nb < MIN_VALUES) {
      return null;
    }
    double ownA = e.ownCategorical(wa, a, ia, rows);
    double crossA = nearestCategorical(wa, b, rows);
    double ownB = e.ownCategorical(wb, b, ib, rows);
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
