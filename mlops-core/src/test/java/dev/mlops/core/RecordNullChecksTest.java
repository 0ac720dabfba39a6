package dev.mlops.core;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.mlops.core.contract.Anomaly;
import dev.mlops.core.contract.AnomalyKind;
import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.pipeline.StageReport;
import dev.mlops.core.registry.AliasChange;
import dev.mlops.core.retraining.LoopEvent;
import dev.mlops.core.serving.PredictionResult;
import dev.mlops.core.train.TrainingSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RecordNullChecksTest {

  @Test
  void dataAndContractRecords_rejectNullComponents_namingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> new Column("age", null))
        .withMessage("type must not be null");
    assertThatNoException().isThrownBy(() -> new Column("age", ColumnType.NUMERIC));
    assertThatNullPointerException()
        .isThrownBy(() -> new Anomaly("age", AnomalyKind.TYPE_MISMATCH, "text", "numbers", 1, List.of(3), null))
        .withMessage("policy must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new TrainingSet(new double[][] {{1}}, List.of("x"), null, null, new double[] {1},
            List.of()))
        .withMessage("task must not be null");
  }

  @Test
  void runRegistryLoopAndServingRecords_rejectNullComponents_namingThem() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThatNullPointerException()
        .isThrownBy(() -> new StageReport(null, Duration.ZERO, 1, 1, ""))
        .withMessage("stage must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new AliasChange(now, "e1", null, 1, 2))
        .withMessage("action must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new LoopEvent(LoopEvent.Type.DRIFT, now, null, 1, "drift", Map.of()))
        .withMessage("model must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new PredictionResult("r1", "churn", 1, null, 0.5, null))
        .withMessage("role must not be null");
  }
}
