package dev.mlops.core.retraining.micrometer;

import dev.mlops.core.retraining.ContinuousTraining;
import dev.mlops.core.retraining.LabelCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link ContinuousTraining} loop to the host's Micrometer registry: its label join and
 * its champion, read when the registry polls (nothing runs in the background).
 *
 * <pre>{@code
 * new LoopMetrics(loop, Tags.of("model", "bike-demand")).bindTo(registry);
 * }</pre>
 *
 * <p>Meters (all tagged with the extra tags given):
 * <ul>
 *   <li>{@code mlops.loop.labels.matched}, {@code mlops.loop.labels.unmatched},
 *       {@code mlops.loop.labels.expired} (function counters: labels joined to their prediction,
 *       labels that matched none, predictions whose label never came within the timeout);
 *   <li>{@code mlops.loop.labels.pending} (gauge: predictions waiting for a label);
 *   <li>{@code mlops.loop.label.store.rows} (gauge: labelled rows kept for retraining);
 *   <li>{@code mlops.loop.champion.version} (gauge: the version served, NaN before start);
 *   <li>{@code mlops.loop.retraining} (gauge: 1 while a retrain runs).
 * </ul>
 *
 * <p>Thread-safe; holds only a reference to the loop.
 */
public final class LoopMetrics implements MeterBinder {

  private final ContinuousTraining<?> loop;
  private final Tags tags;

  /**
   * Creates a binder.
   *
   * @param loop the loop to expose
   * @param tags extra tags on every meter (e.g. the model name)
   * @throws NullPointerException if an argument is null
   */
  public LoopMetrics(ContinuousTraining<?> loop, Iterable<Tag> tags) {
    this.loop = Objects.requireNonNull(loop, "loop must not be null");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags must not be null"));
  }

  /**
   * Creates a binder without extra tags.
   *
   * @param loop the loop to expose
   * @throws NullPointerException if {@code loop} is null
   */
  public LoopMetrics(ContinuousTraining<?> loop) {
    this(loop, Tags.empty());
  }

  /**
   * Registers the meters.
   *
   * @param registry the host's registry
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, "mlops.loop.labels.matched", "labels joined to their prediction", LabelCounts::matched);
    counter(registry, "mlops.loop.labels.unmatched", "labels that matched no waiting prediction",
        LabelCounts::unmatched);
    counter(registry, "mlops.loop.labels.expired", "predictions whose label did not arrive within the timeout",
        LabelCounts::expired);
    Gauge.builder("mlops.loop.labels.pending", loop, l -> l.labelCounts().pending()).tags(tags)
        .description("predictions waiting for a label").register(registry);
    Gauge.builder("mlops.loop.label.store.rows", loop, l -> l.labelStore().size()).tags(tags)
        .description("labelled rows kept for retraining").register(registry);
    Gauge.builder("mlops.loop.champion.version", loop, LoopMetrics::championVersion).tags(tags)
        .description("the version served (NaN before the loop starts)").register(registry);
    Gauge.builder("mlops.loop.retraining", loop, l -> l.isRetraining() ? 1 : 0).tags(tags)
        .description("1 while a retrain runs").register(registry);
  }

  private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<LabelCounts> f) {
    FunctionCounter.builder(name, loop, l -> f.applyAsDouble(l.labelCounts())).tags(tags).description(description)
        .register(registry);
  }

  private static double championVersion(ContinuousTraining<?> loop) {
    try {
      return loop.championVersion();
    } catch (IllegalStateException notStarted) {
      return Double.NaN;
    }
  }
}
