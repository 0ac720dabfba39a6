package dev.mlops.drift.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A window's {@link DataQuality}: each feature's counts and the findings of broken pipelines
 * (constant or collapsed columns, rounding, a jump in the top share, missing and non-finite rates,
 * values beyond the reference's range beyond what its ordered chunks lead to expect, unseen
 * categories, unknown fields, non-finite predictions, labels outside the declared classes). Split
 * out of {@link WindowEvaluator} (thirteenth session), which keeps the drift verdicts; the same
 * operations in the same order, so the same reports bit for bit. Thread-safe as its {@link
 * RangeTolerance} is (a cache of deterministic values); stateless otherwise.
 */
final class WindowQuality {

  private final MonitorConfig config;
  private final Schema schema;
  private final RangeTolerance ranges;

  WindowQuality(MonitorConfig config, Schema schema, RangeTolerance ranges) {
    this.config = config;
    this.schema = schema;
    this.ranges = ranges;
  }

  /** The quality with further findings appended. */
  static DataQuality withFindings(DataQuality q, List<String> more) {
    if (more.isEmpty()) {
      return q;
    }
    List<String> all = new ArrayList<>(q.findings());
    all.addAll(more);
    return new DataQuality(q.rows(), q.features(), q.rowsWithUnknownFeatures(),
        q.topUnknownFeatures(), q.nonFinitePredictions(), q.labelsOutsideClasses(), all);
  }

  /**
   * The window's data quality: per feature its counts (missing, absent, non-finite, beyond the
   * range, wrong type, unseen categories, distinct values and top share), and the findings of the
   * thresholds crossed, the most specific cause first.
   */
  DataQuality of(WindowState cur) {
    QualityThresholds t = config.quality();
    List<FeatureQuality> list = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    for (int i = 0; i < schema.features.length; i++) {
      FeatureSpec f = schema.features[i];
      CollapseCheck.Summary c = collapse(f, cur);
      FeatureQuality q = new FeatureQuality(f.name, cur.rows,
          cur.quality(i, Schema.MISSING), cur.quality(i, Schema.ABSENT),
          cur.quality(i, Schema.NON_FINITE), cur.quality(i, Schema.OUT_OF_RANGE),
          cur.quality(i, Schema.WRONG_TYPE), cur.quality(i, Schema.UNSEEN), cur.topUnseen(i),
          c.distinct(), c.expectedDistinct(), c.topShare(), c.referenceShareOfTop());
      list.add(q);
      // the most specific cause first: constant or collapsed, then rounded, then a share jump
      String collapsed = CollapseCheck.collapseFinding(f.name, c, config.minSampleSize());
      if (collapsed == null && f.numeric && f.hasReference) {
        collapsed = rounded(f, c, cur);
      }
      if (collapsed == null) {
        collapsed = CollapseCheck.topShareFinding(f.name, c, config.minSampleSize(),
            t.maxTopShareIncrease());
      }
      if (collapsed != null) {
        findings.add(collapsed);
      }
      if (q.missingRate() > t.maxMissingRate()) {
        findings.add(String.format(Locale.ROOT,
            "%s: missing rate %.4f > %.4f (%d of %d rows; %d absent, %d wrong type)", f.name,
            q.missingRate(), t.maxMissingRate(), q.missing(), q.rows(), q.absent(),
            q.wrongType()));
      }
      if (q.nonFiniteRate() > t.maxNonFiniteRate()) {
        findings.add(String.format(Locale.ROOT, "%s: non-finite rate %.4f > %.4f (%d of %d rows)",
            f.name, q.nonFiniteRate(), t.maxNonFiniteRate(), q.nonFinite(), q.rows()));
      }
      if (ConstantReference.applies(f)) {
        // every row beyond the one reference value differs from it: said as such
        dev.mlops.drift.internal.Reservoir r = cur.reservoirs[f.numericSlot];
        String varying = ConstantReference.finding(f, q, r.sortedInPlace(), r.seen(),
            t.maxOutOfRangeRate());
        if (varying != null) {
          findings.add(varying);
        }
      } else if (q.outOfRangeRate() > t.maxOutOfRangeRate()) {
        String beyond = outOfRange(f, q, cur, t.maxOutOfRangeRate());
        if (beyond != null) {
          findings.add(beyond);
        }
      }
      if (q.unseenRate() > t.maxUnseenRate()) {
        findings.add(String.format(Locale.ROOT,
            "%s: unseen-category rate %.4f > %.4f (%d of %d rows; top %s)", f.name,
            q.unseenRate(), t.maxUnseenRate(), q.unseen(), q.rows(), q.topUnseen()));
      }
    }
    Map<String, Long> unknown = new LinkedHashMap<>(cur.unknown.snapshot());
    double unknownRate = cur.rows == 0 ? 0 : (double) cur.rowsWithUnknown / cur.rows;
    if (unknownRate > t.maxUnknownFeatureRate()) {
      findings.add(String.format(Locale.ROOT,
          "unknown feature names in %.4f of rows > %.4f (%d of %d rows; top %s)", unknownRate,
          t.maxUnknownFeatureRate(), cur.rowsWithUnknown, cur.rows, unknown));
    }
    double predRate = cur.predictions == 0 ? 0
        : (double) cur.nonFinitePredictions / cur.predictions;
    if (predRate > t.maxNonFiniteRate()) {
      findings.add(String.format(Locale.ROOT,
          "predictions: non-finite rate %.4f > %.4f (%d of %d)", predRate,
          t.maxNonFiniteRate(), cur.nonFinitePredictions, cur.predictions));
    }
    if (cur.outsideClasses > 0) {
      findings.add(String.format(Locale.ROOT,
          "labels: %d labelled classifier predictions with a label or class outside the %d "
              + "declared classes (left out of the realised performance)", cur.outsideClasses,
          schema.declaredClasses));
    }
    return new DataQuality(cur.rows, list, cur.rowsWithUnknown, unknown,
        cur.nonFinitePredictions, cur.outsideClasses, findings);
  }

