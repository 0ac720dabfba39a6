package dev.mlops.bench.metrics;

import dev.mlops.bench.AverageTimeBenchmark;
import dev.mlops.metrics.BinaryCounts;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Accuracy, precision, recall and F1 of {@code n} predictions (validation included) against the
 * in-run baseline of merely reading the same two {@code int[]} arrays (a sum), to show the
 * computation is memory-bandwidth bound. Report: ns per row = ms / n * 1e6.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar ThresholdMetricsBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ThresholdMetricsBenchmark extends AverageTimeBenchmark {

  /** Scored rows per operation. */

  @Param({"10000000"})
  public int n;

  private int[] labels;
  private int[] predicted;
  private double[] scores;

  /** Draws the same seeded labels and predictions for every trial. */
  @Setup(Level.Trial)
  public void draw() {
    SplittableRandom random = new SplittableRandom(3);
    labels = new int[n];
    predicted = new int[n];
    scores = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextDouble() < 0.3 ? 1 : 0;
      scores[i] = Math.min(1, Math.max(0, 0.3 * labels[i] + 0.7 * random.nextDouble()));
      predicted[i] = scores[i] >= 0.5 ? 1 : 0;
    }
  }

  /**
   * Baseline: read both arrays once.
   *
   * @return the sum
   */
  @Benchmark
  public long readBaseline() {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += labels[i] + predicted[i];
    }
    return sum;
  }

  /**
   * The four metrics from predicted classes.
   *
   * @param bh the blackhole
   */
  @Benchmark
  public void fromPredictions(Blackhole bh) {
    BinaryCounts c = BinaryCounts.of(labels, predicted);
    bh.consume(c.accuracy().value());
    bh.consume(c.precision().value());
    bh.consume(c.recall().value());
    bh.consume(c.f1().value());
  }

  /**
   * The four metrics from scores at threshold 0.5.
   *
   * @param bh the blackhole
   */
  @Benchmark
  public void fromScores(Blackhole bh) {
    BinaryCounts c = BinaryCounts.of(labels, scores, 0.5);
    bh.consume(c.accuracy().value());
    bh.consume(c.precision().value());
    bh.consume(c.recall().value());
    bh.consume(c.f1().value());
  }
}
