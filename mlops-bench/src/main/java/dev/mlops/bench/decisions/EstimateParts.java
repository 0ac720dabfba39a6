package dev.mlops.bench.decisions;

import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.pipeline.PipelineRun;
import dev.mlops.drift.decision.PerformanceEstimator;
import dev.mlops.drift.decision.ProbabilityCalibration;
import dev.mlops.drift.profile.EstimateSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Where a {@link CheckerStreams} setting's estimate misses (thirteenth session, "beyond"): the
 * estimator the monitor builds from the pipeline profile's estimate sample (as {@code
 * ProfileEstimate} does, binary or top-label with classes), rebuilt here through the public API,
 * is applied row by row to the same windows the probe replays, and each row's chance is compared
 * with the oracle (the true chance that its predicted class is right). The rows are split into
 * those beyond the estimate sample's range (a numeric feature outside the sample's [min, max]:
 * where the estimator's model of the rows beyond takes over) and those inside; for each part and
 * window span the mean error of
 *
 * <ul>
 *   <li>{@code raw}: the model's own probability of its predicted class;
 *   <li>{@code calibrated}: the calibration alone (the monitor's default);
 *   <li>{@code full}: the estimator as the monitor uses it;
 *   <li>{@code no-extrap}: the same without its model beyond the range;
 * </ul>
 *
 * is logged, with the estimator's {@code describe()}.
 *
 * <pre>
 * java -cp mlops-bench/target/benchmarks.jar dev.mlops.bench.decisions.EstimateParts \
 *     FOREST THREE 10000 DEFAULT BEYOND 500 501
 * </pre>
 *
 * <p>Stateless.
 */
public final class EstimateParts {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      EstimateParts.class);

  private EstimateParts() {}

  /**
   * The estimator the monitor builds from the sample, with its default settings.
   *
   * @param s the profile's estimate sample
   * @param threshold the binary threshold
   * @return the estimator
   */
  static PerformanceEstimator estimator(EstimateSample s, double threshold) {
    ProbabilityCalibration calibration = s.topLabel()
        ? ProbabilityCalibration.isotonicShrunk(s.scores(), s.outcomes(),
            ProbabilityCalibration.PRIOR_ROWS)
        : ProbabilityCalibration.isotonic(s.scores(), s.outcomes());
    PerformanceEstimator plain = s.topLabel()
        ? PerformanceEstimator.topLabel(calibration, 0.95)
        : PerformanceEstimator.of(calibration, threshold, 0.95);
    if (!s.topLabel() || s.classes().isEmpty()) {
      return plain.withLocalCorrection(s.features(), s.featureRows(), s.scores(), s.outcomes());
    }
    int[] numbers = s.classes().stream().mapToInt(Integer::parseInt).toArray();
    int[] predicted = s.predictedClasses();
    int[] labels = s.labelClasses();
    for (int i = 0; i < predicted.length; i++) {
      predicted[i] = predicted[i] < 0 ? -1 : numbers[predicted[i]];
      labels[i] = labels[i] < 0 ? -1 : numbers[labels[i]];
    }
    return plain.withLocalCorrection(s.features(), s.featureRows(), s.scores(), s.outcomes(),
        predicted, labels);
  }

  /**
   * Splits one setting's error (see the class comment) and logs it.
   *
   * @param run the pipeline run (the model and its profile)
   * @param model the model
   * @param truth the truth
   * @param referenceRows rows given to the pipeline
   * @param profile the estimate sample
   * @param shift the shift
   * @param rows rows per window
   * @param seed the seed
   * @return per estimator variant (raw, calibrated, full, no-extrap), the mean estimate - oracle
   *     over all windows
   */
  public static double[] split(PipelineRun run, CheckerStreams.Model model,
      CheckerTables.Truth truth, int referenceRows, CheckerStreams.Profile profile,
      CheckerTables.Shift shift, int rows, long seed) {
    TrainedClassifier classifier = (TrainedClassifier) run.model();
    EstimateSample s = run.profile().estimateSample().orElseThrow();
    PerformanceEstimator full = estimator(s, 0.5);
    PerformanceEstimator noExtrap = full.withoutExtrapolationModel();
    List<String> names = s.features();
    double[][] x = s.featureRows();
    double[] low = new double[names.size()];
    double[] high = new double[names.size()];
    java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
    for (double[] r : x) {
      for (int j = 0; j < r.length; j++) {
        if (Double.isFinite(r[j])) {
          low[j] = Math.min(low[j], r[j]);
          high[j] = Math.max(high[j], r[j]);
        }
      }
    }
    int variants = 4;
    // [span][part beyond?][variant] sums of chance - oracle, and counts; spans: windows 0-9, 10-19
    double[][][] err = new double[2][2][variants + 1];
    double[][] count = new double[2][2];
    double[] total = new double[variants];
    SplittableRandom stream = new SplittableRandom(seed * 31 + shift.ordinal() * 101L + rows);
    int windows = CheckerStreams.WINDOWS;
    for (int w = 0; w < windows; w++) {
      double t = (double) w / (windows - 1);
      int span = w < windows / 2 ? 0 : 1;
      for (int i = 0; i < rows; i++) {
        CheckerTables.Row r = CheckerTables.row(truth, shift, t, stream);
        double[] p = classifier.probabilities(r.values());
        int predicted = CheckerTables.predicted(p);
        double oracle = r.truth()[predicted];
        double[] f = new double[names.size()];
        boolean beyond = false;
        for (int j = 0; j < f.length; j++) {
          f[j] = r.values().get(names.get(j)) instanceof Number v ? v.doubleValue() : Double.NaN;
          beyond |= f[j] < low[j] || f[j] > high[j];
        }
        double score = s.topLabel() ? p[predicted] : p[1];
        double[] c = {
            p[predicted],
            full.chanceCorrect(score),
            s.topLabel() ? full.chanceCorrect(score, predicted, f) : full.chanceCorrect(score, f),
            s.topLabel() ? noExtrap.chanceCorrect(score, predicted, f)
                : noExtrap.chanceCorrect(score, f)};
        int part = beyond ? 1 : 0;
        count[span][part]++;
        for (int v = 0; v < variants; v++) {
          err[span][part][v] += c[v] - oracle;
          total[v] += (c[v] - oracle) / ((double) rows * windows);
        }
        err[span][part][variants] += oracle;
      }
    }
    StringBuilder sb = new StringBuilder();
    String[] spans = {"windows 0-9", "windows 10-19"};
    String[] parts = {"inside", "beyond"};
    for (int span = 0; span < 2; span++) {
      for (int part = 0; part < 2; part++) {
        double n = count[span][part];
        if (n == 0) {
          continue;
        }
        sb.append(String.format(Locale.ROOT,
            "%n  %-13s %-6s share %.3f oracle %.4f | raw %+.4f calibrated %+.4f full %+.4f"
                + " no-extrap %+.4f", spans[span], parts[part],
            n / (count[span][0] + count[span][1]), err[span][part][variants] / n,
            err[span][part][0] / n, err[span][part][1] / n, err[span][part][2] / n,
            err[span][part][3] / n));
      }
    }
    sb.append(String.format(Locale.ROOT, "%n  all windows: raw %+.4f calibrated %+.4f full %+.4f"
        + " no-extrap %+.4f", total[0], total[1], total[2], total[3]));
    LOG.info("parts seed {} {} {} ref {} {} {} {} rows (sample {} rows): {}{}%n  {}", seed, model,
        truth, referenceRows, profile, shift, rows, s.rows(), "", sb, full.describe());
    return total;
  }

  /**
   * Runs {@link #split} for the settings named: {@code MODEL[,..] TRUTH[,..] REF[,..] PROFILE
   * SHIFT[,..] ROWS SEED[,..]}.
   *
   * @param args the settings
   */
  public static void main(String[] args) {
    List<CheckerStreams.Model> models = CheckerStreams.enums(CheckerStreams.Model.class, args[0]);
    List<CheckerTables.Truth> truths = CheckerStreams.enums(CheckerTables.Truth.class, args[1]);
    int[] refs = CheckerStreams.ints(args[2]);
    CheckerStreams.Profile profile = CheckerStreams.Profile.valueOf(args[3]);
    List<CheckerTables.Shift> shifts = CheckerStreams.enums(CheckerTables.Shift.class, args[4]);
    int rows = Integer.parseInt(args[5]);
    List<Long> seeds = new ArrayList<>();
    for (String v : args[6].split(",")) {
      seeds.add(Long.parseLong(v.trim()));
    }
    for (long seed : seeds) {
      for (CheckerTables.Truth truth : truths) {
        for (int ref : refs) {
          for (CheckerStreams.Model model : models) {
            PipelineRun run = CheckerStreams.train(model, truth, ref, profile, seed);
            for (CheckerTables.Shift shift : shifts) {
              split(run, model, truth, ref, profile, shift, rows, seed);
            }
          }
        }
      }
    }
  }
}
