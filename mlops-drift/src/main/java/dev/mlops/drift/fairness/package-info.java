/**
 * Group fairness of served decisions, window by window: {@link dev.mlops.drift.fairness.FairnessMonitor}
 * keeps per-group confusion counts of each window (selections from the predictions, outcomes from
 * the labels as they arrive), evaluates them with mlops-metrics' {@code GroupFairness}, and raises
 * {@link dev.mlops.drift.fairness.FairnessAlert}s through its listeners; Micrometer gauges in
 * {@code dev.mlops.drift.monitor.micrometer.FairnessMonitorMetrics}.
 */
package dev.mlops.drift.fairness;
