package dev.mlops.bench.decisions;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.split.Split;
import dev.mlops.core.transform.ColumnSelector;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scratch probe (eleventh session, lead): issue 14 item 6 for a <em>classifier</em> deployed the way
 * a user deploys it: a random forest (100 trees) trained through the pipeline on {@link
 * CheckerStreams}' balanced stream (10,000 rows), its {@code run.profile()} (which carries an
 * estimate sample, so the default monitor computes each row's corrected chance inside {@code
 * record}), and a default monitor with count windows of 10,000 rows. Each call is timed alone
 * ({@code System.nanoTime}); three variants in a random order per round of 20,000 calls each:
 * {@code bare} = {@code classifier.probabilities(row)}, {@code estimate} = the same plus {@code
 * record} on the default monitor, {@code plain} = the same plus {@code record} on a monitor built
 * {@code withoutProfileEstimate()}. Prints p50, p99, p99.9 and the mean of each over the rounds after
 * the first 5, and their ratios to {@code bare}. Not JMH: a figure for the next session.
 *
 * <pre>{@code
 * java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.decisions.EndpointEstimateCost [rounds]
 * }</pre>
 */
public final class EndpointEstimateCost {

  private static final int CALLS = 20_000;
  private static final int WARM_ROUNDS = 5;

  private EndpointEstimateCost() {}

  /**
   * Runs the probe.
   *
   * @param args optional number of rounds (default 30)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    SplittableRandom rnd = new SplittableRandom(601);
    Table data = CheckerTables.table(CheckerTables.Truth.BALANCED, 10_000, rnd);
    PipelineRun run = Pipeline.builder("endpoint-cost").source(data).target("y")
        .transform(t -> t.oneHot("plan").standardize(ColumnSelector.numeric()))
        .split(Split.random().testFraction(0.2))
        .train(CheckerStreams.trainer(CheckerStreams.Model.FOREST))
        .evaluateClassifier(t -> t.bootstrap(0))
        .seed(601)
        .build()
        .run();
    TrainedClassifier classifier = (TrainedClassifier) run.model();
    ReferenceProfile profile = run.profile();
    System.out.println("estimate sample: " + profile.estimateSample().isPresent());
    DriftMonitor estimate = DriftMonitor.builder(profile).window(Window.tumblingCount(10_000))
        .build();
    DriftMonitor plain = DriftMonitor.builder(profile).window(Window.tumblingCount(10_000))
        .withoutProfileEstimate().build();
    @SuppressWarnings("unchecked")
    Map<String, Object>[] rows = new Map[4096];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = CheckerTables.row(CheckerTables.Truth.BALANCED, CheckerTables.Shift.MEAN, 0,
          rnd).values();
    }
    long[][] times = new long[3][(rounds - WARM_ROUNDS) * CALLS];
    int[] filled = new int[3];
    double sink = 0;
    int next = 0;
    for (int round = 0; round < rounds; round++) {
      int[] order = {0, 1, 2};
      for (int i = 2; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      for (int v : order) {
        for (int c = 0; c < CALLS; c++) {
          Map<String, Object> row = rows[next++ & 4095];
          long s = System.nanoTime();
          double[] p = classifier.probabilities(row);
          if (v == 1) {
            estimate.record(row, Prediction.ofProbabilities(p), null);
          } else if (v == 2) {
            plain.record(row, Prediction.ofProbabilities(p), null);
          }
          long e = System.nanoTime() - s;
          sink += p[0];
          if (round >= WARM_ROUNDS) {
            times[v][filled[v]++] = e;
          }
        }
      }
    }
    String[] names = {"bare", "estimate", "plain"};
    double[][] stats = new double[3][];
    for (int v = 0; v < 3; v++) {
      long[] t = Arrays.copyOf(times[v], filled[v]);
      Arrays.sort(t);
      double mean = Arrays.stream(t).average().orElse(Double.NaN);
      stats[v] = new double[] {t[t.length / 2], t[(int) (t.length * 0.99)],
          t[(int) (t.length * 0.999)], mean};
      System.out.printf(Locale.ROOT, "%-8s p50 %8.0f ns  p99 %8.0f  p99.9 %8.0f  mean %8.0f%n",
          names[v], stats[v][0], stats[v][1], stats[v][2], stats[v][3]);
    }
    for (int v = 1; v < 3; v++) {
      System.out.printf(Locale.ROOT,
          "%-8s / bare: p50 %.3f  p99 %.3f  p99.9 %.3f  mean %.3f%n", names[v],
          stats[v][0] / stats[0][0], stats[v][1] / stats[0][1], stats[v][2] / stats[0][2],
          stats[v][3] / stats[0][3]);
    }
    System.out.println("(sink " + (sink > 0) + ")");
    System.exit(0);
  }
}
