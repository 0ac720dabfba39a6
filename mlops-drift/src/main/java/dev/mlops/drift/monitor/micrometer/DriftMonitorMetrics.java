package dev.mlops.drift.monitor.micrometer;

import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.DriftStatus;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.LabelledWindow;
import dev.mlops.drift.monitor.ScaleDrift;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import dev.mlops.metrics.fairness.Disparity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link DriftMonitor} to the host's Micrometer registry, so drift shows in the
 * dashboards the service already has. The gauges read the latest closed window's report (NaN
 * before the first); nothing is polled or computed in the background.
 *
 * <pre>{@code
 * new DriftMonitorMetrics(monitor, Tags.of("model", "churn")).bindTo(registry);
 * }</pre>
 *
 * <p>Meters (all tagged with the extra tags given; per-feature ones also with {@code feature}):
 * <ul>
 *   <li>{@code mlops.drift.feature.statistic}, {@code mlops.drift.feature.p.value} (of the
 *       feature's distribution test, {@link FeatureDrift#test()}), {@code
 *       mlops.drift.feature.test.drift} (1 when that test fired, else 0),
 *       {@code mlops.drift.feature.effect.size} (gauges);
 *   <li>the {@linkplain ScaleDrift scale check} of a numeric feature: {@code
 *       mlops.drift.feature.scale.log.sd.ratio}, {@code mlops.drift.feature.scale.p.value},
 *       {@code mlops.drift.feature.scale.drift} (1 when it fired, else 0); NaN when the window
 *       had no scale check for the feature. A feature's status is DRIFT when either check
 *       fired;
 *   <li>{@code mlops.drift.feature.status} (gauge: 0 OK, 1 DRIFT, -1 INSUFFICIENT_DATA,
 *       -2 ERROR), {@code mlops.drift.feature.missing.rate} (gauge);
 *   <li>{@code mlops.drift.dataset.share} and {@code mlops.drift.dataset.drift} (0/1),
 *       {@code mlops.drift.prediction.statistic}, {@code mlops.drift.prediction.status},
 *       {@code mlops.drift.window.records}, {@code mlops.drift.labels.pending} (gauges);
 *   <li>label drift of the labels joined in the window: {@code mlops.drift.label.statistic},
 *       {@code mlops.drift.label.status} (as the prediction's; NaN in a window without labels);
 *   <li>the label-free accuracy estimate (with a {@code performanceEstimator} on the monitor;
 *       NaN otherwise): {@code mlops.drift.accuracy.estimate}, {@code
 *       mlops.drift.accuracy.estimate.lower}, {@code mlops.drift.accuracy.estimate.upper}, {@code
 *       mlops.drift.accuracy.estimate.extrapolated} (share of rows beyond the reference's range),
 *       and once the window's labels arrived {@code mlops.drift.accuracy.realised} and {@code
 *       mlops.drift.accuracy.estimate.error} (estimate - realised; NaN before);
 *   <li>labels that arrive after their window closed ({@code DriftMonitor#labelledWindows()}): of
 *       the newest window whose labelled performance has a realised accuracy, {@code
 *       mlops.drift.labelled.window} (its number), {@code mlops.drift.labelled.accuracy.realised}
 *       and {@code mlops.drift.labelled.accuracy.estimate.error} (its estimate - the realised
 *       accuracy of its own rows; NaN without an estimate); {@code
 *       mlops.drift.labels.beyond.horizon} (function counter: labels of windows past the label
 *       horizon, credited to none). A scrape computes the labelled performance of windows with
 *       labels not yet told (a pass over their labelled pairs);
 *   <li>the same of the newest <em>settled</em> window ({@link LabelledWindow#settled()}: past
 *       the label horizon, so its figures no longer change; the one a dashboard plots as final):
 *       {@code mlops.drift.labelled.settled.window}, {@code
 *       mlops.drift.labelled.settled.accuracy.realised}, {@code
 *       mlops.drift.labelled.settled.accuracy.estimate.error}, {@code
 *       mlops.drift.labelled.settled.labelled.share} (share of its predictions that got a label);
 *       {@code mlops.drift.labelled.settled.accuracy.estimate.mae} (mean absolute estimate error
 *       over the settled windows still in the history that have one: how far the label-free
 *       estimate has been off lately); and {@code mlops.drift.labelled.unsettled} (windows in the
 *       history still within the label horizon: their figures may still move). NaN where no
 *       window qualifies;
 *   <li>{@code mlops.drift.records}, {@code mlops.drift.alerts}, {@code mlops.drift.windows}
 *       (function counters);
 *   <li>with sensitive attributes declared ({@code DriftMonitor.Builder#fairness}):
 *       {@code mlops.fairness.disparity} (gauge tagged {@code attribute}, {@code disparity} and
 *       {@code basis}: {@code predictions} for selection-rate disparities of the latest window,
 *       {@code labels} for those that need the truth, of the latest window whose labels arrived;
 *       NaN where undefined) and {@code mlops.fairness.alerts} (function counter).
 * </ul>
 *
 * <p>Thread-safe; holds only a reference to the monitor.
 */
public final class DriftMonitorMetrics implements MeterBinder {

  private final DriftMonitor monitor;
  private final Tags tags;

  /**
   * Creates a binder.
   *
   * @param monitor the monitor to expose
   * @param tags extra tags on every meter (e.g. the model name)
   * @throws NullPointerException if an argument is null
   */
  public DriftMonitorMetrics(DriftMonitor monitor, Iterable<Tag> tags) {
    this.monitor = Objects.requireNonNull(monitor, "monitor must not be null");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags must not be null"));
  }

  /**
   * Creates a binder without extra tags.
   *
   * @param monitor the monitor to expose
   * @throws NullPointerException if {@code monitor} is null
   */
  public DriftMonitorMetrics(DriftMonitor monitor) {
    this(monitor, Tags.empty());
  }

  /**
   * Registers the meters.
   *
   * @param registry the host's registry
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    for (String feature : monitor.featureNames()) {
      Tags t = tags.and("feature", feature);
      gauge(registry, "mlops.drift.feature.statistic", t,
          "statistic of the feature's distribution test (not the scale check)",
          m -> feature(m, feature).map(FeatureDrift::statistic).orElse(Double.NaN));
      gauge(registry, "mlops.drift.feature.p.value", t,
          "p-value of the feature's distribution test",
          m -> feature(m, feature).map(FeatureDrift::pValue).orElse(Double.NaN));
      gauge(registry, "mlops.drift.feature.test.drift", t,
          "1 when the feature's distribution test fired, 0 when it did not",
          m -> feature(m, feature).filter(f -> code(f.status()) >= 0)
              .map(f -> f.testDrifted() ? 1.0 : 0.0).orElse(Double.NaN));
      gauge(registry, "mlops.drift.feature.scale.log.sd.ratio", t,
          "scale check: log of the window's to the reference's standard deviation",
          m -> scale(m, feature).map(ScaleDrift::logSdRatio).orElse(Double.NaN));
      gauge(registry, "mlops.drift.feature.scale.p.value", t, "p-value of the scale check",
          m -> scale(m, feature).map(ScaleDrift::pValue).orElse(Double.NaN));
      gauge(registry, "mlops.drift.feature.scale.drift", t,
          "1 when the scale check fired, 0 when it did not",
          m -> scale(m, feature).map(s -> s.drifted() ? 1.0 : 0.0).orElse(Double.NaN));
      gauge(registry, "mlops.drift.feature.effect.size", t, "effect size of the feature's drift",
          m -> feature(m, feature).map(FeatureDrift::effectSize).orElse(Double.NaN));
      gauge(registry, "mlops.drift.feature.status", t,
          "0 OK, 1 DRIFT, -1 INSUFFICIENT_DATA, -2 ERROR",
          m -> feature(m, feature).map(f -> code(f.status())).orElse(Double.NaN));
      gauge(registry, "mlops.drift.feature.missing.rate", t, "share of rows missing the feature",
          m -> latest(m).map(r -> r.dataQuality().feature(feature).missingRate())
              .orElse(Double.NaN));
    }
    gauge(registry, "mlops.drift.dataset.share", tags, "share of tested features that drifted",
        m -> latest(m).map(DriftReport::driftShare).orElse(Double.NaN));
    gauge(registry, "mlops.drift.dataset.drift", tags, "1 when the dataset drifted",
        m -> latest(m).map(r -> r.datasetDrift() ? 1.0 : 0.0).orElse(Double.NaN));
    gauge(registry, "mlops.drift.prediction.statistic", tags, "prediction drift statistic",
        m -> latest(m).flatMap(DriftReport::predictionDrift).map(FeatureDrift::statistic)
            .orElse(Double.NaN));
    gauge(registry, "mlops.drift.prediction.status", tags,
        "0 OK, 1 DRIFT, -1 INSUFFICIENT_DATA, -2 ERROR",
        m -> latest(m).flatMap(DriftReport::predictionDrift).map(f -> code(f.status()))
            .orElse(Double.NaN));
    gauge(registry, "mlops.drift.label.statistic", tags, "label drift statistic",
        m -> latest(m).map(DriftReport::label).map(FeatureDrift::statistic).orElse(Double.NaN));
    gauge(registry, "mlops.drift.label.status", tags,
        "0 OK, 1 DRIFT, -1 INSUFFICIENT_DATA, -2 ERROR",
        m -> latest(m).map(DriftReport::label).map(f -> code(f.status())).orElse(Double.NaN));
    bindEstimate(registry);
    gauge(registry, "mlops.drift.window.records", tags, "records in the latest closed window",
        m -> latest(m).map(r -> (double) r.records()).orElse(Double.NaN));
    gauge(registry, "mlops.drift.labels.pending", tags, "predictions waiting for a label",
        DriftMonitor::pendingLabels);
    monitor.sensitiveAttributes().ifPresent(s -> bindFairness(registry, s.names()));
    FunctionCounter.builder("mlops.drift.records", monitor, DriftMonitor::records)
        .tags(tags).description("rows recorded").register(registry);
    FunctionCounter.builder("mlops.drift.alerts", monitor, DriftMonitor::alerts)
        .tags(tags).description("drift alerts raised").register(registry);
    FunctionCounter.builder("mlops.drift.labels.beyond.horizon", monitor,
            DriftMonitor::labelsBeyondHorizon)
        .tags(tags).description("labels of windows past the label horizon").register(registry);
    gauge(registry, "mlops.drift.labelled.window", tags,
        "the newest window with a realised accuracy from its own labels",
        m -> labelled(m).map(w -> (double) w.window()).orElse(Double.NaN));
    gauge(registry, "mlops.drift.labelled.accuracy.realised", tags,
        "realised accuracy of that window's own labelled rows",
        m -> labelled(m).map(w -> w.realised().get("accuracy")).orElse(Double.NaN));
    gauge(registry, "mlops.drift.labelled.accuracy.estimate.error", tags,
        "that window's estimate - the realised accuracy of its own rows",
        m -> labelled(m).map(LabelledWindow::accuracyEstimate).map(AccuracyEstimate::error)
            .orElse(Double.NaN));
    bindSettled(registry);
    FunctionCounter.builder("mlops.drift.windows", monitor,
            m -> latest(m).map(DriftReport::window).orElse(0L))
        .tags(tags).description("windows closed").register(registry);
  }

  /** The newest settled window's figures, the settled windows' estimate error, the unsettled. */
  private void bindSettled(MeterRegistry registry) {
    gauge(registry, "mlops.drift.labelled.settled.window", tags,
        "the newest settled window (past the label horizon) with a realised accuracy",
        m -> settled(m).map(w -> (double) w.window()).orElse(Double.NaN));
    gauge(registry, "mlops.drift.labelled.settled.accuracy.realised", tags,
        "realised accuracy of the newest settled window's own labelled rows",
        m -> settled(m).map(w -> w.realised().get("accuracy")).orElse(Double.NaN));
    gauge(registry, "mlops.drift.labelled.settled.accuracy.estimate.error", tags,
        "the newest settled window's estimate - the realised accuracy of its own rows",
        m -> settled(m).map(LabelledWindow::accuracyEstimate).map(AccuracyEstimate::error)
            .orElse(Double.NaN));
    gauge(registry, "mlops.drift.labelled.settled.labelled.share", tags,
        "share of the newest settled window's predictions that got a label",
        m -> settled(m).map(LabelledWindow::labelledShare).orElse(Double.NaN));
    gauge(registry, "mlops.drift.labelled.settled.accuracy.estimate.mae", tags,
        "mean absolute estimate error of the settled windows in the history",
        DriftMonitorMetrics::settledMeanAbsoluteError);
    gauge(registry, "mlops.drift.labelled.unsettled", tags,
        "windows in the history still within the label horizon",
        m -> (double) m.labelledWindows().stream().filter(w -> !w.settled()).count());
  }

  /** The newest settled window with a realised accuracy. */
  private static Optional<LabelledWindow> settled(DriftMonitor m) {
    List<LabelledWindow> all = m.labelledWindows();
    for (int i = all.size() - 1; i >= 0; i--) {
      LabelledWindow w = all.get(i);
      if (w.settled() && w.realised().containsKey("accuracy")) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  private static double settledMeanAbsoluteError(DriftMonitor m) {
    double sum = 0;
    int n = 0;
    for (LabelledWindow w : m.labelledWindows()) {
      AccuracyEstimate e = w.accuracyEstimate();
      if (w.settled() && e != null && Double.isFinite(e.error())) {
        sum += Math.abs(e.error());
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  private void bindEstimate(MeterRegistry registry) {
    estimateGauge(registry, "mlops.drift.accuracy.estimate", "label-free accuracy estimate",
        AccuracyEstimate::estimate);
    estimateGauge(registry, "mlops.drift.accuracy.estimate.lower",
        "lower end of the estimate's interval", AccuracyEstimate::lower);
    estimateGauge(registry, "mlops.drift.accuracy.estimate.upper",
        "upper end of the estimate's interval", AccuracyEstimate::upper);
    estimateGauge(registry, "mlops.drift.accuracy.estimate.extrapolated",
        "share of rows beyond the reference's range (interval widened by it)",
        AccuracyEstimate::extrapolated);
    estimateGauge(registry, "mlops.drift.accuracy.realised",
        "realised accuracy of the labels joined in the window", AccuracyEstimate::realised);
    estimateGauge(registry, "mlops.drift.accuracy.estimate.error",
        "estimate - realised accuracy, once the labels arrived", AccuracyEstimate::error);
  }

  private void estimateGauge(MeterRegistry registry, String name, String description,
      ToDoubleFunction<AccuracyEstimate> value) {
    gauge(registry, name, tags, description,
        m -> latest(m).map(r -> r.performance().accuracyEstimate())
            .filter(e -> e.rows() > 0).map(value::applyAsDouble).orElse(Double.NaN));
  }

  private void bindFairness(MeterRegistry registry, List<String> attributes) {
    for (String attribute : attributes) {
      for (Disparity d : Disparity.values()) {
        Tags t = tags.and("attribute", attribute).and("disparity", d.key())
            .and("basis", d.needsLabels() ? "labels" : "predictions");
        gauge(registry, "mlops.fairness.disparity", t,
            "disparity between the groups of a sensitive attribute",
            m -> latest(m).flatMap(DriftReport::fairnessWindow).map(f -> f.value(attribute, d))
                .orElse(Double.NaN));
      }
    }
    FunctionCounter.builder("mlops.fairness.alerts", monitor, DriftMonitor::fairnessAlerts)
        .tags(tags).description("fairness alerts raised").register(registry);
  }

  private void gauge(MeterRegistry registry, String name, Tags t, String description,
      ToDoubleFunction<DriftMonitor> f) {
    Gauge.builder(name, monitor, f).tags(t).description(description).register(registry);
  }

  /** The newest labelled window with a realised accuracy. */
  private static Optional<LabelledWindow> labelled(DriftMonitor m) {
    List<LabelledWindow> all = m.labelledWindows();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).realised().containsKey("accuracy")) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  private static Optional<DriftReport> latest(DriftMonitor m) {
    return m.latestReport();
  }

  private static Optional<FeatureDrift> feature(DriftMonitor m, String name) {
    return m.latestReport().flatMap(r -> r.feature(name));
  }

  private static Optional<ScaleDrift> scale(DriftMonitor m, String name) {
    return feature(m, name).flatMap(FeatureDrift::scaleCheck);
  }

  private static double code(DriftStatus s) {
    return switch (s) {
      case OK -> 0;
      case DRIFT -> 1;
      case INSUFFICIENT_DATA -> -1;
      case ERROR -> -2;
    };
  }
}
