package dev.mlops.drift.monitor;

import dev.mlops.drift.stat.BinnedStatistics;
import dev.mlops.drift.stat.CountStatistic;
import dev.mlops.drift.stat.DriftStatistic;
import dev.mlops.drift.stat.SampleStatistic;
import dev.mlops.drift.stat.TestResult;
import dev.mlops.drift.stat.Wasserstein;
import java.util.Locale;

/**
 * Compares one column of a window with its baseline: chooses the statistic (Evidently's defaults
 * unless overridden), computes it and the effect size, and leaves the verdict to
 * {@link WindowEvaluator} (which needs all p-values for the multiple-testing correction).
 * Stateless.
 */
final class FeatureEvaluator {

  /** Evidently's boundary between small and large references. */
  static final long SMALL_REFERENCE = 1000;
  /** Evidently: numeric features with at most this many distinct values are tested as categories. */
  static final int FEW_DISTINCT = 5;

  private FeatureEvaluator() {}

  /** The baseline of one column: a reference sample and bin counts. */
  record Base(double[] sorted, long[] slots, long count, double std, String name) {}

  /** The outcome before the verdict. */
  record Outcome(
      FeatureSpec spec,
      DriftStatistic statistic,
      TestResult result,
      double effectSize,
      long nReference,
      long nCurrent,
      DriftStatus preStatus,
      String preReason,
      double overrideThreshold) {

    boolean needsVerdict() {
      return preStatus == null;
    }
  }

  static Base reference(FeatureSpec f) {
    if (f.numeric) {
      return new Base(f.referenceSorted, f.referenceBins, f.referenceCount, f.referenceStd,
          "reference");
    }
    return new Base(new double[0], f.referenceCounts, f.referenceCount, Double.NaN, "reference");
  }

  static Base previous(FeatureSpec f, WindowState prev) {
    long[] slots = prev.slots(f);
    long n = 0;
    for (long c : slots) {
      n += c;
    }
    if (f.numeric) {
      double[] s = f.numericSlot >= 0 ? prev.reservoirs[f.numericSlot].sortedInPlace()
          : new double[0];
      return new Base(s, slots, n, populationStd(s), "previous window");
    }
    return new Base(new double[0], slots, n, Double.NaN, "previous window");
  }

