package dev.mlops.bench.decisions;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.pipeline.EstimateRows;
import dev.mlops.core.pipeline.Pipeline;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.core.split.Split;
import dev.mlops.core.transform.ColumnSelector;
import dev.mlops.drift.decision.PerformanceEstimator;
import dev.mlops.drift.profile.EstimateSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The estimate sample's lean against the oracle (fourteenth session, "lean"): for a {@link
 * CheckerStreams} setting, the pipeline is run three times on the same data with the estimate
 * sample's rows {@code auto()} (out-of-fold training scores and held-out rows), {@code
 * auto().withFoldAlignment(true)} and {@code heldOut()}; the estimator the monitor builds from each
 * profile ({@link EstimateParts#estimator}) is applied to the same fresh rows of each named shift
 * at a fixed {@code t} (e.g. {@code MEAN:0}: unshifted), and the mean of (calibration only) and
 * (the full estimator) minus the oracle (the true chance that the predicted class is right) is
 * logged per variant, with the alignment's residual gap and stretch.
 *
 * <pre>
 * java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.decisions.OutOfFoldLean \
 *     FOREST,BOOSTED BALANCED,IMBALANCED 2000 501,502,503 20000 MEAN:0
 * </pre>
 *
 * <p>Stateless.
 */
public final class OutOfFoldLean {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      OutOfFoldLean.class);

  private OutOfFoldLean() {}

  static PipelineRun train(CheckerStreams.Model model, CheckerTables.Truth truth, int ref,
      long seed, EstimateRows rows) {
    // the data and pipeline of CheckerStreams.train
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + truth.ordinal() * 7919L + ref);
    Table data = CheckerTables.table(truth, ref, rnd);
    return Pipeline.builder("checker").source(data).target("y")
        .transform(t -> t.oneHot(CheckerTables.PLAN).standardize(ColumnSelector.numeric()))
        .split(Split.random().testFraction(0.2)).train(CheckerStreams.trainer(model))
        .evaluateClassifier(t -> t.bootstrap(0)).seed(seed).estimateRows(rows).build().run();
  }

  /**
   * Runs the settings {@code MODEL[,..] TRUTH[,..] REF[,..] SEED[,..] [ROWS [SHIFT:T[,..]]]}
   * (default 20,000 rows, {@code MEAN:0}).
   *
   * @param args the settings
   */
  public static void main(String[] args) {
    List<CheckerStreams.Model> models = CheckerStreams.enums(CheckerStreams.Model.class, args[0]);
    List<CheckerTables.Truth> truths = CheckerStreams.enums(CheckerTables.Truth.class, args[1]);
    int[] refs = CheckerStreams.ints(args[2]);
    String[] seeds = args[3].split(",");
    int n = args.length > 4 ? Integer.parseInt(args[4]) : 20_000;
    String[] shifts = (args.length > 5 ? args[5] : "MEAN:0").split(",");
    EstimateRows[] variants = {EstimateRows.auto(), EstimateRows.auto().withFoldAlignment(true),
        EstimateRows.heldOut()};
    for (String seedText : seeds) {
      long seed = Long.parseLong(seedText.trim());
      for (CheckerTables.Truth truth : truths) {
        for (int ref : refs) {
          for (CheckerStreams.Model model : models) {
            List<PipelineRun> runs = new ArrayList<>();
            for (EstimateRows v : variants) {
              runs.add(train(model, truth, ref, seed, v));
            }
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d %s %s %d", seed,
                model, truth, ref));
            for (String sh : shifts) {
              String[] p = sh.split(":");
              CheckerTables.Shift shift = CheckerTables.Shift.valueOf(p[0]);
              double t = Double.parseDouble(p[1]);
              List<CheckerTables.Row> rows = new ArrayList<>();
              SplittableRandom r = new SplittableRandom(seed * 77 + 5);
              for (int i = 0; i < n; i++) {
                rows.add(CheckerTables.row(truth, shift, t, r));
              }
              sb.append(String.format(Locale.ROOT, " | %s@%.1f", shift, t));
              for (PipelineRun run : runs) {
                sb.append(lean(run, rows));
              }
            }
            String what = runs.get(1).model().descriptor().metadata()
                .get(EstimateRows.METADATA_KEY);
            LOG.info("{}  [aligned: {}]", sb, what.replaceAll(".*\\(residual", "(residual"));
          }
        }
      }
    }
  }

  /** " o ORACLE cal ERR full ERR ;" of one run's estimator on the rows. */
  private static String lean(PipelineRun run, List<CheckerTables.Row> rows) {
    TrainedClassifier c = (TrainedClassifier) run.model();
    EstimateSample s = run.profile().estimateSample().orElseThrow();
    PerformanceEstimator full = EstimateParts.estimator(s, 0.5);
    List<String> names = s.features();
    double cal = 0;
    double all = 0;
    double oracle = 0;
    for (CheckerTables.Row row : rows) {
      double[] pr = c.probabilities(row.values());
      int pred = CheckerTables.predicted(pr);
      double o = row.truth()[pred];
      double[] f = new double[names.size()];
      for (int j = 0; j < f.length; j++) {
        f[j] = row.values().get(names.get(j)) instanceof Number v ? v.doubleValue() : Double.NaN;
      }
      double score = s.topLabel() ? pr[pred] : pr[1];
      cal += full.chanceCorrect(score) - o;
      all += (s.topLabel() ? full.chanceCorrect(score, pred, f) : full.chanceCorrect(score, f)) - o;
      oracle += o;
    }
    int n = rows.size();
    return String.format(Locale.ROOT, " o %.4f cal %+.4f full %+.4f ;", oracle / n, cal / n,
        all / n);
  }
}
