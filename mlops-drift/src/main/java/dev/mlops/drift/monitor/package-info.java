/**
 * Online drift monitoring at a model endpoint: {@link dev.mlops.drift.monitor.DriftMonitor}
 * records live requests, closes windows and produces immutable
 * {@link dev.mlops.drift.monitor.DriftReport}s against a
 * {@link dev.mlops.drift.profile.ReferenceProfile}. Package-private classes are implementation.
 */
package dev.mlops.drift.monitor;
