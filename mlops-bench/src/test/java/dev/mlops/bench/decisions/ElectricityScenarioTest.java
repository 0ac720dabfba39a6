package dev.mlops.bench.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.bench.decisions.ElectricityScenario.WindowDecision;
import dev.mlops.drift.monitor.DriftStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A new user's path on a stream nobody tuned for (an electricity market: daily and weekly
 * cycles, price spikes, many ties, constant imputed columns), with the defaults.
 */
final class ElectricityScenarioTest {

  private static final ElectricityScenario.Outcome OUTCOME = ElectricityScenario.run(77L);

  @Test
  void trainingRows_replayedAgainstTheirOwnProfile_raiseNoAlarm_andIgnoredFieldsAreNotUnknown() {
    assertThat(OUTCOME.own()).hasSize(10);
    assertThat(OUTCOME.own().stream().filter(WindowDecision::alarm).count()).isLessThanOrEqualTo(1);
    assertThat(OUTCOME.own()).allSatisfy(w -> assertThat(w.findings()).noneMatch(
        f -> f.contains("unknown") || f.contains("request_id") || f.contains("ts=")));
  }

  @Test
  void closeWindow_afterTheCountWindowsClosedOnTheirOwn_withLabelsRightAfterEachRow_isNoWindow() {
    assertThat(OUTCOME.closeAfterCountWindows()).isEmpty();
    assertThat(OUTCOME.latestAfterClose()).containsExactly(10, 1_000);
  }

  @Test
  void marketChange_isReportedWithinTwoWindows_andTheStationaryContinuationIsQuiet() {
    List<WindowDecision> live = OUTCOME.live();
    assertThat(live).hasSize(12);
    assertThat(live.subList(0, 5).stream().filter(WindowDecision::alarm).count())
        .isLessThanOrEqualTo(1);
    assertThat(live.subList(5, 7)).anySatisfy(w -> assertThat(w.drifted()).contains("nswprice"));
    // the imputed Victorian columns vary from live row 7,424 (window 8)
    assertThat(live.subList(8, 12)).allSatisfy(w -> assertThat(w.drifted())
        .contains("vicprice", "vicdemand", "transfer"));
    // constant in the reference, so profiled numeric: their numbers are said as numbers, never
    // as unseen categories with long float strings
    assertThat(live.subList(8, 12)).allSatisfy(w -> assertThat(w.findings())
        .anyMatch(f -> f.startsWith("vicprice: constant 0.003467 in the reference (10000 rows), "
            + "now varying: "))
        .anyMatch(f -> f.startsWith("vicdemand: constant 0.422915 in the reference"))
        .anyMatch(f -> f.startsWith("transfer: constant 0.414912 in the reference"))
        .noneMatch(f -> f.contains("unseen")));
  }

  @Test
  void labelDrift_isJudgedOnlyInWindowsWhereLabelsArrived() {
    List<WindowDecision> live = OUTCOME.live();
    for (int w : new int[] {1, 2, 3, 7, 8, 9}) {
      assertThat(live.get(w - 1).label()).as("window %d", w).isIn(DriftStatus.OK, DriftStatus.DRIFT);
    }
    for (int w : new int[] {5, 6, 11, 12}) {
      assertThat(live.get(w - 1).label()).as("window %d", w).isNull();
    }
  }

  @Test
  void dateColumnLeftAmongTheFeatures_doesNotFlagTheTrainingPeriod() {
    List<List<WindowDecision>> d = ElectricityScenario.withDateFeature(78L);

    assertThat(d.get(0)).hasSize(10);
    assertThat(d.get(0).stream().filter(WindowDecision::alarm).count()).isLessThanOrEqualTo(1);
  }

  @Test
  void demandStuckAtAnImputedValue_isNamedByFieldAndValueInEveryBrokenWindow() {
    List<WindowDecision> stuck = OUTCOME.stuck();
    assertThat(stuck).hasSize(5);
    assertThat(stuck.subList(0, 2)).allSatisfy(w -> assertThat(w.findings()).isEmpty());
    assertThat(stuck.subList(2, 5)).allSatisfy(w -> assertThat(w.findings())
        .anyMatch(f -> f.startsWith("nswdemand: constant 0.4229")));
  }
}
