package dev.mlops.examples.demo;

import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.retraining.ContinuousTraining;
import dev.mlops.core.retraining.DriftMonitoring;
import dev.mlops.core.retraining.LoopBuilder;
import dev.mlops.core.retraining.LoopEvent;
import dev.mlops.core.retraining.PipelineRetrainer;
import dev.mlops.core.retraining.TrainedModelAdapter;
import dev.mlops.core.retraining.RetrainOutcome;
import dev.mlops.core.retraining.Retrainer;
import dev.mlops.core.retraining.TrainingData;
import dev.mlops.core.model.TrainedModel;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.RunOptions;
import dev.mlops.core.pipeline.RunRecord;
import dev.mlops.core.pipeline.PipelineListener;
import dev.mlops.core.pipeline.Stage;
import dev.mlops.core.pipeline.StageReport;
import dev.mlops.core.registry.FileSystemModelRegistry;
import dev.mlops.core.registry.ModelRegistry;
import dev.mlops.core.registry.ModelVersion;
import dev.mlops.core.registry.SafeDeserialization;
import dev.mlops.core.pipeline.ChampionComparison;
import dev.mlops.core.report.RunReports;
import dev.mlops.core.serving.ModelEndpoint;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.decision.PerformanceEstimator;
import dev.mlops.drift.decision.ProbabilityCalibration;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.metrics.ClassificationEvaluation;
import dev.mlops.metrics.Evaluation;
import dev.mlops.metrics.RegressionEvaluation;
import dev.mlops.report.HtmlReport;
import dev.mlops.report.MonitoringWindow;
import dev.mlops.report.ReportSection;
import dev.mlops.report.RunEvent;
import dev.mlops.report.RunReport;
import dev.mlops.metrics.modeltest.ModelTestReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** One run of the demo's loop over a data set. Not thread-safe: one run, one thread. */
final class DemoRun {

  private final Console console;
  private final DemoData data;
  private final Path registryDir;
  private final Path reportFile;
  private final long seed;
  private final DemoSetup setup;
  private final Verdicts verdicts;
  private RunReport.Builder report;
  private final List<List<String>> trafficLog = new ArrayList<>();

  private ModelRegistry registry;
  private Pipeline pipeline;
  private int servingVersion;
  private boolean servedFromEarlierRun;
  private volatile RetrainOutcome lastRetrain;
  private volatile RetrainOutcome lastRefit;
  private volatile int lastRowsGiven;
  /** Label-free estimators by registered version: only versions with rows held out from their training. */
  private final Map<Integer, PerformanceEstimator> estimators = new java.util.concurrent.ConcurrentHashMap<>();
  private HtmlReport built;
  private final StageProgress progress = new StageProgress();

  DemoRun(Console console, DemoData data, Path registryDir, Path reportFile, long seed) {
    this.console = console;
    this.data = data;
    this.registryDir = registryDir;
    this.reportFile = reportFile;
    this.seed = seed;
    this.setup = new DemoSetup(data, seed);
    this.verdicts = new Verdicts(console, data);
  }

