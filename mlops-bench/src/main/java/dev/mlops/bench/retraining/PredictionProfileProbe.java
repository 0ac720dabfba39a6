package dev.mlops.bench.retraining;

import dev.mlops.core.data.Column;
import dev.mlops.core.data.ColumnType;
import dev.mlops.core.data.CsvSource;
import dev.mlops.core.data.Source;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.ProfileOrder;
import dev.mlops.core.pipeline.ProfilePredictions;
import dev.mlops.core.pipeline.RunOptions;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.DriftStatus;
import dev.mlops.drift.monitor.FeatureDrift;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 14 items 1 and 3 for classifiers (and regressors): the prediction and label drift a
 * pipeline's deployed model reports with its default monitor, for each choice of the predictions
 * its ordered profile holds ({@link ProfilePredictions}: held-out column, in-sample, out-of-fold).
 *
 * <p>Bike sharing ({@code --data}): 2011 is the history; the target is {@code busy} = {@code cnt}
 * above 2011's median hour (binary, {@code --task binary}), the 2011 tercile of {@code cnt} (three
 * classes, {@code --task terciles}), or {@code cnt} itself ({@code --task regression}); the features
 * of {@link BikeSharingLoopProbe}; time split on {@code dteday} (last 20% held out), a random
 * forest; the deployed model is the run's (trained on the first 80% of 2011) or, with {@code
 * --refit}, refitted on all of 2011. 2011 and 2012 are replayed in weeks (168 rows) and calendar
 * months, each row with the model's prediction and its label.
 *
 * <p>Synthetic ({@code --synthetic}): 5 AR(1) features (rho 0.9, or {@code --rho}), label {@code x0 + 0.5 x1 +
 * noise > 0} (or the sum itself for regression), 10,000 rows of history ({@code --history}) and 100
 * live windows of 500 rows ({@code --window}) from the same process (false alarms), then 20 windows with {@code x0} shifted by +1 sd (a real
 * change of the prediction and the label).
 *
 * <p>Run: {@code java -cp mlops-bench/target/benchmarks.jar
 * dev.mlops.bench.retraining.PredictionProfileProbe [--data hour.csv | --synthetic] [--task
 * binary|terciles|regression] [--predictions heldout|insample|oof] [--folds 5] [--blocks 4] [--trees 20]
 * [--refit] [--season mnth|none] [--seed 42] [--rho 0.9] [--window 500] [--history 10000]}. Deterministic.
 */
public final class PredictionProfileProbe {

  private static final Logger LOG = LoggerFactory.getLogger(PredictionProfileProbe.class);

  private PredictionProfileProbe() {}

  /** The options. */
  private record Options(Path data, boolean synthetic, String task, ProfilePredictions predictions,
      int trees, boolean refit, String season, long seed, double rho, int window, int history) {}

