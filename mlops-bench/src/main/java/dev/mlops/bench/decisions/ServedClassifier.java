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
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The classifier of {@code MonitoredEndpointBenchmark.pairedClassifier}: a model trained through
 * the pipeline on {@link CheckerStreams}' balanced stream (10,000 rows, 8 numeric features and a
 * categorical, one-hot and standardised by the pipeline; seed 601), deployed as a user deploys it:
 * {@code run.profile()} (which carries the estimate sample) and a monitor with the defaults (the
 * profile estimate, count windows of 10,000 rows, so windows close and are evaluated during the
 * run). Three variants, each call timed alone into its own histogram: {@code bare} = {@code
 * classifier.probabilities(row)} (the pipeline's transforms and Smile's posteriors on the row as a
 * map), {@code estimate} = the same plus {@code record} on the default monitor, {@code plain} = the
 * same plus {@code record} on a monitor built {@code withoutProfileEstimate()}. Logs p50, p99,
 * p99.9 and the mean of each per iteration and for the trial, with the ratios to {@code bare} and
 * issue 14 item 6's verdict (p99 at most 1.3x, mean at most 1.05x).
 *
 * <p>Not thread-safe (a JMH thread state).
 */
@State(Scope.Thread)
public class ServedClassifier {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServedClassifier.class);
  private static final int ROWS = 4_096;

  /**
   * The model: {@code forest} (100 trees, ~30 us a call), {@code boosted} (gradient-boosted trees,
   * 200) or {@code logistic} (~0.2 us).
   */
  @Param({"forest", "logistic"})
  public String model;

  private TrainedClassifier classifier;
  private DriftMonitor estimate;
  private DriftMonitor plain;
  private Map<String, Object>[] rows;
  private int next;
  private long calls;
  private final Histogram[] now = {new Histogram(3), new Histogram(3), new Histogram(3)};
  private final Histogram[] total = {new Histogram(3), new Histogram(3), new Histogram(3)};

  /** Trains the model through the pipeline and builds both monitors. */
  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(601);
    Table data = CheckerTables.table(CheckerTables.Truth.BALANCED, 10_000, rnd);
    CheckerStreams.Model m = switch (model) {
      case "forest" -> CheckerStreams.Model.FOREST;
      case "boosted" -> CheckerStreams.Model.BOOSTED;
      case "logistic" -> CheckerStreams.Model.LOGISTIC;
      default -> throw new IllegalArgumentException("model must be forest, boosted or logistic: "
          + model);
    };
    PipelineRun run = Pipeline.builder("served-classifier").source(data).target("y")
        .transform(t -> t.oneHot("plan").standardize(ColumnSelector.numeric()))
        .split(Split.random().testFraction(0.2))
        .train(CheckerStreams.trainer(m))
        .evaluateClassifier(t -> t.bootstrap(0))
        .seed(601)
        .build()
        .run();
    classifier = (TrainedClassifier) run.model();
    ReferenceProfile profile = run.profile();
    if (profile.estimateSample().isEmpty()) {
      throw new IllegalStateException("the pipeline's profile must carry an estimate sample");
    }
    estimate = DriftMonitor.builder(profile).window(Window.tumblingCount(10_000)).build();
    plain = DriftMonitor.builder(profile).window(Window.tumblingCount(10_000))
        .withoutProfileEstimate().build();
    rows = new Map[ROWS];
    for (int i = 0; i < ROWS; i++) {
      rows[i] = CheckerTables.row(CheckerTables.Truth.BALANCED, CheckerTables.Shift.MEAN, 0,
          rnd).values();
    }
  }

  /**
   * One call of each variant in a pseudo-random order (SplitMix64 of the call count), each on the
   * next row, each timed alone.
   *
   * @return a sum of the probabilities
   */
  public double paired() {
    long z = (++calls) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    int first = (int) ((z >>> 33) % 3);
    int step = (z & 1) == 0 ? 1 : 2;
    double sum = 0;
    for (int j = 0; j < 3; j++) {
      int v = (first + j * step) % 3;
      Map<String, Object> row = rows[next++ & (ROWS - 1)];
      long t0 = System.nanoTime();
      double[] p = classifier.probabilities(row);
      if (v == 1) {
        estimate.record(row, Prediction.ofProbabilities(p), null);
      } else if (v == 2) {
        plain.record(row, Prediction.ofProbabilities(p), null);
      }
      now[v].recordValue(System.nanoTime() - t0);
      sum += p[0];
    }
    return sum;
  }

  /**
   * Logs the iteration's figures; adds a measurement iteration's to the trial's.
   *
   * @param iteration the iteration
   */
  @TearDown(Level.Iteration)
  public void iteration(IterationParams iteration) {
    boolean measured = iteration.getType() == IterationType.MEASUREMENT;
    if (now[0].getTotalCount() > 0) {
      LOG.info("classifier {} {} iteration: {}", model, measured ? "measurement" : "warm-up",
          compare(now));
    }
    for (int v = 0; v < 3; v++) {
      if (measured) {
        total[v].add(now[v]);
      }
      now[v].reset();
    }
  }

  /** Logs the trial's figures and the verdicts against issue 14 item 6's targets. */
  @TearDown(Level.Trial)
  public void trial() {
    if (total[0].getTotalCount() > 0) {
      LOG.info("classifier {} trial total: {}; target (p99 <= 1.3x, mean <= 1.05x): estimate {}, "
          + "plain {}; inline applies: estimate {}, plain {}", model, compare(total),
          verdict(total[1], total[0]), verdict(total[2], total[0]), estimate.inlineFlushes(),
          plain.inlineFlushes());
    }
  }

  private static String verdict(Histogram a, Histogram b) {
    boolean p99 = a.getValueAtPercentile(99) <= 1.3 * b.getValueAtPercentile(99);
    boolean mean = Math.round(1000 * a.getMean() / b.getMean()) <= 1050;
    return p99 && mean ? "met" : "not met (" + (p99 ? "" : "p99 ") + (mean ? "" : "mean") + ")";
  }

  private static String compare(Histogram[] h) {
    return String.format(Locale.ROOT, "bare %s | estimate %s | plain %s | estimate/bare %s | "
        + "plain/bare %s; n %d", line(h[0]), line(h[1]), line(h[2]), ratios(h[1], h[0]),
        ratios(h[2], h[0]), h[0].getTotalCount());
  }

  private static String line(Histogram h) {
    return String.format(Locale.ROOT, "p50 %d p99 %d p99.9 %d mean %.0f ns",
        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
        h.getMean());
  }

  private static String ratios(Histogram a, Histogram b) {
    return String.format(Locale.ROOT, "p50 %.3f p99 %.3f p99.9 %.3f mean %.3f",
        a.getValueAtPercentile(50) / (double) b.getValueAtPercentile(50),
        a.getValueAtPercentile(99) / (double) b.getValueAtPercentile(99),
        a.getValueAtPercentile(99.9) / (double) b.getValueAtPercentile(99.9),
        a.getMean() / b.getMean());
  }
}
