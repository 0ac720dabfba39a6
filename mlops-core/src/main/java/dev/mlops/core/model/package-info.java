/** {@link dev.mlops.core.model.TrainedModel}, the servable unit: model, fitted transforms, data contract, schema and reference profile, persisted as named parts. */
package dev.mlops.core.model;
