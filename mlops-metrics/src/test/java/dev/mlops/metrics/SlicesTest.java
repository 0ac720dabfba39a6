package dev.mlops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

final class SlicesTest {

  // slice "a": rows 0-5, slice "b": rows 6-11
  private static final String[] KEYS = {"a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b"};

  @Test
  void everySlice_isEvaluatedWithItsCounts() {
    SliceEvaluation<ClassificationEvaluation> slices = Slices.byKey(KEYS, BinaryMetricsTest.Y, BinaryMetricsTest.S);
    assertThat(slices.slices()).extracting(SliceEvaluation.Slice::key).containsExactly("a", "b");
    assertThat(slices.slices()).extracting(SliceEvaluation.Slice::n).containsExactly(6L, 6L);
    // slice a: y = [0,0,1,1,0,1], s = [0.1,0.4,0.4,0.8,0.3,0.7]: at 0.5 TP 2, FN 1 -> recall 2/3
    assertThat(slices.slice("a").orElseThrow().evaluation().value(Metric.RECALL)).isCloseTo(2 / 3.0, within(1e-15));
    assertThat(slices.overall().n()).isEqualTo(12);
    assertThat(slices.slice("a").orElseThrow().evaluation().metric(Metric.RECALL).ci()).isNotNull();
  }

  @Test
  void worst_findsTheSliceWithTheLowestValueOrHighestLoss() {
    SliceEvaluation<ClassificationEvaluation> slices = Slices.byKey(KEYS, BinaryMetricsTest.Y, BinaryMetricsTest.S);
    double aucA = slices.slice("a").orElseThrow().evaluation().value(Metric.ROC_AUC);
    double aucB = slices.slice("b").orElseThrow().evaluation().value(Metric.ROC_AUC);
    String expected = aucA < aucB ? "a" : "b";
    assertThat(slices.worst(Metric.ROC_AUC).orElseThrow().key()).isEqualTo(expected);
    double lossA = slices.slice("a").orElseThrow().evaluation().value(Metric.LOG_LOSS);
    double lossB = slices.slice("b").orElseThrow().evaluation().value(Metric.LOG_LOSS);
    assertThat(slices.worst(Metric.LOG_LOSS).orElseThrow().key()).isEqualTo(lossA > lossB ? "a" : "b");
    assertThat(slices.worst(Metric.ROC_AUC, 7)).isEmpty();
  }

  @Test
  void worst_ignoresSlicesWhereTheMetricIsUndefined() {
    String[] keys = {"x", "x", "y", "y"};
    int[] y = {0, 1, 1, 1};
    double[] s = {0.9, 0.1, 0.8, 0.9};
    SliceEvaluation<ClassificationEvaluation> slices = Slices.byKey(keys, y, s);
    assertThat(slices.slice("y").orElseThrow().evaluation().metric(Metric.ROC_AUC).defined()).isFalse();
    assertThat(slices.worst(Metric.ROC_AUC).orElseThrow().key()).isEqualTo("x");
  }

  @Test
  void regressionSlices_textAndJson() throws Exception {
    String[] keys = {"p", "p", "p", "p", "q", "q", "q", "q"};
    SliceEvaluation<RegressionEvaluation> slices = Slices.byKey(keys, RegressionMetricsTest.A, RegressionMetricsTest.P);
    // q: errors 0.3, -0.3, 0.5, 2.0 -> MAE 0.775; p: 0.5, -0.5, -0.1, -0.8 -> MAE 0.475
    assertThat(slices.worst(Metric.MAE).orElseThrow().key()).isEqualTo("q");
    assertThat(slices.toText(Metric.MAE)).contains("(all)").contains("0.7750");
    assertThat(new ObjectMapper().readTree(slices.toJson()).at("/slices/1/key").asText()).isEqualTo("q");
  }

  @Test
  void nullKeys_areRejectedWithTheirIndex() {
    assertThatThrownBy(() -> Slices.byKey(new String[] {"a", null}, new int[] {0, 1}, new double[] {0.2, 0.8}))
        .hasMessage("keys must not contain null: keys[1] = null");
  }
}
