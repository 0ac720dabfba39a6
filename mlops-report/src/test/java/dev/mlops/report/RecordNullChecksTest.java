package dev.mlops.report;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.Test;

final class RecordNullChecksTest {

  @Test
  void gateRecords_rejectNullComponents_namingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> new GateRecord("retrain", "", "PROMOTE", null, "v2", List.of(), List.of()))
        .withMessage("champion must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new GateComparison("roc_auc", 0.8, 0.85, 0.05, 0.01, 0.09, 0.02, "delong", null))
        .withMessage("verdict must not be null");
    assertThatNoException()
        .isThrownBy(() -> new GateRecord("retrain", "", "PROMOTE", "", "v2", List.of(), List.of()));
  }

  @Test
  void runAndWindowRecords_rejectNullComponents_namingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> new RunEvent("2011-03", RunEvent.Kind.DRIFT, null, "temp drifted"))
        .withMessage("subject must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new FeatureHistogram("temp", null, List.of("a"), new double[] {1}, new double[] {1}, 1,
            "profile"))
        .withMessage("kind must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new RunReport.EvaluationEntry("champion", null))
        .withMessage("evaluation must not be null");
  }
}
