package dev.mlops.bench.metrics;

import dev.mlops.bench.AverageTimeBenchmark;
import dev.mlops.metrics.BinaryMetrics;
import dev.mlops.metrics.ConfidenceIntervals;
import dev.mlops.metrics.Interval;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Stratified percentile bootstrap of ROC AUC (B resamples) against one ROC AUC on the same
 * {@code n} rows, measured in the same run. Target: ratio at most 50 for B = 1000, n = 100 000.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar BootstrapBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class BootstrapBenchmark extends AverageTimeBenchmark {

  /** Scored rows per operation. */

  @Param({"100000"})
  public int n;

  /** Bootstrap resamples per operation. */

  @Param({"1000"})
  public int resamples;

  private int[] labels;
  private double[] scores;

  /** Draws the same seeded data for every trial. */
  @Setup(Level.Trial)
  public void draw() {
    SplittableRandom random = new SplittableRandom(7);
    labels = new int[n];
    scores = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextDouble() < 0.3 ? 1 : 0;
      scores[i] = Math.min(1, Math.max(0, 0.2 * labels[i] + 0.8 * random.nextDouble()));
    }
  }

  /**
   * Baseline: one ROC AUC.
   *
   * @return the AUC
   */
  @Benchmark
  public double singleRocAuc() {
    return BinaryMetrics.rocAuc(labels, scores).value();
  }

  /**
   * The bootstrap interval of ROC AUC.
   *
   * @return the interval
   */
  @Benchmark
  public Interval bootstrapRocAuc() {
    return ConfidenceIntervals.bootstrapRocAuc(labels, scores, resamples, 42L, 0.95);
  }
}