  void run() {
    console.banner("mlops-java demo: " + data.name() + (data.classification() ? " (classification)" : " (regression)"));
    report = RunReport.builder("mlops-java demo: " + data.name()).description(data.description())
        .performanceMetrics(data.classification() ? new String[] {"roc_auc", "accuracy"}
            : new String[] {"rmse", "mae"});
    describeData();
    registry = FileSystemModelRegistry.open(registryDir);
    Optional<Champion> previous = previousChampion();

    // 1. train
    console.stage(1, "Train with the Pipeline");
    pipeline = setup.pipeline(data.history(), progress);
    PipelineRun run = previous.map(c -> pipeline.run(RunOptions.champion(c.model()))).orElseGet(pipeline::run);
    printRun(run);
    provenance(run);

    // 2. test
    console.stage(2, "Test with ModelTest (the pipeline's held-out split)");
    ModelTestReport test = run.report();
    console.block(test.toText());
    console.kv("verdict", test.passed() ? "PASSED" : "FAILED");
    console.done();

    // 3. register and deploy
    console.stage(3, "Register and deploy");
    String champion = previous.map(c -> data.name() + ":" + c.version()).orElse("");
    boolean promote = previous.isEmpty() || run.gate().promote();
    if (previous.isPresent()) {
      console.kv("previous champion", champion + " (from an earlier run)");
      console.line("(this run replays the same traffic: a champion retrained in an earlier run has already");
      console.line(" seen part of it, so its live metrics below are optimistic)");
      verdicts.gate(run.gate().decision().name(), run.gate().comparisons(), run.gate().reasons());
    }
    String candidate;
    if (promote) {
      // model parts plus the ModelTest report and the run record (RunRecord.PART_*)
      ModelVersion version = registry.register(data.name(), RunRecord.registryParts(run), metadata(run));
      console.kv("registered", version.label() + " in " + registryDir.toAbsolutePath());
      registry.promote(data.name(), version.version());
      servingVersion = version.version();
      calibrate(run, version.version());
      candidate = data.name() + ":" + version.version();
    } else {
      // A rejected model is not a servable version: it is not registered at all.
      servingVersion = previous.get().version();
      servedFromEarlierRun = true;
      candidate = "this run's model (not registered)";
      console.kv("not registered", "the gate rejected this run's model; " + champion + " keeps serving");
    }
    report.modelTest(candidate + " on the held-out split", test);
    report.gate(RunReports.gate("first training of this run", "", run.gate(), champion, candidate));
    console.kv("champion", data.name() + ":" + servingVersion + (promote ? " (promoted)" : " (kept)"));

    serve();
    writeReport();
    console.stage(0, "Done");
    console.kv("total time", String.format(Locale.ROOT, "%.1f s", console.elapsedSeconds()));
    console.kv("run it again", "the next run finds " + data.name() + ":" + servingVersion
        + " as champion in the registry and gates against it");
  }

  /** @return the HTML report of the finished run (null before {@link #run()} finished) */
  HtmlReport htmlReport() {
    return built;
  }

  // ------------------------------------------------------------------------------------------ data

  private void describeData() {
    console.stage(0, "Data");
    wrap(data.description());
    console.kv("history rows", data.history().size());
    console.kv("live batches", data.live().size() + " (" + data.live().get(0).name() + " .. "
        + data.live().get(data.live().size() - 1).name() + ")");
    console.kv("numeric features", String.join(", ", data.numeric()));
    console.kv("categorical features", String.join(", ", data.categorical()));
    double mean = data.history().stream().mapToDouble(data::labelOf).average().orElse(Double.NaN);
    console.kv(data.classification() ? "share " + data.classNames().get(1) + " (history)"
        : "mean " + data.label() + " (history)", Console.num(mean));
  }

  // ------------------------------------------------------------------------------------- training

  /** Prints each stage of the first training as it ends, so a person sees the run progress. */
  private final class StageProgress implements PipelineListener {
    private volatile boolean live = true;

    @Override
    public void onStageEnd(String runId, StageReport s) {
      if (live) {
        console.printf("  %-10s %6d ms  %6d -> %-6d %s%n", s.stage().name().toLowerCase(Locale.ROOT),
            s.duration().toMillis(), s.rowsIn(), s.rowsOut(), s.detail());
      }
    }

    @Override
    public void onProgress(String runId, Stage stage, String what, int done, int total) {
      if (live && (done == total || done % Math.max(1, total / 4) == 0)) {
        console.printf("  %-10s %s %d/%d%n", stage.name().toLowerCase(Locale.ROOT), what, done, total);
      }
    }
  }

  private void printRun(PipelineRun run) {
    progress.live = false; // retrains are reported by the loop's events
    console.kv("run id", run.runId());
    console.kv("model", run.model().toString());
    console.kv("gate", run.gate().decision() + (run.gate().comparisons().isEmpty()
        ? " - " + String.join("; ", run.gate().reasons()) : " (against the previous champion: see 3)"));
    console.done();
  }

