package dev.mlops.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mlops.core.data.Table;
import dev.mlops.core.model.TrainedRegressor;
import dev.mlops.core.split.Split;
import dev.mlops.core.train.Trainers;
import dev.mlops.drift.monitor.DriftMonitor;
import dev.mlops.drift.monitor.DriftReport;
import dev.mlops.drift.monitor.Prediction;
import dev.mlops.drift.monitor.Window;
import dev.mlops.drift.profile.ReferenceChunks;
import dev.mlops.drift.profile.ReferenceProfile;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class ProfileOrderTest {

  private static final int N = 4_000;

  /**
   * N hourly rows given in a shuffled order: a timestamp {@code t}, an AR(1) feature {@code x}
   * (rho 0.98), a categorical {@code shift} that changes every 500 hours, {@code y = 2 x + noise}.
   */
  private static Table shuffledSeries(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] t = new double[N];
    double[] x = new double[N];
    String[] shift = new String[N];
    double[] y = new double[N];
    double s = 0;
    for (int i = 0; i < N; i++) {
      s = 0.98 * s + Math.sqrt(1 - 0.98 * 0.98) * TestData.gaussian(rnd);
      t[i] = i * 3_600_000.0;
      x[i] = s;
      shift[i] = "s" + (i / 500) % 3;
      y[i] = 2 * s + 0.1 * TestData.gaussian(rnd);
    }
    int[] perm = IntStream.range(0, N).toArray();
    for (int i = N - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    return Table.builder().timestamp("t", t).numeric("x", x).categorical("shift", shift)
        .numeric("y", y).build().rows(perm);
  }

  private static Pipeline.Builder pipeline(Table table) {
    return Pipeline.builder("series").source(table).target("y").features("x", "shift")
        .transform(t -> t.oneHot("shift")).split(Split.byTime("t").testFraction(0.2))
        .train(Trainers.ols()).seed(7);
  }

  @Test
  void timeSplit_profilesTheTrainingRowsInTimeOrder_withTheSameSummariesAsByColumns() {
    Table table = shuffledSeries(1L);
    PipelineRun ordered = pipeline(table)
        .profileOrder(ProfileOrder.auto().withPredictions(ProfilePredictions.inSample())).build().run();
    PipelineRun byColumns = pipeline(table).profileOrder(ProfileOrder.none()).build().run();

    ReferenceChunks chunks = ordered.profile().chunks().orElseThrow();
    assertThat(chunks.count()).isEqualTo(50); // 3,200 training rows in chunks of 64
    // the model's predictions of the training rows go in the same rows: the same chunks (here the
    // final model's in-sample predictions; out-of-fold by default, see ProfilePredictionsTest)
    assertThat(chunks.columns()).contains("x", "shift", ReferenceProfile.LABEL,
        ReferenceProfile.PREDICTION);
    assertThat(ordered.profile().prediction().orElseThrow().total()).isEqualTo(3_200);
    assertThat(byColumns.profile().prediction().orElseThrow().total()).isEqualTo(800); // held out
    TrainedRegressor model = (TrainedRegressor) ordered.model();
    double firstPredicted = IntStream.range(0, N).boxed()
        .sorted(Comparator.comparingDouble(r -> table.numeric(r, table.indexOf("t"))))
        .limit(64).mapToDouble(r -> model.predict(table.row(r))).average().orElseThrow();
    assertThat(chunks.piece(ReferenceProfile.PREDICTION, 0).mean())
        .isCloseTo(firstPredicted, within(1e-9));
    // the first chunk holds the 64 earliest hours
    double[] earliest = IntStream.range(0, N).boxed()
        .sorted(Comparator.comparingDouble(r -> table.numeric(r, table.indexOf("t"))))
        .limit(64).mapToDouble(r -> table.numeric(r, table.indexOf("x"))).toArray();
    assertThat(chunks.piece("x", 0).mean())
        .isCloseTo(Arrays.stream(earliest).average().orElseThrow(), within(1e-12));
    assertThat(byColumns.profile().chunks()).isEmpty();
    // the same summaries either way (moments summed in another order: to 1e-12 relative), but for
    // the longest run of one value, taken in time order
    for (String name : List.of("x", "shift", ReferenceProfile.LABEL)) {
      assertThat(ordered.profile().feature(name).orElseThrow()).usingRecursiveComparison()
          .ignoringFields("longestRun", "longestRunValue")
          .withComparatorForType(ProfileOrderTest::closeEnough, Double.class)
          .isEqualTo(byColumns.profile().feature(name).orElseThrow());
    }
    assertThat(ordered.profile().feature("shift").orElseThrow().longestRun()).isEqualTo(500);
    assertThat(byColumns.profile().feature("shift").orElseThrow().longestRun()).isLessThan(20);
    assertThat(ordered.stages().stream().filter(s -> s.stage() == Stage.PROFILE).findFirst()
        .orElseThrow().detail()).isEqualTo("2 features, rows by t (50 chunks), in-sample predictions");
    assertThat(byColumns.stages().stream().filter(s -> s.stage() == Stage.PROFILE).findFirst()
        .orElseThrow().detail()).isEqualTo("2 features, no row order");
  }

  @Test
  void deployedMonitor_onTheOrderedProfile_staysQuietOnItsOwnRows_whereTheUnorderedOneFlags() {
    Table table = shuffledSeries(2L);
    PipelineRun ordered = pipeline(table).build().run();
    PipelineRun byColumns = pipeline(table).profileOrder(ProfileOrder.none()).build().run();
    // the training rows (the earliest 3,200 hours) replayed in time order, windows of 200 rows
    int[] train = IntStream.range(0, N).boxed()
        .sorted(Comparator.comparingDouble(r -> table.numeric(r, table.indexOf("t"))))
        .limit(3_200).mapToInt(Integer::intValue).toArray();

    long orderedFlags = flagged(ordered, table, train);
    long unorderedFlags = flagged(byColumns, table, train);

    assertThat(orderedFlags).isLessThanOrEqualTo(1);
    assertThat(unorderedFlags).isGreaterThanOrEqualTo(8);
  }

  private static int closeEnough(Double a, Double b) {
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)) || a.equals(b) ? 0 : a.compareTo(b);
  }

  private static long flagged(PipelineRun run, Table table, int[] rows) {
    TrainedRegressor model = (TrainedRegressor) run.model();
    DriftMonitor monitor = DriftMonitor.builder(model.profile()).window(Window.tumblingCount(200))
        .history(16).ignoreFields("t", "y").build();
    for (int r : rows) {
      Map<String, Object> row = table.row(r);
      monitor.record(row, Prediction.ofValue(model.predict(row)), null);
    }
    List<DriftReport> reports = monitor.history();
    assertThat(reports).hasSize(16);
    return reports.stream().filter(DriftReport::datasetDrift).count();
  }

  @Test
  void withoutATimeColumn_theProfileHasNoOrder_unlessTableOrderIsAsked() {
    Table table = TestData.mixed(600, 3L);
    Pipeline.Builder b = Pipeline.builder("mixed").source(table).target("y")
        .features("x1", "x2", "colour").transform(t -> t.oneHot("colour")).train(Trainers.ols());

    assertThat(b.build().run().profile().chunks()).isEmpty();
    PipelineRun inOrder = b.profileOrder(ProfileOrder.tableOrder()).build().run();
    assertThat(inOrder.profile().chunks().orElseThrow().count()).isEqualTo(8); // 480 rows
    assertThat(b.build().definitionFingerprint())
        .isNotEqualTo(b.profileOrder(ProfileOrder.auto()).build().definitionFingerprint());
  }

  @Test
  void anOrderColumnThatIsCategoricalOrMissing_failsTheProfileStage_namingIt() {
    Table table = TestData.mixed(200, 4L);
    Pipeline.Builder b = Pipeline.builder("mixed").source(table).target("y")
        .features("x1", "x2").train(Trainers.ols());

    assertThatThrownBy(() -> b.profileOrder(ProfileOrder.byColumn("colour")).build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("profile order column must be a timestamp or numeric column: 'colour'");
    assertThatThrownBy(() -> b.profileOrder(ProfileOrder.byColumn("when")).build().run())
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("profile order column must exist in the table: 'when'");
    assertThatThrownBy(() -> ProfileOrder.byColumn(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("profile order column must not be blank: ' '");
  }
}
