package dev.mlops.drift.monitor.micrometer;

import dev.mlops.drift.fairness.FairnessMonitor;
import dev.mlops.drift.fairness.FairnessWindow;
import dev.mlops.metrics.fairness.AttributeFairness;
import dev.mlops.metrics.fairness.Disparity;
import dev.mlops.metrics.fairness.FairnessEvaluation;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binds a {@link FairnessMonitor} to the host's Micrometer registry. Gauges read the latest closed
 * window (NaN before the first, or where the disparity is undefined):
 * {@code mlops.fairness.disparity} tagged {@code attribute}, {@code disparity} and {@code basis}
 * ({@code predictions} for selection-rate disparities, {@code labels} for those that need the truth),
 * and {@code mlops.fairness.window.alerts} (alerts of the latest window); the function counter
 * {@code mlops.fairness.alerts} counts every alert since binding.
 *
 * <pre>{@code
 * new FairnessMonitorMetrics(fairness, Tags.of("model", "loans")).bindTo(registry);
 * }</pre>
 *
 * <p>Thread-safe; holds only a reference to the monitor and a counter.
 */
public final class FairnessMonitorMetrics implements MeterBinder {

  private final FairnessMonitor monitor;
  private final Tags tags;
  private final AtomicLong alerts = new AtomicLong();
  private volatile long countedWindow = -1;

  /**
   * Creates a binder.
   *
   * @param monitor the monitor to expose
   * @param tags extra tags on every meter
   * @throws NullPointerException if an argument is null
   */
  public FairnessMonitorMetrics(FairnessMonitor monitor, Iterable<Tag> tags) {
    this.monitor = Objects.requireNonNull(monitor, "monitor must not be null");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags must not be null"));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String attribute : monitor.attributes()) {
      for (Disparity d : Disparity.values()) {
        boolean labels = d.needsLabels();
        Gauge.builder("mlops.fairness.disparity", this, m -> m.value(attribute, d))
            .tags(tags).tag("attribute", attribute).tag("disparity", d.key())
            .tag("basis", labels ? "labels" : "predictions")
            .description("disparity between the groups of a sensitive attribute in the latest window")
            .register(registry);
      }
    }
    Gauge.builder("mlops.fairness.window.alerts", this,
            m -> m.monitor.latest().map(w -> (double) w.alerts().size()).orElse(Double.NaN))
        .tags(tags).description("fairness alerts of the latest window").register(registry);
    FunctionCounter.builder("mlops.fairness.alerts", this, FairnessMonitorMetrics::totalAlerts)
        .tags(tags).description("fairness alerts since binding").register(registry);
  }

  private double value(String attribute, Disparity disparity) {
    FairnessWindow w = monitor.latest().orElse(null);
    if (w == null) {
      return Double.NaN;
    }
    FairnessEvaluation e = disparity.needsLabels() ? w.outcomes() : w.selection();
    if (e == null) {
      return Double.NaN;
    }
    AttributeFairness a = e.attribute(attribute);
    return a.disparity(disparity).value();
  }

  private synchronized double totalAlerts() {
    FairnessWindow w = monitor.latest().orElse(null);
    if (w != null && w.index() != countedWindow) {
      countedWindow = w.index();
      alerts.addAndGet(w.alerts().size());
    }
    return alerts.get();
  }
}
