package dev.mlops.drift.monitor;

import dev.mlops.drift.profile.FeatureProfile;
import dev.mlops.drift.profile.FeatureType;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.stat.DriftStatistic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the calibrated statistics of each calibration window the way a monitor computes them:
 * every window runs through a scratch {@link DriftMonitor} with the monitor's reservoir size,
 * minimum sample size and seed (fixed rules, no verdict of its own). Not thread-safe; one per
 * calibration.
 */
final class CalibrationRun {

  private final ReferenceProfile profile;
  private final int reservoirSize;
  private final int minSampleSize;
  private final long seed;

  CalibrationRun(ReferenceProfile profile, int reservoirSize, int minSampleSize, long seed) {
    this.profile = profile;
    this.reservoirSize = reservoirSize;
    this.minSampleSize = minSampleSize;
    this.seed = seed;
  }

  static Map<String, DriftStatistic> statistics(ReferenceProfile profile,
      List<Map<String, ?>> rows) {
    Map<String, DriftStatistic> stats = new LinkedHashMap<>();
    for (FeatureProfile p : profile.features()) {
      stats.put(p.name(), statisticFor(p));
    }
    // predictions only when the rows carry them (else the scratch windows would have none)
    boolean predictions = rows.stream().anyMatch(r -> r != null
        && r.get(ReferenceProfile.PREDICTION) instanceof Number);
    if (predictions) {
      profile.prediction().ifPresent(p -> stats.put(ReferenceProfile.PREDICTION,
          statisticFor(p)));
    }
    profile.label().ifPresent(p -> stats.put(ReferenceProfile.LABEL, statisticFor(p)));
    return stats;
  }

  private static Prediction of(double v, boolean classes) {
    return classes ? Prediction.ofClass((int) v) : Prediction.ofValue(v);
  }

  private static DriftStatistic statisticFor(FeatureProfile p) {
    return p.type() == FeatureType.NUMERIC ? DriftStatistic.NORMED_WASSERSTEIN
        : DriftStatistic.JENSEN_SHANNON;
  }

  Map<String, double[]> measure(List<List<Map<String, ?>>> windows,
      Map<String, DriftStatistic> stats, double factor) {
    DriftMonitor.Builder b = DriftMonitor.builder(profile)
        .window(Window.tumblingCount(Long.MAX_VALUE / 4))
        .reservoirSize(reservoirSize)
        .minSampleSize(minSampleSize)
        .seed(seed)
        .history(1)
        .logWindows(false)
        // the scratch monitor only measures: no verdict of its own
        .distanceThreshold(Double.MAX_VALUE)
        .driftShare(1.0);
    stats.forEach(b::featureTest);
    DriftMonitor scratch = b.build();
    boolean label = stats.containsKey(ReferenceProfile.LABEL);
    boolean labelClasses = label && profile.label().orElseThrow().type()
        == FeatureType.CATEGORICAL;
    boolean prediction = stats.containsKey(ReferenceProfile.PREDICTION);
    boolean predictionClasses = prediction && profile.prediction().orElseThrow().type()
        == FeatureType.CATEGORICAL;
    Map<String, double[]> values = new LinkedHashMap<>();
    stats.keySet().forEach(k -> values.put(k, new double[windows.size()]));
    long id = 0;
    for (int w = 0; w < windows.size(); w++) {
      for (Map<String, ?> row : windows.get(w)) {
        Object y = row == null ? null : row.get(ReferenceProfile.LABEL);
        Map<String, ?> features = row;
        if (row != null && (row.containsKey(ReferenceProfile.LABEL)
            || row.containsKey(ReferenceProfile.PREDICTION))) {
          Map<String, Object> copy = new LinkedHashMap<>(row);
          copy.remove(ReferenceProfile.LABEL);
          copy.remove(ReferenceProfile.PREDICTION);
          features = copy;
        }
        Object yp = row == null ? null : row.get(ReferenceProfile.PREDICTION);
        Prediction pred = prediction && yp instanceof Number pn
            && Double.isFinite(pn.doubleValue()) ? of(pn.doubleValue(), predictionClasses)
            : null;
        if (label && y instanceof Number n && Double.isFinite(n.doubleValue())) {
          String rid = Long.toString(id++);
          double v = n.doubleValue();
          // a label joins a prediction: the row's own, else one standing in for it
          scratch.record(features, pred != null ? pred : of(v, labelClasses), rid);
          scratch.recordLabel(rid, v);
        } else {
          scratch.record(features, pred, null);
        }
      }
      DriftReport r = scratch.closeWindow().orElseThrow();
      for (Map.Entry<String, double[]> e : values.entrySet()) {
        FeatureDrift d = ReferenceProfile.LABEL.equals(e.getKey()) ? r.label()
            : ReferenceProfile.PREDICTION.equals(e.getKey()) ? r.prediction()
            : r.feature(e.getKey()).orElse(null);
        e.getValue()[w] = d == null ? Double.NaN : d.statistic() * factor;
      }
    }
    return values;
  }
}
