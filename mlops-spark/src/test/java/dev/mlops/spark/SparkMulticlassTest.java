package dev.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.MetricValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Multiclass evaluations on local[2] equal the one-JVM evaluation (and scikit-learn). */
final class SparkMulticlassTest {

  /** Metrics of the same confusion matrix: the same formulas on the same counts. */
  private static final List<Metric> EXACT = List.of(Metric.ACCURACY, Metric.BALANCED_ACCURACY,
      Metric.MCC, Metric.COHEN_KAPPA, Metric.MACRO_PRECISION, Metric.MACRO_RECALL,
      Metric.MACRO_F1, Metric.MICRO_F1, Metric.MICRO_PRECISION, Metric.MICRO_RECALL,
      Metric.WEIGHTED_PRECISION, Metric.WEIGHTED_RECALL, Metric.WEIGHTED_F1);

  /** Sums over rows (added in another order) and the one-vs-rest AUCs. */
  private static final List<Metric> SUMS = List.of(Metric.LOG_LOSS, Metric.BRIER,
      Metric.TOP_K_ACCURACY, Metric.ROC_AUC_OVR_MACRO, Metric.ROC_AUC_OVR_WEIGHTED);

  private static Dataset<Row> data(int[] labels, double[][] probabilities, int partitions) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      List<Double> p = new ArrayList<>();
      for (double v : probabilities[i]) {
        p.add(v);
      }
      rows.add(new Object[] {labels[i], p});
    }
    return LocalSpark.dataset(List.of("label", "probabilities"),
        List.of(DataTypes.IntegerType, DataTypes.createArrayType(DataTypes.DoubleType)), rows,
        partitions);
  }

  @Test
  void multiclass_matchesScikitLearn_withATieInTheArgMax() {
    int[] y = {0, 1, 2, 2, 1, 0, 2, 1, 0, 2};
    double[][] p = {{.7, .2, .1}, {.2, .5, .3}, {.1, .3, .6}, {.3, .3, .4}, {.4, .4, .2},
        {.5, .25, .25}, {.2, .6, .2}, {.1, .8, .1}, {.6, .1, .3}, {.05, .15, .8}};
    SparkEvaluations.Multiclass e = SparkEvaluations.multiclass(data(y, p, 3), "label",
        "probabilities");
    // scikit-learn 1.2.1, predictions = P.argmax(1)
    assertThat(e.confusion().counts()).isDeepEqualTo(new long[][] {{3, 0, 0}, {1, 2, 0}, {0, 1, 3}});
    assertThat(e.rows()).isEqualTo(10);
    assertThat(e.metric(Metric.ACCURACY).value()).isCloseTo(0.8, offset(1e-15));
    assertThat(e.metric(Metric.MACRO_F1).value()).isCloseTo(0.7936507936507936, offset(1e-15));
    assertThat(e.metric(Metric.WEIGHTED_F1).value()).isCloseTo(0.8, offset(1e-15));
    assertThat(e.metric(Metric.MACRO_PRECISION).value())
        .isCloseTo(0.8055555555555555, offset(1e-15));
    assertThat(e.metric(Metric.COHEN_KAPPA).value()).isCloseTo(0.7014925373134329, offset(1e-15));
    assertThat(e.metric(Metric.MCC).value()).isCloseTo(0.7121212121212122, offset(1e-15));
    assertThat(e.metric(Metric.BALANCED_ACCURACY).value())
        .isCloseTo(0.8055555555555555, offset(1e-15));
    assertThat(e.metric(Metric.LOG_LOSS).value()).isCloseTo(0.6652927031401433, offset(1e-15));
    assertThat(e.metric(Metric.ROC_AUC_OVR_MACRO).value())
        .isCloseTo(0.9196428571428571, offset(1e-15));
    assertThat(e.metric(Metric.ROC_AUC_OVR_WEIGHTED).value())
        .isCloseTo(0.913095238095238, offset(1e-15));
    assertThat(e.metric(Metric.TOP_K_ACCURACY).value()).isEqualTo(1.0);
  }

  @Property(tries = 4)
  void multiclass_equalsTheOneJvmEvaluation(@ForAll @IntRange(min = 4, max = 300) int n,
      @ForAll @IntRange(min = 3, max = 4) int k, @ForAll @IntRange(min = 1, max = 4) int partitions,
      @ForAll long seed) {
    Random r = new Random(seed);
    int[] y = new int[n];
    double[][] p = new double[n][k];
    for (int i = 0; i < n; i++) {
      y[i] = i < k ? i : r.nextInt(k); // every class present: the one-vs-rest AUCs are defined
      // probabilities in steps of 1/20 leaning to the label: ties within rows and across rows
      int[] units = new int[k];
      for (int u = 0; u < 20; u++) {
        units[r.nextInt(3) == 0 ? y[i] : r.nextInt(k)]++;
      }
      for (int j = 0; j < k; j++) {
        p[i][j] = units[j] / 20.0;
      }
    }
    SparkEvaluations.Multiclass e = SparkEvaluations.multiclass(data(y, p, partitions), "label",
        "probabilities");
    ClassificationEvaluation one = ClassificationEvaluation.multiclass(y, p).evaluate();
    assertThat(e.confusion()).isEqualTo(one.confusionMatrix());
    for (Metric m : EXACT) {
      assertSameValue(e.metric(m), one.metric(m));
    }
    for (Metric m : SUMS) {
      double expected = one.value(m);
      assertThat(e.metric(m).value()).as(m.key())
          .isCloseTo(expected, offset(1e-12 * (1 + Math.abs(expected))));
    }
    for (int c = 0; c < k; c++) {
      Map<Metric, MetricValue> spark = e.classMetrics().get(c);
      Map<Metric, MetricValue> jvm = one.classMetrics().get(c);
      for (Metric m : List.of(Metric.PRECISION, Metric.RECALL, Metric.F1)) {
        assertSameValue(spark.get(m), jvm.get(m));
      }
      assertThat(spark.get(Metric.ROC_AUC).value()).as("class %d roc_auc", c)
          .isCloseTo(jvm.get(Metric.ROC_AUC).value(), offset(1e-12));
    }
  }

  private static void assertSameValue(MetricValue actual, MetricValue expected) {
    assertThat(actual.defined()).as(expected.metric().key()).isEqualTo(expected.defined());
    if (expected.defined()) {
      assertThat(actual.value()).as(expected.metric().key()).isEqualTo(expected.value());
    }
  }

  @Test
  void invalidRows_areCountedAndTheFirstIsShown() {
    int[] y = {0, 1, 3, 1};
    double[][] p = {{.5, .5, 0}, {.2, .2, .2}, {.1, .1, .8}, {0, 1, 0}};
    assertThatThrownBy(() -> SparkEvaluations.multiclass(data(y, p, 1), "label",
        "probabilities"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rows must hold a class index in [0, 3) in 'label' and 3"
            + " probabilities summing to 1 in 'probabilities': 2 rows do not (first: ");
  }

  @Test
  void aProbabilityColumnThatIsNotAnArray_isRefused() {
    Dataset<Row> scalar = LocalSpark.dataset(List.of("label", "probabilities"),
        List.of(DataTypes.IntegerType, DataTypes.DoubleType), List.<Object[]>of(new Object[] {0, 0.4}), 1);
    assertThatThrownBy(() -> SparkEvaluations.multiclass(scalar, "label", "probabilities"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probabilities column 'probabilities' must be an array of numbers: double");
  }
}
