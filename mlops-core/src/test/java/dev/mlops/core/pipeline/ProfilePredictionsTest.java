package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedClassifier;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.FittedRegressor;
import dev.mlops.core.train.Task;
import dev.mlops.core.train.Trainers;
import dev.mlops.core.train.TrainingSet;
import dev.mlops.drift.profile.CategoricalProfile;
import dev.mlops.drift.profile.NumericProfile;
import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class ProfilePredictionsTest {

  private static final int N = 4_000;
  private static final int TRAIN = 3_200; // time split, the last 20% held out

  /** N rows in time order: t, an AR(1) x (rho 0.9), y = 2 x + noise, its sign and its tercile. */
  private static Table series(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] t = new double[N];
    double[] x = new double[N];
    double[] y = new double[N];
    String[] sign = new String[N];
    String[] tercile = new String[N];
    double s = 0;
    for (int i = 0; i < N; i++) {
      s = 0.9 * s + Math.sqrt(1 - 0.81) * TestData.gaussian(rnd);
      t[i] = i * 60_000.0;
      x[i] = s;
      y[i] = 2 * s + TestData.gaussian(rnd);
      sign[i] = y[i] > 0 ? "up" : "down";
      tercile[i] = y[i] < -0.9 ? "low" : y[i] < 0.9 ? "mid" : "high";
    }
    return Table.builder().timestamp("t", t).numeric("x", x).numeric("y", y)
        .categorical("sign", sign).categorical("tercile", tercile).build();
  }

  private static Pipeline.Builder regression(Table table) {
    return Pipeline.builder("series").source(table).target("y").features("x")
        .split(Split.byTime("t").testFraction(0.2)).train(Trainers.ols()).seed(7);
  }

  private static Pipeline.Builder classifier(Table table, String target) {
    return Pipeline.builder("series").source(table).target(target).features("x")
        .split(Split.byTime("t").testFraction(0.2)).train(Trainers.logisticRegression()).seed(7);
  }

  private static String profileDetail(PipelineRun run) {
    return run.stages().stream().filter(s -> s.stage() == Stage.PROFILE).findFirst().orElseThrow().detail();
  }

  /** The mean OLS prediction of rows [from, to) by a model fitted on the training rows outside the held blocks. */
  private static double olsMeanPrediction(Table table, boolean[] held, int from, int to) {
    int[] rows = IntStream.range(0, TRAIN).filter(r -> !held[r]).toArray();
    double[][] x = new double[rows.length][];
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      x[i] = new double[] {table.numeric(rows[i], table.indexOf("x"))};
      y[i] = table.numeric(rows[i], table.indexOf("y"));
    }
    FittedRegressor fold = (FittedRegressor) Trainers.ols()
        .fit(new TrainingSet(x, List.of("x"), Task.REGRESSION, null, y, List.of()), 8L);
    return IntStream.range(from, to)
        .mapToDouble(r -> fold.predict(new double[] {table.numeric(r, table.indexOf("x"))})).average().orElseThrow();
  }

  @Test
  void byDefault_eachFoldIsFourInterleavedBlocks_soEveryFoldsModelSeesEveryPartOfThePeriod() {
    Table table = series(1L);
    PipelineRun run = regression(table).build().run();

    ReferenceChunks chunks = run.profile().chunks().orElseThrow();
    assertThat(profileDetail(run))
        .isEqualTo("1 features, rows by t (50 chunks), out-of-fold predictions (5 folds of 4 interleaved blocks)");
    // 20 blocks of 160 rows; fold 0 holds blocks 0, 5, 10 and 15, and its model is fitted on the other 16 blocks
    boolean[] fold0 = new boolean[TRAIN];
    for (int b = 0; b < 20; b += 5) {
      Arrays.fill(fold0, b * 160, (b + 1) * 160, true);
    }
    assertThat(chunks.piece(ReferenceProfile.PREDICTION, 0).mean())
        .isCloseTo(olsMeanPrediction(table, fold0, 0, 64), within(1e-9));
    // the last chunk (rows 3136..3199, block 19) belongs to fold 4: blocks 4, 9, 14 and 19
    boolean[] fold4 = new boolean[TRAIN];
    for (int b = 4; b < 20; b += 5) {
      Arrays.fill(fold4, b * 160, (b + 1) * 160, true);
    }
    assertThat(chunks.piece(ReferenceProfile.PREDICTION, 49).mean())
        .isCloseTo(olsMeanPrediction(table, fold4, TRAIN - 64, TRAIN), within(1e-9));
    // five contiguous folds would have fitted fold 0's model on rows 640..3199 only: another number
    boolean[] contiguous0 = new boolean[TRAIN];
    Arrays.fill(contiguous0, 0, 640, true);
    assertThat(Math.abs(olsMeanPrediction(table, contiguous0, 0, 64) - chunks.piece(ReferenceProfile.PREDICTION, 0).mean()))
        .isGreaterThan(1e-6);
  }

  @Test
  void contiguousFolds_eachContiguousBlockOfTheOrderedRows_isPredictedByAModelFittedOnTheOtherBlocks() {
    Table table = series(1L);
    PipelineRun run = regression(table)
        .profileOrder(ProfileOrder.auto().withPredictions(ProfilePredictions.outOfFold(5))).build().run();

    ReferenceChunks chunks = run.profile().chunks().orElseThrow();
    assertThat(chunks.columns()).contains(ReferenceProfile.PREDICTION);
    assertThat(profileDetail(run))
        .isEqualTo("1 features, rows by t (50 chunks), out-of-fold predictions (5 contiguous folds)");
    // fold 0 is the first 640 training rows; its model is fitted on rows 640..3199 only
    boolean[] fold0 = new boolean[TRAIN];
    Arrays.fill(fold0, 0, 640, true);
    double expected = olsMeanPrediction(table, fold0, 0, 64);
    assertThat(chunks.piece(ReferenceProfile.PREDICTION, 0).mean()).isCloseTo(expected, within(1e-9));
    // the last fold (rows 2560..3199) is predicted by a model of rows 0..2559
    boolean[] fold4 = new boolean[TRAIN];
    Arrays.fill(fold4, 2_560, TRAIN, true);
    assertThat(chunks.piece(ReferenceProfile.PREDICTION, 49).mean())
        .isCloseTo(olsMeanPrediction(table, fold4, TRAIN - 64, TRAIN), within(1e-9));
    // and the final model's in-sample prediction of those rows is another number
    double inSample = IntStream.range(0, 64).mapToDouble(r -> ((dev.mlops.core.model.TrainedRegressor) run.model())
        .predict(table.row(r))).average().orElseThrow();
    assertThat(Math.abs(inSample - expected)).isGreaterThan(1e-6);
  }

  @Test
  void inSampleChoice_holdsTheFinalModelsPredictions_andHeldOutChoice_theHeldOutColumn() {
    Table table = series(2L);
    PipelineRun inSample = classifier(table, "sign")
        .profileOrder(ProfileOrder.auto().withPredictions(ProfilePredictions.inSample())).build().run();
    PipelineRun heldOut = classifier(table, "sign")
        .profileOrder(ProfileOrder.auto().withPredictions(ProfilePredictions.heldOut())).build().run();

    TrainedClassifier model = (TrainedClassifier) inSample.model();
    double expected = IntStream.range(0, 64).mapToDouble(r -> model.probabilities(table.row(r))[1])
        .average().orElseThrow();
    assertThat(inSample.profile().chunks().orElseThrow().piece(ReferenceProfile.PREDICTION, 0).mean())
        .isCloseTo(expected, within(1e-12));
    assertThat(profileDetail(inSample)).contains("in-sample predictions; estimate sample");
    assertThat(heldOut.profile().chunks().orElseThrow().columns()).doesNotContain(ReferenceProfile.PREDICTION);
    assertThat(heldOut.profile().prediction().orElseThrow().total()).isEqualTo(N - TRAIN);
    assertThat(profileDetail(heldOut)).contains("held-out predictions; estimate sample");
  }

  @Test
  void twoClasses_profileTheProbabilityOfClassOne_inTheOrderedRows_asTheMonitorRecordsIt() {
    Table table = series(3L);
    PipelineRun run = classifier(table, "sign").build().run();

    // classes sorted: [down, up]; the monitor records P(up) for two classes
    assertThat(((TrainedClassifier) run.model()).classes()).containsExactly("down", "up");
    NumericProfile prediction = (NumericProfile) run.profile().prediction().orElseThrow();
    assertThat(prediction.total()).isEqualTo(TRAIN);
    assertThat(prediction.min()).isGreaterThanOrEqualTo(0.0);
    assertThat(prediction.max()).isLessThanOrEqualTo(1.0);
    ReferenceChunks chunks = run.profile().chunks().orElseThrow();
    assertThat(chunks.columns()).contains(ReferenceProfile.PREDICTION, ReferenceProfile.LABEL);
    // P(up) follows x: the chunk of highest mean x has a higher mean P(up) than the lowest
    double[] xMeans = IntStream.range(0, chunks.count()).mapToDouble(c -> chunks.piece("x", c).mean()).toArray();
    int hi = Gate.argmax(new double[][] {xMeans})[0];
    int lo = Gate.argmax(new double[][] {Arrays.stream(xMeans).map(v -> -v).toArray()})[0];
    assertThat(chunks.piece(ReferenceProfile.PREDICTION, hi).mean())
        .isGreaterThan(chunks.piece(ReferenceProfile.PREDICTION, lo).mean() + 0.3);
  }

  @Test
  void moreClasses_profileTheArgMaxClass_inTheOrderedRows() {
    Table table = series(4L);
    PipelineRun run = classifier(table, "tercile").build().run();

    CategoricalProfile prediction = (CategoricalProfile) run.profile().prediction().orElseThrow();
    assertThat(prediction.total()).isEqualTo(TRAIN);
    assertThat(prediction.categories()).hasSizeGreaterThanOrEqualTo(2).isSubsetOf("0", "1", "2");
    assertThat(run.profile().chunks().orElseThrow().columns()).contains(ReferenceProfile.PREDICTION);
  }

  @Test
  void aFoldWhoseTrainingRowsHoldOneClass_fallsBackToInSamplePredictions_andSaysWhy() {
    Table base = series(5L);
    // "rare" only in the first 60 rows: fold 0's model would be fitted on "common" alone
    String[] rare = IntStream.range(0, N).mapToObj(i -> i < 60 ? "rare" : "common").toArray(String[]::new);
    Table table = Table.builder().timestamp("t", base.numericColumn("t")).numeric("x", base.numericColumn("x"))
        .categorical("kind", rare).build();
    PipelineRun run = Pipeline.builder("rare").source(table).target("kind").features("x")
        .split(Split.byTime("t").testFraction(0.2)).train(Trainers.decisionTree()).seed(7).build().run();

    assertThat(profileDetail(run)).contains("in-sample predictions (out-of-fold failed: ");
    assertThat(run.profile().chunks().orElseThrow().columns()).contains(ReferenceProfile.PREDICTION);
  }

  @Test
  void choices_areValidated_named_andPartOfTheDefinition() {
    assertThatThrownBy(() -> ProfilePredictions.outOfFold(1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("profile prediction folds must be in [2, 100]: 1");
    assertThatThrownBy(() -> ProfilePredictions.outOfFold(101)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("profile prediction folds must be in [2, 100]: 101");
    assertThatThrownBy(() -> ProfileOrder.auto().withPredictions(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ProfilePredictions.outOfFold(5, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("profile prediction blocks per fold must be in [1, 100]: 0");
    assertThat(ProfilePredictions.defaults()).isEqualTo(ProfilePredictions.outOfFold(5, 4))
        .isNotEqualTo(ProfilePredictions.outOfFold(5));
    assertThat(ProfileOrder.auto().predictions()).isEqualTo(ProfilePredictions.outOfFold(5, 4));
    assertThat(ProfilePredictions.defaults())
        .hasToString("out-of-fold predictions (5 folds of 4 interleaved blocks)");
    assertThat(ProfileOrder.byColumn("t").withPredictions(ProfilePredictions.outOfFold(10)))
        .hasToString("by t, out-of-fold predictions (10 contiguous folds)");
    assertThat(ProfileOrder.auto().withPredictions(ProfilePredictions.inSample()))
        .hasToString("auto, in-sample predictions");
    Table table = series(6L);
    String plain = regression(table).build().definitionFingerprint();
    assertThat(regression(table).profileOrder(ProfileOrder.auto().withPredictions(ProfilePredictions.defaults()))
        .build().definitionFingerprint()).isEqualTo(plain);
    assertThat(regression(table).profileOrder(ProfileOrder.auto().withPredictions(ProfilePredictions.inSample()))
        .build().definitionFingerprint()).isNotEqualTo(plain);
    assertThat(regression(table).profileOrder(ProfileOrder.auto().withPredictions(ProfilePredictions.outOfFold(5)))
        .build().definitionFingerprint()).isNotEqualTo(plain);
  }
}
