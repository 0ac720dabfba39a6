/**
 * Implementation of mlops-metrics: NOT public API, may change in any release without notice.
 * Use the types of {@code dev.mlops.metrics} instead. ({@link dev.mlops.metrics.internal.Checks}'s
 * group-fairness rules are also used by mlops-drift, so that its fairness options are validated by
 * the same code as mlops-metrics' own.)
 */
package dev.mlops.metrics.internal;
