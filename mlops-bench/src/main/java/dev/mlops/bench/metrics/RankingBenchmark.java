package dev.mlops.bench.metrics;

import dev.mlops.bench.AverageTimeBenchmark;
import dev.mlops.metrics.BinaryRanking;
import dev.mlops.metrics.PrecisionRecallCurve;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ROC AUC + average precision + precision-recall curve of {@code n} scores (one
 * {@link BinaryRanking}) against the in-run baseline {@link Arrays#sort(double[])} of the same
 * {@code n} doubles (copy included in both). Target: ratio at most 1.5.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar RankingBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class RankingBenchmark extends AverageTimeBenchmark {

  /** Scored rows per operation. */

  @Param({"10000000"})
  public int n;

  private int[] labels;
  private double[] scores;
  private double[] work;

  /** Draws the same seeded labels (30% positives) and informative scores for every trial. */
  @Setup(Level.Trial)
  public void draw() {
    SplittableRandom random = new SplittableRandom(42);
    labels = new int[n];
    scores = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextDouble() < 0.3 ? 1 : 0;
      scores[i] = Math.min(1, Math.max(0, 0.2 * labels[i] + 0.8 * random.nextDouble()));
    }
    work = new double[n];
  }

  /**
   * Baseline: copy and sort the scores.
   *
   * @return the sorted copy
   */
  @Benchmark
  public double[] sortBaseline() {
    System.arraycopy(scores, 0, work, 0, n);
    Arrays.sort(work);
    return work;
  }

  /**
   * ROC AUC, average precision and the precision-recall curve from one ranking.
   *
   * @param bh the blackhole
   */
  @Benchmark
  public void aucApPrCurve(Blackhole bh) {
    BinaryRanking ranking = BinaryRanking.of(labels, scores);
    bh.consume(ranking.rocAuc().value());
    bh.consume(ranking.averagePrecision().value());
    PrecisionRecallCurve curve = ranking.precisionRecallCurve();
    bh.consume(curve);
  }

  /**
   * Breakdown: ROC AUC and average precision only (no curve arrays).
   *
   * @param bh the blackhole
   */
  @Benchmark
  public void aucApOnly(Blackhole bh) {
    BinaryRanking ranking = BinaryRanking.of(labels, scores);
    bh.consume(ranking.rocAuc().value());
    bh.consume(ranking.averagePrecision().value());
  }
}