  private void provenance(PipelineRun run) {
    report.provenance(RunReports.provenance(run.provenance()))
        .provenance("data set", data.name())
        .provenance("registry", registryDir.toAbsolutePath().toString());
  }

  private Map<String, String> metadata(PipelineRun run) {
    Map<String, String> m = RunRecord.metadata(run);
    m.put("demo_data", data.name());
    return m;
  }

  private Optional<Champion> previousChampion() {
    Optional<ModelVersion> v = registry.resolve(data.name(), ModelRegistry.CHAMPION);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    TrainedModel model = TrainedModel.fromParts(registry.load(data.name(), v.get().version()).parts(),
        SafeDeserialization.filter());
    return Optional.of(new Champion(model, v.get().version()));
  }

  private record Champion(TrainedModel model, int version) {}

  private int classIndex(TrainedClassifier model, Map<String, Object> row) {
    return model.classes().indexOf(data.classNames().get((int) data.labelOf(row)));
  }

  // -------------------------------------------------------------------------------------- serving

  private DriftMonitor.Builder monitorOf(ReferenceProfile profile, DriftMonitoring.DeployedVersion deployed) {
    PerformanceEstimator estimator = estimators.get(deployed.version());
    DriftMonitor.Builder builder = setup.monitor(profile);
    return estimator == null ? builder : builder.performanceEstimator(estimator);
  }

  /**
   * The label-free accuracy estimate of a classifier this run trained: its probabilities calibrated
   * (isotonic) on the pipeline's held-out split, which the model never trained on (the same seeded
   * split the pipeline drew). A retrained version has no such rows (its refit trained on every
   * labelled row), so its monitor estimates from the raw probabilities, without an interval.
   */
  private void calibrate(PipelineRun run, int version) {
    if (!(run.model() instanceof TrainedClassifier model)) {
      return;
    }
    List<Map<String, Object>> history = data.history();
    int[] test = setup.heldOut(history);
    int positive = model.classes().indexOf(data.classNames().get(1));
    double[] scores = new double[test.length];
    int[] labels = new int[test.length];
    for (int i = 0; i < test.length; i++) {
      Map<String, Object> row = history.get(test[i]);
      scores[i] = model.probabilities(data.features(row))[positive];
      labels[i] = (int) data.labelOf(row);
    }
    estimators.put(version, PerformanceEstimator.of(ProbabilityCalibration.isotonic(scores, labels), 0.5, 0.95));
    console.kv("accuracy estimate", "calibrated (isotonic) on the " + test.length + " held-out rows; without labels, "
        + "each window's accuracy is estimated with a 95% interval");
  }