  /**
   * The out-of-range finding, or null when the rows beyond the reference's range lie within the
   * excursion its ordered chunks lead to expect ({@link RangeTolerance}): counted, not a finding.
   */
  private String outOfRange(FeatureSpec f, FeatureQuality q, WindowState cur, double max) {
    String head = String.format(Locale.ROOT,
        "%s: out-of-range rate %.4f > %.4f (%d of %d rows outside reference [%s, %s]", f.name,
        q.outOfRangeRate(), max, q.outOfRange(), q.rows(), DriftReport.fmt(f.referenceMin),
        DriftReport.fmt(f.referenceMax));
    if (!f.numeric || !f.hasReference) {
      return head + ")";
    }
    dev.mlops.drift.internal.Reservoir r = cur.reservoirs[f.numericSlot];
    RangeTolerance.Tolerance tol;
    try {
      tol = ranges.of(f, r.seen());
    } catch (RuntimeException e) {
      return head + ")";
    }
    if (tol.none() || r.size() == 0) {
      return head + ")";
    }
    double[] sorted = r.sortedInPlace();
    double rate = (double) RangeTolerance.beyond(sorted, f.referenceMin, f.referenceMax, tol)
        / sorted.length * r.seen() / Math.max(1, q.rows());
    if (!(rate > max)) {
      return null;
    }
    return String.format(Locale.ROOT, "%s; %.4f of the rows beyond the %s)",
        head, rate, tol.origin());
  }

  private String rounded(FeatureSpec f, CollapseCheck.Summary c, WindowState cur) {
    try {
      return GridCheck.finding(f.name, f.referenceSample,
          cur.reservoirs[f.numericSlot].sortedInPlace(), c, config.minSampleSize());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static CollapseCheck.Summary collapse(FeatureSpec f, WindowState cur) {
    if (!f.hasReference) {
      return CollapseCheck.Summary.EMPTY;
    }
    try {
      return f.numeric
          ? CollapseCheck.numeric(f.referenceSample, cur.reservoirs[f.numericSlot].sortedInPlace(),
              f.referenceLongestRun, f.referenceRunValue, f.referenceStretches, cur.rows)
          : CollapseCheck.categorical(f.categories, f.referenceCounts, cur.slots(f),
              f.referenceLongestRun, f.referenceRunValue, f.referenceStretches);
    } catch (RuntimeException e) {
      return CollapseCheck.Summary.EMPTY;
    }
  }

}
