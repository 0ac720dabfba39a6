package dev.mlops.metrics.modeltest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.mlops.metrics.Metric;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** MetricThreshold follows MLflow's MetricThreshold, with the direction taken from the metric. */
final class MetricThresholdTest {

  @Test
  void threshold_isALowerBound_whenGreaterIsBetter() {
    MetricThreshold threshold = MetricThreshold.of(Metric.ROC_AUC).withThreshold(0.8);

    assertThat(threshold.check(0.8, OptionalDouble.empty()).passed()).isTrue();
    ThresholdCheck failed = threshold.check(0.79, OptionalDouble.empty());
    assertThat(failed.passed()).isFalse();
    assertThat(failed.violations()).containsExactly("roc_auc 0.79 not >= 0.8");
    assertThat(failed.reason()).isEqualTo("roc_auc 0.79 not >= 0.8");
  }

  @Test
  void threshold_isAnUpperBound_whenSmallerIsBetter() {
    MetricThreshold threshold = MetricThreshold.of(Metric.RMSE).withThreshold(60);

    assertThat(threshold.greaterIsBetter()).isFalse();
    assertThat(threshold.check(60, OptionalDouble.empty()).passed()).isTrue();
    assertThat(threshold.check(60.5, OptionalDouble.empty()).passed()).isFalse();
  }

  @Test
  void minAbsoluteChange_requiresThatMuchImprovementOverTheBaseline() {
    MetricThreshold auc = MetricThreshold.of(Metric.ROC_AUC).withMinAbsoluteChange(0.01);
    MetricThreshold rmse = MetricThreshold.of(Metric.RMSE).withMinAbsoluteChange(2);

    assertThat(auc.check(0.861, OptionalDouble.of(0.85)).passed()).isTrue();   // 0.861 >= 0.85 + 0.01
    assertThat(auc.check(0.859, OptionalDouble.of(0.85)).passed()).isFalse();
    assertThat(rmse.check(48, OptionalDouble.of(50)).passed()).isTrue();       // 48 <= 50 - 2
    assertThat(rmse.check(49, OptionalDouble.of(50)).passed()).isFalse();
    assertThat(rmse.check(49, OptionalDouble.of(50)).reason())
        .isEqualTo("change -1 vs baseline 50 misses min absolute change 2");
  }

  @Test
  void minRelativeChange_isAFractionOfTheBaseline() {
    MetricThreshold rmse = MetricThreshold.of(Metric.RMSE).withMinRelativeChange(0.05);

    assertThat(rmse.check(47.5, OptionalDouble.of(50)).passed()).isTrue();     // 47.5 <= 50 * (1 - 0.05)
    assertThat(rmse.check(47.6, OptionalDouble.of(50)).passed()).isFalse();
    assertThat(rmse.check(47.6, OptionalDouble.of(50)).reason())
        .isEqualTo("rmse 47.6 misses min relative change 0.05 vs baseline 50 (needs <= 47.5)");
  }

  @Test
  void minRelativeChange_withANegativeBaseline_keepsTheDirection() {
    // R² baseline -0.2: improving by 10% of |b| means at least -0.18 (MLflow's b*(1+r) would give -0.22,
    // which a worse model of -0.21 would pass)
    MetricThreshold r2 = MetricThreshold.of(Metric.R2).withMinRelativeChange(0.1);

    assertThat(r2.check(-0.17, OptionalDouble.of(-0.2)).passed()).isTrue();
    assertThat(r2.check(-0.19, OptionalDouble.of(-0.2)).passed()).isFalse();
    assertThat(r2.check(-0.21, OptionalDouble.of(-0.2)).passed()).isFalse();
  }

  @Test
  void everyConfiguredConditionMustHold() {
    MetricThreshold threshold = MetricThreshold.of(Metric.ACCURACY).withThreshold(0.9).withMinAbsoluteChange(0.01);

    ThresholdCheck check = threshold.check(0.895, OptionalDouble.of(0.8));

    assertThat(check.passed()).isFalse();
    assertThat(check.violations()).containsExactly("accuracy 0.895 not >= 0.9");
  }

  @Test
  void changeConditions_doNotApply_withoutABaseline() {
    ThresholdCheck check = MetricThreshold.of(Metric.RMSE).withThreshold(60).withMinRelativeChange(0.05)
        .check(55, OptionalDouble.empty());

    assertThat(check.passed()).isTrue();
    assertThat(check.reason()).isEqualTo("rmse 55 <= 60; no baseline: change conditions do not apply");
  }

  @Test
  void undefinedCandidate_fails() {
    ThresholdCheck check = MetricThreshold.of(Metric.ROC_AUC).check(Double.NaN, OptionalDouble.of(0.8));

    assertThat(check.passed()).isFalse();
    assertThat(check.violations()).containsExactly("roc_auc is undefined (NaN)");
  }

  @Test
  void badArguments_areRejected_namingTheMetric() {
    assertThatIllegalArgumentException().isThrownBy(() -> MetricThreshold.of(Metric.ROC_AUC).withThreshold(1.2))
        .withMessage("threshold of roc_auc must be within [0, 1]: 1.2");
    assertThatIllegalArgumentException().isThrownBy(() -> MetricThreshold.of(Metric.RMSE).withMinAbsoluteChange(-1))
        .withMessage("min absolute change of rmse must be finite and not negative: -1.0");
    assertThatIllegalArgumentException().isThrownBy(() -> MetricThreshold.of(Metric.RMSE).withMinRelativeChange(1.5))
        .withMessage("min relative change of rmse must be in [0, 1]: 1.5");
  }

  @Test
  void toString_readsLikeTheCondition() {
    assertThat(MetricThreshold.of(Metric.RMSE).withThreshold(60).withMinRelativeChange(0.02))
        .hasToString("rmse <= 60, min relative change 0.02");
  }
}