  private void serve() {
    int maxBatch = data.live().stream().mapToInt(b -> b.rows().size()).max().orElse(1);
    List<LoopEvent> events = new CopyOnWriteArrayList<>();
    ContinuousTraining<TrainedModel> loop = ContinuousTraining.builder(data.name(), registry, TrainedModelAdapter.create(), retrainer())
        .monitoring(DriftMonitoring.factory(TrainedModelAdapter::profile,
            (profile, deployed) -> monitorOf(profile, deployed)))
        .driftTrigger(data.driftWindows())
        .recentData(data.driftWindows() * maxBatch)
        .minTrainingRows(200)
        .listener(events::add)
        .build();
    try {
      ModelEndpoint endpoint = loop.start();
      console.kv("endpoint", "ModelEndpoint serving " + endpoint.champion().versionLabel()
          + ", every request recorded by its DriftMonitor");
      console.kv("continuous training", "retrain after dataset drift in " + data.driftWindows()
          + " consecutive windows,");
      console.kv("", "on the labelled traffic of the last " + data.driftWindows() + " windows"
          + (data.retrainWithHistory() ? " plus the history" : ""));
      if (!data.windowConstant().isEmpty()) {
        console.kv("not counted as drift", String.join(", ", data.windowConstant())
            + ": constant within each monthly window, so always unlike the whole-year reference");
        console.kv("", "(a windowing artefact); still model inputs, their distance is shown but not flagged");
      }
      console.done();

      console.stage(4, "Serve live traffic (" + data.live().size() + " windows; labels arrive after each window)");
      String metric = data.classification() ? "roc_auc" : "rmse";
      String header = String.format(Locale.ROOT, "%-10s %6s  %-16s %8s  %-19s %s", "window", "rows", "served by",
          metric, "label / prediction", "drifted features (test statistic)");
      console.line(header);
      boolean anyDrift = false;
      int retrains = 0;
      List<String> driftedWindows = new ArrayList<>();
      int n = 0;
      FairnessLog fairness = new FairnessLog(data.fairness());
      for (DemoData.Batch batch : data.live()) {
        TrainedModel champion = loop.championModel();
        DriftMonitor monitor = (DriftMonitor) loop.championMonitoring().orElseThrow().monitor();
        String servedBy = endpoint.champion().versionLabel();
        List<String> ids = new ArrayList<>(batch.rows().size());
        double[] predicted = new double[batch.rows().size()];
        double[] actual = new double[batch.rows().size()];
        int[] labels = new int[batch.rows().size()];
        for (Map<String, Object> row : batch.rows()) {
          var answer = endpoint.predict("req-" + (++n), data.request(row));
          int i = ids.size();
          ids.add(answer.requestId());
          predicted[i] = answer.isClassification() ? answer.probabilities()[answer.probabilities().length - 1]
              : answer.value();
        }
        // The ground truth of the window arrives: the loop joins it to the predictions (for the
        // monitor's realised performance and as training data for a retrain).
        for (int i = 0; i < ids.size(); i++) {
          Map<String, Object> row = batch.rows().get(i);
          double label = champion instanceof TrainedClassifier c ? classIndex(c, row) : data.labelOf(row);
          actual[i] = label;
          labels[i] = (int) label;
          loop.recordLabel(ids.get(i), label);
        }
        events.clear();
        // closing waits for the evaluation, which may trigger a retrain (on the loop's own thread)
        DriftReport window = monitor.closeWindow().orElseThrow();
        report.window(window(batch, window, servedBy, monitor.profile(), actual, predicted, labels));
        fairness.add(batch.name(), window);
        awaitRetrain(loop);
        String drifted = Verdicts.drifted(window);
        Double perf = window.performance().realised().get(metric);
        console.printf("%-10s %6d  %-16s %8s  %-19s %s%n", batch.name(), window.records(), servedBy,
            perf == null ? "n/a" : Console.num(perf), Verdicts.targetDrift(window), drifted.isEmpty() ? "-" : drifted);
        trafficLog.add(List.of(batch.name(), Long.toString(window.records()), servedBy,
            perf == null ? "" : Console.num(perf), Verdicts.targetDrift(window), drifted.isEmpty() ? "-" : drifted,
            window.datasetDrift() ? "yes" : "no"));
        if (window.datasetDrift()) {
          driftedWindows.add(batch.name());
        }
        if (window.datasetDrift() && !anyDrift) {
          anyDrift = true;
          verdicts.explainDrift(batch.name(), window);
        }
        if (events.stream().allMatch(e -> e.type() == LoopEvent.Type.DRIFT)) {
          events.forEach(e -> RunReports.event(e, batch.name()).ifPresent(report::event));
        } else {
          retrains++;
          printRetrain(batch, window, servedBy, events);
          console.stage(7, "Monitoring continues on " + endpoint.champion().versionLabel());
          if (batch != data.live().get(data.live().size() - 1)) {
            console.line(header);
          } else {
            console.line("(no more traffic in this demo)");
          }
        }
      }
      if (!anyDrift) {
        console.stage(5, "Detect drift");
        console.line("no window drifted (share of drifted features below " + DemoSetup.DRIFT_SHARE + " in every window)");
      }
      console.kv("labels", loop.labelCounts().toText() + " (timeout " + LoopBuilder.DEFAULT_LABEL_TIMEOUT.toDays()
          + " days)");
      if (retrains == 0) {
        console.stage(6, "Continuous training: no retrain in this run");
        console.line("the trigger is dataset drift in " + data.driftWindows() + " consecutive windows; drifted here: "
            + (driftedWindows.isEmpty() ? "none" : String.join(", ", driftedWindows)) + ",");
        console.line("so " + endpoint.champion().versionLabel() + " served every window and nothing was retrained.");
        if (servedFromEarlierRun) {
          console.line("(the champion of an earlier run was retrained on drifted months: the new rates and channel are");
          console.line(" already in its reference, so later months no longer differ from it)");
        }
      }
      if (data.fairness() != null) {
        console.stage(0, "Group fairness by " + String.join(", ", data.fairness().names())
            + " (watched by the monitor, not a model feature)");
        fairness.print(console);
        report.section(fairness.section());
      }
      servingVersion = loop.championVersion();
      report.section(ReportSection.table("Live traffic", List.of("window", "rows", "served by", metric,
          "label / prediction drift", "drifted features", "dataset drift"), trafficLog));
    } finally {
      loop.close();
    }
  }

