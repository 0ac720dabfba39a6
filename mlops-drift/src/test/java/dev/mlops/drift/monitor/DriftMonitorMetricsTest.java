package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.drift.monitor.micrometer.DriftMonitorMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class DriftMonitorMetricsTest {

  @Test
  void gauges_followTheLatestReport() {
    // Evidently's rules by name: the p-value gauge needs a statistic with a p-value
    DriftMonitor m = DriftMonitor.builder(Fixtures.profile(Fixtures.rows(500, 1, 0, 1)))
        .thresholds(DriftThresholds.evidentlyDefaults())
        .clock(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")))
        .window(Window.tumblingCount(200)).build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new DriftMonitorMetrics(m, Tags.of("model", "m1")).bindTo(registry);
    assertThat(registry.get("mlops.drift.feature.status").tag("feature", "x").gauge().value())
        .isNaN();

    Fixtures.rows(200, 2, 1.0, 1).forEach(r -> m.record(r, null, null));
    DriftReport r = m.latestReport().orElseThrow();
    FeatureDrift x = r.feature("x").orElseThrow();
    assertThat(registry.get("mlops.drift.feature.status").tag("feature", "x").tag("model", "m1")
        .gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("mlops.drift.feature.p.value").tag("feature", "x").gauge().value())
        .isEqualTo(x.pValue());
    assertThat(registry.get("mlops.drift.feature.effect.size").tag("feature", "x").gauge()
        .value()).isEqualTo(x.effectSize());
    assertThat(registry.get("mlops.drift.window.records").gauge().value()).isEqualTo(200.0);
    assertThat(registry.get("mlops.drift.records").functionCounter().count()).isEqualTo(200.0);
    assertThat(registry.get("mlops.drift.windows").functionCounter().count()).isEqualTo(1.0);
  }
}
