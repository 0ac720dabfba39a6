/**
 * In-process model serving: {@link dev.mlops.core.serving.ModelEndpoint} serves predictions from an
 * immutable {@link dev.mlops.core.serving.Deployment} (a model version plus its monitoring), swaps
 * versions atomically, and runs a challenger in shadow or canary mode. A served model is a {@link
 * dev.mlops.core.serving.ServableClassifier} or a {@link dev.mlops.core.serving.ServableRegressor}.
 *
 * <p>Every public type states its thread-safety. Implementation classes are package-private.
 */
package dev.mlops.core.serving;
