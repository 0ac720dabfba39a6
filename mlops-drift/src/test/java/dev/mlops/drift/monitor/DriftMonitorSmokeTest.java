package dev.mlops.drift.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class DriftMonitorSmokeTest {

  @Test
  void countWindow_closesWithReport() {
    List<Map<String, Object>> ref = Fixtures.rows(500, 1, 0, 1);
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DriftMonitor m = DriftMonitor.builder(Fixtures.profile(ref))
        .window(Window.tumblingCount(200)).clock(clock).build();
    for (Map<String, Object> row : Fixtures.rows(200, 2, 1.0, 1)) {
      m.record(row, Prediction.ofValue(1.0), null);
    }
    DriftReport r = m.latestReport().orElseThrow();
    org.slf4j.LoggerFactory.getLogger(getClass()).info("\n{}\n{}", r.toText(), r.toJson());
    assertThat(r.records()).isEqualTo(200);
    assertThat(r.feature("x").orElseThrow().status()).isEqualTo(DriftStatus.DRIFT);
  }
}
