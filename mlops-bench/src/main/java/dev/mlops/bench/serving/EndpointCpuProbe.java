package dev.mlops.bench.serving;

import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.drift.monitor.DriftMonitor;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smile.data.Tuple;

/**
 * The request thread's CPU time per call of each part of the monitored endpoint, against bare Smile,
 * on the served 100-tree forest ({@link ServedForest}): a seeded probe that, unlike wall-clock
 * timings, holds on a loaded machine (time the thread spends descheduled is not CPU time). Each
 * variant of {@link EndpointDecompositionBenchmark} runs in blocks of {@value #PAIRS} pairs
 * {@code [bare Smile on row i, the variant on row i + 1]}, so every call of the variant follows a
 * forest prediction (as in the paired benchmark: the monitor's and endpoint's state is as cold as
 * the forest leaves it); the blocks of all variants are interleaved in a seeded random order, and
 * each block's {@code ThreadMXBean.getCurrentThreadCpuTime} is recorded. A variant's cost over bare
 * Smile is {@code (block(variant) - block(bare, bare)) / pairs}, reported as the difference of the
 * blocks' means and of their medians, in ns and as a share of the bare call.
 *
 * <p>Not counted: a young-GC pause stops the request thread but is the GC threads' CPU time (the
 * probe logs the collections and their total time separately); the monitors' background work
 * (logged as its threads' CPU time, or the host executor's, per monitored call) counts only through
 * what it does to the request thread's caches.
 *
 * <p>Command: {@code java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.serving.EndpointCpuProbe
 * [rounds=200] [evaluation=own|host] [variants=bare+freshTuple+unmonitored+smileRecord+vector+noLabels+map+bareFromMap]}.
 * Not thread-safe (one thread).
 */
public final class EndpointCpuProbe {

  private static final Logger LOG = LoggerFactory.getLogger(EndpointCpuProbe.class);
  /** Pairs per block. */
  static final int PAIRS = 256;
  private static final String[] KNOWN = {
    "bare", "freshTuple", "unmonitored", "smileRecord", "vector", "noLabels", "map", "bareFromMap"};

  private final ServedForest f;
  private final ModelEndpoint endpoint;
  private final ModelEndpoint noLabels;
  private final ModelEndpoint unmonitored;
  private final DriftMonitor recordMonitor;
  private final List<String> names;
  private long ids;
  private int next;
  private double sink;

  private EndpointCpuProbe(Executor executor) {
    f = new ServedForest(100);
    endpoint = f.endpoint(f.monitor(executor), true);
    noLabels = f.endpoint(f.monitor(executor), false);
    unmonitored = f.endpoint(null, false);
    recordMonitor = f.monitor(executor);
    names = f.featureNames();
  }

  /**
   * Runs the probe.
   *
   * @param args {@code rounds=N}, {@code evaluation=own|host}, {@code variants=a+b+...} (bare first)
   */
  public static void main(String[] args) {
    int rounds = 200;
    String evaluation = "own";
    String variants = String.join("+", KNOWN);
    for (String a : args) {
      if (a.startsWith("rounds=")) {
        rounds = Integer.parseInt(a.substring(7));
      } else if (a.startsWith("evaluation=")) {
        evaluation = a.substring(11);
      } else if (a.startsWith("variants=")) {
        variants = a.substring(9);
      } else {
        throw new IllegalArgumentException("argument must be rounds=, evaluation= or variants=: " + a);
      }
    }
    EndpointDecompositionBenchmark.DrivenExecutor host = new EndpointDecompositionBenchmark.DrivenExecutor();
    Executor executor = switch (evaluation) {
      case "own" -> null;
      case "host" -> host;
      default -> throw new IllegalArgumentException("evaluation must be own or host: " + evaluation);
    };
    String[] labels = variants.split("\\+");
    int[] kinds = new int[labels.length];
    for (int k = 0; k < labels.length; k++) {
      kinds[k] = List.of(KNOWN).indexOf(labels[k]);
      if (kinds[k] < 0 || (k == 0) != (kinds[k] == 0)) {
        throw new IllegalArgumentException("variants must start with bare and be among " + List.of(KNOWN) + ": " + variants);
      }
    }
    new EndpointCpuProbe(executor).run(rounds, evaluation, labels, kinds, host);
  }

