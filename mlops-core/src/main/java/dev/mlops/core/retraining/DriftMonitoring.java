package dev.mlops.core.retraining;

import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.serving.MonitorListener;
import dev.mlops.core.serving.PredictionListener;
import dev.mlops.drift.monitor.DriftListener;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.profile.ReferenceProfile;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link Monitoring} by a {@link DriftMonitor}: each deployment gets a new monitor on its own
 * model's reference profile (this is how the loop re-bases monitoring after a promotion), and each
 * closed window is passed to the loop (dataset-level drift and a one-line summary).
 *
 * <pre>{@code
 * Monitoring.Factory<TrainedModel> monitoring = DriftMonitoring.factory(
 *     model -> ReferenceProfile.fromBytes(model.profileBytes()),
 *     profile -> DriftMonitor.builder(profile).window(Window.tumblingCount(1_000)).clock(clock));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DriftMonitoring implements Monitoring {

  /** Predictions a deployment's monitor keeps waiting for labels (as the loop's own bound). */
  static final int MAX_PENDING = 100_000;

  private final DriftMonitor monitor;
  private final MonitorListener recorder;

  private DriftMonitoring(DriftMonitor monitor) {
    this.monitor = monitor;
    this.recorder = MonitorListener.of(monitor);
  }

  /**
   * Wraps an existing monitor (its drift reaches the loop only through the monitor's own listeners).
   *
   * @param monitor the monitor
   * @return the monitoring
   * @throws NullPointerException if the monitor is null
   */
  public static DriftMonitoring of(DriftMonitor monitor) {
    return new DriftMonitoring(Objects.requireNonNull(monitor, "monitor must not be null"));
  }

  /**
   * A factory that builds one monitor per deployment on the deployed model's reference profile and
   * reports its closed windows to the loop. For a {@link TrainedModel}, the monitor ignores the
   * training table's columns that were not model inputs ({@link TrainedModel#nonInputColumns()}, e.g.
   * a date column the split read): requests that carry them are not counted as carrying unknown
   * features; any other unexpected field still is.
   *
   * @param profileOf the reference profile of a model (e.g. its training-data profile)
   * @param configure the monitor configuration for a profile (window, clock, thresholds...); the
   *     loop adds its listener and its label timeout and builds it
   * @param <M> the model type
   * @return the factory
   * @throws NullPointerException if an argument is null
   */
  public static <M> Monitoring.Factory<M> factory(
      Function<M, ReferenceProfile> profileOf, Function<ReferenceProfile, DriftMonitor.Builder> configure) {
    Objects.requireNonNull(configure, "configure must not be null");
    return factory(profileOf, (profile, deployed) -> configure.apply(profile));
  }

  /**
   * A factory as {@link #factory(Function, Function)} whose configuration also sees the deployed
   * version (name and version, e.g. for the monitor's metric tags or log lines); a {@link
   * TrainedModel}'s non-input columns are ignored as there.
   *
   * @param profileOf the reference profile of a model
   * @param configure the monitor configuration for a profile and the deployed version
   * @param <M> the model type
   * @return the factory
   * @throws NullPointerException if an argument is null
   */
  public static <M> Monitoring.Factory<M> factory(
      Function<M, ReferenceProfile> profileOf, BiFunction<ReferenceProfile, DeployedVersion, DriftMonitor.Builder> configure) {
    Objects.requireNonNull(profileOf, "profileOf must not be null");
    Objects.requireNonNull(configure, "configure must not be null");
    return new Monitoring.Factory<M>() {
      @Override
      public Monitoring create(String name, int version, M model, DriftSignal signal) {
        return create(name, version, model, signal, null);
      }

      @Override
      public Monitoring create(String name, int version, M model, DriftSignal signal, Duration labelTimeout) {
        ReferenceProfile profile = Objects.requireNonNull(profileOf.apply(model),
            () -> "reference profile of " + name + " v" + version + " must not be null");
        DriftMonitor.Builder builder = configure.apply(profile, new DeployedVersion(name, version));
        if (model instanceof TrainedModel trained) {
          // columns of the training table that are not inputs (a date, an id) are expected in requests
          builder.ignoreFields(trained.nonInputColumns().toArray(String[]::new));
        }
        if (labelTimeout != null) {
          builder.pendingLabels(MAX_PENDING, labelTimeout);
        }
        DriftMonitor monitor = builder
            .listener(new DriftListener() {
              @Override
              public void onWindowClosed(DriftReport report) {
                signal.windowClosed(signal(report));
              }
            })
            .build();
        return new DriftMonitoring(monitor);
      }
    };
  }

  /**
   * The model version a monitor watches.
   *
   * @param modelName the registered model name
   * @param version the deployed version
   */
  public record DeployedVersion(String modelName, int version) {}

  /** The loop's view of a closed window. */
  static WindowSignal signal(DriftReport report) {
    var p = report.performance();
    return new WindowSignal(report.window(), report.records(), report.datasetDrift(), summary(report),
        p.realised(), p.estimated(), p.labelled(), p.expired(), p.unmatchedLabels());
  }

  /**
   * One line: window, share of drifted features and the drifted features with the checks that fired, their statistics
   * and thresholds (the drift trigger's evidence).
   */
  static String summary(DriftReport report) {
    String drifted = report.driftedFeatures().stream()
        .map(DriftMonitoring::feature)
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "window %d (%d records): drift share %.3f (threshold %.3f)%s",
        report.window(), report.records(), report.driftShare(), report.driftShareThreshold(),
        drifted.isEmpty() ? "" : "; drifted: " + drifted);
  }

  /**
   * A drifted feature with the checks that fired (its distribution test's key and/or {@code scale}, the calibrated
   * scale check) and the monitor's reason: the checks' numbers, thresholds and where they came from (calibration).
   */
  private static String feature(FeatureDrift f) {
    return f.feature() + " (fired: " + String.join(", ", f.firedChecks()) + "; " + f.reason() + ")";
  }

  /**
   * Returns the monitor.
   *
   * @return the drift monitor
   */
  @Override
  public DriftMonitor monitor() {
    return monitor;
  }

  /**
   * Waits for the monitor's closed windows to be evaluated and passed to the loop ({@link
   * DriftMonitor#awaitEvaluation()}; with a host executor, the host must run the evaluation).
   */
  @Override
  public void awaitEvaluation() {
    monitor.awaitEvaluation();
  }

  @Override
  public PredictionListener recorder() {
    return recorder;
  }

  @Override
  public void recordLabel(String requestId, double label) {
    monitor.recordLabel(requestId, label);
  }
}