  /**
   * Runs the probe and logs the figures.
   *
   * @param args see the class comment
   */
  public static void main(String[] args) {
    Path data = Paths.get("../shared/data/bike-sharing/hour.csv");
    boolean synthetic = false;
    String task = "binary";
    String predictions = "oof";
    int folds = ProfilePredictions.DEFAULT_FOLDS;
    int blocks = ProfilePredictions.DEFAULT_BLOCKS_PER_FOLD;
    int trees = 20;
    boolean refit = false;
    String season = null;
    long seed = 42;
    double rho = 0.9;
    int window = 500;
    int history = 10_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Paths.get(args[++i]);
        case "--synthetic" -> synthetic = true;
        case "--task" -> task = args[++i];
        case "--predictions" -> predictions = args[++i];
        case "--folds" -> folds = Integer.parseInt(args[++i]);
        case "--blocks" -> blocks = Integer.parseInt(args[++i]);
        case "--trees" -> trees = Integer.parseInt(args[++i]);
        case "--refit" -> refit = true;
        case "--season" -> season = args[++i];
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--rho" -> rho = Double.parseDouble(args[++i]);
        case "--window" -> window = Integer.parseInt(args[++i]);
        case "--history" -> history = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    ProfilePredictions choice = switch (predictions) {
      case "heldout" -> ProfilePredictions.heldOut();
      case "insample" -> ProfilePredictions.inSample();
      case "oof" -> ProfilePredictions.outOfFold(folds, blocks);
      default -> throw new IllegalArgumentException("--predictions must be heldout|insample|oof: " + predictions);
    };
    Options o = new Options(data, synthetic, task, choice, trees, refit, season, seed, rho, window, history);
    long t0 = System.nanoTime();
    if (synthetic) {
      synthetic(o);
    } else {
      bike(o);
    }
    LOG.info("done in {} s", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
  }

  private static void bike(Options o) {
    Table raw = CsvSource.of(o.data).timestampColumn("dteday").drop("instant", "casual", "registered").read();
    int n2011 = (int) IntStream.range(0, raw.rowCount()).filter(r -> raw.numeric(r, raw.indexOf("yr")) == 0).count();
    Table all = withTarget(raw, o.task, n2011);
    Table history = all.rows(IntStream.range(0, n2011).toArray());
    Table traffic = all.rows(IntStream.range(n2011, all.rowCount()).toArray());
    String target = "regression".equals(o.task) ? "cnt" : "demand";
    Pipeline.Builder b = Pipeline.builder("bike-" + o.task)
        .profileOrder(ProfileOrder.auto().withPredictions(o.predictions))
        .source(history).target(target).features(BikeSharingLoopProbe.FEATURES)
        .split(Split.byTime("dteday").testFraction(0.2)).seed(o.seed);
    if ("regression".equals(o.task)) {
      b.train(Trainers.randomForestRegressor().trees(o.trees).mtry(BikeSharingLoopProbe.FEATURES.length)
          .maxDepth(30).nodeSize(2)).evaluateRegressor(t -> t.bootstrap(0));
    } else {
      b.train(Trainers.randomForestClassifier().trees(o.trees)).evaluateClassifier(t -> t.bootstrap(0));
    }
    Pipeline pipeline = b.build();
    long t0 = System.nanoTime();
    PipelineRun run = pipeline.run(RunOptions.none().withSource(Source.of(history)));
    if (o.refit) {
      run = pipeline.run(RunOptions.none().withSource(Source.of(history)).withRefitOf(run));
    }
    LOG.info("bike {}, {}, {}: pipeline {} s; profile stage {}", o.task, o.predictions,
        o.refit ? "refit on 2011" : "trained on the first 80% of 2011",
        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9), profileStage(run));
    for (Table year : List.of(history, traffic)) {
      String name = year == history ? "2011" : "2012";
      summarise(name + " weekly", replay(run.model(), year, target, 168, "mnth", false, o.season));
      summarise(name + " monthly", replay(run.model(), year, target, 0, "mnth", true, o.season));
    }
  }

  private static String profileStage(PipelineRun run) {
    return run.stages().stream().filter(s -> s.stage() == dev.mlops.core.pipeline.Stage.PROFILE)
        .map(s -> s.detail() + " in " + s.duration().toMillis() + " ms").findFirst().orElse("-");
  }

  /** The raw rows with the classification target {@code demand} (as a number: 0, 1, 2). */
  private static Table withTarget(Table raw, String task, int n2011) {
    if ("regression".equals(task)) {
      return raw;
    }
    double[] cnt = raw.numericColumn("cnt");
    double[] ref = Arrays.copyOf(cnt, n2011);
    Arrays.sort(ref);
    double[] cuts = "binary".equals(task) ? new double[] {ref[n2011 / 2]}
        : new double[] {ref[n2011 / 3], ref[2 * n2011 / 3]};
    double[] y = new double[cnt.length];
    for (int r = 0; r < y.length; r++) {
      for (double c : cuts) {
        y[r] += cnt[r] > c ? 1 : 0;
      }
    }
    LOG.info("target demand: cnt above {} (2011 cut points)", Arrays.toString(cuts));
    Table.Builder b = Table.builder();
    for (Column c : raw.columns()) {
      if (c.name().equals("cnt")) {
        continue;
      }
      switch (c.type()) {
        case CATEGORICAL -> b.categorical(c.name(), raw.categoricalColumn(c.name()));
        case TIMESTAMP -> b.timestamp(c.name(), raw.numericColumn(c.name()));
        default -> b.numeric(c.name(), raw.numericColumn(c.name()));
      }
    }
    return b.numeric("demand", y).build();
  }

  /** Replays the rows through the model into a default monitor; windows of {@code size} rows or by {@code period}. */
  private static List<DriftReport> replay(TrainedModel model, Table rows, String target, int size,
      String period, boolean byPeriod, String season) {
    DriftMonitor.Builder b = DriftMonitor.builder(model.profile()).window(Window.tumblingCount(Integer.MAX_VALUE));
    if (rows.has("dteday")) {
      b.ignoreFields("dteday");
    }
    if ("none".equals(season)) {
      b.withoutSeason();
    } else if (season != null) {
      b.seasonField(season);
    }
    DriftMonitor monitor = b.build();
    List<DriftReport> out = new ArrayList<>();
    int p = byPeriod ? rows.indexOf(period) : -1;
    double[] y = rows.numericColumn(target);
    for (int r = 0; r < rows.rowCount(); r++) {
      boolean boundary = byPeriod ? r > 0 && rows.numeric(r, p) != rows.numeric(r - 1, p) : r > 0 && r % size == 0;
      if (boundary) {
        monitor.closeWindow().ifPresent(out::add);
      }
      Map<String, Object> row = new LinkedHashMap<>(rows.row(r));
      row.remove(target);
      Prediction pred = model instanceof TrainedClassifier c ? Prediction.ofProbabilities(c.probabilities(row))
          : Prediction.ofValue(((TrainedRegressor) model).predict(row));
      monitor.record(row, pred, "r" + r);
      monitor.recordLabel("r" + r, y[r]);
    }
    monitor.closeWindow().ifPresent(out::add);
    return out;
  }

