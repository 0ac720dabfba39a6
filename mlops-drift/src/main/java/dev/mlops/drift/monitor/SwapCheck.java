package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.ReferenceChunks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 *
 * <p>The parts: {@link WholeReferenceFilter} (the filter), {@link SwapSeparation} (whether two
 * references can be told apart), {@link SwapWindows} (the reference windows and the distances to
 * the nearest of them), {@link CategoricalSwap} (categorical pairs), {@link SwapEvaluation} (one
 * window's samples and own distances); this class pairs the fields and names the swaps.
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

  private final SwapWindows windows;
  private final WholeReferenceFilter filter = new WholeReferenceFilter();
  private final SwapSeparation separation;
  private final CategoricalSwap categorical;

  /**
   * A swap check.
   *
   * @param chunks the profile's ordered chunks (null without order: whole references)
   */
  SwapCheck(ReferenceChunks chunks) {
    this.windows = new SwapWindows(chunks);
    this.separation = new SwapSeparation(windows);
    this.categorical = new CategoricalSwap(windows);
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
    SwapEvaluation e = new SwapEvaluation(cur, windows, categorical);
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
  private void row(int i, List<FeatureDrift> features, FeatureSpec[] specs, SwapEvaluation e,
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
            : categorical.pair(specs[i], specs[j], e, i, j, e.rows());
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
    filter.prepare(f);
  }

  private String numericPair(int ia, FeatureSpec a, FeatureDrift da, int ib, FeatureSpec b,
      FeatureDrift db, SwapEvaluation e) {
    if (!(a.referenceStd > 0) || !(b.referenceStd > 0) || a.referenceSorted.length == 0
        || b.referenceSorted.length == 0) {
      return null;
    }
    long rows = Math.max(e.seen(a), e.seen(b));
    boolean both = windows.ordered(a) && windows.ordered(b);
    long key = both ? SwapSeparation.pairKey(ia, ib, windows.chunksPer(rows)) : -1;
    if (both && separation.knownNotSeparated(key)) {
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
    if (!filter.within(pa, b, db) || !filter.within(pb, a, da)) {
      return null;
    }
    if (both && separation.alike(a, b, windows.chunksPer(rows), key)) {
      return null;
    }
    double ownA = e.own(pa, a, rows);
    double crossA = windows.nearestUnder(pa, b, rows, RATIO * ownA);
    if (!(crossA < RATIO * ownA)) {
      return null;
    }
    double ownB = e.own(pb, b, rows);
    double crossB = windows.nearestUnder(pb, a, rows, RATIO * ownB);
    if (!(crossB < RATIO * ownB) || !separation.separated(a, b, rows, key)
        || !separation.wholeSeparated(ia, a, crossA, ib, b, crossB)) {
      return null;
    }
    return String.format(Locale.ROOT,
        "%s and %s look swapped: %s's window is at normed Wasserstein %s from %s's reference "
            + "and %s from its own; %s's at %s from %s's and %s from its own (%s; a swap needs "
            + "each under %s of its own)", a.name, b.name, a.name, DriftReport.fmt(crossA),
        b.name, DriftReport.fmt(ownA), b.name, DriftReport.fmt(crossB), a.name,
        DriftReport.fmt(ownB), windows.origin(a, b, rows), RATIO);
  }

  /**
   * The Wasserstein-1 distance of two ascending point sets with weights (null: equal), as {@link
   * SwapWindows#w1(double[], double[], double[], double[])}.
   */
  static double w1(double[] a, double[] aWeights, double[] b, double[] weights) {
    return SwapWindows.w1(a, aWeights, b, weights);
  }
}
