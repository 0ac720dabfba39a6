package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.split.Split;
import dev.mlops.core.split.SplitIndices;
import dev.mlops.core.train.FittedClassifier;
import dev.mlops.core.train.Task;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.train.TrainingSet;
import dev.mlops.drift.decision.AccuracyEstimate;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.EstimateSample;
import dev.mlops.drift.profile.ReferenceProfile;
import dev.mlops.drift.profile.SampleOrigin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The estimate sample's rows ({@link EstimateRows}): with a small held-out split the default adds
 * the training rows' out-of-fold scores, and the monitor's label-free estimate then follows the
 * model's accuracy rather than the held-out split's own binomial noise.
 */
final class EstimateRowsTest {

  private static final int N = 500; // 400 training rows, 100 held out

  /** P(y = 1 | x) of the rows of {@link #rows}. */
  private static double truth(double x0, double x1) {
    return 1 / (1 + Math.exp(-(1.2 * x0 - 0.8 * x1)));
  }

  /** n rows of two standard-normal features and y ~ Bernoulli(truth). */
  private static Table rows(int n, SplittableRandom rnd) {
    double[] x0 = new double[n];
    double[] x1 = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x0[i] = TestData.gaussian(rnd);
      x1[i] = TestData.gaussian(rnd);
      y[i] = rnd.nextDouble() < truth(x0[i], x1[i]) ? 1 : 0;
    }
    return Table.builder().numeric("x0", x0).numeric("x1", x1).numeric("y", y).build();
  }

  private static Pipeline.Builder pipeline(Table table, long seed) {
    return Pipeline.builder("small").source(table).target("y").features("x0", "x1")
        .split(Split.random().testFraction(0.2)).train(Trainers.logisticRegression())
        .evaluateClassifier(t -> t.bootstrap(0)).seed(seed);
  }

  private static String profileDetail(PipelineRun run) {
    return run.stages().stream().filter(s -> s.stage() == Stage.PROFILE).findFirst().orElseThrow()
        .detail();
  }

  @Test
  void byDefault_aSmallHeldOutSplit_addsTheTrainingRowsOutOfFoldScoresToTheHeldOutRows() {
    Table table = rows(N, new SplittableRandom(3));
    PipelineRun run = pipeline(table, 7).build().run();

    EstimateSample s = run.profile().estimateSample().orElseThrow();
    // the former default kept the 100 held-out rows only
    assertThat(s.rows()).isEqualTo(500);
    assertThat(s.offered()).isEqualTo(500);
    String described = "estimate sample of 500 rows: 400 training rows' out-of-fold scores"
        + " (5 folds of 4 interleaved blocks) and 100 held-out rows";
    assertThat(profileDetail(run)).endsWith("; " + described);
    assertThat(run.model().descriptor().metadata()).containsEntry(EstimateRows.METADATA_KEY,
        described);
    // the sample says what its rows are, in the profile's bytes
    assertThat(s.origin()).isEqualTo(new SampleOrigin(100, 400, 5, 0));
    assertThat(ReferenceProfile.fromBytes(run.profile().toBytes()).estimateSample().orElseThrow()
        .origin()).isEqualTo(s.origin());

    // the scores, rebuilt apart: the deployed model's of the held-out rows, and each training
    // fold's (blocks b % 5 of 20 blocks of 20 rows in table order) by a logistic regression fitted
    // on the other 320 training rows with the run's training seed
    SplitIndices split = Split.random().testFraction(0.2).apply(table, "y", 7);
    Table train = table.rows(split.train());
    List<Double> expected = new ArrayList<>();
    for (double[] p : run.heldOut().probabilities()) {
      expected.add(p[1]);
    }
    for (int f = 0; f < 5; f++) {
      boolean[] held = new boolean[400];
      for (int b = f; b < 20; b += 5) {
        Arrays.fill(held, b * 20, (b + 1) * 20, true);
      }
      int[] fit = IntStream.range(0, 400).filter(r -> !held[r]).toArray();
      FittedClassifier m = (FittedClassifier) Trainers.logisticRegression().fit(set(train, fit), 8L);
      for (int r = 0; r < 400; r++) {
        if (held[r]) {
          expected.add(m.probabilities(x(train, r))[1]);
        }
      }
    }
    double[] want = expected.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] got = s.scores();
    Arrays.sort(got);
    assertThat(got).containsExactly(want, within(1e-12));
    // the outcomes are the labels: 500 rows, their positives counted in the table
    int positives = (int) Arrays.stream(table.numericColumn("y")).filter(v -> v == 1).count();
    assertThat(Arrays.stream(s.outcomes()).sum()).isEqualTo(positives);
  }

  @Test
  void foldAlignment_stretchesTheOutOfFoldScoresOnly_keepingTheirSides_andIsPartOfTheDefinition() {
    Table table = rows(N, new SplittableRandom(3));
    Pipeline aligned = pipeline(table, 7).estimateRows(EstimateRows.auto().withFoldAlignment(true))
        .build();
    PipelineRun run = aligned.run();
    PipelineRun plain = pipeline(table, 7).build().run();

    EstimateSample a = run.profile().estimateSample().orElseThrow();
    EstimateSample p = plain.profile().estimateSample().orElseThrow();
    assertThat(a.rows()).isEqualTo(500);
    String what = run.model().descriptor().metadata().get(EstimateRows.METADATA_KEY);
    assertThat(what).startsWith("estimate sample of 500 rows: 400 training rows' out-of-fold"
        + " scores (5 folds of 4 interleaved blocks) and 100 held-out rows; the out-of-fold scores"
        + " aligned with the deployed model on the 100 held-out rows (residual gap ");
    double stretch = Double.parseDouble(what.replaceAll(".*stretch ([0-9.]+)\\)$", "$1"));
    // the held-out rows keep the deployed model's scores; the training rows' scores are the plain
    // out-of-fold scores stretched about 0.5 in logit space (the stretch as stated, to its 3
    // decimals), each on its side of 0.5
    java.util.Set<Double> deployed = new java.util.HashSet<>();
    for (double[] q : run.heldOut().probabilities()) {
      deployed.add(q[1]);
    }
    double[] plainOof = Arrays.stream(p.scores()).filter(v -> !deployed.contains(v)).toArray();
    double[] alignedOof = Arrays.stream(a.scores()).filter(v -> !deployed.contains(v)).toArray();
    assertThat(plainOof).hasSize(400);
    assertThat(alignedOof).hasSize(400);
    double[] expected = FoldAlignment.stretch(plainOof, 0, stretch);
    Arrays.sort(expected);
    Arrays.sort(alignedOof);
    assertThat(alignedOof).containsExactly(expected, within(2e-3));
    assertThat(Arrays.stream(alignedOof).filter(v -> v >= 0.5).count())
        .isEqualTo(Arrays.stream(plainOof).filter(v -> v >= 0.5).count());
    assertThat(stretch).isNotEqualTo(1.0);
    assertThat(Arrays.stream(a.outcomes()).sum()).isEqualTo(Arrays.stream(p.outcomes()).sum());
    // the prediction column is the held-out split's, as without the alignment
    assertThat(run.profile().feature(ReferenceProfile.PREDICTION))
        .isEqualTo(plain.profile().feature(ReferenceProfile.PREDICTION));
    assertThat(aligned.definitionFingerprint())
        .isNotEqualTo(pipeline(table, 7).build().definitionFingerprint());
    assertThat(EstimateRows.heldOut().withFoldAlignment(true)).isEqualTo(EstimateRows.heldOut());
  }

  @Test
  void heldOut_keepsTheHeldOutRowsOnly_withoutFolds_andIsPartOfTheDefinition() {
    Table table = rows(N, new SplittableRandom(3));
    Pipeline heldOut = pipeline(table, 7).estimateRows(EstimateRows.heldOut()).build();
    PipelineRun run = heldOut.run();

    EstimateSample s = run.profile().estimateSample().orElseThrow();
    assertThat(s.rows()).isEqualTo(100);
    assertThat(run.model().descriptor().metadata()).containsEntry(EstimateRows.METADATA_KEY,
        "estimate sample of 100 rows: 100 held-out rows");
    assertThat(s.origin()).isEqualTo(SampleOrigin.heldOut(100));
    assertThat(heldOut.definitionFingerprint())
        .isNotEqualTo(pipeline(table, 7).build().definitionFingerprint());
    assertThat(pipeline(table, 7).estimateRows(EstimateRows.auto()).build().definitionFingerprint())
        .isEqualTo(pipeline(table, 7).build().definitionFingerprint());
    // the profile's prediction column is the held-out split's whatever the estimate rows
    assertThat(run.profile().feature(ReferenceProfile.PREDICTION)).isEqualTo(
        pipeline(table, 7).build().run().profile().feature(ReferenceProfile.PREDICTION));
    assertThat(run.profile().feature(ReferenceProfile.PREDICTION).orElseThrow().count())
        .isEqualTo(100);
  }

  @Test
  void aThreshold_belowTheHeldOutSize_fitsNoFolds_andTrainingOnly_dropsTheHeldOutRows() {
    Table table = rows(N, new SplittableRandom(3));

    assertThat(pipeline(table, 7).estimateRows(EstimateRows.whenHeldOutBelow(100)).build().run()
        .profile().estimateSample().orElseThrow().rows()).isEqualTo(100);
    assertThat(pipeline(table, 7).estimateRows(EstimateRows.whenHeldOutBelow(101)).build().run()
        .profile().estimateSample().orElseThrow().rows()).isEqualTo(500);
    PipelineRun trainingOnly = pipeline(table, 7)
        .estimateRows(EstimateRows.outOfFold().withHeldOutRows(false)).build().run();
    assertThat(trainingOnly.profile().estimateSample().orElseThrow().rows()).isEqualTo(400);
    assertThat(trainingOnly.profile().estimateSample().orElseThrow().origin())
        .isEqualTo(SampleOrigin.outOfFold(400, 5));
    assertThat(trainingOnly.model().descriptor().metadata().get(EstimateRows.METADATA_KEY))
        .isEqualTo("estimate sample of 400 rows: 400 training rows' out-of-fold scores"
            + " (5 folds of 4 interleaved blocks)");
    assertThatThrownBy(() -> EstimateRows.whenHeldOutBelow(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("estimate rows held-out threshold must be at least 1: 0");
  }

  @Test
  void anOrderedProfile_keepsItsOutOfFoldRows_byDefault_andGivesThemUpForHeldOut() {
    Table table = rows(N, new SplittableRandom(3));
    PipelineRun ordered = pipeline(table, 7).profileOrder(ProfileOrder.tableOrder()).build().run();
    PipelineRun heldOut = pipeline(table, 7).profileOrder(ProfileOrder.tableOrder())
        .estimateRows(EstimateRows.heldOut()).build().run();

    assertThat(ordered.profile().estimateSample().orElseThrow().rows()).isEqualTo(400);
    assertThat(ordered.profile().estimateSample().orElseThrow().origin())
        .isEqualTo(SampleOrigin.outOfFold(400, 5));
    assertThat(heldOut.profile().estimateSample().orElseThrow().origin())
        .isEqualTo(SampleOrigin.heldOut(100));
    assertThat(ordered.model().descriptor().metadata().get(EstimateRows.METADATA_KEY))
        .isEqualTo("estimate sample of 400 rows: 400 training rows' out-of-fold scores"
            + " (5 folds of 4 interleaved blocks)");
    assertThat(heldOut.profile().estimateSample().orElseThrow().rows()).isEqualTo(100);
    // the prediction column (and its chunks) stay the ordered rows' out-of-fold predictions
    assertThat(heldOut.profile().chunks()).isEqualTo(ordered.profile().chunks());
  }

  /**
   * The monitor's estimate on a large window drawn like the reference, against the oracle accuracy
   * (the mean true chance that each row's predicted class is right, from {@link #truth}), over 12
   * seeds of 1,500-row references: the former default's 300-row sample sets the estimate's level to
   * that sample's own accuracy (binomial sd about 0.023 here), the default's 1,500 rows to a
   * steadier one. (At 500 rows the former default had no estimate: 100 rows are under the
   * monitor's 200-row minimum.)
   */
  @Test
  void byDefault_theLabelFreeEstimate_followsTheModelsAccuracy_notTheHeldOutSplitsNoise() {
    double heldOutError = 0;
    double defaultError = 0;
    StringBuilder seen = new StringBuilder();
    for (long seed = 1; seed <= 12; seed++) {
      Table table = rows(1_500, new SplittableRandom(seed));
      Table window = rows(4_000, new SplittableRandom(1_000 + seed));
      double[] byDefault = estimateAndOracle(pipeline(table, seed).build().run(), window);
      double[] byHeldOut = estimateAndOracle(
          pipeline(table, seed).estimateRows(EstimateRows.heldOut()).build().run(), window);
      defaultError += Math.abs(byDefault[0] - byDefault[1]) / 12;
      heldOutError += Math.abs(byHeldOut[0] - byHeldOut[1]) / 12;
      seen.append(String.format("seed %d oracle %.4f default %.4f held-out %.4f%n", seed,
          byDefault[1], byDefault[0], byHeldOut[0]));
    }
    assertThat(defaultError).as(seen.toString()).isLessThan(0.015);
    assertThat(heldOutError).as(seen.toString()).isGreaterThan(defaultError * 1.5);
  }

  /** The window's estimate and its oracle accuracy through the run's default monitor. */
  private static double[] estimateAndOracle(PipelineRun run, Table window) {
    TrainedClassifier model = (TrainedClassifier) run.model();
    DriftMonitor monitor = DriftMonitor.builder(run.profile())
        .window(Window.tumblingCount(Integer.MAX_VALUE)).build();
    double oracle = 0;
    for (int r = 0; r < window.rowCount(); r++) {
      Map<String, Object> row = new LinkedHashMap<>(window.row(r));
      row.remove("y");
      double[] p = model.probabilities(row);
      double chance = truth(window.numeric(r, 0), window.numeric(r, 1));
      oracle += (p[1] >= 0.5 ? chance : 1 - chance) / window.rowCount();
      monitor.record(row, Prediction.ofProbabilities(p), "r" + r);
    }
    DriftReport report = monitor.closeWindow().orElseThrow();
    // the report says what the estimate rests on
    EstimateSample s = run.profile().estimateSample().orElseThrow();
    assertThat(report.performance().estimationMethod()).endsWith("; estimate sample: "
        + s.rows() + " of " + s.offered() + " reference rows, " + s.origin().describe());
    assertThat(s.origin().isUnknown()).isFalse();
    AccuracyEstimate e = report.performance().accuracyEstimate();
    return new double[] {e.estimate(), oracle};
  }

  private static TrainingSet set(Table t, int[] rows) {
    double[][] x = new double[rows.length][];
    int[] y = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      x[i] = x(t, rows[i]);
      y[i] = (int) t.numeric(rows[i], t.indexOf("y"));
    }
    return new TrainingSet(x, List.of("x0", "x1"), Task.CLASSIFICATION, y, null, List.of("0", "1"));
  }

  private static double[] x(Table t, int r) {
    return new double[] {t.numeric(r, t.indexOf("x0")), t.numeric(r, t.indexOf("x1"))};
  }
}
