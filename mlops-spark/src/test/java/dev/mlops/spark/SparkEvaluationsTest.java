package dev.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.mlops.metrics.BinaryCounts;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.metrics.Metric;
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
      s[i] = Math.round((r.nextDouble() + 0.3 * y[i]) * 20) / 20.0;
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
