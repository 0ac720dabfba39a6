package dev.mlops.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline most benchmarks here are a ratio against: {@link Arrays#sort(double[])} of
 * {@code n} uniform doubles. It also proves that the JMH setup works.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar SortBaselineBenchmark}
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SortBaselineBenchmark extends AverageTimeBenchmark {

  /** Values sorted per operation. */

  @Param({"1000000"})
  public int n;

  private double[] source;
  private double[] work;

  /** Draws the same seeded values for every trial. */
  @Setup(Level.Trial)
  public void draw() {
    SplittableRandom random = new SplittableRandom(42);
    source = new double[n];
    for (int i = 0; i < n; i++) {
      source[i] = random.nextDouble();
    }
    work = new double[n];
  }

  /** Restores the unsorted values before each call (the copy is measured too, as a baseline should). */
  @Benchmark
  public double[] sortDoubles() {
    System.arraycopy(source, 0, work, 0, n);
    Arrays.sort(work);
    return work;
  }
}
