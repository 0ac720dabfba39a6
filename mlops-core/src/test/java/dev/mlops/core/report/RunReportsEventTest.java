package dev.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.retraining.LoopEvent;
import dev.mlops.report.RunEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RunReportsEventTest {

  private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");

  @Test
  void loopEvent_showsTheLabelCounts_inTheReportRow() {
    LoopEvent promoted = new LoopEvent(LoopEvent.Type.PROMOTED, T0, "loan", 3, "promoted after PERFORMANCE; refit on 900 rows",
        Map.of("labels_matched", "980", "labels_unmatched", "3", "labels_expired", "17"));

    RunEvent row = RunReports.event(promoted, "week 4").orElseThrow();

    assertThat(row.kind()).isEqualTo(RunEvent.Kind.PROMOTION);
    assertThat(row.subject()).isEqualTo("loan:3");
    assertThat(row.text()).isEqualTo(
        "promoted after PERFORMANCE; refit on 900 rows (labels matched 980, unmatched 3, expired 17)");
  }

  @Test
  void eventWithoutLabelCounts_keepsItsReason() {
    LoopEvent drift = new LoopEvent(LoopEvent.Type.DRIFT, T0, "loan", 2, "dataset drift", Map.of());

    assertThat(RunReports.event(drift, "week 5").orElseThrow().text()).isEqualTo("dataset drift");
  }
}
