package dev.mlops.bench.retraining;

import dev.mlops.core.data.CsvSource;
import dev.mlops.core.data.Source;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.RunOptions;
import dev.mlops.core.pipeline.RunRecord;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.retraining.ContinuousTraining;
import dev.mlops.core.retraining.DriftMonitoring;
import dev.mlops.core.retraining.PipelineRetrainer;
import dev.mlops.core.retraining.TrainedModelAdapter;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 15's latency target: the endpoint's predict p99 while the loop retrains is at most 1.5x its
 * p99 without a retrain. A loop with its defaults (retrains on its own daemon thread) serves the
 * bike-sharing forest (2011, 50 trees fitted on one thread); one request thread predicts 2012 rows
 * back to back, recording each call's latency, in alternating phases: idle (no retrain) and
 * retraining ({@code retrainNow}, measured until the retrain ends), {@code rounds} times each.
 * Prints p50, p99, p99.9 and the mean of both phases and the p99 ratio.
 *
 * <p>Run under {@code /work/bin/exclusive}: {@code java -cp mlops-bench/target/benchmarks.jar
 * dev.mlops.bench.retraining.RetrainLatencyProbe [--data ../shared/data/bike-sharing/hour.csv] [--rounds 3]}
 */
public final class RetrainLatencyProbe {

  private static final Logger LOG = LoggerFactory.getLogger(RetrainLatencyProbe.class);

  private RetrainLatencyProbe() {}

  /**
   * Runs the probe.
   *
   * @param args {@code --data <hour.csv>}, {@code --rounds <n>}
   * @throws Exception if the data cannot be read
   */
  public static void main(String[] args) throws Exception {
    Path data = Paths.get("../shared/data/bike-sharing/hour.csv");
    int rounds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Paths.get(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    Table all = CsvSource.of(data).timestampColumn("dteday").drop("instant", "casual", "registered").read();
    int n2011 = (int) IntStream.range(0, all.rowCount()).filter(r -> all.numeric(r, all.indexOf("yr")) == 0).count();
    Table history = all.rows(IntStream.range(0, n2011).toArray());
    Table traffic = all.rows(IntStream.range(n2011, all.rowCount()).toArray());
    Pipeline pipeline = Pipeline.builder("bike-demand")
        .source(history).target("cnt").features(BikeSharingLoopProbe.FEATURES)
        .split(Split.byTime("dteday").testFraction(0.2))
        .train(Trainers.randomForestRegressor().trees(50).threads(1))
        .evaluateRegressor(t -> t.bootstrap(0))
        .seed(42)
        .build();
    Path dir = Files.createTempDirectory("latency-loop");
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    PipelineRun first = pipeline.run();
    registry.promote("bike", registry.register("bike", RunRecord.registryParts(first), RunRecord.metadata(first)).version());
    TrainedModel champion = first.model();
    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("bike", registry, TrainedModelAdapter.create(), PipelineRetrainer.of(pipeline).windows(1.0))
        .monitoring(DriftMonitoring.factory(TrainedModelAdapter::profile,
            profile -> DriftMonitor.builder(profile).window(Window.tumblingCount(1_000))))
        .history(PipelineRetrainer.history(history, champion))
        .build();
    ModelEndpoint endpoint = loop.start();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < traffic.rowCount(); i++) {
      rows.add(BikeSharingLoopProbe.row(traffic, i));
    }
    long[] counter = {0};
    // warm-up: the request path and a first retrain
    measure(endpoint, rows, counter, 200_000, null);
    loop.retrainNow("warm-up");
    loop.awaitIdle(600_000);
    List<long[]> idle = new ArrayList<>();
    List<long[]> busy = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      idle.add(measure(endpoint, rows, counter, 300_000, null));
      loop.retrainNow("latency probe round " + round);
      busy.add(measure(endpoint, rows, counter, Integer.MAX_VALUE, loop));
      loop.awaitIdle(600_000);
    }
    loop.close();
    long[] a = concat(idle);
    long[] b = concat(busy);
    LOG.info("idle:       {}", summary(a));
    LOG.info("retraining: {}", summary(b));
    double ratio = percentile(b, 0.99) / (double) percentile(a, 0.99);
    LOG.info("p99 while retraining / p99 idle = {} (target <= 1.5): {}", String.format(Locale.ROOT, "%.3f", ratio),
        ratio <= 1.5 ? "MET" : "NOT MET");
  }

  /** Predicts back to back: {@code max} calls, or while the loop retrains when it is given. */
  private static long[] measure(ModelEndpoint endpoint, List<Map<String, Object>> rows, long[] counter, int max,
      ContinuousTraining<TrainedModel> whileRetraining) {
    long[] out = new long[1 << 20];
    int n = 0;
    while (n < max && n < out.length) {
      if (whileRetraining != null && !whileRetraining.isRetraining()) {
        break;
      }
      Map<String, Object> row = rows.get((int) (counter[0] % rows.size()));
      long t = System.nanoTime();
      endpoint.predict("q" + counter[0]++, row);
      out[n++] = System.nanoTime() - t;
    }
    return Arrays.copyOf(out, n);
  }

  private static long[] concat(List<long[]> parts) {
    return parts.stream().flatMapToLong(Arrays::stream).toArray();
  }

  private static long percentile(long[] v, double q) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)];
  }

  private static String summary(long[] v) {
    return String.format(Locale.ROOT, "%d calls, p50 %.1f us, p99 %.1f us, p99.9 %.1f us, mean %.1f us", v.length,
        percentile(v, 0.5) / 1e3, percentile(v, 0.99) / 1e3, percentile(v, 0.999) / 1e3,
        Arrays.stream(v).average().orElse(Double.NaN) / 1e3);
  }
}
