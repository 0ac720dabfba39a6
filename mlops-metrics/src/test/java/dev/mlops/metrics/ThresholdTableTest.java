package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class ThresholdTableTest {

  private final ThresholdTable table = BinaryRanking.of(BinaryMetricsTest.Y, BinaryMetricsTest.S).thresholdTable();

  @Test
  void rows_holdCountsAtEachDistinctScore() {
    // s >= 0.6: positives 0.9, 0.8, 0.7, 0.6 -> TP 4; negatives 0.6 -> FP 1
    ThresholdTable.Row row = table.row(3);
    assertThat(row.threshold()).isEqualTo(0.6);
    assertThat(row.truePositives()).isEqualTo(4);
    assertThat(row.falsePositives()).isEqualTo(1);
    assertThat(row.trueNegatives()).isEqualTo(5);
    assertThat(row.falseNegatives()).isEqualTo(2);
    assertThat(row.f1()).isCloseTo(0.7272727272727273, within(1e-15));
    assertThat(table.size()).isEqualTo(10);
  }

  @Test
  void maxF1_picksTheBestOperatingPoint() {
    // F1 per threshold (from the PR curve): best is 12 / 14 at threshold 0.35 (TP 6, FP 2, FN 0)
    ThresholdTable.Row best = table.maxF1().orElseThrow();
    assertThat(best.threshold()).isEqualTo(0.35);
    assertThat(best.f1()).isCloseTo(12 / 14.0, within(1e-15));
  }

  @Test
  void forPrecision_picksTheLowestThresholdReachingTheTarget() {
    assertThat(table.forPrecision(0.8).orElseThrow().threshold()).isEqualTo(0.6);
    assertThat(table.forPrecision(1.0).orElseThrow().threshold()).isEqualTo(0.7);
  }

  @Test
  void forRecall_picksTheHighestThresholdReachingTheTarget() {
    assertThat(table.forRecall(0.5).orElseThrow().threshold()).isEqualTo(0.7);
    assertThat(table.forRecall(1.0).orElseThrow().threshold()).isEqualTo(0.35);
  }

  @Test
  void pickers_rejectTargetsOutsideTheUnitInterval() {
    assertThatThrownBy(() -> table.forPrecision(1.2)).hasMessage("target precision must be in [0, 1]: 1.2");
  }
}
