package dev.mlops.drift.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How the features and calibrations of two merged profiles combine. Stateless. */
final class ProfileMerges {

  private ProfileMerges() {}

  /**
   * The profile of the union of two profiles' features (no calibrations, no chunks).
   *
   * @throws IllegalArgumentException if the configuration or the feature names differ
   */
  static ReferenceProfile features(ReferenceProfile a, ReferenceProfile b) {
    if (a.bins() != b.bins() || a.exactCap() != b.exactCap() || a.topK() != b.topK()) {
      throw new IllegalArgumentException(
          "profiles must have the same configuration to merge: bins/exactCap/topK "
              + a.bins() + "/" + a.exactCap() + "/" + a.topK() + " vs "
              + b.bins() + "/" + b.exactCap() + "/" + b.topK());
    }
    Map<String, FeatureProfile> theirs = new java.util.LinkedHashMap<>();
    b.allProfiles().forEach(p -> theirs.put(p.name(), p));
    List<String> mine = a.allProfiles().stream().map(FeatureProfile::name).toList();
    if (!new java.util.HashSet<>(mine).equals(theirs.keySet())) {
      throw new IllegalArgumentException(
          "profiles must have the same features to merge: " + mine + " vs " + theirs.keySet());
    }
    ProfileAccumulation union = new ProfileAccumulation(a.bins(), a.exactCap(), a.topK());
    for (FeatureProfile p : a.allProfiles()) {
      FeatureProfile q = theirs.get(p.name());
      // A declared categorical side keeps an inferred-categorical other side categorical.
      boolean categorical = (p instanceof CategoricalProfile && !p.inferred())
          || (q instanceof CategoricalProfile && !q.inferred());
      union.mergeIn(p, categorical);
      union.mergeIn(q, categorical);
    }
    return union.build();
  }

  /**
   * The calibrations with one added (replacing one of the same window size), by window size.
   *
   * @throws IllegalArgumentException if the calibration has a column the profile lacks
   */
  static List<ThresholdCalibration> withCalibration(List<ThresholdCalibration> list,
      java.util.Set<String> columns, ThresholdCalibration calibration) {
    java.util.Objects.requireNonNull(calibration, "calibration must not be null");
    for (String c : calibration.columns().keySet()) {
      if (!columns.contains(c)) {
        throw new IllegalArgumentException("calibrated column must be in the profile: " + c);
      }
    }
    List<ThresholdCalibration> out = new ArrayList<>();
    for (ThresholdCalibration c : list) {
      if (c.windowRows() != calibration.windowRows()) {
        out.add(c);
      }
    }
    out.add(calibration);
    out.sort(java.util.Comparator.comparingLong(ThresholdCalibration::windowRows));
    return out;
  }

  /**
   * Calibrations of the same window size pool their windows ({@link ThresholdCalibration#merge});
   * one only one side has, or two that cannot merge (another method or rate), is kept as is
   * (the first side's first).
   */
  static List<ThresholdCalibration> calibrations(List<ThresholdCalibration> mine,
      List<ThresholdCalibration> theirs) {
    Map<Long, ThresholdCalibration> bySize = new TreeMap<>();
    for (ThresholdCalibration c : mine) {
      bySize.put(c.windowRows(), c);
    }
    for (ThresholdCalibration c : theirs) {
      ThresholdCalibration m = bySize.get(c.windowRows());
      if (m == null) {
        bySize.put(c.windowRows(), c);
      } else {
        try {
          bySize.put(c.windowRows(), m.merge(c));
        } catch (IllegalArgumentException e) {
          // different method, rate or columns: keep the first side's
        }
      }
    }
    return new ArrayList<>(bySize.values());
  }

  /**
   * The estimate sample of the union: both sides' merged; the one side's when only it has one (a
   * calibration on part of the reference); none when the kinds differ (binary and top-label).
   */
  static EstimateSample estimateSamples(EstimateSample mine, EstimateSample theirs) {
    if (mine == null || theirs == null) {
      return mine == null ? theirs : mine;
    }
    return mine.topLabel() == theirs.topLabel() ? mine.merge(theirs) : null;
  }
}