  private void run(int rounds, String evaluation, String[] labels, int[] kinds, EndpointDecompositionBenchmark.DrivenExecutor host) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    EndpointDecompositionBenchmark.BackgroundCpu background = new EndpointDecompositionBenchmark.BackgroundCpu();
    int n = kinds.length;
    // warm-up: every variant, interleaved, until compiled
    for (int w = 0; w < 40; w++) {
      for (int k = 0; k < n; k++) {
        block(kinds[k]);
        host.runAll();
      }
    }
    long[][] cpu = new long[n][rounds];
    long[][] wall = new long[n][rounds];
    long monitored = 0;
    background.delta();
    host.nanos = 0;
    long gcCount0 = gcCount();
    long gcTime0 = gcTime();
    SplittableRandom order = new SplittableRandom(7);
    int[] perm = new int[n];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < n; k++) {
        perm[k] = k;
      }
      for (int k = n - 1; k > 0; k--) {
        int j = order.nextInt(k + 1);
        int t = perm[k];
        perm[k] = perm[j];
        perm[j] = t;
      }
      for (int p = 0; p < n; p++) {
        int k = perm[p];
        long w0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        block(kinds[k]);
        cpu[k][r] = mx.getCurrentThreadCpuTime() - c0;
        wall[k][r] = System.nanoTime() - w0;
        if (kinds[k] >= 3 && kinds[k] <= 6) {
          monitored += PAIRS;
        }
        host.runAll();
      }
    }
    long bg = "host".equals(evaluation) ? host.nanos : background.delta();
    double bareMean = mean(cpu[0]) / (2.0 * PAIRS);
    double bareMedian = median(cpu[0]) / (2.0 * PAIRS);
    LOG.info("endpoint CPU probe, evaluation {}, {} rounds of {} pairs per variant: bare Smile {} ns CPU per call"
            + " (mean; median of blocks {}), wall median {} ns", evaluation, rounds, PAIRS,
        fmt(bareMean), fmt(bareMedian), fmt(median(wall[0]) / (2.0 * PAIRS)));
    for (int k = 1; k < n; k++) {
      double dMean = (mean(cpu[k]) - mean(cpu[0])) / PAIRS;
      double dMedian = (median(cpu[k]) - median(cpu[0])) / PAIRS;
      double dWall = (median(wall[k]) - median(wall[0])) / PAIRS;
      LOG.info("  {}: +{} ns CPU per call over bare (mean of blocks; {}x bare), median of blocks +{} ns ({}x);"
              + " wall (median of blocks) +{} ns", labels[k], fmt(dMean), ratio(1 + dMean / bareMean),
          fmt(dMedian), ratio(1 + dMedian / bareMedian), fmt(dWall));
    }
    LOG.info("  background work: {} ns per monitored call ({}); young GC during the measurement: {} collections, {} ms;"
            + " sink {}", fmt(monitored == 0 ? 0 : bg / (double) monitored),
        "host".equals(evaluation) ? "the host executor's runs, wall" : "CPU time of the monitors' threads",
        gcCount() - gcCount0, gcTime() - gcTime0, sink);
  }

  private void block(int kind) {
    double s = 0;
    for (int p = 0; p < PAIRS; p++) {
      int i = next++ & (ServedForest.ROWS - 1);
      s += f.servedForest.predict(f.servedTuples[i]);
      s += call(kind, next++ & (ServedForest.ROWS - 1));
    }
    sink += s;
  }

  private double call(int kind, int i) {
    switch (kind) {
      case 0:
        return f.servedForest.predict(f.servedTuples[i]);
      case 1:
        return f.servedForest.predict(Tuple.of(f.vectors[i], f.servedSchema));
      case 2:
        return unmonitored.predict(names, f.vectors[i]).value();
      case 3: {
        double y = f.servedForest.predict(f.servedTuples[i]);
        recordMonitor.record(f.vectors[i], y, "req-", ++ids);
        return y;
      }
      case 4:
        return endpoint.predict(names, f.vectors[i]).value();
      case 5:
        return noLabels.predict(names, f.vectors[i]).value();
      case 6:
        return endpoint.predict(f.maps.get(i)).value();
      default:
        return f.servedForest.predict(Tuple.of(f.fromMap(f.maps.get(i)), f.servedSchema));
    }
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, b.getCollectionCount());
    }
    return n;
  }

  private static long gcTime() {
    long n = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, b.getCollectionTime());
    }
    return n;
  }

  private static double mean(long[] a) {
    double s = 0;
    for (long v : a) {
      s += v;
    }
    return s / a.length;
  }

  private static double median(long[] a) {
    long[] c = a.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String ratio(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
