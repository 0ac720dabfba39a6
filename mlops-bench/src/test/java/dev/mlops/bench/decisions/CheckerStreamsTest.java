package dev.mlops.bench.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.bench.decisions.CheckerStreams.WindowResult;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reviewer's path of {@link CheckerStreams} on one short setting. */
final class CheckerStreamsTest {

  @Test
  void pipelineProfileAndDefaultMonitor_giveEveryWindowAnEstimateAndItsRealisedAccuracy() {
    List<WindowResult> windows = CheckerStreams.run(CheckerStreams.Model.LOGISTIC,
        CheckerTables.Truth.BALANCED, 2_000, CheckerStreams.Profile.DEFAULT,
        List.of(CheckerTables.Shift.MEAN), new int[] {200}, 7L);

    assertThat(windows).hasSize(CheckerStreams.WINDOWS);
    for (WindowResult w : windows) {
      assertThat(w.lower()).isLessThanOrEqualTo(w.estimate());
      assertThat(w.estimate()).isLessThanOrEqualTo(w.upper());
      // labels join in the window open when they arrive: at most the boundary row moves
      assertThat(Math.abs(w.realised() - w.own())).isLessThanOrEqualTo(1.0 / 199 + 1e-9);
      assertThat(w.oracle()).isBetween(0.5, 1.0);
    }
    assertThat(CheckerStreams.table(windows)).contains("| default | balanced | logistic | 2000 | mean | 200 | 20 |");
  }

  @Test
  void imbalancedTruth_hasAboutOneRowInFiveInClassOne() {
    SplittableRandom rnd = new SplittableRandom(11);
    int ones = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      ones += CheckerTables.row(CheckerTables.Truth.IMBALANCED, CheckerTables.Shift.MEAN, 0, rnd)
          .label();
    }
    assertThat((double) ones / n).isBetween(0.17, 0.25);
  }

  @Test
  void windowResult_roundTripsThroughItsCsvLine() {
    WindowResult w = new WindowResult(501, CheckerStreams.Model.FOREST, CheckerTables.Truth.THREE,
        10_000, CheckerStreams.Profile.OUT_OF_FOLD, CheckerTables.Shift.BEYOND, 500, 3, 0.75,
        0.7, 0.8, 0.74, 0.74, 0.745, 0.125);

    assertThat(WindowResult.parse(w.toCsv())).isEqualTo(w);
  }
}
