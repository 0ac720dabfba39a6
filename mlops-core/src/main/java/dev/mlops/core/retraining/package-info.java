/**
 * The continuous-training loop: {@link dev.mlops.core.retraining.ContinuousTraining} watches a served
 * model (drift, realised performance from delayed labels, a schedule, the volume of new labelled
 * data), retrains through a {@link dev.mlops.core.retraining.Retrainer}, gates, registers, promotes and
 * hot-swaps the endpoint, re-bases monitoring on the new model, and rolls back a new champion that
 * does worse on probation.
 */
package dev.mlops.core.retraining;