  private static void synthetic(Options o) {
    int history = o.history;
    int window = o.window;
    int quiet = 100;
    int shifted = 20;
    boolean regression = "regression".equals(o.task);
    Table all = arStream(history + (quiet + shifted) * window, history + quiet * window, regression, o.seed, o.rho);
    Table hist = all.rows(IntStream.range(0, history).toArray());
    Pipeline.Builder b = Pipeline.builder("ar-" + o.task)
        .profileOrder(ProfileOrder.auto().withPredictions(o.predictions))
        .source(hist).target("y").features("x0", "x1", "x2", "x3", "x4")
        .split(Split.byTime("t").testFraction(0.2)).seed(o.seed);
    if (regression) {
      b.train(Trainers.randomForestRegressor().trees(o.trees)).evaluateRegressor(t -> t.bootstrap(0));
    } else {
      b.train(Trainers.randomForestClassifier().trees(o.trees)).evaluateClassifier(t -> t.bootstrap(0));
    }
    Pipeline pipeline = b.build();
    long t0 = System.nanoTime();
    PipelineRun run = pipeline.run();
    LOG.info("synthetic AR(1) rho {}, {}, {}: pipeline {} s; profile stage {}", o.rho, o.task, o.predictions,
        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9), profileStage(run));
    Table quietRows = all.rows(IntStream.range(history, history + quiet * window).toArray());
    Table shiftRows = all.rows(IntStream.range(history + quiet * window, all.rowCount()).toArray());
    summarise("synthetic stationary (" + quiet + " windows of " + window + ")",
        replay(run.model(), quietRows, "y", window, null, false, null));
    summarise("synthetic x0 +1 sd (" + shifted + " windows of " + window + ")",
        replay(run.model(), shiftRows, "y", window, null, false, null));
  }

  /**
   * AR(1) features (unit variance), from row {@code shiftFrom} on {@code x0} is shifted by
   * +1; y = x0 + 0.5 x1 + noise (sd 0.5), or whether it is above 0.
   */
  static Table arStream(int n, int shiftFrom, boolean regression, long seed, double rho) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double innov = Math.sqrt(1 - rho * rho);
    double[][] x = new double[5][n];
    double[] state = new double[5];
    double[] t = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 5; j++) {
        state[j] = rho * state[j] + innov * gaussian(rnd);
        x[j][i] = state[j] + (j == 0 && i >= shiftFrom ? 1.0 : 0.0);
      }
      double s = x[0][i] + 0.5 * x[1][i] + 0.5 * gaussian(rnd);
      y[i] = regression ? s : (s > 0 ? 1 : 0);
      t[i] = i * 60_000.0;
    }
    Table.Builder b = Table.builder().timestamp("t", t);
    for (int j = 0; j < 5; j++) {
      b.numeric("x" + j, x[j]);
    }
    return b.numeric("y", y).build();
  }

  private static double gaussian(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  private static void summarise(String what, List<DriftReport> reports) {
    int label = 0;
    int prediction = 0;
    StringBuilder pred = new StringBuilder();
    StringBuilder lab = new StringBuilder();
    for (DriftReport r : reports) {
      label += drifted(r.label()) ? 1 : 0;
      prediction += drifted(r.prediction()) ? 1 : 0;
      pred.append(fmt(r.prediction())).append(' ');
      lab.append(fmt(r.label())).append(' ');
    }
    LOG.info("{}: prediction drift {} of {}, label drift {} of {}", what, prediction, reports.size(),
        label, reports.size());
    if (!reports.isEmpty()) {
      DriftReport first = reports.get(0);
      if (first.prediction() != null) {
        LOG.info("  {} window 1 prediction: {}", what, first.prediction().reason());
      }
      if (first.label() != null) {
        LOG.info("  {} window 1 label: {}", what, first.label().reason());
      }
      LOG.info("  {} prediction statistic/threshold by window: {}", what, pred.toString().trim());
      LOG.info("  {} label statistic/threshold by window: {}", what, lab.toString().trim());
    }
  }

  private static String fmt(FeatureDrift f) {
    return f == null ? "-" : String.format(Locale.ROOT, "%.3f/%.3f%s", f.statistic(), f.threshold(),
        f.status() == DriftStatus.DRIFT ? "*" : "");
  }

  private static boolean drifted(FeatureDrift f) {
    return f != null && f.status() == DriftStatus.DRIFT;
  }
}