  /** One window for the report: the monitor's report, the features' values, the realised evaluation. */
  private MonitoringWindow window(DemoData.Batch batch, DriftReport window, String servedBy, ReferenceProfile reference,
      double[] actual, double[] predicted, int[] labels) {
    MonitoringWindow.Builder w = MonitoringWindow.builder(batch.name(), window).servedBy(servedBy)
        .reference("training data of " + servedBy, reference);
    for (String f : data.features()) {
      w.values(f, batch.rows().stream().map(r -> r.get(f)).collect(Collectors.toList()));
    }
    Evaluation realised;
    if (data.classification()) {
      realised = ClassificationEvaluation.binary(labels, predicted).bootstrap(200, seed).evaluate();
    } else {
      realised = RegressionEvaluation.builder(actual, predicted).bootstrap(200, seed).evaluate();
      w.predictions(actual, predicted);
    }
    return w.realised(realised).build();
  }

  /** The loop's retrainer: the library's PipelineRetrainer, its outcomes remembered for the console and the report. */
  private Retrainer<TrainedModel> retrainer() {
    // With the history, the demo says it retrains on the recent months plus the whole history: one
    // window (a shorter one would leave calendar months out of the new reference profile).
    PipelineRetrainer library = data.retrainWithHistory()
        ? PipelineRetrainer.of(pipeline).withOriginalData(setup.table(data.history())).windows(1.0)
        : PipelineRetrainer.of(pipeline);
    return new Retrainer<>() {
      @Override
      public RetrainOutcome retrain(TrainingData training, TrainedModel champion) {
        lastRefit = null;
        lastRowsGiven = training.size();
        lastRetrain = library.retrain(training, champion);
        return lastRetrain;
      }

      @Override
      public RetrainOutcome refit(RetrainOutcome accepted, TrainingData training, TrainedModel champion) {
        lastRefit = library.refit(accepted, training, champion);
        return lastRefit;
      }
    };
  }

