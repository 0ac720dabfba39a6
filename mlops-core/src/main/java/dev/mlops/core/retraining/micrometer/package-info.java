/**
 * Micrometer binding of the retraining loop ({@link dev.mlops.core.retraining.micrometer.LoopMetrics});
 * needs {@code io.micrometer:micrometer-core} on the host's class path (an optional dependency).
 */
package dev.mlops.core.retraining.micrometer;
