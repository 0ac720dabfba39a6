package dev.mlops.bench.drift;

import dev.mlops.bench.AverageTimeBenchmark;
import dev.mlops.drift.stat.KolmogorovSmirnov;
import dev.mlops.drift.stat.TestResult;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two-sample Kolmogorov-Smirnov (statistic and asymptotic p-value) on two samples of {@code n}
 * Gaussian values, against sorting in the same run:
 *
 * <ul>
 *   <li>{@code ksTwoRawSamples} / {@code sortBothSamples} — issue target at most 2x;
 *   <li>{@code ksSortedReference} / {@code sortCurrentSample} — issue target at most 1.2x (the
 *       reference comes pre-sorted, as from a {@code ReferenceProfile}).
 * </ul>
 *
 * The baselines copy the sample before sorting, as the statistic must (it never sorts its input in
 * place). {@code shift} is the mean shift of the current sample in standard deviations: 0.002
 * keeps the p-value moderate (Pelz-Good branch), 0.05 makes it tiny (Smirnov-sum branch).
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar KolmogorovSmirnovBenchmark -f 1 -wi 2
 * -i 3 -w 1 -r 1}
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KolmogorovSmirnovBenchmark extends AverageTimeBenchmark {

  /** Values in each of the two samples. */

  @Param({"1000000"})
  public int n;

  /** Mean shift of the second sample, in standard deviations. */

  @Param({"0.002", "0.05"})
  public double shift;

  private double[] reference;
  private double[] sortedReference;
  private double[] current;
  private double[] work1;
  private double[] work2;

  /** Draws seeded samples and pre-sorts the reference. */
  @Setup(Level.Trial)
  public void draw() {
    SplittableRandom random = new SplittableRandom(42);
    reference = new double[n];
    current = new double[n];
    for (int i = 0; i < n; i++) {
      reference[i] = gaussian(random);
      current[i] = gaussian(random) + shift;
    }
    sortedReference = reference.clone();
    Arrays.sort(sortedReference);
    work1 = new double[n];
    work2 = new double[n];
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller; exactness of the distribution is irrelevant here
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** Baseline: copy and sort both samples. */
  @Benchmark
  public double sortBothSamples() {
    System.arraycopy(reference, 0, work1, 0, n);
    System.arraycopy(current, 0, work2, 0, n);
    Arrays.sort(work1);
    Arrays.sort(work2);
    return work1[n / 2] + work2[n / 2];
  }

  /** KS statistic and p-value from two raw samples. */
  @Benchmark
  public TestResult ksTwoRawSamples() {
    return KolmogorovSmirnov.test(reference, current);
  }

  /** Baseline: copy and sort the current sample. */
  @Benchmark
  public double sortCurrentSample() {
    System.arraycopy(current, 0, work2, 0, n);
    Arrays.sort(work2);
    return work2[n / 2];
  }

  /** KS statistic and p-value against a pre-sorted reference. */
  @Benchmark
  public TestResult ksSortedReference() {
    return KolmogorovSmirnov.testSortedReference(sortedReference, current);
  }
}
