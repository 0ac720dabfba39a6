/**
 * Group fairness of served decisions, window by window, inside the {@code DriftMonitor}: declare
 * the {@link dev.mlops.drift.fairness.SensitiveAttributes} on the monitor's builder and every
 * window's {@code DriftReport} carries a {@link dev.mlops.drift.fairness.FairnessWindow} (selection
 * rates from the predictions, TPR/FPR/precision from the labels in the window of their prediction)
 * with {@link dev.mlops.drift.fairness.FairnessAlert}s, which reach the monitor's listeners
 * ({@code DriftListener.onFairness}) and its Micrometer binding.
 */
package dev.mlops.drift.fairness;
