package dev.mlops.bench.decisions;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
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
import java.util.HashMap;
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
 * <p>The streams differ from {@link EstimateStreams}' on every axis it fixed: 8 features on
 * different scales ({@code age} ~ 40 + 12 z, {@code income} ~ 50,000 + 15,000 z, {@code ratio} ~
 * 0.01 + 0.002 z, {@code amount} log-normal around 100, {@code share} uniform on [0, 1], {@code
 * temp} ~ -3 + 3 z, {@code visits} integer counts, and a categorical {@code plan} A/B/C/D at
 * 40/30/20/10%), a truth with other coefficients, an interaction {@code age x temp} and a
 * categorical effect (binary {@link Truth#BALANCED} about 50/50 and {@link Truth#IMBALANCED} about
 * 20/80; {@link Truth#THREE} classes), and shifts in other directions ({@link Shift}). Each setting
 * has 20 windows whose shift grows from 0 to its full size. The true {@code P(y | x)} is known, so
 * each window's oracle accuracy (the mean chance that the predicted class is right) splits the
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

  /** The feature names, numeric first. */
  static final String[] NUMERIC = {"age", "income", "ratio", "amount", "share", "temp", "visits"};

  /** The categorical feature. */
  static final String PLAN = "plan";

  private static final String[] PLANS = {"A", "B", "C", "D"};
  private static final double[] PLAN_SHARES = {0.4, 0.3, 0.2, 0.1};
  private static final double[] PLAN_SHARES_SHIFTED = {0.1, 0.2, 0.3, 0.4};
  private static final double[] PLAN_EFFECT = {0, 0.6, -0.7, 1.0};

  /**
   * Rows recorded between a prediction and its label ({@code -DlabelDelay}, default 0: each label
   * right after its prediction). The monitor credits a label to its prediction's window (within
   * its label horizon, default 10 windows): the report at the close has the labels that arrived
   * by then, {@code DriftMonitor.labelledWindows()} every label (column {@code attributed}).
   */
  static final int LABEL_DELAY = Integer.getInteger("labelDelay", 0);

  /** Windows per setting; window {@code w} has shift {@code t = w / (WINDOWS - 1)}. */
  static final int WINDOWS = 20;

  /** The conditional label distribution (the same before and after every shift). */
  public enum Truth {
    /**
     * Binary, {@code logit = z_age - 0.8 z_income + 0.6 z_ratio + 0.5 z_amount + 0.3 z_share + 0.7
     * z_age z_temp + plan effect (0, 0.6, -0.7, 1.0) - 0.14}: about half the rows are class 1.
     */
    BALANCED,
    /** Binary, the same with intercept -2.0: about 20% class 1. */
    IMBALANCED,
    /**
     * Three classes, softmax of {@code (0, 0.9 z_age - 0.7 z_income + 0.8 plan effect, -0.6 z_age +
     * 0.8 z_temp + 0.6 z_ratio + 0.5 z_age z_amount)}.
     */
    THREE
  }

  /** How the features move (latent standard scores {@code z}; {@code t} from 0 to 1). */
  public enum Shift {
    /** {@code z_age += 1.5 t, z_temp += 2 t}: a mean shift of 1.5 and 2 sd in 2 features. */
    MEAN,
    /** {@code z_income, z_amount} scaled by {@code 1 + t}: the sd doubles. */
    VARIANCE,
    /** A share {@code 0.5 t} of rows from a component at {@code z_age + 2, z_ratio - 1.5}, plan D. */
    MIXTURE,
    /** The plan mix moves from 40/30/20/10% to 10/20/30/40%. */
    CATEGORY,
    /** {@code z_income += 3 t, z_ratio += 4 t}: partly beyond the reference's range. */
    BEYOND
  }

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

  /** A generated row: the monitor's input, the latent scores, and the true class probabilities. */
  record Row(Map<String, Object> values, double[] truth, int label) {}

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
    ReferenceProfile reference = run.profile();
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
   * Generates the reference rows and trains the model through the pipeline, as a user would: the
   * same arguments give the same data, split, model and profile.
   */
  static PipelineRun train(Model model, Truth truth, int referenceRows, Profile profile,
      long seed) {
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + truth.ordinal() * 7919L
        + referenceRows);
    Table data = table(truth, referenceRows, rnd);
    Pipeline.Builder b = Pipeline.builder("checker").source(data).target("y")
        .transform(t -> t.oneHot(PLAN).standardize(ColumnSelector.numeric()))
        .split(Split.random().testFraction(0.2))
        .train(trainer(model))
        .evaluateClassifier(t -> t.bootstrap(0))
        .seed(seed);
    if (profile == Profile.OUT_OF_FOLD) {
      b.profileOrder(ProfileOrder.tableOrder());
    }
    return b.build().run();
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
      for (int i = 0; i < rows; i++) {
        Row r = row(truth, shift, t, rnd);
        double[] p = classifier.probabilities(r.values());
        int predicted = predicted(p);
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
    }
    while (!late.isEmpty()) {
      Object[] l = late.poll();
      monitor.recordLabel((String) l[0], (Integer) l[1]);
    }
    monitor.closeWindow();
    monitor.awaitEvaluation();
    // every label credited to its prediction's window (the labels after the last close too)
    Map<Long, Double> attributed = new java.util.HashMap<>();
    for (dev.mlops.drift.monitor.LabelledWindow lw : monitor.labelledWindows()) {
      AccuracyEstimate e = lw.accuracyEstimate();
      attributed.put(lw.window(), e == null ? Double.NaN : e.realised());
    }
    List<WindowResult> out = new ArrayList<>();
    int w = 0;
    synchronized (reports) {
      for (DriftReport report : reports) {
        AccuracyEstimate e = report.performance().accuracyEstimate();
        if (e == null || report.records() == 0 || w >= WINDOWS) {
          LOG.warn("seed {} {} {} {} {} rows: a report beyond the {} windows or without an estimate:"
              + " {} records, estimate {}", seed, model, truth, shift, rows, WINDOWS,
              report.records(), e);
          continue;
        }
        out.add(new WindowResult(seed, model, truth, referenceRows, profile, shift, rows, w,
            e.estimate(), e.lower(), e.upper(), e.realised(), own[w], oracle[w],
            e.extrapolated(), attributed.getOrDefault(report.window(), Double.NaN)));
        w++;
      }
    }
    if (w != WINDOWS) {
      LOG.warn("seed {} {} {} {} {} rows: {} windows reported, {} recorded", seed, model, truth,
          shift, rows, w, WINDOWS);
    }
    return out;
  }

  /** The predicted class as the monitor takes it: class 1 at P(1) >= 0.5, else the arg-max. */
  static int predicted(double[] p) {
    if (p.length == 2) {
      return p[1] >= 0.5 ? 1 : 0;
    }
    int top = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[top]) {
        top = k;
      }
    }
    return top;
  }

  /** {@code n} training rows (no shift) with the numeric target {@code y}. */
  static Table table(Truth truth, int n, SplittableRandom rnd) {
    double[][] numeric = new double[NUMERIC.length][n];
    String[] plan = new String[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      Row r = row(truth, Shift.MEAN, 0, rnd);
      for (int j = 0; j < NUMERIC.length; j++) {
        numeric[j][i] = (Double) r.values().get(NUMERIC[j]);
      }
      plan[i] = (String) r.values().get(PLAN);
      y[i] = r.label();
    }
    Table.Builder b = Table.builder();
    for (int j = 0; j < NUMERIC.length; j++) {
      b.numeric(NUMERIC[j], numeric[j]);
    }
    return b.categorical(PLAN, plan).numeric("y", y).build();
  }

  /** One row at shift {@code t}. */
  static Row row(Truth truth, Shift shift, double t, SplittableRandom rnd) {
    double[] z = new double[NUMERIC.length];
    for (int j = 0; j < z.length; j++) {
      z[j] = SyntheticStream.gaussian(rnd);
    }
    double[] shares = PLAN_SHARES;
    boolean component = false;
    switch (shift) {
      case MEAN -> {
        z[0] += 1.5 * t;
        z[5] += 2 * t;
      }
      case VARIANCE -> {
        z[1] *= 1 + t;
        z[3] *= 1 + t;
      }
      case MIXTURE -> {
        if (rnd.nextDouble() < 0.5 * t) {
          component = true;
          z[0] += 2;
          z[2] -= 1.5;
        }
      }
      case CATEGORY -> {
        shares = new double[PLANS.length];
        for (int k = 0; k < shares.length; k++) {
          shares[k] = (1 - t) * PLAN_SHARES[k] + t * PLAN_SHARES_SHIFTED[k];
        }
      }
      case BEYOND -> {
        z[1] += 3 * t;
        z[2] += 4 * t;
      }
      default -> throw new IllegalArgumentException("unknown shift: " + shift);
    }
    int plan = component ? 3 : draw(shares, rnd);
    Map<String, Object> values = new HashMap<>(16);
    values.put("age", 40 + 12 * z[0]);
    values.put("income", 50_000 + 15_000 * z[1]);
    values.put("ratio", 0.01 + 0.002 * z[2]);
    values.put("amount", 100 * Math.exp(0.5 * z[3]));
    values.put("share", normalCdf(z[4]));
    values.put("temp", -3 + 3 * z[5]);
    values.put("visits", Math.floor(Math.exp(1 + 0.4 * z[6])));
    values.put(PLAN, PLANS[plan]);
    // the truth on the standard scores the features are made of (share enters as its own z)
    double effect = PLAN_EFFECT[plan];
    double[] p;
    if (truth == Truth.THREE) {
      double l1 = 0.9 * z[0] - 0.7 * z[1] + 0.8 * effect;
      double l2 = -0.6 * z[0] + 0.8 * z[5] + 0.6 * z[2] + 0.5 * z[0] * z[3];
      double m = Math.max(0, Math.max(l1, l2));
      double e0 = Math.exp(-m);
      double e1 = Math.exp(l1 - m);
      double e2 = Math.exp(l2 - m);
      double s = e0 + e1 + e2;
      p = new double[] {e0 / s, e1 / s, e2 / s};
    } else {
      double eta = z[0] - 0.8 * z[1] + 0.6 * z[2] + 0.5 * z[3] + 0.3 * z[4] + 0.7 * z[0] * z[5]
          + effect + (truth == Truth.BALANCED ? -0.14 : -2.0);
      double p1 = 1 / (1 + Math.exp(-eta));
      p = new double[] {1 - p1, p1};
    }
    return new Row(values, p, draw(p, rnd));
  }

  private static int draw(double[] p, SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double c = 0;
    for (int k = 0; k < p.length - 1; k++) {
      c += p[k];
      if (u < c) {
        return k;
      }
    }
    return p.length - 1;
  }

  /** The standard normal distribution function (Abramowitz and Stegun 7.1.26 through erf). */
  private static double normalCdf(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double k = 1 / (1 + 0.3275911 * x);
    double erf = 1 - (((((1.061405429 * k - 1.453152027) * k) + 1.421413741) * k - 0.284496736) * k
        + 0.254829592) * k * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }

  /**
   * Why a binary setting misses: the same windows estimated by estimators built directly from the
   * pipeline profile's estimate sample through the public API, with the calibration alone, with the
   * local correction over every numeric feature (what the monitor does), and over named subsets
   * of the features; each line gives the MAE and bias against the oracle (the true expected
   * accuracy of the window's rows). Logged.
   *
   * @param model the model
   * @param truth a binary truth
   * @param referenceRows rows given to the pipeline
   * @param profile which estimate sample the profile holds
   * @param shift the shift
   * @param rows rows per window
   * @param seed the seed
   * @param subsets feature subsets to correct on (each a list of names)
   */
  public static void diagnose(Model model, Truth truth, int referenceRows, Profile profile,
      Shift shift, int rows, long seed, List<List<String>> subsets) {
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + truth.ordinal() * 7919L
        + referenceRows);
    Table data = table(truth, referenceRows, rnd);
    Pipeline.Builder b = Pipeline.builder("checker").source(data).target("y")
        .transform(t -> t.oneHot(PLAN).standardize(ColumnSelector.numeric()))
        .split(Split.random().testFraction(0.2)).train(trainer(model))
        .evaluateClassifier(t -> t.bootstrap(0)).seed(seed);
    if (profile == Profile.OUT_OF_FOLD) {
      b.profileOrder(ProfileOrder.tableOrder());
    }
    PipelineRun run = b.build().run();
    TrainedClassifier classifier = (TrainedClassifier) run.model();
    dev.mlops.drift.profile.EstimateSample s = run.profile().estimateSample().orElseThrow();
    List<String> names = s.features();
    double[][] x = s.featureRows();
    double[] scores = s.scores();
    int[] outcomes = s.outcomes();
    dev.mlops.drift.decision.PerformanceEstimator plain =
        dev.mlops.drift.decision.PerformanceEstimator.of(
            dev.mlops.drift.decision.ProbabilityCalibration.isotonic(scores, outcomes), 0.5, 0.95);
    List<String> labels = new ArrayList<>();
    List<dev.mlops.drift.decision.PerformanceEstimator> estimators = new ArrayList<>();
    List<int[]> columns = new ArrayList<>();
    labels.add("calibration only");
    estimators.add(plain);
    columns.add(new int[0]);
    List<List<String>> all = new ArrayList<>();
    all.add(names);
    all.addAll(subsets);
    for (List<String> subset : all) {
      int[] cols = subset.stream().mapToInt(names::indexOf).toArray();
      double[][] sub = new double[x.length][cols.length];
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < cols.length; j++) {
          sub[i][j] = x[i][cols[j]];
        }
      }
      labels.add("corrected on " + subset);
      estimators.add(plain.withLocalCorrection(subset, sub, scores, outcomes));
      columns.add(cols);
    }
    double[][] err = new double[estimators.size()][2];
    SplittableRandom stream = new SplittableRandom(seed * 31 + shift.ordinal() * 101L + rows);
    for (int w = 0; w < WINDOWS; w++) {
      double t = (double) w / (WINDOWS - 1);
      double[] score = new double[rows];
      double[][] features = new double[rows][];
      double chance = 0;
      for (int i = 0; i < rows; i++) {
        Row r = row(truth, shift, t, stream);
        double[] p = classifier.probabilities(r.values());
        score[i] = p[1];
        chance += r.truth()[predicted(p)];
        features[i] = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
          features[i][j] = r.values().get(names.get(j)) instanceof Number v ? v.doubleValue()
              : Double.NaN;
        }
      }
      double oracle = chance / rows;
      for (int e = 0; e < estimators.size(); e++) {
        int[] cols = columns.get(e);
        double estimate;
        if (cols.length == 0) {
          estimate = estimators.get(e).estimate(score).estimate();
        } else {
          double[][] sub = new double[rows][cols.length];
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols.length; j++) {
              sub[i][j] = features[i][cols[j]];
            }
          }
          estimate = estimators.get(e).estimate(score, sub, 0).estimate();
        }
        err[e][0] += Math.abs(estimate - oracle) / WINDOWS;
        err[e][1] += (estimate - oracle) / WINDOWS;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int e = 0; e < estimators.size(); e++) {
      sb.append(String.format(Locale.ROOT,
          "%n  %-70s |estimate - oracle| %.4f, bias %+.4f, allowance %.4f", labels.get(e),
          err[e][0], err[e][1], estimators.get(e).allowance()));
      if (Boolean.getBoolean("describe")) {
        sb.append(String.format(Locale.ROOT, "%n    %s", estimators.get(e).describe()));
      }
    }
    LOG.info("diagnosis seed {} {} {} ref {} {} {} {} rows (sample {} rows, features {}):{}", seed,
        model, truth, referenceRows, profile, shift, rows, s.rows(), names, sb);
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
      diagnose(Model.valueOf(args[1]), Truth.valueOf(args[2]), Integer.parseInt(args[3]),
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
