/**
 * Micrometer integration of {@link dev.mlops.drift.monitor.DriftMonitor} (requires
 * micrometer-core, an optional dependency of mlops-drift).
 */
package dev.mlops.drift.monitor.micrometer;
