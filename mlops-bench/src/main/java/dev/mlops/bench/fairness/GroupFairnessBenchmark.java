package dev.mlops.bench.fairness;

import dev.mlops.bench.AverageTimeBenchmark;
import dev.mlops.metrics.BinaryCounts;
import dev.mlops.metrics.fairness.FairnessEvaluation;
import dev.mlops.metrics.fairness.GroupCodes;
import dev.mlops.metrics.fairness.GroupFairness;
import java.util.ArrayList;
import java.util.List;
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
 * Issue 19's target: group metrics (size, selection rate, TPR, FPR, precision, accuracy of every
 * group and the five disparities) of {@code n} decisions over {@code groups} groups, against the
 * same metrics without groups ({@link BinaryCounts#of} and its rates) in the same run. Both read the
 * same labels and decisions; the grouped one also reads the group code of each row. No bootstrap on
 * either side ({@code grouped}); {@code groupedWithBootstrap} adds the 1,000-resample intervals.
 * {@code grouped} hands the builder {@code int[]} codes, which it checks in the counting pass of every
 * call (not copied); {@code groupedEncoded} takes the same codes encoded once per dataset as a {@link
 * GroupCodes} (the metrics pass alone), and {@code encodeGroups} times that encoding by itself.
 *
 * <p>Run: {@code java -jar mlops-bench/target/benchmarks.jar GroupFairnessBenchmark -f 1 -wi 3 -i 5 -w 1 -r 1}
 * (the forked JVM gets 4 GB of heap).
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class GroupFairnessBenchmark extends AverageTimeBenchmark {

  /** Rows per operation. */

  @Param({"10000000"})
  public int n;

  /** Sensitive groups the rows fall into. */

  @Param({"20"})
  public int groups;

  private int[] labels;
  private int[] predicted;
  private int[] codes;
  private List<String> names;
  private GroupCodes encoded;

  /** Draws seeded labels, decisions and groups (selection rate varies by group). */
  @Setup(Level.Trial)
  public void draw() {
    SplittableRandom random = new SplittableRandom(19);
    labels = new int[n];
    predicted = new int[n];
    codes = new int[n];
    for (int i = 0; i < n; i++) {
      int g = random.nextInt(groups);
      codes[i] = g;
      labels[i] = random.nextDouble() < 0.3 ? 1 : 0;
      predicted[i] = random.nextDouble() < 0.2 + 0.3 * labels[i] + 0.01 * g ? 1 : 0;
    }
    names = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      names.add("group-" + g);
    }
    encoded = GroupCodes.of(codes, names);
  }

  /**
   * Baseline: the same rates without groups.
   *
   * @param bh the blackhole
   */
  @Benchmark
  public void withoutGroups(Blackhole bh) {
    BinaryCounts c = BinaryCounts.of(labels, predicted);
    long n = c.truePositives() + c.falsePositives() + c.trueNegatives() + c.falseNegatives();
    bh.consume((double) (c.truePositives() + c.falsePositives()) / n);
    bh.consume(c.recall().value());
    bh.consume(c.fpr().value());
    bh.consume(c.precision().value());
    bh.consume(c.accuracy().value());
  }

  /**
   * Every group's rates and the five disparities, no intervals.
   *
   * @return the evaluation
   */
  @Benchmark
  public FairnessEvaluation grouped() {
    return GroupFairness.builder().predictions(predicted).labels(labels).attribute("g", codes, names)
        .minGroupSize(1).bootstrap(0, 0.95, 1).evaluate();
  }

  /**
   * Every group's rates and the five disparities, no intervals, of groups encoded once per dataset.
   *
   * @return the evaluation
   */
  @Benchmark
  public FairnessEvaluation groupedEncoded() {
    return GroupFairness.builder().predictions(predicted).labels(labels).attribute("g", encoded)
        .minGroupSize(1).bootstrap(0, 0.95, 1).evaluate();
  }

  /**
   * The once-per-dataset encoding of {@code groupedEncoded}: copying and checking the codes, then
   * multiplying each by 4 (its group's first count cell).
   *
   * @return the encoded groups
   */
  @Benchmark
  public GroupCodes encodeGroups() {
    return GroupCodes.of(codes, names);
  }

  /**
   * The same with 1,000-resample bootstrap intervals of every disparity.
   *
   * @return the evaluation
   */
  @Benchmark
  public FairnessEvaluation groupedWithBootstrap() {
    return GroupFairness.builder().predictions(predicted).labels(labels).attribute("g", codes, names)
        .minGroupSize(1).bootstrap(1000, 0.95, 1).evaluate();
  }
}
