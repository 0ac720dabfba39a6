package dev.mlops.bench.modeltest;

import dev.mlops.bench.AverageTimeBenchmark;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Metric;
import dev.mlops.metrics.ProbabilisticClassifier;
import dev.mlops.metrics.modeltest.Direction;
import dev.mlops.metrics.modeltest.ModelTest;
import dev.mlops.metrics.modeltest.ModelTestReport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What ModelTest costs on top of evaluating the model: the baseline predicts every row and builds
 * one {@link ClassificationEvaluation} (no bootstrap); {@code metricExpectations} runs a ModelTest
 * with two metric expectations (the same work plus output validation and the report);
 * {@code fullTest} adds a per-slice expectation (4 slices: one more evaluation in total) and two
 * behavioural checks (each predicts every row once more). No target is set by the issue; expected
 * ratios are about 1 and about 4.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar ModelTestBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ModelTestBenchmark extends AverageTimeBenchmark {

  /** Rows the model test scores per operation. */

  @Param({"100000"})
  public int n;

  private List<double[]> rows;
  private int[] labels;

  /** P(class 1) = sigmoid(2 x0 - x1); x2 is the slice (0..3). */
  private static final ProbabilisticClassifier<double[]> MODEL = x -> {
    double p = 1 / (1 + Math.exp(-(2 * x[0] - x[1])));
    return new double[] {1 - p, p};
  };

  /** Draws the same seeded data for every trial. */
  @Setup(Level.Trial)
  public void draw() {
    SplittableRandom random = new SplittableRandom(11);
    rows = new ArrayList<>(n);
    labels = new int[n];
    for (int i = 0; i < n; i++) {
      double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextInt(4)};
      rows.add(x);
      labels[i] = random.nextDouble() < MODEL.probabilities(x)[1] ? 1 : 0;
    }
  }

  /**
   * Baseline: predict every row and evaluate once.
   *
   * @return the evaluation
   */
  @Benchmark
  public ClassificationEvaluation evaluationOnly() {
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = MODEL.probabilities(rows.get(i))[1];
    }
    return ClassificationEvaluation.binary(labels, scores).evaluate();
  }

  /**
   * A ModelTest with two metric expectations.
   *
   * @return the report
   */
  @Benchmark
  public ModelTestReport metricExpectations() {
    return ModelTest.forClassifier(MODEL).on(rows, labels).bootstrap(0)
        .expect(Metric.ACCURACY).atLeast(0.6)
        .expect(Metric.ROC_AUC).lowerBound(0.95).atLeast(0.7)
        .run();
  }

  /**
   * A ModelTest with metric, per-slice and behavioural expectations.
   *
   * @return the report
   */
  @Benchmark
  public ModelTestReport fullTest() {
    return ModelTest.forClassifier(MODEL).on(rows, labels).bootstrap(0)
        .expect(Metric.ACCURACY).atLeast(0.6)
        .expect(Metric.ROC_AUC).lowerBound(0.95).atLeast(0.7)
        .expect(Metric.F1).onEverySlice(x -> (int) x[2]).atLeast(0.5)
        .expectInvariance("ignores the slice", x -> new double[] {x[0], x[1], (x[2] + 1) % 4})
        .expectDirection("x0 never lowers class 1", x -> new double[] {x[0] + 0.1, x[1], x[2]},
            Direction.NON_DECREASING, "1")
        .run();
  }
}
