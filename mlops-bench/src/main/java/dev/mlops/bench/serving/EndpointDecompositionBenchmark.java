package dev.mlops.bench.serving;

import dev.mlops.bench.SampleTimeBenchmark;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.drift.monitor.DriftMonitor;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import smile.data.Tuple;

/**
 * Where the monitored endpoint's time goes (issue 14 item 6): the parts of
 * {@link MonitoredEndpointBenchmark#paired}'s monitored vector request timed call by call beside
 * the same bare Smile baseline, in one JVM, on the served 100-tree forest ({@link ServedForest}).
 * The variants, chosen by {@link #variants} (separated by {@code +}, run in a seeded random order
 * drawn every call, each on the next row):
 *
 * <ul>
 *   <li>{@code bare}: Smile's {@code forest.predict(tuple)} on a pre-built tuple (the baseline);
 *   <li>{@code freshTuple}: the same on a tuple built in the call (the endpoint builds one);
 *   <li>{@code unmonitored}: the endpoint without a monitor, vector request (contract check,
 *       request number, tuple, Smile, result, latency histograms);
 *   <li>{@code smileRecord}: bare Smile, then the monitor's {@code record(values, value, "req-", n)}
 *       (what the endpoint's monitor listener calls): the monitor's share without the endpoint;
 *   <li>{@code vector}: the monitored endpoint, vector request (as in {@code paired});
 *   <li>{@code noLabels}: the monitored endpoint whose monitor keeps no request ids;
 *   <li>{@code map}, {@code bareFromMap}: the monitored endpoint on the row as a map, and Smile on
 *       a tuple built from the same map decode;
 *   <li>{@code smileRecord2}: as {@code smileRecord}, then a second record of the next row: the
 *       second record finds the monitor's state in cache, so the difference to {@code smileRecord}
 *       is a record's cost with warm caches (the rest of {@code smileRecord}'s excess over
 *       {@code bare} is the cost of the cache misses of a record after a forest prediction).
 *   <li>{@code decodeVector}: the benchmark's map decode ({@code bareFromMap}'s), then the monitored
 *       endpoint's vector request on the decoded numbers: what a map request would cost if the
 *       decode were its only difference to a vector request ({@code map} minus this is the map
 *       path's own cost beyond that);
 *   <li>{@code servableDecode}: the endpoint's own decode ({@code ServableModel.numbers(row)}), then
 *       Smile on a tuple of the numbers ({@code bareFromMap} with the endpoint's decode instead of
 *       the benchmark's);
 *   <li>{@code unmonitoredMap}: the endpoint without a monitor on the row as a map.
 * </ul>
 *
 * <p>{@link #evaluation} says where each monitor's background work runs (window evaluation and the
 * hand-off of recorded buffers): {@code own} = the monitor's own daemon thread, as in
 * {@code paired}; {@code host} = an executor that the benchmark runs on its own thread between
 * calls, outside the timed calls: the same work, never concurrent with a call and never woken
 * through the scheduler, so the difference between the two isolates what the background thread
 * costs the request thread (wake-ups, the other core's work on shared caches and memory). Logged
 * per iteration and for the trial: each variant's p50, p99, p99.9 and mean, their ratios to
 * {@code bare}, the mean's excess over {@code bare} in ns, and the background work per monitored
 * call (CPU time of the monitors' threads, or the time of the host executor's runs).
 *
 * <p>Command: {@code java -jar mlops-bench/target/benchmarks.jar EndpointDecompositionBenchmark -f 1 -wi 2 -i 4 -w 2 -r 3
 * -p evaluation=own,host}; other sets of variants with {@code -p variants=bare+vector+map+bareFromMap}.
 * Not thread-safe (JMH state, one thread).
 */
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 3)
public class EndpointDecompositionBenchmark extends SampleTimeBenchmark {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EndpointDecompositionBenchmark.class);
  private static final int ROWS = ServedForest.ROWS;

  /** Number of trees. */
  @Param({"100"})
  public int trees;

  /** Where the monitors' background work runs: {@code own} (their daemon threads) or {@code host} (see the class comment). */
  @Param({"own"})
  public String evaluation;

  /** The variants, separated by {@code +} (see the class comment); {@code bare} must be among them. */
  @Param({"bare+freshTuple+unmonitored+smileRecord+vector"})
  public String variants;

  private static final String[] KNOWN = {
    "bare", "freshTuple", "unmonitored", "smileRecord", "vector", "noLabels", "map", "bareFromMap", "smileRecord2",
    "decodeVector", "servableDecode", "unmonitoredMap"};

  private ServedForest f;
  private int[] kinds;
  private String[] labels;
  private Histogram[] hist;
  private Histogram[] total;
  private ModelEndpoint endpoint;
  private ModelEndpoint unmonitored;
  private ModelEndpoint noLabels;
  private DriftMonitor recordMonitor;
  private DriftMonitor endpointMonitor;
  private List<String> featureNames;
  private dev.mlops.core.serving.ServableModel servable;
  private final DrivenExecutor host = new DrivenExecutor();
  private final BackgroundCpu background = new BackgroundCpu();
  private final java.util.SplittableRandom shuffle = new java.util.SplittableRandom(7);
  private int[] order;
  private long monitoredCalls;
  private long ids;
  private int next;

  /** An executor whose tasks run when the benchmark says so, on the benchmark's thread. */
  static final class DrivenExecutor implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    long nanos;

    @Override
    public synchronized void execute(Runnable command) {
      tasks.add(command);
    }

    /** Runs every queued task (and those they queue), timed. */
    void runAll() {
      long t0 = System.nanoTime();
      for (;;) {
        Runnable r;
        synchronized (this) {
          r = tasks.poll();
        }
        if (r == null) {
          break;
        }
        r.run();
      }
      nanos += System.nanoTime() - t0;
    }

    synchronized boolean idle() {
      return tasks.isEmpty();
    }
  }

  /** CPU time of the monitors' own evaluation threads. */
  static final class BackgroundCpu {
    private final com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> seen = new HashMap<>();

    /** CPU ns the monitors' threads used since the last call. */
    long delta() {
      long sum = 0;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("drift-monitor")) {
          long cpu = mx.getThreadCpuTime(t.getId());
          if (cpu >= 0) {
            Long before = seen.put(t.getId(), cpu);
            sum += cpu - (before == null ? 0 : before);
          }
        }
      }
      return sum;
    }
  }

  /** Trains the forest and builds the endpoints and monitors the variants need. */
  @Setup(Level.Trial)
  public void setUp() {
    f = new ServedForest(trees);
    String[] v = variants.split("\\+");
    kinds = new int[v.length];
    labels = new String[v.length];
    hist = new Histogram[v.length];
    total = new Histogram[v.length];
    for (int k = 0; k < v.length; k++) {
      labels[k] = v[k].trim();
      kinds[k] = List.of(KNOWN).indexOf(labels[k]);
      if (kinds[k] < 0) {
        throw new IllegalArgumentException("variants must be among " + List.of(KNOWN) + ": " + labels[k]);
      }
      hist[k] = new Histogram(3);
      total[k] = new Histogram(3);
    }
    order = new int[v.length];
    for (int k = 0; k < v.length; k++) {
      order[k] = k;
    }
    if (kinds[0] != 0) {
      throw new IllegalArgumentException("variants must start with bare: " + variants);
    }
    Executor executor = switch (evaluation) {
      case "own" -> null;
      case "host" -> host;
      default -> throw new IllegalArgumentException("evaluation must be own or host: " + evaluation);
    };
    endpointMonitor = f.monitor(executor);
    endpoint = f.endpoint(endpointMonitor, true);
    noLabels = f.endpoint(f.monitor(executor), false);
    unmonitored = f.endpoint(null, false);
    recordMonitor = f.monitor(executor);
    featureNames = f.featureNames();
    servable = endpoint.champion().model();
  }

  /** Starts the iteration's background-work count. */
  @Setup(Level.Iteration)
  public void startIteration() {
    background.delta();
    host.nanos = 0;
    monitoredCalls = 0;
  }

  /**
   * Logs the iteration's figures, adds a measurement iteration's to the trial's, clears.
   *
   * @param iteration the iteration
   */
  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) {
    host.runAll();
    boolean measured = iteration.getType() == IterationType.MEASUREMENT;
    long bg = "host".equals(evaluation) ? host.nanos : background.delta();
    LOG.info("decomposition {} {} iteration: {}; background {} ns per monitored call ({} calls); buffers applied"
            + " on the request thread so far (endpoint's monitor, record-only monitor): {}, {}", evaluation,
        measured ? "measurement" : "warm-up", describe(hist),
        String.format(Locale.ROOT, "%.1f", monitoredCalls == 0 ? 0.0 : bg / (double) monitoredCalls), monitoredCalls,
        endpointMonitor.inlineFlushes(), recordMonitor.inlineFlushes());
    for (int k = 0; k < hist.length; k++) {
      if (measured) {
        total[k].add(hist[k]);
      }
      hist[k].reset();
    }
  }

  /** Logs the measurement iterations' totals. */
  @TearDown(Level.Trial)
  public void endTrial() {
    LOG.info("decomposition {} trial total: {}", evaluation, describe(total));
  }

  private String describe(Histogram[] h) {
    StringBuilder s = new StringBuilder();
    Histogram bare = h[0];
    for (int k = 0; k < h.length; k++) {
      s.append(k == 0 ? "" : " | ").append(String.format(Locale.ROOT,
          "%s p50 %d p99 %d p99.9 %d mean %.0f ns", labels[k], h[k].getValueAtPercentile(50),
          h[k].getValueAtPercentile(99), h[k].getValueAtPercentile(99.9), h[k].getMean()));
      if (k > 0 && bare.getTotalCount() > 0) {
        s.append(String.format(Locale.ROOT, " (/bare p50 %.3f p99 %.3f p99.9 %.3f mean %.3f; mean +%.0f ns)",
            h[k].getValueAtPercentile(50) / (double) bare.getValueAtPercentile(50),
            h[k].getValueAtPercentile(99) / (double) bare.getValueAtPercentile(99),
            h[k].getValueAtPercentile(99.9) / (double) bare.getValueAtPercentile(99.9),
            h[k].getMean() / bare.getMean(), h[k].getMean() - bare.getMean()));
      }
    }
    return s.append("; n ").append(bare.getTotalCount()).toString();
  }

  /**
   * Every variant once, in a random order, each call timed into its histogram; then, with a host
   * executor, the monitors' queued background work, untimed.
   *
   * @return a sum of the predictions
   */
  @Benchmark
  public double decomposed() {
    int n = kinds.length;
    // a seeded random order per call (Fisher-Yates): every variant follows every other one equally
    // often (a rotated fixed cycle gave each variant one fixed predecessor, which alone moved a
    // ratio by about a point)
    for (int j = n - 1; j > 0; j--) {
      int r = shuffle.nextInt(j + 1);
      int t = order[j];
      order[j] = order[r];
      order[r] = t;
    }
    double sum = 0;
    for (int j = 0; j < n; j++) {
      int i = next++ & (ROWS - 1);
      int k = order[j];
      long t0 = System.nanoTime();
      double v = call(kinds[k], i);
      long dt = System.nanoTime() - t0;
      hist[k].recordValue(dt);
      sum += v;
    }
    if (!host.idle()) {
      host.runAll();
    }
    return sum;
  }

  private double call(int kind, int i) {
    switch (kind) {
      case 0:
        return f.servedForest.predict(f.servedTuples[i]);
      case 1:
        return f.servedForest.predict(Tuple.of(f.vectors[i], f.servedSchema));
      case 2:
        return unmonitored.predict(featureNames, f.vectors[i]).value();
      case 3: {
        monitoredCalls++;
        double y = f.servedForest.predict(f.servedTuples[i]);
        recordMonitor.record(f.vectors[i], y, "req-", ++ids);
        return y;
      }
      case 4:
        monitoredCalls++;
        return endpoint.predict(featureNames, f.vectors[i]).value();
      case 5:
        monitoredCalls++;
        return noLabels.predict(featureNames, f.vectors[i]).value();
      case 6:
        monitoredCalls++;
        return endpoint.predict(f.maps.get(i)).value();
      case 8: {
        monitoredCalls += 2;
        double y = f.servedForest.predict(f.servedTuples[i]);
        recordMonitor.record(f.vectors[i], y, "req-", ++ids);
        recordMonitor.record(f.vectors[(i + 1) & (ROWS - 1)], y, "req-", ++ids);
        return y;
      }
      case 9:
        monitoredCalls++;
        return endpoint.predict(featureNames, f.fromMap(f.maps.get(i))).value();
      case 10:
        return f.servedForest.predict(Tuple.of(servable.numbers(f.maps.get(i)), f.servedSchema));
      case 11:
        return unmonitored.predict(f.maps.get(i)).value();
      default:
        return f.servedForest.predict(Tuple.of(f.fromMap(f.maps.get(i)), f.servedSchema));
    }
  }
}
