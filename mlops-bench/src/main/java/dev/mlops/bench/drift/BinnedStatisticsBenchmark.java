package dev.mlops.bench.drift;

import dev.mlops.bench.AverageTimeBenchmark;
import dev.mlops.drift.stat.BinnedStatistics;
import dev.mlops.drift.stat.TestResult;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Binned statistics over 20 features of 10 bins; scores are per feature ({@code
 * OperationsPerInvocation(20)}). Issue target: under 1 µs each. The in-run baseline {@code
 * sumOfLogs} computes {@code sum(q ln q)} over the same bins (the arithmetic floor of an
 * entropy-like statistic).
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar BinnedStatisticsBenchmark -f 1 -wi 2
 * -i 3 -w 1 -r 1}
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BinnedStatisticsBenchmark extends AverageTimeBenchmark {

  private static final int FEATURES = 20;
  private static final int BINS = 10;

  private long[][] reference;
  private long[][] current;

  /** Seeded counts; a few empty bins so the 1e-4 replacement paths run. */
  @Setup(Level.Trial)
  public void draw() {
    SplittableRandom r = new SplittableRandom(3);
    reference = new long[FEATURES][BINS];
    current = new long[FEATURES][BINS];
    for (int f = 0; f < FEATURES; f++) {
      for (int b = 0; b < BINS; b++) {
        reference[f][b] = 1000 + r.nextInt(200);
        current[f][b] = (b == f % BINS) ? 0 : 50 + r.nextInt(100);
      }
    }
  }

  /** Baseline: sum of q ln q over the bins of every feature. */
  @Benchmark
  @OperationsPerInvocation(FEATURES)
  public double sumOfLogs() {
    double s = 0;
    for (long[] c : current) {
      long n = 0;
      for (long v : c) {
        n += v;
      }
      for (long v : c) {
        double q = (double) v / n;
        if (q > 0) {
          s += q * Math.log(q);
        }
      }
    }
    return s;
  }

  /** PSI of every feature. */
  @Benchmark
  @OperationsPerInvocation(FEATURES)
  public void psi(Blackhole bh) {
    for (int f = 0; f < FEATURES; f++) {
      bh.consume(BinnedStatistics.populationStabilityIndex(reference[f], current[f]));
    }
  }

  /** KL divergence of every feature. */
  @Benchmark
  @OperationsPerInvocation(FEATURES)
  public void kullbackLeibler(Blackhole bh) {
    for (int f = 0; f < FEATURES; f++) {
      bh.consume(BinnedStatistics.kullbackLeibler(reference[f], current[f]));
    }
  }

  /** Jensen-Shannon distance of every feature. */
  @Benchmark
  @OperationsPerInvocation(FEATURES)
  public void jensenShannon(Blackhole bh) {
    for (int f = 0; f < FEATURES; f++) {
      bh.consume(BinnedStatistics.jensenShannon(reference[f], current[f]));
    }
  }

  /** Hellinger distance of every feature. */
  @Benchmark
  @OperationsPerInvocation(FEATURES)
  public void hellinger(Blackhole bh) {
    for (int f = 0; f < FEATURES; f++) {
      bh.consume(BinnedStatistics.hellinger(reference[f], current[f]));
    }
  }

  /** Chi-square goodness of fit (with p-value) of every feature. */
  @Benchmark
  @OperationsPerInvocation(FEATURES)
  public void chiSquareGoodnessOfFit(Blackhole bh) {
    for (int f = 0; f < FEATURES; f++) {
      bh.consume(BinnedStatistics.chiSquareGoodnessOfFit(reference[f], current[f]));
    }
  }

  /** G-test (with p-value) of every feature. */
  @Benchmark
  @OperationsPerInvocation(FEATURES)
  public void gTest(Blackhole bh) {
    for (int f = 0; f < FEATURES; f++) {
      bh.consume(BinnedStatistics.gTest(reference[f], current[f]));
    }
  }

  /** Chi-square homogeneity (with p-value) of every feature. */
  @Benchmark
  @OperationsPerInvocation(FEATURES)
  public TestResult chiSquareHomogeneity(Blackhole bh) {
    TestResult last = null;
    for (int f = 0; f < FEATURES; f++) {
      last = BinnedStatistics.chiSquareHomogeneity(reference[f], current[f]);
      bh.consume(last);
    }
    return last;
  }
}
