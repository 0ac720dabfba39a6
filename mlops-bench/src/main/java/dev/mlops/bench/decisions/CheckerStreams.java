package dev.mlops.bench.decisions;

import dev.mlops.bench.decisions.CheckerTables.Row;
import dev.mlops.bench.decisions.CheckerTables.Shift;
import dev.mlops.bench.decisions.CheckerTables.Truth;
import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.pipeline.EstimateRows;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.pipeline.ProfileOrder;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainer;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.transform.ColumnSelector;
import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.monitor.DriftListener;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Issue 14 item 5 checked as an outside reviewer checks it (eleventh session, "e2e"): through the
 * public API only, on streams the estimator was never tuned on. A user's path: generate training
 * rows, train with the library's {@link Pipeline} (random split, one-hot and standardised inputs,
 * a Smile model), take the run's profile as it comes ({@link PipelineRun#profile()}: the held-out
 * split's scores as the estimate sample by default, or with {@link Profile#OUT_OF_FOLD} the
 * training rows' out-of-fold scores), deploy {@code DriftMonitor.builder(profile)} with nothing
 * but a count window, record every row with its prediction and request id, {@code recordLabel} its
 * label, and compare each window's {@code Performance.accuracyEstimate()} with the realised
 * accuracy the same report gives.
 *
 * <p>The streams ({@link CheckerTables}) differ from {@link EstimateStreams}' on every axis it
 * fixed: 8 features on different scales, one of them categorical ({@code plan}), a truth with other
 * coefficients, an interaction {@code age x temp} and a categorical effect (binary {@link
 * Truth#BALANCED} about 50/50 and {@link Truth#IMBALANCED} about 20/80; {@link Truth#THREE}
 * classes), and shifts in other directions ({@link Shift}). Each setting has 20 windows whose shift
 * grows from 0 to its full size. The true {@code P(y | x)} is known, so each window's oracle
 * accuracy (the mean chance that the predicted class is right) splits the
 * error into the sampling noise (|oracle - realised|, no estimator removes it) and the estimator's
 * own error (|estimate - oracle|).
 *
 * <p>Run (one seed per call, settings narrowed by properties; each window is also written to
 * {@code -Dcsv=file} so runs can be pooled with {@code CheckerStreams table file...}):
 *
 * <pre>
 * java -DfirstSeed=501 -Dseeds=1 -Dmodels=LOGISTIC,FOREST,BOOSTED -Dtruths=BALANCED,IMBALANCED,THREE \
 *     -Dshifts=MEAN,VARIANCE,MIXTURE,CATEGORY,BEYOND -Dsizes=200,500,1000 -Drefs=2000,10000,50000 \
 *     -Dprofile=DEFAULT|OUT_OF_FOLD -Dcsv=/tmp/e2e/seed-501.csv \
 *     -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.decisions.CheckerStreams
 * java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.decisions.CheckerStreams table a.csv b.csv
 * java -cp ... CheckerStreams diagnose FOREST BALANCED 10000 DEFAULT MEAN 1000 501 age,temp
 * </pre>
 *
 * <p>Stateless.
 */
public final class CheckerStreams {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      CheckerStreams.class);

  /**
   * Rows recorded between a prediction and its label ({@code -DlabelDelay}, default 0: each label
   * right after its prediction). The monitor credits a label to its prediction's window (within
   * its label horizon, default 10 windows): the report at the close has the labels that arrived
   * by then, {@code DriftMonitor.labelledWindows()} every label (column {@code attributed}).
   */
  static final int LABEL_DELAY = Integer.getInteger("labelDelay", 0);

  /**
   * Whether the profile's estimate sample keeps its rows' categorical values ({@code
   * -DsampleCategories}, default true). {@code false} drops them, which gives the estimate the
   * monitor had before the thirteenth session (a format-8 sample: {@code plan} a {@code NaN}
   * column), bit for bit: the before/after comparison on one jar.
   */
  static final boolean SAMPLE_CATEGORIES = !"false".equals(System.getProperty("sampleCategories"));

  /** Windows per setting; window {@code w} has shift {@code t = w / (WINDOWS - 1)}. */
  static final int WINDOWS = 20;

  /** The model (Smile through the pipeline's trainers). */
  public enum Model {
    /** {@code Trainers.logisticRegression()} with its defaults. */
    LOGISTIC,
    /** {@code Trainers.randomForestClassifier().trees(100)}. */
    FOREST,
    /** {@code Trainers.gradientBoostingClassifier().trees(200)}. */
    BOOSTED
  }

  /** Which estimate sample the pipeline's profile holds. */
  public enum Profile {
    /** The pipeline's default for unordered rows: the held-out split's scores. */
    DEFAULT,
    /** {@code ProfileOrder.tableOrder()}: the training rows' out-of-fold scores (5 folds). */
    OUT_OF_FOLD
  }

  private CheckerStreams() {}

  /**
   * One window as the monitor reported it.
   *
   * @param seed the seed
   * @param model the model
   * @param truth the truth
   * @param referenceRows rows given to the pipeline
   * @param profile the profile's estimate sample
   * @param shift the shift
   * @param rows rows per window
   * @param window the window's index
   * @param estimate the monitor's estimate
   * @param lower its interval's lower end
   * @param upper its interval's upper end
   * @param realised the realised accuracy the monitor reports
   * @param own the accuracy of the window's rows counted here (the join's check)
   * @param oracle the mean true chance that each row's predicted class is right
   * @param extrapolated the share of rows beyond the reference's range the monitor reports
   * @param attributed the realised accuracy of the window's {@code LabelledWindow} at the end of
   *     the stream (every label credited to its prediction's window), NaN when not known (CSV files
   *     written before it existed)
   */
  public record WindowResult(long seed, Model model, Truth truth, int referenceRows,
      Profile profile, Shift shift, int rows, int window, double estimate, double lower,
      double upper, double realised, double own, double oracle, double extrapolated,
      double attributed) {

    /** The CSV header. */
    static final String HEADER = "seed,model,truth,ref,profile,shift,rows,window,estimate,lower,upper,"
        + "realised,own,oracle,extrapolated,attributed";

    /**
     * A window without its labelled window's accuracy.
     *
     * @see #WindowResult(long, Model, Truth, int, Profile, Shift, int, int, double, double,
     *     double, double, double, double, double, double)
     */
    public WindowResult(long seed, Model model, Truth truth, int referenceRows, Profile profile,
        Shift shift, int rows, int window, double estimate, double lower, double upper,
        double realised, double own, double oracle, double extrapolated) {
      this(seed, model, truth, referenceRows, profile, shift, rows, window, estimate, lower,
          upper, realised, own, oracle, extrapolated, Double.NaN);
    }

    /**
     * One CSV line.
     *
     * @return the line
     */
    public String toCsv() {
      return String.format(Locale.ROOT,
          "%d,%s,%s,%d,%s,%s,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.4f,%.6f",
          seed, model, truth, referenceRows, profile, shift, rows, window, estimate, lower, upper,
          realised, own, oracle, extrapolated, attributed);
    }

    /**
     * Reads a CSV line.
     *
     * @param line the line
     * @return the window
     */
    static WindowResult parse(String line) {
      String[] f = line.split(",");
      return new WindowResult(Long.parseLong(f[0]), Model.valueOf(f[1]), Truth.valueOf(f[2]),
          Integer.parseInt(f[3]), Profile.valueOf(f[4]), Shift.valueOf(f[5]),
          Integer.parseInt(f[6]), Integer.parseInt(f[7]), Double.parseDouble(f[8]),
          Double.parseDouble(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11]),
          Double.parseDouble(f[12]), Double.parseDouble(f[13]), Double.parseDouble(f[14]),
          f.length > 15 ? Double.parseDouble(f[15]) : Double.NaN);
    }
  }

  /**
   * Trains one model through the pipeline and replays every shift at every window size through a
   * default monitor on its profile.
   *
   * @param model the model
   * @param truth the truth
   * @param referenceRows rows given to the pipeline (80% train, 20% held out)
   * @param profile which estimate sample the profile holds
   * @param shifts the shifts
   * @param sizes rows per window
   * @param seed the seed (data, split, model)
   * @return every window
   */
  public static List<WindowResult> run(Model model, Truth truth, int referenceRows, Profile profile,
      List<Shift> shifts, int[] sizes, long seed) {
    long t0 = System.nanoTime();
    PipelineRun run = train(model, truth, referenceRows, profile, seed);
    TrainedClassifier classifier = (TrainedClassifier) run.model();
    ReferenceProfile reference = SAMPLE_CATEGORIES ? run.profile() : withoutCategories(run.profile());
    LOG.info("seed {} {} {} ref {} {}: pipeline {} s, estimate sample {} rows", seed, model, truth,
        referenceRows, profile, String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9),
        reference.estimateSample().map(s -> s.rows()).orElse(0));
    List<WindowResult> out = new ArrayList<>();
    for (Shift shift : shifts) {
      for (int rows : sizes) {
        SplittableRandom stream = new SplittableRandom(seed * 31 + shift.ordinal() * 101L + rows);
        out.addAll(replay(classifier, reference, truth, shift, rows, stream, seed, model,
            referenceRows, profile));
      }
    }
    return out;
  }

  /**
   * The profile with its estimate sample's categorical values dropped (what a profile of format
   * version 8 held).
   *
   * @param profile a profile
   * @return the profile, its sample without categories
   */
  static ReferenceProfile withoutCategories(ReferenceProfile profile) {
    return profile.estimateSample()
        .map(s -> profile.withEstimateSample(s.withoutCategories())).orElse(profile);
  }

  /**
   * Generates the reference rows and trains the model through the pipeline, as a user would: the
   * same arguments give the same data, split, model and profile.
   */
  static PipelineRun train(Model model, Truth truth, int referenceRows, Profile profile,
      long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + truth.ordinal() * 7919L
        + referenceRows);
    Table data = CheckerTables.table(truth, referenceRows, rnd);
    Pipeline.Builder b = Pipeline.builder("checker").source(data).target("y")
        .transform(t -> t.oneHot(CheckerTables.PLAN).standardize(ColumnSelector.numeric()))
        .split(Split.random().testFraction(0.2))
        .train(trainer(model))
        .evaluateClassifier(t -> t.bootstrap(0))
        .seed(seed);
    if (profile == Profile.OUT_OF_FOLD) {
      b.profileOrder(ProfileOrder.tableOrder());
    }
    estimateRows(b);
    return b.build().run();
  }

  /**
   * The estimate sample's rows from {@code -DestimateRows=AUTO|HELD_OUT|OUT_OF_FOLD|TRAINING_ONLY}
   * (unset: the pipeline's default) and {@code -DestimateFolds=k} (unset: 5): {@code
   * TRAINING_ONLY} is out-of-fold training scores without the held-out rows, whatever the held-out
   * size.
   */
  static void estimateRows(Pipeline.Builder b) {
    String choice = System.getProperty("estimateRows", "");
    int folds = Integer.getInteger("estimateFolds", EstimateRows.DEFAULT_FOLDS);
    switch (choice) {
      case "" -> {
        if (folds != EstimateRows.DEFAULT_FOLDS) {
          b.estimateRows(EstimateRows.auto().withFolds(folds));
        }
      }
      case "AUTO" -> b.estimateRows(EstimateRows.auto().withFolds(folds));
      case "HELD_OUT" -> b.estimateRows(EstimateRows.heldOut());
      case "OUT_OF_FOLD" -> b.estimateRows(EstimateRows.outOfFold().withFolds(folds));
      case "TRAINING_ONLY" -> b.estimateRows(EstimateRows.outOfFold().withFolds(folds)
          .withHeldOutRows(false));
      default -> throw new IllegalArgumentException(
          "estimateRows must be AUTO, HELD_OUT, OUT_OF_FOLD or TRAINING_ONLY: " + choice);
    }
  }

  /**
   * A monitor with the defaults and count windows of {@code rows}; each report goes to {@code
   * reports}.
   */
  static DriftMonitor monitor(ReferenceProfile reference, int rows, List<DriftReport> reports) {
    return DriftMonitor.builder(reference)
        .window(Window.tumblingCount(rows))
        .listener(new DriftListener() {
          @Override
          public void onWindowClosed(DriftReport report) {
            reports.add(report);
          }
        })
        .build();
  }

  static Trainer trainer(Model model) {
    return switch (model) {
      case LOGISTIC -> Trainers.logisticRegression();
      case FOREST -> Trainers.randomForestClassifier().trees(100);
      case BOOSTED -> Trainers.gradientBoostingClassifier().trees(200);
    };
  }

  /** The windows of one shift through a monitor with the defaults and count windows of {@code rows}. */
  private static List<WindowResult> replay(TrainedClassifier classifier, ReferenceProfile reference,
      Truth truth, Shift shift, int rows, SplittableRandom rnd, long seed, Model model,
      int referenceRows, Profile profile) {
    String setting = String.format(Locale.ROOT, "seed %d %s %s %s %d rows", seed, model, truth,
        shift, rows);
    Replayed replayed = replay(classifier, reference, truth, shift, rows, rnd, setting,
        (w, window, p) -> { });
    List<WindowResult> out = new ArrayList<>();
    for (int w = 0; w < replayed.windows().size(); w++) {
      DriftReport report = replayed.windows().get(w);
      AccuracyEstimate e = report.performance().accuracyEstimate();
      out.add(new WindowResult(seed, model, truth, referenceRows, profile, shift, rows, w,
          e.estimate(), e.lower(), e.upper(), e.realised(), replayed.own()[w],
          replayed.oracle()[w], e.extrapolated(),
          replayed.attributed().getOrDefault(report.window(), Double.NaN)));
    }
    return out;
  }

  /** Called by {@link #replay} once a window's rows are recorded, before the next window's. */
  @FunctionalInterface
  interface WindowRows {
    /**
     * One window's rows.
     *
     * @param window the window's index
     * @param rows the window's rows in the order recorded
     * @param probabilities the model's class probabilities of each row
     */
    void accept(int window, List<Row> rows, double[][] probabilities);
  }

  /**
   * A replayed shift.
   *
   * @param windows the reports with an estimate, one per window in order (at most {@link #WINDOWS})
   * @param own each window's accuracy counted here from its rows
   * @param oracle each window's mean true chance that the predicted class is right
   * @param attributed each labelled window's realised accuracy at the end of the stream, by the
   *     monitor's window number (every label credited to its prediction's window)
   */
  record Replayed(List<DriftReport> windows, double[] own, double[] oracle,
      Map<Long, Double> attributed) {}

  /**
   * Replays {@link #WINDOWS} windows of one shift through a monitor with the defaults and count
   * windows of {@code rows}: every row recorded with its prediction and request id, its label
   * {@link #LABEL_DELAY} rows later; {@code each} sees every window's rows.
   *
   * @param setting names the setting in warnings
   */
  static Replayed replay(TrainedClassifier classifier, ReferenceProfile reference, Truth truth,
      Shift shift, int rows, SplittableRandom rnd, String setting, WindowRows each) {
    List<DriftReport> reports = java.util.Collections.synchronizedList(new ArrayList<>());
    DriftMonitor monitor = monitor(reference, rows, reports);
    double[] own = new double[WINDOWS];
    double[] oracle = new double[WINDOWS];
    long id = 0;
    // labels arrive LABEL_DELAY rows after their prediction (0: at once)
    java.util.ArrayDeque<Object[]> late = new java.util.ArrayDeque<>();
    for (int w = 0; w < WINDOWS; w++) {
      double t = (double) w / (WINDOWS - 1);
      int right = 0;
      double chance = 0;
      List<Row> window = new ArrayList<>(rows);
      double[][] probabilities = new double[rows][];
      for (int i = 0; i < rows; i++) {
        Row r = CheckerTables.row(truth, shift, t, rnd);
        double[] p = classifier.probabilities(r.values());
        window.add(r);
        probabilities[i] = p;
        int predicted = CheckerTables.predicted(p);
        right += predicted == r.label() ? 1 : 0;
        chance += r.truth()[predicted];
        String rid = Long.toString(id++);
        monitor.record(r.values(), Prediction.ofProbabilities(p), rid);
        late.add(new Object[] {rid, r.label()});
        while (late.size() > LABEL_DELAY) {
          Object[] l = late.poll();
          monitor.recordLabel((String) l[0], (Integer) l[1]);
        }
      }
      own[w] = (double) right / rows;
      oracle[w] = chance / rows;
      each.accept(w, window, probabilities);
    }
    while (!late.isEmpty()) {
      Object[] l = late.poll();
      monitor.recordLabel((String) l[0], (Integer) l[1]);
    }
    monitor.closeWindow();
    monitor.awaitEvaluation();
    Map<Long, Double> attributed = new java.util.HashMap<>();
    for (dev.mlops.drift.monitor.LabelledWindow lw : monitor.labelledWindows()) {
      AccuracyEstimate e = lw.accuracyEstimate();
      attributed.put(lw.window(), e == null ? Double.NaN : e.realised());
    }
    List<DriftReport> windows = new ArrayList<>();
    synchronized (reports) {
      for (DriftReport report : reports) {
        AccuracyEstimate e = report.performance().accuracyEstimate();
        if (e == null || report.records() == 0 || windows.size() >= WINDOWS) {
          LOG.warn("{}: a report beyond the {} windows or without an estimate: {} records,"
              + " estimate {}", setting, WINDOWS, report.records(), e);
          continue;
        }
        windows.add(report);
      }
    }
    if (windows.size() != WINDOWS) {
      LOG.warn("{}: {} windows reported, {} recorded", setting, windows.size(), WINDOWS);
    }
    return new Replayed(windows, own, oracle, attributed);
  }

  /**
   * The figures of each setting over its windows (all seeds given), one markdown row each: MAE,
   * bias, largest error, coverage, mean width, noise MAE (|oracle - realised|), estimator MAE
   * (|estimate - oracle|), the share of windows extrapolating, the windows whose realised accuracy
   * differs from the window's own rows' (labels join in the window open when they arrive), and the
   * MAE against the window's own rows.
   *
   * @param windows the windows
   * @return the table
   */
  public static String table(List<WindowResult> windows) {
    Map<String, List<WindowResult>> bySetting = new java.util.LinkedHashMap<>();
    windows.stream().sorted(java.util.Comparator
            .comparing((WindowResult r) -> r.profile())
            .thenComparing(r -> r.truth()).thenComparing(r -> r.model())
            .thenComparingInt(r -> r.referenceRows()).thenComparing(r -> r.shift())
            .thenComparingInt(r -> r.rows()))
        .forEach(r -> bySetting.computeIfAbsent(r.profile() + "|" + r.truth() + "|" + r.model()
            + "|" + r.referenceRows() + "|" + r.shift() + "|" + r.rows(), k -> new ArrayList<>())
            .add(r));
    StringBuilder sb = new StringBuilder();
    sb.append("| profile | truth | model | ref | shift | rows | windows | MAE | bias | max | coverage"
        + " | width | noise MAE | estimator MAE | extrap | join off | MAE own rows"
        + " | attributed MAE | attributed off |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (List<WindowResult> s : bySetting.values()) {
      int n = s.size();
      double abs = 0;
      double bias = 0;
      double max = 0;
      int covered = 0;
      double width = 0;
      double noise = 0;
      double own = 0;
      double ownRows = 0;
      int extrapolating = 0;
      int joinOff = 0;
      int labelled = 0;
      double attributedAbs = 0;
      int attributedN = 0;
      int attributedOff = 0;
      for (WindowResult r : s) {
        if (!Double.isNaN(r.attributed())) {
          attributedN++;
          attributedAbs += Math.abs(r.estimate() - r.attributed());
          attributedOff += Math.abs(r.attributed() - r.own()) > 1e-9 ? 1 : 0;
        }
        own += Math.abs(r.estimate() - r.oracle());
        ownRows += Math.abs(r.estimate() - r.own());
        extrapolating += r.extrapolated() >= AccuracyEstimate.EXTRAPOLATING_SHARE ? 1 : 0;
        if (Double.isNaN(r.realised())) {
          continue; // no label arrived in the window (labels late by a window or more)
        }
        labelled++;
        double err = r.estimate() - r.realised();
        abs += Math.abs(err);
        bias += err;
        max = Math.max(max, Math.abs(err));
        covered += r.lower() <= r.realised() && r.realised() <= r.upper() ? 1 : 0;
        width += r.upper() - r.lower();
        noise += Math.abs(r.oracle() - r.realised());
        joinOff += Math.abs(r.realised() - r.own()) > 1e-9 ? 1 : 0;
      }
      WindowResult f = s.get(0);
      sb.append(String.format(Locale.ROOT,
          "| %s | %s | %s | %d | %s | %d | %d | %.4f | %+.4f | %.4f | %.1f%% | %.3f | %.4f | %.4f"
              + " | %.0f%% | %d | %.4f | %s | %s |%n",
          f.profile().name().toLowerCase(Locale.ROOT), f.truth().name().toLowerCase(Locale.ROOT),
          f.model().name().toLowerCase(Locale.ROOT), f.referenceRows(),
          f.shift().name().toLowerCase(Locale.ROOT), f.rows(), labelled, abs / labelled,
          bias / labelled, max, 100.0 * covered / labelled, width / labelled, noise / labelled,
          own / n, 100.0 * extrapolating / n, joinOff,
          ownRows / n, attributedN == 0 ? "-" : String.format(Locale.ROOT, "%.4f (%d)",
              attributedAbs / attributedN, attributedN),
          attributedN == 0 ? "-" : Integer.toString(attributedOff)));
    }
    return sb.toString();
  }

  /**
   * Runs the settings the properties name (see the class comment), or with {@code table file...}
   * pools the CSV files of earlier runs into one table.
   *
   * @param args empty, or {@code table} and CSV files
   * @throws java.io.IOException if a CSV file cannot be read or written
   */
  public static void main(String[] args) throws java.io.IOException {
    List<WindowResult> all = new ArrayList<>();
    if (args.length > 0 && args[0].equals("table")) {
      for (int i = 1; i < args.length; i++) {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[i]))) {
          if (!line.isBlank() && !line.startsWith("seed,")) {
            all.add(WindowResult.parse(line));
          }
        }
      }
      LOG.info("pooled {} windows from {} files:\n{}", all.size(), args.length - 1, table(all));
      return;
    }
    if (args.length > 0 && args[0].equals("diagnose")) {
      // diagnose MODEL TRUTH REF PROFILE SHIFT ROWS SEED [a,b,c ...]
      List<List<String>> subsets = new ArrayList<>();
      for (int i = 8; i < args.length; i++) {
        subsets.add(List.of(args[i].split(",")));
      }
      CheckerDiagnosis.diagnose(Model.valueOf(args[1]), Truth.valueOf(args[2]), Integer.parseInt(args[3]),
          Profile.valueOf(args[4]), Shift.valueOf(args[5]), Integer.parseInt(args[6]),
          Long.parseLong(args[7]), subsets);
      return;
    }
    long first = Long.getLong("firstSeed", 501);
    int seeds = Integer.getInteger("seeds", 1);
    List<Model> models = enums(Model.class, System.getProperty("models", "LOGISTIC,FOREST,BOOSTED"));
    List<Truth> truths = enums(Truth.class, System.getProperty("truths", "BALANCED,IMBALANCED,THREE"));
    List<Shift> shifts = enums(Shift.class,
        System.getProperty("shifts", "MEAN,VARIANCE,MIXTURE,CATEGORY,BEYOND"));
    int[] sizes = ints(System.getProperty("sizes", "200,500,1000"));
    int[] refs = ints(System.getProperty("refs", "2000,10000,50000"));
    Profile profile = Profile.valueOf(System.getProperty("profile", "DEFAULT"));
    String csv = System.getProperty("csv");
    java.io.PrintWriter writer = csv == null ? null
        : new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(csv)));
    if (writer != null) {
      writer.println(WindowResult.HEADER);
    }
    try {
      for (long seed = first; seed < first + seeds; seed++) {
        for (Truth truth : truths) {
          for (int ref : refs) {
            for (Model model : models) {
              List<WindowResult> part = run(model, truth, ref, profile, shifts, sizes, seed);
              all.addAll(part);
              if (writer != null) {
                part.forEach(r -> writer.println(r.toCsv()));
                writer.flush();
              }
            }
          }
        }
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    LOG.info("checker streams, seeds {}-{}, profile {}:\n{}", first, first + seeds - 1, profile,
        table(all));
  }

  static <E extends Enum<E>> List<E> enums(Class<E> type, String names) {
    List<E> out = new ArrayList<>();
    for (String s : names.split(",")) {
      out.add(Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT)));
    }
    return out;
  }

  static int[] ints(String s) {
    return java.util.Arrays.stream(s.split(",")).map(String::trim).mapToInt(Integer::parseInt)
        .toArray();
  }
}
