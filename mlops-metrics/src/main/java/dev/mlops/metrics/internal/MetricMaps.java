package dev.mlops.metrics.internal;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frozen metric maps in a stable order: built-ins in declaration order, then user-defined metrics
 * in the order given. Not API. Stateless, thread-safe.
 */
public final class MetricMaps {

  private MetricMaps() {}

  /**
   * Copies a map into an unmodifiable one in the stable order.
   *
   * @param map the values
   * @return the frozen copy
   * @throws NullPointerException if a key or value is null
   */
  public static Map<Metric, MetricValue> freeze(Map<Metric, MetricValue> map) {
    List<Metric> keys = new ArrayList<>(map.keySet());
    keys.sort(Comparator.comparingInt(m -> m instanceof BuiltInMetric b ? b.ordinal() : Integer.MAX_VALUE));
    Map<Metric, MetricValue> copy = new LinkedHashMap<>();
    for (Metric m : keys) {
      copy.put(java.util.Objects.requireNonNull(m, "metric"),
          java.util.Objects.requireNonNull(map.get(m), "value of " + m.key()));
    }
    return Collections.unmodifiableMap(copy);
  }
}
