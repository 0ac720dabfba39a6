/**
 * Implementation of mlops-metrics: NOT public API, may change in any release without notice.
 * Use the types of {@code dev.mlops.metrics} instead. No other module's main code uses this package.
 */
package dev.mlops.metrics.internal;
