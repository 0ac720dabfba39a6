package dev.mlops.metrics.modeltest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.metrics.Metric;
import dev.mlops.metrics.modeltest.Applicants.Applicant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The row type of a model given as a lambda is inferred: these tests would not compile otherwise. */
final class LambdaInferenceTest {

  @Test
  void forClassifier_withRowsFirst_infersTheRowTypeOfALambda() {
    List<Applicant> rows = Applicants.rows();
    ModelTestReport report = ModelTest.forClassifier(rows, Applicants.LABELS,
            row -> new double[] {1 - row.score(), row.score()})
        .bootstrap(0)
        .expect(Metric.ACCURACY).atLeast(0.7)
        .run();
    assertThat(report.expectations().get(0).observed()).isCloseTo(11.0 / 15, within(1e-12));
  }

  @Test
  void forClassifier_onLabeledData_infersTheRowTypeOfALambda() {
    LabeledData<Applicant> data = LabeledData.of(Applicants.rows(), Applicants.LABELS);
    ModelTestReport report = ModelTest.forClassifier(data, row -> new double[] {1 - row.score(), row.score()})
        .bootstrap(0).expect(Metric.ACCURACY).atLeast(0.7).run();
    assertThat(report.passed()).isTrue();
  }

  @Test
  void forClassifier_assignedToATypedTest_infersTheRowTypeOfALambda() {
    ClassifierTest<Applicant> test = ModelTest.forClassifier(row -> new double[] {1 - row.score(), row.score()});
    ModelTestReport report = test.on(Applicants.rows(), Applicants.LABELS).bootstrap(0)
        .expect(Metric.ACCURACY).atLeast(0.7).run();
    assertThat(report.passed()).isTrue();
  }

  @Test
  void forRegressor_withRowsFirst_infersTheRowTypeOfALambda() {
    List<double[]> rows = List.of(new double[] {1}, new double[] {2}, new double[] {3});
    ModelTestReport byRows = ModelTest.forRegressor(rows, new double[] {2, 4, 7}, row -> 2 * row[0])
        .bootstrap(0).expect(Metric.MAE).atMost(0.5).run();
    ModelTestReport byData = ModelTest.forRegressor(LabeledData.ofTargets(rows, new double[] {2, 4, 7}),
            row -> 2 * row[0])
        .bootstrap(0).expect(Metric.MAE).atMost(0.3).run();
    assertThat(byRows.expectations().get(0).observed()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(byRows.passed()).isTrue();
    assertThat(byData.passed()).isFalse();
  }
}
