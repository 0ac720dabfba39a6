package dev.mlops.metrics.modeltest;

import static dev.mlops.metrics.modeltest.Applicants.LABELS;
import static dev.mlops.metrics.modeltest.Applicants.MODEL;
import static dev.mlops.metrics.modeltest.LinearRows.LINEAR;
import static dev.mlops.metrics.modeltest.LinearRows.TARGETS;
import static dev.mlops.metrics.modeltest.LinearRows.tens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.modeltest.Applicants.Applicant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LabeledData and the {@code on(LabeledData)} overloads. Literal values as in ClassifierModelTestTest
 * (accuracy 11/15 of Applicants) and RegressorModelTestTest (t=np.arange(10.); p=10+5*t;
 * y=[12,14,21,24,31,33,41,44,50,58]; mae=np.mean(abs(y-p)) = 1.3).
 */
final class LabeledDataTest {

  @Test
  void classifierTest_onLabeledData_givesTheSameReportAsRowsAndLabels() {
    LabeledData<Applicant> data = LabeledData.of(Applicants.rows(), LABELS);

    ModelTestReport viaData = ModelTest.forClassifier(MODEL).on(data).bootstrap(0)
        .expect(Metric.ACCURACY).atLeast(0.7).run();
    ModelTestReport viaArrays = ModelTest.forClassifier(MODEL).on(Applicants.rows(), LABELS).bootstrap(0)
        .expect(Metric.ACCURACY).atLeast(0.7).run();

    assertThat(viaData.expectations().get(0).observed()).isCloseTo(11.0 / 15, within(1e-12));
    assertThat(viaData.expectations()).isEqualTo(viaArrays.expectations());
  }

  @Test
  void regressorTest_onLabeledData_usesTheTargets() {
    ModelTestReport report = ModelTest.forRegressor(LINEAR).on(LabeledData.ofTargets(tens(), TARGETS)).bootstrap(0)
        .expect(Metric.MAE).atMost(1.3)
        .expect(Metric.MAE).atMost(1.29)
        .run();

    assertThat(report.expectations()).extracting(ExpectationResult::status)
        .containsExactly(Status.PASSED, Status.FAILED);
    assertThat(report.expectations().get(0).observed()).isCloseTo(1.3, within(1e-12));
  }

  @Test
  void labeledData_isImmutable_copiesInputsAndOutputs() {
    List<Integer> rows = tens();
    int[] labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
    LabeledData<Integer> data = LabeledData.of(rows, labels);

    rows.set(0, 99);
    labels[0] = 7;
    data.labels()[1] = 5;

    assertThat(data.rows()).first().isEqualTo(0);
    assertThat(data.labels()).containsExactly(0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
    assertThat(data.size()).isEqualTo(10);
    assertThat(data.hasLabels()).isTrue();
    assertThat(data).isEqualTo(LabeledData.of(tens(), new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1}))
        .hasSameHashCodeAs(LabeledData.of(tens(), new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1}))
        .isNotEqualTo(LabeledData.ofTargets(tens(), TARGETS))
        .hasToString("LabeledData[10 rows, class labels]");
    assertThatIllegalStateException().isThrownBy(data::targets).withMessageContaining("regression targets");
    assertThatIllegalStateException().isThrownBy(LabeledData.ofTargets(tens(), TARGETS)::labels)
        .withMessageContaining("class labels");
  }

  @Test
  void badInput_namesTheArgument_indexAndValue() {
    assertThatNullPointerException().isThrownBy(() -> LabeledData.of(null, new int[0])).withMessage("rows");
    assertThatNullPointerException().isThrownBy(() -> LabeledData.of(tens(), null)).withMessage("labels");
    assertThatNullPointerException().isThrownBy(() -> LabeledData.ofTargets(tens(), null)).withMessage("targets");
    assertThatIllegalArgumentException().isThrownBy(() -> LabeledData.of(List.of(), new int[0]))
        .withMessage("rows must not be empty: 0 rows");
    assertThatIllegalArgumentException().isThrownBy(() -> LabeledData.of(tens(), new int[3]))
        .withMessage("labels must have one entry per row (10 rows): 3");
    assertThatIllegalArgumentException().isThrownBy(() -> LabeledData.ofTargets(tens(), new double[11]))
        .withMessage("targets must have one entry per row (10 rows): 11");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LabeledData.of(List.of(1, 2, 3), new int[] {0, -2, 1}))
        .withMessage("labels[1] must not be negative: -2");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> LabeledData.ofTargets(List.of(1, 2, 3), new double[] {0, 1, Double.NaN}))
        .withMessage("targets[2] must be finite: NaN");
  }

  @Test
  void on_rejectsDataOfTheOtherKind() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ModelTest.forRegressor(LINEAR).on(LabeledData.of(tens(), new int[10])))
        .withMessageStartingWith("data of a regressor test must hold regression targets");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ModelTest.forClassifier(MODEL).on(LabeledData.ofTargets(Applicants.rows(), new double[15])))
        .withMessageStartingWith("data of a classifier test must hold class labels");
    assertThatNullPointerException()
        .isThrownBy(() -> ModelTest.forClassifier(MODEL).on((LabeledData<Applicant>) null)).withMessage("data");
  }
}
