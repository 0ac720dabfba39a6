/**
 * {@link dev.mlops.core.model.TrainedModel}, the servable unit: model, fitted transforms, data
 * contract, schema and reference profile, persisted as named parts. A trained model is a {@link
 * dev.mlops.core.model.TrainedClassifier} or a {@link dev.mlops.core.model.TrainedRegressor}.
 */
package dev.mlops.core.model;
