package dev.mlops.core.pipeline;

import dev.mlops.core.contract.ValidationResult;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.train.HyperparameterSearch;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.modeltest.ModelTestReport;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a successful pipeline run: the model, the validation result, the held-out
 * evaluation, the gate decision and the provenance. A run that fails raises a {@link
 * PipelineException} instead, so a {@code PipelineRun} always holds a complete model; whether it
 * may be promoted is {@link #gate()}'s call.
 *
 * <p>Immutable and thread-safe.
 */
public final class PipelineRun {

  private final String runId;
  private final TrainedModel model;
  private final ValidationResult validation;
  private final GateDecision gate;
  private final Provenance provenance;
  private final ModelTestReport report;
  private final ReferenceProfile profile;
  private final HyperparameterSearch.SearchResult<?> search;
  private final Gate.HeldOut heldOut;

  PipelineRun(String runId, TrainedModel model, ValidationResult validation, GateDecision gate, Provenance provenance,
      ModelTestReport report, ReferenceProfile profile, HyperparameterSearch.SearchResult<?> search,
      Gate.HeldOut heldOut) {
    this.search = search;
    this.heldOut = Objects.requireNonNull(heldOut, "heldOut");
    this.report = Objects.requireNonNull(report, "report");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.runId = Objects.requireNonNull(runId, "runId");
    this.model = Objects.requireNonNull(model, "model");
    this.validation = Objects.requireNonNull(validation, "validation");
    this.gate = Objects.requireNonNull(gate, "gate");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
  }

  /**
   * The run id (also in the model's metadata as {@code run_id}).
   *
   * @return the id
   */
  public String runId() {
    return runId;
  }

  /**
   * The trained model.
   *
   * @return the model
   */
  public TrainedModel model() {
    return model;
  }

  /**
   * The data validation result (every anomaly found, rows kept).
   *
   * @return the result
   */
  public ValidationResult validation() {
    return validation;
  }

  /**
   * The ModelTest report on the held-out split (its evaluation holds every metric).
   *
   * @return the report
   */
  public ModelTestReport report() {
    return report;
  }

  /**
   * The reference profile of the training split (inputs, predictions, labels), also stored in the
   * model; hand it to a {@code DriftMonitor}.
   *
   * @return the profile
   */
  public ReferenceProfile profile() {
    return profile;
  }

  /**
   * The hyperparameter search, if the pipeline ran one.
   *
   * @return every trial's cross-validated score and the best candidate
   */
  public java.util.Optional<HyperparameterSearch.SearchResult<?>> search() {
    return java.util.Optional.ofNullable(search);
  }

  /**
   * The number of held-out rows the model was evaluated and gated on.
   *
   * @return the count
   */
  public int heldOutRows() {
    return heldOut.rows().size();
  }

  /** The held-out rows with the model's predictions on them (for a refit of this run). */
  Gate.HeldOut heldOut() {
    return heldOut;
  }

  /**
   * The gate decision.
   *
   * @return PROMOTE or REJECT with reasons
   */
  public GateDecision gate() {
    return gate;
  }

  /**
   * The provenance of the run.
   *
   * @return the provenance
   */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * Per-stage timings and row counts.
   *
   * @return the stage reports in order
   */
  public List<StageReport> stages() {
    return provenance.stages();
  }

  @Override
  public String toString() {
    return "PipelineRun[" + runId + ", " + model + ", " + gate.decision() + "]";
  }
}
