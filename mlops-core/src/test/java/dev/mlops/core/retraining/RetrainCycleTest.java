package dev.mlops.core.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class RetrainCycleTest {

  @Test
  void trainedReason_saysWhichOfTheGivenRowsTheCandidateWasTrainedOn_whenTheRetrainerChoseAWindow() {
    Map<String, String> record = Map.of("rows.read", "1000", "rows.train", "600", "rows.test", "400");

    assertThat(RetrainCycle.trainedReason(1600, record, Trigger.DRIFT))
        .isEqualTo("candidate trained after DRIFT on 600 of the 1600 rows given, tested on 400");
  }

  @Test
  void trainedReason_countsTheRetrainersOriginalData_whenItReadMoreRowsThanGiven() {
    Map<String, String> record = Map.of("rows.read", "11539", "rows.train", "10092", "rows.test", "1447");

    assertThat(RetrainCycle.trainedReason(2894, record, Trigger.DRIFT)).isEqualTo("candidate trained after DRIFT on "
        + "10092 of 11539 rows read (the 2894 rows given and the retrainer's original data), tested on 1447");
  }

  @Test
  void trainedReason_namesTheGivenRowsOnly_withoutARunRecord() {
    assertThat(RetrainCycle.trainedReason(1600, Map.of("rows.read", "x"), Trigger.SCHEDULE))
        .isEqualTo("candidate trained after SCHEDULE from the 1600 rows given");
  }
}
