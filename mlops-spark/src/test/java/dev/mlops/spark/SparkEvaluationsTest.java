package dev.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.mlops.metrics.BinaryCounts;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import dev.mlops.metrics.RegressionMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Evaluations on local[2] equal mlops-metrics (and scikit-learn) on the same labels and scores. */
final class SparkEvaluationsTest {

  private static Dataset<Row> scored(int[] y, double[] s, int partitions) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      rows.add(new Object[] {y[i], s[i]});
    }
    return LocalSpark.dataset(List.of("label", "score"),
        List.of(DataTypes.IntegerType, DataTypes.DoubleType), rows, partitions);
  }

  @Test
  void binary_matchesScikitLearn() {
    // scikit-learn 1.2.1: roc_auc_score([0,0,1,1,0,1,1,0], [.1,.4,.35,.8,.4,.9,.4,.2]) = 0.8125,
    // average_precision_score(...) = 0.8166666666666667 (ties at 0.4 across classes)
    int[] y = {0, 0, 1, 1, 0, 1, 1, 0};
    double[] s = {0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.4, 0.2};
    SparkEvaluations.Binary e = SparkEvaluations.binary(scored(y, s, 3), "label", "score", 0.5);
    assertThat(e.rocAuc().value()).isCloseTo(0.8125, offset(1e-12));
    assertThat(e.averagePrecision().value()).isCloseTo(0.8166666666666667, offset(1e-12));
    assertThat(e.counts()).isEqualTo(new BinaryCounts(2, 0, 4, 2));
    assertThat(e.rows()).isEqualTo(8);
    assertThat(e.positives()).isEqualTo(4);
    // log_loss(...) = 0.4555965297311108, brier_score_loss(...) = 0.15031250000000002
    assertThat(e.logLoss().value()).isCloseTo(0.4555965297311108, offset(1e-15));
    assertThat(e.brier().value()).isCloseTo(0.15031250000000002, offset(1e-15));
  }

  @Test
  void binaryLogLoss_isUndefined_whenScoresAreNotProbabilities() {
    SparkEvaluations.Binary e = SparkEvaluations.binary(
        scored(new int[] {0, 1, 1}, new double[] {-2.0, 0.5, 3.0}, 2), "label", "score", 0.0);
    assertThat(e.logLoss().defined()).isFalse();
    assertThat(e.logLoss().reason())
        .isEqualTo("score column 'score' must hold probabilities in [0, 1]: 2 rows do not");
    assertThat(e.brier().defined()).isFalse();
    assertThat(e.rocAuc().value()).isEqualTo(1.0);
  }

  @Property(tries = 5)
  void binary_equalsTheOneJvmMetrics(@ForAll @IntRange(min = 2, max = 500) int n,
      @ForAll @IntRange(min = 1, max = 4) int partitions, @ForAll long seed) {
    Random r = new Random(seed);
    int[] y = new int[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(3) == 0 ? 1 : 0;
      // rounded scores: many ties, within and across classes
      s[i] = Math.min(1.0, Math.round((r.nextDouble() + 0.3 * y[i]) * 20) / 20.0);
    }
    y[0] = 0;
    y[1] = 1;
    SparkEvaluations.Binary e = SparkEvaluations.binary(scored(y, s, partitions), "label",
        "score", 0.6);
    assertThat(e.rocAuc().value())
        .isCloseTo(BinaryMetrics.rocAuc(y, s).value(), offset(1e-12));
    assertThat(e.averagePrecision().value())
        .isCloseTo(BinaryMetrics.averagePrecision(y, s).value(), offset(1e-12));
    assertThat(e.counts()).isEqualTo(BinaryCounts.of(y, s, 0.6));
    ClassificationEvaluation one = ClassificationEvaluation.binary(y, s).threshold(0.6).evaluate();
    for (Metric m : List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY, Metric.PRECISION,
        Metric.RECALL, Metric.SPECIFICITY, Metric.FPR, Metric.FNR, Metric.F1, Metric.MCC,
        Metric.COHEN_KAPPA, Metric.PREVALENCE)) {
      assertSameValue(e.metric(m), one.metric(m)); // the same counts: exactly the same double
    }
    for (Metric m : List.of(Metric.LOG_LOSS, Metric.BRIER, Metric.ROC_AUC,
        Metric.AVERAGE_PRECISION)) {
      double expected = one.value(m);
      assertThat(e.metric(m).value()).as(m.key())
          .isCloseTo(expected, offset(1e-12 * (1 + Math.abs(expected))));
    }
  }

  private static void assertSameValue(MetricValue actual, MetricValue expected) {
    assertThat(actual.defined()).as(expected.metric().key()).isEqualTo(expected.defined());
    if (expected.defined()) {
      assertThat(actual.value()).as(expected.metric().key()).isEqualTo(expected.value());
    }
  }

  @Property(tries = 5)
  void regression_equalsTheOneJvmMetrics(@ForAll @IntRange(min = 2, max = 500) int n,
      @ForAll @IntRange(min = 1, max = 4) int partitions, @ForAll long seed) {
    Random r = new Random(seed);
    double[] y = new double[n];
    double[] p = new double[n];
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      y[i] = 100 + r.nextGaussian() * 10;
      p[i] = y[i] + r.nextGaussian() * 3 + 0.5;
      rows.add(new Object[] {y[i], p[i]});
    }
    Dataset<Row> data = LocalSpark.dataset(List.of("y", "p"),
        List.of(DataTypes.DoubleType, DataTypes.DoubleType), rows, partitions);
    SparkEvaluations.Regression e = SparkEvaluations.regression(data, "y", "p");
    for (Metric m : List.of(Metric.MAE, Metric.MSE, Metric.RMSE, Metric.R2,
        Metric.EXPLAINED_VARIANCE, Metric.MEAN_ERROR, Metric.MAX_ERROR, Metric.MAPE)) {
      double expected = RegressionMetrics.metric(m, y, p).value();
      assertThat(e.metric(m).value()).as(m.key())
          .isCloseTo(expected, offset(1e-9 * (1 + Math.abs(expected))));
    }
    // an order statistic: the same double as the one-JVM sort
    assertThat(e.metric(Metric.MEDIAN_ABSOLUTE_ERROR).value())
        .isEqualTo(RegressionMetrics.medianAbsoluteError(y, p).value());
  }

  @Test
  void medianAbsoluteError_matchesScikitLearn_forAnEvenRowCount() {
    // scikit-learn 1.2.1: median_absolute_error([1,2,3,4,10,6], [1.5,2,2,5,7,6.5]) = 0.75
    double[] y = {1.0, 2.0, 3.0, 4.0, 10.0, 6.0};
    double[] p = {1.5, 2.0, 2.0, 5.0, 7.0, 6.5};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      rows.add(new Object[] {y[i], p[i]});
    }
    Dataset<Row> data = LocalSpark.dataset(List.of("y", "p"),
        List.of(DataTypes.DoubleType, DataTypes.DoubleType), rows, 3);
    assertThat(SparkEvaluations.regression(data, "y", "p")
        .metric(Metric.MEDIAN_ABSOLUTE_ERROR).value()).isEqualTo(0.75);
  }

  @Test
  void badLabelsAndScores_areRefusedWithTheirCounts() {
    assertThatThrownBy(() -> SparkEvaluations.binary(
        scored(new int[] {0, 2, 1}, new double[] {0.1, 0.2, 0.3}, 1), "label", "score", 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label column 'label' must hold 0 or 1: 1 rows do not");
    assertThatThrownBy(() -> SparkEvaluations.binary(
        scored(new int[] {0, 1, 1}, new double[] {0.1, Double.NaN, 0.3}, 2), "label", "score",
        0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("score column 'score' must hold finite numbers: 1 rows do not");
  }
}
