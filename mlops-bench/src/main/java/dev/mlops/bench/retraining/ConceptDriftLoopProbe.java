package dev.mlops.bench.retraining;

import dev.mlops.core.data.Source;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.RunOptions;
import dev.mlops.core.pipeline.RunRecord;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.retraining.ContinuousTraining;
import dev.mlops.core.retraining.DriftMonitoring;
import dev.mlops.core.retraining.LoopEvent;
import dev.mlops.core.retraining.PerformanceMeasure;
import dev.mlops.core.retraining.PipelineRetrainer;
import dev.mlops.core.retraining.RetrainPolicy;
import dev.mlops.core.retraining.TrainedModelAdapter;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.Window;
import dev.mlops.metrics.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 15's synthetic benchmarks, seeded: streams with known concept drift, served row by row with
 * labels {@value #LABEL_DELAY} rows late, after a history of {@value #HISTORY} rows ({@code --history n}).
 * <ul>
 *   <li><b>sea</b>: SEA concepts (Street and Kim 2001): x1, x2, x3 uniform on [0, 10), class 1 when
 *       x1 + x2 &lt;= theta; theta 8, 9, 7, 9.5 for 5,000 rows each; 10% of labels flipped. The history
 *       is the whole first concept: the first drift comes at the first served row.</li>
 *   <li><b>sea-published</b>: the published SEA stream: the same concepts in 4 blocks of {@value
 *       #PUBLISHED_BLOCK} rows (60,000 points); the history is the first 10,000 rows of block 1 by default,
 *       so 5,000 rows of the first concept are served before the first drift (row 15,000).</li>
 *   <li><b>hyperplane</b>: a rotating hyperplane (Hulten et al. 2001): 10 features uniform on
 *       [0, 1), class 1 when sum w_i x_i &gt;= sum w_i / 2; from row 5,000 the first 5 weights drift
 *       by 0.001 per row (direction reversed with probability 10% every 1,000 rows); 5% noise.</li>
 *   <li><b>stationary</b>: SEA with theta 8 throughout (40 windows of 500 rows).</li>
 * </ul>
 * Prints the prequential accuracy after the first drift of the static model, of the loop (defaults; policy
 * {@code anyOf(realisedPerformanceConfirmed(accuracy, 500, 0.01, 0.05, CONFIRM_ALPHA), drift(2))}: a
 * realised drop fires once fresh labels confirm it; windows of 500 rows) and of every fixed
 * schedule (retrain every 500 / 1,000 / 2,500 rows on the last 2,000 / 5,000 / all labelled rows);
 * for stationary, the loop's retrains and promotions, and each promoted champion's accuracy on an
 * independent test set of 10,000 rows against the one it replaced.
 *
 * <p>Run: {@code java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.retraining.ConceptDriftLoopProbe
 * sea|sea-published|hyperplane|stationary [--seed 1] [--select] [--history n] [--windows 2000,5000,all]
 * [--loop-only | --schedules-only] [--confirm-alpha a | --no-confirm]} (the loop, or the static model and the
 * fixed schedules, alone; {@code --windows} the schedules' training windows, by default all three;
 * {@code --confirm-alpha} the level of the realised trigger's confirmation on fresh labels, by default
 * {@link RetrainPolicy#CONFIRM_ALPHA}; {@code --no-confirm} the unconfirmed trigger, which fires at once)
 */
public final class ConceptDriftLoopProbe {

  private static final Logger LOG = LoggerFactory.getLogger(ConceptDriftLoopProbe.class);
  /** {@code --confirm-alpha a}: the level of the realised trigger's confirmation; NaN with {@code --no-confirm}. */
  private static double confirmAlpha = RetrainPolicy.CONFIRM_ALPHA;
  static final int HISTORY = 5_000;
  static final int LABEL_DELAY = 50;
  static final int WINDOW = 500;
  /** The published SEA stream's block: 4 concepts of 15,000 rows (60,000 points, Street and Kim 2001). */
  static final int PUBLISHED_BLOCK = 15_000;

  private ConceptDriftLoopProbe() {}

  /** A generated stream: features and 0/1 labels. */
  record Stream(String[] names, double[][] x, int[] y, int firstDrift) {
    Map<String, Object> row(int i) {
      Map<String, Object> r = new LinkedHashMap<>();
      for (int j = 0; j < names.length; j++) {
        r.put(names[j], x[i][j]);
      }
      return r;
    }

    Table table(int from, int to) {
      Table.Builder b = Table.builder();
      for (int j = 0; j < names.length; j++) {
        int jj = j;
        b.numeric(names[j], IntStream.range(from, to).mapToDouble(i -> x[i][jj]).toArray());
      }
      b.categorical("y", IntStream.range(from, to).mapToObj(i -> Integer.toString(y[i])).toArray(String[]::new));
      return b.build();
    }
  }

  static Stream sea(long seed, double[] thetas, int perConcept) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = thetas.length * perConcept;
    double[][] x = new double[n][3];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = 10 * r.nextDouble();
      }
      int label = x[i][0] + x[i][1] <= thetas[i / perConcept] ? 1 : 0;
      y[i] = r.nextDouble() < 0.10 ? 1 - label : label;
    }
    return new Stream(new String[] {"x1", "x2", "x3"}, x, y, thetas.length > 1 ? perConcept : n);
  }

  static Stream hyperplane(long seed, int n, int driftFrom) {
    SplittableRandom r = new SplittableRandom(seed);
    int d = 10;
    double[] w = new double[d];
    double[] dir = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = r.nextDouble();
      dir[j] = j < 5 ? 1 : 0;
    }
    double[][] x = new double[n][d];
    int[] y = new int[n];
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "x" + (j + 1);
    }
    for (int i = 0; i < n; i++) {
      double s = 0;
      double sw = 0;
      for (int j = 0; j < d; j++) {
        x[i][j] = r.nextDouble();
        s += w[j] * x[i][j];
        sw += w[j];
      }
      int label = s >= sw / 2 ? 1 : 0;
      y[i] = r.nextDouble() < 0.05 ? 1 - label : label;
      if (i >= driftFrom) {
        for (int j = 0; j < 5; j++) {
          w[j] += 0.001 * dir[j];
          if (w[j] < 0) {
            w[j] = 0;
            dir[j] = 1;
          }
        }
        if (i % 1000 == 0) {
          for (int j = 0; j < 5; j++) {
            if (r.nextDouble() < 0.10) {
              dir[j] = -dir[j];
            }
          }
        }
      }
    }
    return new Stream(names, x, y, driftFrom);
  }

  static Pipeline pipeline(Stream s, int history) {
    return Pipeline.builder("concepts")
        .source(s.table(0, history))
        .target("y")
        .split(Split.random().testFraction(0.2))
        .train(Trainers.randomForestClassifier().trees(30))
        .evaluateClassifier(t -> t.bootstrap(0))
        .seed(7)
        .build();
  }

  /**
   * The retrainer of every arm: the pipeline's forest alone, or with {@code --select} also a logistic
   * regression, compared on the same time-ordered holdout (at the first fit, at every scheduled fit
   * and at every retrain of the loop).
   */
  static PipelineRetrainer retrainer(Pipeline pipeline, boolean select) {
    PipelineRetrainer r = PipelineRetrainer.of(pipeline).metric(Metric.ACCURACY);
    return select ? r.candidates(Trainers.logisticRegression()) : r;
  }

  /** Selects on the last fifth of the rows, then refits on all (the loop's first-training rule). */
  static TrainedClassifier fit(PipelineRetrainer retrainer, Table rows) {
    return (TrainedClassifier) retrainer.firstRun(rows, rows.rowCount() / 5).model();
  }

  /**
   * Runs one benchmark.
   *
   * @param args {@code sea|hyperplane|stationary [--seed n]}
   * @throws Exception if the registry cannot be created
   */
  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "sea";
    long seed = 1;
    boolean loopOnly = false;
    boolean schedulesOnly = false;
    boolean select = false;
    int history = -1;
    int earlier = -1;
    int[] windows = {2_000, 5_000, Integer.MAX_VALUE};
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--history" -> history = Integer.parseInt(args[++i]);
        case "--windows" -> windows = java.util.Arrays.stream(args[++i].split(","))
            .mapToInt(w -> w.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(w)).toArray();
        case "--loop-only" -> loopOnly = true;
        case "--schedules-only" -> schedulesOnly = true;
        case "--select" -> select = true;
        case "--earlier" -> earlier = Integer.parseInt(args[++i]);
        case "--confirm-alpha" -> confirmAlpha = Double.parseDouble(args[++i]);
        case "--no-confirm" -> confirmAlpha = Double.NaN;
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    Stream s = switch (kind) {
      case "sea" -> sea(seed, new double[] {8, 9, 7, 9.5}, 5_000);
      case "sea-published" -> sea(seed, new double[] {8, 9, 7, 9.5}, PUBLISHED_BLOCK);
      case "hyperplane" -> hyperplane(seed, 25_000, HISTORY);
      case "stationary" -> sea(seed, new double[] {8}, 25_000);
      default -> throw new IllegalArgumentException("unknown stream: " + kind);
    };
    history = history > 0 ? history : kind.equals("sea-published") ? 2 * HISTORY : HISTORY;
    if (history < 100 || history > Math.min(s.firstDrift, s.y.length - WINDOW)) {
      throw new IllegalArgumentException("history must be in [100, first drift " + s.firstDrift + "]: " + history);
    }
    PipelineRetrainer pipeline = retrainer(pipeline(s, history), select);
    pipeline = earlier >= 0 ? pipeline.earlierConcepts(earlier) : pipeline;
    PipelineRun firstRun = pipeline.firstRun(s.table(0, history), history / 5);
    TrainedClassifier first = (TrainedClassifier) firstRun.model();
    LOG.info("{} seed {}: first model {} (candidates: {})", kind, seed, firstRun.model().descriptor().trainer(),
        RunRecord.metadata(firstRun).getOrDefault("model.candidates", "the forest only"));
    int from = scoredFrom(s, history);
    int[] stat = new int[s.y.length];
    for (int i = history; i < s.y.length; i++) {
      stat[i] = first.predictClass(s.row(i));
    }
    double staticAcc = accuracy(s, stat, from);
    LOG.info("{} seed {}: static accuracy after the first drift {}", kind, seed, pct(staticAcc));
    if (schedulesOnly) {
      bestSchedule(pipeline, s, history, windows, kind, seed, staticAcc, Double.NaN);
      return;
    }
    Loop loop = loop(pipeline, s, history,
        kind.equals("stationary") ? sea(seed + 1000, new double[] {8}, 10_000) : null);
    double loopAcc = accuracy(s, loop.pred, from);
    StringBuilder segments = new StringBuilder();
    int segment = s.y.length - from > 20_000 ? 2_500 : 1_000;
    for (int k = from; k < s.y.length; k += segment) {
      int to = Math.min(s.y.length, k + segment);
      segments.append(String.format(Locale.ROOT, " %d-%d: static %s loop %s;", k, to,
          pct(accuracy(s, stat, k, to)), pct(accuracy(s, loop.pred, k, to))));
    }
    LOG.info("{} seed {}: accuracy by {} rows:{}", kind, seed, segment, segments);
    LOG.info("{} seed {}: loop accuracy {} ({} points above static; {} retrains, {} promoted, {} rejected, {} rolled "
        + "back, triggers {}; {} of {} windows flagged with drift)", kind, seed, pct(loopAcc), pts(loopAcc - staticAcc),
        loop.trained, loop.promoted, loop.rejected, loop.rolledBack, loop.triggers, loop.driftWindows,
        (s.y.length - history) / WINDOW);
    if (kind.equals("stationary")) {
      int served = (s.y.length - history) / WINDOW;
      LOG.info("stationary seed {}: {} retrains in {} windows (target <= {}), promotions {}, worse promotions {} "
          + "(test accuracy of each promoted champion vs the one it replaced: {})", seed, loop.trained, served,
          served / 20, loop.promoted, loop.worsePromotions, loop.promotionAccuracy);
      return;
    }
    if (!loopOnly) {
      bestSchedule(pipeline, s, history, windows, kind, seed, staticAcc, loopAcc);
    }
  }

  private static void bestSchedule(PipelineRetrainer pipeline, Stream s, int history, int[] windows, String kind,
      long seed, double staticAcc, double loopAcc) {
    int from = scoredFrom(s, history);
    double best = Double.NaN;
    String bestName = "";
    for (int every : new int[] {500, 1_000, 2_500}) {
      for (int window : windows) {
        double acc = accuracy(s, schedule(pipeline, s, history, every, window), from);
        String name = "every " + every + " rows on " + (window == Integer.MAX_VALUE ? "all" : "the last " + window) + " rows";
        LOG.info("{} seed {}: schedule {}: {}", kind, seed, name, pct(acc));
        if (Double.isNaN(best) || acc > best) {
          best = acc;
          bestName = name;
        }
      }
    }
    LOG.info("{} seed {}: static {}, loop {} ({} points above static, target >= 5), best schedule {} ({}): loop {} points "
        + "from it (target within 2)", kind, seed, pct(staticAcc), pct(loopAcc), pts(loopAcc - staticAcc), pct(best),
        bestName, pts(loopAcc - best));
  }

  private record Loop(int[] pred, int trained, int promoted, int rejected, int rolledBack, String triggers,
      int driftWindows, int worsePromotions, String promotionAccuracy) {}

  private static Loop loop(PipelineRetrainer retrainer, Stream s, int historyRows, Stream test) throws Exception {
    Path dir = Files.createTempDirectory("concept-loop");
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    Table history = s.table(0, historyRows);
    PipelineRun refit = retrainer.firstRun(history, historyRows / 5);
    registry.promote("c", registry.register("c", RunRecord.registryParts(refit), RunRecord.metadata(refit)).version());
    List<LoopEvent> events = Collections.synchronizedList(new ArrayList<>());
    PerformanceMeasure accuracy = PerformanceMeasure.of(Metric.ACCURACY);
    ContinuousTraining<TrainedModel> loop = ContinuousTraining
        .builder("c", registry, TrainedModelAdapter.create(), retrainer)
        .monitoring(DriftMonitoring.factory(TrainedModelAdapter::profile,
            profile -> DriftMonitor.builder(profile).window(Window.tumblingCount(WINDOW))))
        .history(PipelineRetrainer.history(history, refit.model()))
        .performanceMeasure(accuracy)
        .policy(RetrainPolicy.anyOf(Double.isNaN(confirmAlpha)
            ? RetrainPolicy.realisedPerformance(accuracy, WINDOW, 0.01, 0.05)
            : RetrainPolicy.realisedPerformanceConfirmed(accuracy, WINDOW, 0.01, 0.05, confirmAlpha),
            RetrainPolicy.drift(2)))
        .listener(events::add)
        .build();
    ModelEndpoint endpoint = loop.start();
    int[] pred = new int[s.y.length];
    List<TrainedModel> champions = new ArrayList<>(List.of(loop.championModel()));
    List<String> swaps = new ArrayList<>();
    for (int i = historyRows; i < s.y.length; i++) {
      if (i - LABEL_DELAY >= historyRows) {
        loop.recordLabel("r" + (i - LABEL_DELAY), s.y[i - LABEL_DELAY]);
      }
      loop.awaitIdle(3_600_000);
      pred[i] = (int) endpoint.predict("r" + i, s.row(i)).value();
      loop.awaitIdle(3_600_000);
      if (loop.championModel() != champions.get(champions.size() - 1)) {
        champions.add(loop.championModel());
        swaps.add("v" + loop.championVersion() + "@" + (i + 1));
      }
    }
    loop.close();
    LOG.info("champion swaps (version@first row it served): {}", swaps);
    for (LoopEvent e : events) {
      if (e.type() == LoopEvent.Type.TRAINED || e.type() == LoopEvent.Type.REJECTED) {
        LOG.info("{} {}: trigger {} (p {}), change rows {}, gate {} (difference {}, p {} on {} rows), holdout {}, chosen {}{},"
            + " model {} ({})", e.type(), e.version(),
            e.details().get("trigger"), e.details().getOrDefault("trigger.p_value", "-"),
            e.details().getOrDefault("candidate.change_rows", "-"), e.details().getOrDefault("candidate.gate", "-"),
            e.details().getOrDefault("candidate.gate.accuracy.difference", "-"),
            e.details().getOrDefault("candidate.gate.accuracy.p_value", "-"),
            e.details().getOrDefault("candidate.gate.accuracy.n", "-"),
            e.details().get("candidate.holdout_rows"), e.details().get("candidate.window.chosen"),
            e.details().containsKey("candidate.window.earlier_concept")
                ? " = " + e.details().get("candidate.window.earlier_concept") + " (an earlier concept)" : "",
            e.details().getOrDefault("candidate.model.chosen", "-"), e.details().getOrDefault("candidate.model.candidates", "-"));
      }
    }
    LoopEventCounts counts = LoopEventCounts.of(events);
    int worse = 0;
    List<String> accs = new ArrayList<>();
    if (test != null) {
      double before = testAccuracy(champions.get(0), test);
      for (int k = 1; k < champions.size(); k++) {
        double after = testAccuracy(champions.get(k), test);
        accs.add(pct(before) + " -> " + pct(after));
        if (after < before - 0.005) {
          worse++;
        }
        before = after;
      }
    }
    return new Loop(pred, counts.trained(), counts.promoted(), counts.rejected(), counts.rolledBack(),
        counts.triggers(), counts.driftWindows(), worse, accs.toString());
  }

  private static double testAccuracy(TrainedModel m, Stream test) {
    int ok = 0;
    for (int i = 0; i < test.y.length; i++) {
      ok += ((TrainedClassifier) m).predictClass(test.row(i)) == test.y[i] ? 1 : 0;
    }
    return ok / (double) test.y.length;
  }

  /** Retrain every {@code every} rows on the last {@code window} labelled rows (history included). */
  private static int[] schedule(PipelineRetrainer pipeline, Stream s, int history, int every, int window) {
    int[] pred = new int[s.y.length];
    TrainedClassifier model = fit(pipeline, s.table(0, history));
    for (int i = history; i < s.y.length; i++) {
      if (i > history && (i - history) % every == 0) {
        int labelled = i - LABEL_DELAY;
        model = fit(pipeline, s.table(Math.max(0, labelled - window), labelled));
      }
      pred[i] = model.predictClass(s.row(i));
    }
    return pred;
  }

  /** Accuracy is counted from the first drift (from the end of the history on a stationary stream). */
  private static int scoredFrom(Stream s, int history) {
    return s.firstDrift >= s.y.length ? history : s.firstDrift;
  }

  private static double accuracy(Stream s, int[] pred, int from) {
    return accuracy(s, pred, from, s.y.length);
  }

  private static double accuracy(Stream s, int[] pred, int from, int to) {
    int ok = 0;
    for (int i = from; i < to; i++) {
      ok += pred[i] == s.y[i] ? 1 : 0;
    }
    return ok / (double) (to - from);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * v);
  }

  private static String pts(double v) {
    return String.format(Locale.ROOT, "%+.2f", 100 * v);
  }
}
