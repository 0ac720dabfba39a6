package dev.mlops.drift;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.mlops.drift.fairness.FairnessAlert;
import dev.mlops.drift.monitor.DriftStatus;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.MultivariateDrift;
import dev.mlops.drift.profile.ThresholdCalibration;
import dev.mlops.drift.stat.DriftStatistic;
import dev.mlops.drift.stat.TestResult;
import dev.mlops.metrics.fairness.Disparity;
import org.junit.jupiter.api.Test;

final class RecordNullChecksTest {

  @Test
  void monitorResults_rejectNullComponents_namingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> new FeatureDrift("temp", "numeric", "ks", 0.1, 0.5, 0.2, 0.1, 0.05, 100, 100,
            null, "no drift"))
        .withMessage("status must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new MultivariateDrift(2, 0.1, 0.1, 0.01, 0.05, 0.15, 100, DriftStatus.OK, null))
        .withMessage("reason must not be null");
    assertThatNoException()
        .isThrownBy(() -> new MultivariateDrift(2, 0.1, 0.1, 0.01, 0.05, 0.15, 100, DriftStatus.OK, "ok"));
    assertThatNullPointerException()
        .isThrownBy(() -> new FairnessAlert(3, null, Disparity.STATISTICAL_PARITY_DIFFERENCE, 0.3, 0.1,
            "a", "b", true))
        .withMessage("attribute must not be null");
  }

  @Test
  void statisticsAndCalibrations_rejectNullComponents_namingThem() {
    assertThatNullPointerException()
        .isThrownBy(() -> new TestResult("ks", 0.1, 0.5, Double.NaN, 10, 10, TestResult.Status.OK, null))
        .withMessage("reason must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> new ThresholdCalibration.Column("temp", DriftStatistic.KOLMOGOROV_SMIRNOV,
            new double[] {0.1}, null))
        .withMessage("threshold must not be null");
  }
}
