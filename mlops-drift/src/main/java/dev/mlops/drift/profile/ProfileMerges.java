package dev.mlops.drift.profile;

import dev.mlops.drift.decision.ThresholdCalibration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How the calibrations of two merged profiles combine. Stateless. */
final class ProfileMerges {

  private ProfileMerges() {}

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
}
