package dev.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.core.retraining.LoopEvent;
import dev.mlops.report.RunEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RunReportsTest {

  private static LoopEvent drift(String reason, String window) {
    return new LoopEvent(LoopEvent.Type.DRIFT, Instant.EPOCH, "loan-default", 1, reason, Map.of("window", window));
  }

  @Test
  void event_namesItsOwnWindowByItsPeriod_notByTheMonitorsSequenceNumber() {
    LoopEvent e = drift("window 3 (800 records): drift share 0.250 (threshold 0.200); drifted: rate (ks 0.7)", "3");

    RunEvent event = RunReports.event(e, "month 9").orElseThrow();

    assertThat(event.text()).isEqualTo("month 9 (800 records): drift share 0.250 (threshold 0.200); drifted: rate (ks 0.7)");
    assertThat(event.window()).isEqualTo("month 9");
    assertThat(event.kind()).isEqualTo(RunEvent.Kind.DRIFT);
    assertThat(event.subject()).isEqualTo("loan-default:1");
  }

  @Test
  void event_keepsOtherWindowsAndNumbers_unlessTheirLabelsAreGiven() {
    LoopEvent e = drift("estimated accuracy 0.7 in window 13 is worse than 0.8 (the estimate of window 1) by 0.05", "13");

    assertThat(RunReports.event(e, "2012-12").orElseThrow().text())
        .isEqualTo("estimated accuracy 0.7 in 2012-12 is worse than 0.8 (the estimate of window 1) by 0.05");
    assertThat(RunReports.event(e, "2012-12", n -> n == 1 ? "2012-01" : n == 13 ? "2012-12" : null).orElseThrow().text())
        .isEqualTo("estimated accuracy 0.7 in 2012-12 is worse than 0.8 (the estimate of 2012-01) by 0.05");
  }

  @Test
  void event_showsTheLoopsLabelCounts_whenItRecordsThem() {
    LoopEvent promoted = new LoopEvent(LoopEvent.Type.PROMOTED, Instant.EPOCH, "loan-default", 3,
        "promoted after PERFORMANCE; refit on 900 rows",
        Map.of("labels_matched", "980", "labels_unmatched", "3", "labels_expired", "17"));

    RunEvent row = RunReports.event(promoted, "week 4").orElseThrow();

    assertThat(row.kind()).isEqualTo(RunEvent.Kind.PROMOTION);
    assertThat(row.text()).isEqualTo(
        "promoted after PERFORMANCE; refit on 900 rows (labels matched 980, unmatched 3, expired 17)");
  }
}
