package dev.mlops.bench.drift;

import dev.mlops.bench.AverageTimeBenchmark;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building a {@link ReferenceProfile} of {@code rows} x {@code features} numeric columns
 * (undeclared, so type inference runs; default exact cap 100,000, so every column goes through the
 * KLL sketch) against copying and sorting each column once in the same run. Issue target: at most
 * 1.5x.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar ReferenceProfileBenchmark -f 1 -wi 2
 * -i 3 -w 1 -r 1}
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class ReferenceProfileBenchmark extends AverageTimeBenchmark {

  /** Rows profiled per operation. */

  @Param({"1000000"})
  public int rows;

  /** Numeric features per row. */

  @Param({"20"})
  public int features;

  private double[][] columns;
  private double[] work;
  private String[] names;

  /** Draws seeded columns with different scales. */
  @Setup(Level.Trial)
  public void draw() {
    SplittableRandom random = new SplittableRandom(7);
    columns = new double[features][rows];
    names = new String[features];
    for (int f = 0; f < features; f++) {
      names[f] = "f" + f;
      double scale = 1 + f;
      for (int i = 0; i < rows; i++) {
        columns[f][i] = random.nextDouble() * scale + f;
      }
    }
    work = new double[rows];
  }

  /** Baseline: copy and sort each column once. */
  @Benchmark
  public double sortEachColumn() {
    double s = 0;
    for (double[] c : columns) {
      System.arraycopy(c, 0, work, 0, rows);
      Arrays.sort(work);
      s += work[rows / 2];
    }
    return s;
  }

  /** One-pass profile of all columns (column-wise feed), then build. */
  @Benchmark
  public ReferenceProfile profileColumns() {
    ReferenceProfile.Builder b = ReferenceProfile.builder();
    for (int f = 0; f < features; f++) {
      b.addColumn(names[f], columns[f]);
    }
    return b.build();
  }
}
