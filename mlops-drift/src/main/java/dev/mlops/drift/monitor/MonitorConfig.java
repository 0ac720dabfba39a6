package dev.mlops.drift.monitor;

import dev.mlops.drift.stat.DriftStatistic;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** The validated configuration of a monitor (built by {@link DriftMonitor.Builder}). */
record MonitorConfig(
    Window window,
    Clock clock,
    List<DriftListener> listeners,
    Executor executor,
    int historySize,
    int reservoirSize,
    int rowSampleSize,
    long seed,
    int minSampleSize,
    double alpha,
    double distanceThreshold,
    double minEffectSize,
    DecisionRule rule,
    Correction correction,
    double driftShare,
    int alertAfter,
    int cooldownWindows,
    Baseline baseline,
    Map<String, DriftStatistic> tests,
    Map<String, Double> thresholds,
    Map<String, String> thresholdOrigins,
    java.util.Set<String> ignoredFields,
    QualityThresholds quality,
    int maxPending,
    long pendingBytes,
    Duration pendingTimeout,
    double classificationThreshold,
    int stripes,
    double pcaVarianceShare,
    int sketchK,
    int classes,
    List<dev.mlops.metrics.Metric> realisedMetrics,
    DriftThresholds driftThresholds,
    EstimatorFit estimator,
    boolean logWindows,
    String seasonField,
    boolean defaultSeason,
    boolean swapCheck,
    int labelHorizon,
    int sampleOneIn) {

  /** Whether columns without an override get calibrated thresholds. */
  boolean calibrated() {
    return driftThresholds.isCalibrated();
  }
}