  /** The demo replays traffic window by window: it waits for a retrain the window started. */
  private static void awaitRetrain(ContinuousTraining<TrainedModel> loop) {
    try {
      loop.awaitIdle(600_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void printRetrain(DemoData.Batch batch, DriftReport window, String champion, List<LoopEvent> events) {
    String label = batch.name();
    console.stage(6, "Continuous training after " + label);
    for (LoopEvent e : events) {
      if (e.type() == LoopEvent.Type.DRIFT) {
        // The loop counts windows by sequence number; the demo names them by their period.
        console.kv("drift", champion + " - " + label + " (" + window.records() + " rows): drift share "
            + Console.num(window.driftShare()) + " (threshold " + Console.num(window.driftShareThreshold()) + "), "
            + window.consecutiveDrifted() + " drifted windows in a row");
      }
      RunReports.event(e, label).ifPresent(report::event);
    }
    RetrainOutcome o = lastRetrain;
    if (o != null) {
      String rows = RunReports.rows(o.metadata());
      String given = data.retrainWithHistory()
          ? String.format(Locale.ROOT, "the %,d history rows and %,d recent labelled rows", data.history().size(),
              lastRowsGiven)
          : String.format(Locale.ROOT, "%,d recent labelled rows", lastRowsGiven);
      console.kv("trained", "candidate from " + given + ": " + (rows.isEmpty() ? "rows not recorded" : rows));
      verdicts.gate(o.promote() ? "PROMOTE" : "REJECT", ChampionComparison.readFrom(o.metadata()), o.reasons());
      console.kv("holdout", "the newest " + o.metadata().getOrDefault("holdout_rows", "?") + " labelled rows; training window "
          + o.metadata().getOrDefault("window.chosen", "all rows"));
      RetrainOutcome refit = lastRefit;
      if (refit != null && refit.metadata().containsKey("refit_rows")) {
        console.kv("refit", "on all " + refit.metadata().get("refit_rows") + " rows (holdout included) before registering");
      }
      String candidate = events.stream().filter(e -> e.type() == LoopEvent.Type.PROMOTED).findFirst()
          .map(e -> data.name() + ":" + e.version()).orElse("candidate (not registered)");
      boolean promoted = events.stream().anyMatch(e -> e.type() == LoopEvent.Type.PROMOTED);
      if (promoted && refit != null && refit.metadata().containsKey("refit_rows")) {
        // the label-free estimate's band needs scores of rows the model did not train on: the refit's profile
        // carries out-of-fold ones when it was built with them; otherwise none are left
        int sample = estimateSampleRows(refit);
        console.kv("accuracy estimate", sample > 0
            ? candidate + " was refit on every labelled row (the gate's holdout included); its label-free "
                + "estimate is calibrated on the out-of-fold predictions of " + String.format(Locale.ROOT, "%,d", sample)
                + " of those rows kept in its profile, so its windows show an interval"
            : candidate + " was refit on every labelled row (the gate's holdout included): no held-out rows to "
                + "calibrate its probabilities on, so its windows show the uncalibrated estimate without an interval");
      }
      report.gate(RunReports.gate("retrain after " + label, label, o, champion, candidate));
      for (LoopEvent e : events) {
        if (e.type() != LoopEvent.Type.DRIFT && e.type() != LoopEvent.Type.TRAINED) {
          console.kv(e.type().key(), (e.version() > 0 ? data.name() + ":" + e.version() + " - " : "") + e.reason());
        }
      }
      if (o.promote()) {
        report.event(new RunEvent(label, RunEvent.Kind.REFERENCE_CHANGE, candidate,
            "monitoring compares the next windows with the training data of " + candidate));
      }
    }
  }

  /** Rows of the estimate sample in the profile registered with a refit, 0 when it has none. */
  private static int estimateSampleRows(RetrainOutcome refit) {
    byte[] profile = refit.parts().get(dev.mlops.core.model.TrainedModel.PART_PROFILE);
    return profile == null ? 0
        : ReferenceProfile.fromBytes(profile).estimateSample().map(e -> e.rows()).orElse(0);
  }

  // --------------------------------------------------------------------------------------- report

  private void writeReport() {
    console.stage(8, "HTML report");
    built = HtmlReport.render(report.build());
    Path written = built.writeTo(reportFile);
    console.kv("report", written);
    console.line("open it in a browser (one self-contained file, no network needed)");
    console.done();
  }

  private void wrap(String text) {
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() + word.length() > 74) {
        console.line(line.toString().trim());
        line.setLength(0);
      }
      line.append(word).append(' ');
    }
    if (line.length() > 0) {
      console.line(line.toString().trim());
    }
  }
}
