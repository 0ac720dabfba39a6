package dev.mlops.bench.retraining;

import dev.mlops.core.data.CsvSource;
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
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop on two setups a user might have besides issue 15's hourly regression, written from the
 * README: UCI Bike Sharing {@code day.csv} as a daily regression of {@code cnt} (2011 history, 2012
 * day by day, each label one day late), and {@code hour.csv} as a classification of high demand
 * ({@code cnt >= 200}: 31% of 2011's hours, 50% of 2012's), labels 24 hours late. Each prints the
 * prequential error of the first model never retrained, of the loop (defaults plus {@code
 * anyOf(realisedPerformance, drift(3))} and a probation), and of a monthly retrain on all labelled
 * rows; the loop's retrains by trigger, its label counts, and whether every registered version
 * records its holdout evaluation, its window choice and its refit. {@code --restart} closes the loop
 * in the middle of the year and starts a new one on the same registry (labels of predictions made
 * before the restart arrive after it).
 *
 * <p>Run: {@code java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.retraining.SecondSetupLoopProbe
 * day|hour-class [--data-dir ../shared/data/bike-sharing] [--restart] [--schedule days]} ({@code --schedule 30}
 * adds {@code RetrainPolicy.schedule} of that many days to the loop's policy). Seeded (forest seed 42); the
 * replay waits for each retrain, so the figures do not depend on the machine.
 */
public final class SecondSetupLoopProbe {

  private static final Logger LOG = LoggerFactory.getLogger(SecondSetupLoopProbe.class);
  private static final long HOUR = 3_600_000L;
  private static final String[] DAY_FEATURES = {"season", "yr", "mnth", "holiday", "weekday", "workingday", "weathersit",
      "temp", "atemp", "hum", "windspeed"};

  private SecondSetupLoopProbe() {}

  /** One setup: its data, pipeline, measure, label delay and the loop's label and window sizes. */
  private record Setup(String name, Table history, Table traffic, Pipeline pipeline, PerformanceMeasure measure,
      long delay, long step, int labels, int window, String target) {}

  /**
   * Runs one setup.
   *
   * @param args {@code day|hour-class [--data-dir dir] [--restart] [--schedule days]}
   * @throws Exception if the data cannot be read
   */
  public static void main(String[] args) throws Exception {
    Path dir = Paths.get("../shared/data/bike-sharing");
    boolean restart = false;
    Duration schedule = null;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--data-dir" -> dir = Paths.get(args[++i]);
        case "--restart" -> restart = true;
        case "--schedule" -> schedule = Duration.ofDays(Long.parseLong(args[++i]));
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    Setup s = switch (args.length == 0 ? "" : args[0]) {
      case "day" -> day(dir.resolve("day.csv"));
      case "hour-class" -> hourClass(dir.resolve("hour.csv"));
      default -> throw new IllegalArgumentException("first argument must be day or hour-class: " + List.of(args));
    };
    long t0 = System.nanoTime();
    TrainedModel first = fitAll(s.pipeline, s.history);
    double[] y = labels(s.traffic, s.target, first);
    double[] staticPred = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      staticPred[i] = predict(first, row(s.traffic, i, s.target));
    }
    double a = error(s, y, staticPred);
    Arm b = loop(s, y, restart, schedule);
    double c = monthly(s, y);
    LOG.info("{}: {} of (a) the first model never retrained {}, (b) the loop {} ({} retrains, {} promoted, {} rejected, "
        + "{} rolled back; triggers {}), (c) monthly retrain on all labelled rows {}; {}; {} s", s.name,
        s.measure.name(), fmt(a), fmt(b.error), b.counts.trained(), b.counts.promoted(), b.counts.rejected(),
        b.counts.rolledBack(), b.counts.triggers(), fmt(c), b.labels, Math.round((System.nanoTime() - t0) / 1e9));
    LOG.info("{}: registered versions with holdout evaluation, window choice and refit recorded: {} of {}; "
        + "retrain failures: {}", s.name, b.recorded, b.registered, b.failures);
  }

  private static Setup day(Path csv) {
    Table all = CsvSource.of(csv).timestampColumn("dteday").drop("instant", "casual", "registered").read();
    int n2011 = (int) IntStream.range(0, all.rowCount()).filter(r -> all.numeric(r, all.indexOf("yr")) == 0).count();
    Pipeline p = Pipeline.builder("bike-day").source(all.rows(IntStream.range(0, n2011).toArray())).target("cnt")
        .features(DAY_FEATURES).split(Split.byTime("dteday").testFraction(0.2))
        .train(Trainers.randomForestRegressor().trees(100).mtry(DAY_FEATURES.length).maxDepth(30).nodeSize(2))
        .evaluateRegressor(t -> t.bootstrap(0)).seed(42).build();
    return new Setup("day.csv daily regression", all.rows(IntStream.range(0, n2011).toArray()),
        all.rows(IntStream.range(n2011, all.rowCount()).toArray()), p, PerformanceMeasure.of(Metric.RMSE), 24 * HOUR,
        24 * HOUR, 28, 14, "cnt");
  }

  private static Setup hourClass(Path csv) {
    Table read = CsvSource.of(csv).timestampColumn("dteday").drop("instant", "casual", "registered").read();
    double[] cnt = read.numericColumn("cnt");
    String[] high = new String[cnt.length];
    for (int i = 0; i < cnt.length; i++) {
      high[i] = cnt[i] >= 200 ? "high" : "low";
    }
    Table.Builder b = Table.builder();
    for (String name : read.names()) {
      if (name.equals("cnt")) {
        continue;
      }
      switch (read.column(name).type()) {
        case TIMESTAMP -> b.timestamp(name, read.numericColumn(name));
        case CATEGORICAL -> b.categorical(name, read.categoricalColumn(name));
        default -> b.numeric(name, read.numericColumn(name));
      }
    }
    Table all = b.categorical("demand", high).build();
    int n2011 = (int) IntStream.range(0, all.rowCount()).filter(r -> all.numeric(r, all.indexOf("yr")) == 0).count();
    Pipeline p = Pipeline.builder("bike-high-demand").source(all.rows(IntStream.range(0, n2011).toArray()))
        .target("demand").features(BikeSharingLoopProbe.FEATURES).split(Split.byTime("dteday").testFraction(0.2))
        .train(Trainers.randomForestClassifier().trees(50).maxDepth(30).nodeSize(2))
        .evaluateClassifier(t -> t.bootstrap(0)).seed(42).build();
    return new Setup("hour.csv high-demand classification", all.rows(IntStream.range(0, n2011).toArray()),
        all.rows(IntStream.range(n2011, all.rowCount()).toArray()), p, PerformanceMeasure.of(Metric.ACCURACY), 24 * HOUR,
        HOUR, 168, 168, "demand");
  }

  private record Arm(double error, LoopEventCounts counts, String labels, int registered, int recorded, int failures) {}

  private static Arm loop(Setup s, double[] y, boolean restart, Duration schedule) throws Exception {
    Path dir = Files.createTempDirectory("second-setup-loop");
    ModelRegistry registry = FileSystemModelRegistry.open(dir);
    PipelineRun initial = s.pipeline.run(RunOptions.none().withSource(Source.of(s.history)).forSelection());
    PipelineRun refit = s.pipeline.run(RunOptions.none().withSource(Source.of(s.history)).withRefitOf(initial));
    registry.promote("m", registry.register("m", RunRecord.registryParts(refit), RunRecord.metadata(refit)).version());
    BikeSharingLoopProbe.ProbeClock clock = new BikeSharingLoopProbe.ProbeClock(Instant.ofEpochMilli(time(s, 0)));
    List<LoopEvent> events = Collections.synchronizedList(new ArrayList<>());
    ContinuousTraining<TrainedModel> loop = build(s, registry, refit.model(), clock, events, schedule);
    ModelEndpoint endpoint = loop.start();
    double[] pred = new double[y.length];
    int labelled = 0;
    for (int i = 0; i < y.length; i++) {
      long now = time(s, i);
      clock.set(Instant.ofEpochMilli(now));
      if (restart && i == y.length / 2) {
        // before this step's labels: the predictions waiting for them must survive the restart
        loop.awaitIdle(3_600_000);
        LOG.info("restart at row {}: {}, {} labelled rows kept", i, loop.labelCounts().toText(), loop.labelStore().size());
        loop.close();
        loop = build(s, FileSystemModelRegistry.open(dir), refit.model(), clock, events, schedule);
        endpoint = loop.start();
      }
      while (labelled < i && time(s, labelled) + s.delay <= now) {
        loop.recordLabel("r" + labelled, y[labelled]);
        labelled++;
      }
      loop.awaitIdle(3_600_000);
      pred[i] = endpoint.predict("r" + i, row(s.traffic, i, s.target)).value();
      loop.awaitIdle(3_600_000);
    }
    loop.close();
    int registered = 0;
    int recorded = 0;
    for (var v : registry.versions("m")) {
      if (v.version() == 1) {
        continue;
      }
      registered++;
      Map<String, String> m = v.metadata();
      if ("true".equals(m.get("refit")) && m.containsKey("window.chosen") && m.containsKey("holdout_rows")
          && m.keySet().stream().anyMatch(k -> k.startsWith("gate."))) {
        recorded++;
      }
    }
    int failures = (int) events.stream().filter(e -> e.type() == LoopEvent.Type.RETRAIN_FAILED).count();
    events.stream().filter(e -> e.type() != LoopEvent.Type.DRIFT).forEach(e -> LOG.info("{}",
        e.toText().length() > 300 ? e.toText().substring(0, 300) + "..." : e.toText()));
    return new Arm(error(s, y, pred), LoopEventCounts.of(events), loop.labelCounts().toText(), registered, recorded,
        failures);
  }

  private static ContinuousTraining<TrainedModel> build(Setup s, ModelRegistry registry, TrainedModel first,
      BikeSharingLoopProbe.ProbeClock clock, List<LoopEvent> events, Duration schedule) {
    RetrainPolicy realised = RetrainPolicy.realisedPerformance(s.measure, s.labels);
    RetrainPolicy policy = schedule == null ? RetrainPolicy.anyOf(realised, RetrainPolicy.drift(3))
        : RetrainPolicy.anyOf(realised, RetrainPolicy.drift(3), RetrainPolicy.schedule(schedule));
    return ContinuousTraining.builder("m", registry, TrainedModelAdapter.create(), PipelineRetrainer.of(s.pipeline))
        .monitoring(DriftMonitoring.factory(TrainedModelAdapter::profile,
            profile -> DriftMonitor.builder(profile).window(Window.tumblingCount(s.window)).clock(clock)))
        .history(PipelineRetrainer.history(s.history, first))
        .performanceMeasure(s.measure)
        .policy(policy)
        .probation(Math.max(20, s.labels), 0.01)
        .clock(clock).listener(events::add).build();
  }

  /** A monthly retrain on every labelled row (history included), selected then refitted like the first model. */
  private static double monthly(Setup s, double[] y) {
    double[] pred = new double[y.length];
    TrainedModel model = fitAll(s.pipeline, s.history);
    int mnth = s.traffic.indexOf("mnth");
    for (int i = 0; i < y.length; i++) {
      if (i > 0 && s.traffic.numeric(i, mnth) != s.traffic.numeric(i - 1, mnth)) {
        long now = time(s, i);
        int labelled = 0;
        while (labelled < i && time(s, labelled) + s.delay <= now) {
          labelled++;
        }
        model = fitAll(s.pipeline, s.history.append(s.traffic.rows(IntStream.range(0, labelled).toArray())));
      }
      pred[i] = predict(model, row(s.traffic, i, s.target));
    }
    return error(s, y, pred);
  }

  private static TrainedModel fitAll(Pipeline pipeline, Table rows) {
    PipelineRun selected = pipeline.run(RunOptions.none().withSource(Source.of(rows)).forSelection());
    return pipeline.run(RunOptions.none().withSource(Source.of(rows)).withRefitOf(selected)).model();
  }

  /** The label as the loop takes it: the value, or the class index of the first model's classes. */
  private static double[] labels(Table t, String target, TrainedModel model) {
    double[] y = new double[t.rowCount()];
    for (int i = 0; i < y.length; i++) {
      y[i] = model instanceof TrainedClassifier c ? c.classes().indexOf(t.categorical(i, t.indexOf(target)))
          : t.numeric(i, t.indexOf(target));
    }
    return y;
  }

  private static double predict(TrainedModel model, Map<String, Object> row) {
    return model instanceof TrainedClassifier c ? argmax(c.probabilities(row))
        : ((dev.mlops.core.model.TrainedRegressor) model).predict(row);
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      best = p[k] > p[best] ? k : best;
    }
    return best;
  }

  /** RMSE for a regression, accuracy in percent for a classification. */
  private static double error(Setup s, double[] y, double[] p) {
    if (!s.measure.name().equals("accuracy")) {
      return BikeSharingLoopProbe.rmse(y, p);
    }
    int hit = 0;
    for (int i = 0; i < y.length; i++) {
      hit += y[i] == p[i] ? 1 : 0;
    }
    return 100.0 * hit / y.length;
  }

  private static Map<String, Object> row(Table t, int r, String target) {
    Map<String, Object> row = new LinkedHashMap<>(t.row(r));
    row.remove(target);
    return row;
  }

  private static long time(Setup s, int r) {
    long day = (long) s.traffic.numeric(r, s.traffic.indexOf("dteday"));
    return s.step == HOUR ? day + (long) s.traffic.numeric(r, s.traffic.indexOf("hr")) * HOUR : day;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