  static double populationStd(double[] x) {
    if (x.length == 0) {
      return Double.NaN;
    }
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / x.length);
  }

  /**
   * Evidently's default choice for a baseline of {@code n} values.
   */
  static DriftStatistic defaultStatistic(FeatureSpec f, Base base, int categoriesWithCounts) {
    boolean small = base.count() <= SMALL_REFERENCE;
    if (f.numeric) {
      if (small) {
        int distinct = distinct(base.sorted());
        return distinct > FEW_DISTINCT ? DriftStatistic.KOLMOGOROV_SMIRNOV
            : DriftStatistic.CHI_SQUARE_HOMOGENEITY;
      }
      return DriftStatistic.NORMED_WASSERSTEIN;
    }
    if (small) {
      return categoriesWithCounts == 2 ? DriftStatistic.TWO_PROPORTION_Z
          : DriftStatistic.CHI_SQUARE_HOMOGENEITY;
    }
    return DriftStatistic.JENSEN_SHANNON;
  }

  static Outcome evaluate(FeatureSpec f, Base base, long[] currentSlots, double[] currentSorted,
      DriftStatistic override, double overrideThreshold, int minSampleSize) {
    long nCur = 0;
    for (long c : currentSlots) {
      nCur += c;
    }
    long nRef = base.count();
    int nonEmptyBaseline = 0;
    for (int i = 0; i < base.slots().length; i++) {
      if (base.slots()[i] > 0) {
        nonEmptyBaseline++;
      }
    }
    DriftStatistic stat = override != null ? override : defaultStatistic(f, base, nonEmptyBaseline);
    if (nRef < minSampleSize) {
      return new Outcome(f, stat, null, Double.NaN, nRef, nCur, DriftStatus.INSUFFICIENT_DATA,
          String.format(Locale.ROOT, "%s has %d values < minimum %d", base.name(), nRef,
              minSampleSize), overrideThreshold);
    }
    if (nCur < minSampleSize) {
      return new Outcome(f, stat, null, Double.NaN, nRef, nCur, DriftStatus.INSUFFICIENT_DATA,
          String.format(Locale.ROOT, "window has %d values < minimum %d", nCur, minSampleSize),
          overrideThreshold);
    }
    if (stat.onSamples() && !f.numeric) {
      return new Outcome(f, stat, null, Double.NaN, nRef, nCur, DriftStatus.ERROR,
          stat.key() + " needs numeric samples but the feature is categorical",
          overrideThreshold);
    }
    try {
      TestResult r = compute(stat, base, currentSlots, currentSorted);
      // the effect size is the default distance itself: do not compute it twice
      boolean same = (f.numeric && stat == DriftStatistic.NORMED_WASSERSTEIN
          && Double.isFinite(base.std())) || (!f.numeric && stat == DriftStatistic.JENSEN_SHANNON);
      double effect = same && r.isOk() ? r.statistic()
          : effectSize(f, base, currentSlots, currentSorted);
      // report the sizes the statistic actually used (a reservoir sample may be smaller than
      // the window)
      nRef = r.n1();
      nCur = r.n2();
      if (!r.isOk()) {
        DriftStatus st = r.status() == TestResult.Status.INSUFFICIENT_DATA
            ? DriftStatus.INSUFFICIENT_DATA : DriftStatus.ERROR;
        return new Outcome(f, stat, r, effect, nRef, nCur, st,
            stat.key() + " " + r.status().label() + ": " + r.reason(), overrideThreshold);
      }
      String broken = brokenContract(stat, r);
      if (broken != null) {
        return new Outcome(f, stat, r, effect, nRef, nCur, DriftStatus.ERROR, broken,
            overrideThreshold);
      }
      return new Outcome(f, stat, r, effect, nRef, nCur, null, null, overrideThreshold);
    } catch (RuntimeException | AssertionError | LinkageError | StackOverflowError e) {
      // a user statistic's bug (an assertion, a missing class, runaway recursion) is that
      // feature's error; other errors (out of memory, internal VM errors) still propagate
      return new Outcome(f, stat, null, Double.NaN, nRef, nCur, DriftStatus.ERROR,
          stat.key() + " failed: " + e, overrideThreshold);
    }
  }

  /**
   * Why an OK result cannot be decided on (a user statistic may return one): a test without a
   * p-value in [0, 1], or a distance that is NaN. Null when the result is usable.
   */
  private static String brokenContract(DriftStatistic stat, TestResult r) {
    if (stat.hasPValue() && !(r.pValue() >= 0 && r.pValue() <= 1)) {
      return stat.key() + " returned status ok with p-value " + r.pValue() + " outside [0, 1]";
    }
    if (!stat.hasPValue() && Double.isNaN(r.statistic())) {
      return stat.key() + " returned status ok with a NaN distance";
    }
    return null;
  }

  private static TestResult compute(DriftStatistic stat, Base base, long[] cur,
      double[] curSorted) {
    if (stat == DriftStatistic.NORMED_WASSERSTEIN && Double.isFinite(base.std())) {
      // the whole reference's deviation (from the profile), not the reference sample's
      return Wasserstein.normedDistanceSorted(base.sorted(), curSorted, base.std());
    }
    if (stat instanceof SampleStatistic s) {
      return s.test(base.sorted(), curSorted);
    }
    return ((CountStatistic) stat).test(base.slots(), cur);
  }

  /**
   * The effect size: normed Wasserstein distance for numeric columns (reference standard
   * deviation floored at 0.001), Jensen-Shannon distance of the category proportions (unseen
   * categories in their own bucket) for categorical ones.
   */
  static double effectSize(FeatureSpec f, Base base, long[] cur, double[] curSorted) {
    TestResult r;
    if (f.numeric) {
      if (base.sorted().length == 0 || curSorted.length == 0) {
        return Double.NaN;
      }
      r = Double.isFinite(base.std())
          ? Wasserstein.normedDistanceSorted(base.sorted(), curSorted, base.std())
          : Wasserstein.normedDistanceSorted(base.sorted(), curSorted);
    } else {
      r = BinnedStatistics.jensenShannon(base.slots(), cur);
    }
    return r.isOk() ? r.statistic() : Double.NaN;
  }

  static String effectName(FeatureSpec f) {
    return f.numeric ? "normed Wasserstein" : "Jensen-Shannon";
  }

  private static int distinct(double[] sorted) {
    int d = 0;
    for (int i = 0; i < sorted.length && d <= FEW_DISTINCT; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        d++;
      }
    }
    return d;
  }
}
